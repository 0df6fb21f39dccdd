//! The routes: the JSON API, and the pages over it.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use realname::SubjectKind;
use realname::policy::Provider;
use realname_driver::DriverStore;
use serde::Deserialize;
use serde_json::json;

use crate::html::{escape, page};
use crate::service::{ApiError, FileIn, Msg, NewApplication, Service, View, beijing, provider};

type Svc<S> = State<Arc<Service<S>>>;

/// The largest request body: uploads of up to 10 MB and some more.
const BODY_LIMIT: usize = 24 * 1024 * 1024;

/// The routes of the demo over `service`.
pub fn router<S: DriverStore + 'static>(service: Arc<Service<S>>) -> Router {
    Router::new()
        .route("/api/profiles", get(api_profiles::<S>))
        .route("/api/options", get(api_options::<S>))
        .route(
            "/api/applications",
            get(api_list::<S>).post(api_create::<S>),
        )
        .route("/api/applications/{id}", get(api_get::<S>))
        .route("/api/applications/{id}/submit", post(api_submit::<S>))
        .route("/api/applications/{id}/sms", post(api_sms::<S>))
        .route("/api/applications/{id}/liveness", post(api_liveness::<S>))
        .route("/api/applications/{id}/amount", post(api_amount::<S>))
        .route("/api/applications/{id}/upload", post(api_upload::<S>))
        .route("/api/applications/{id}/payout", post(api_payout::<S>))
        .route("/api/applications/{id}/pay", post(api_pay::<S>))
        .route("/api/reviews", get(api_reviews::<S>))
        .route("/api/reviews/{flow}/{action}", post(api_decide::<S>))
        .route("/", get(page_index::<S>))
        .route("/applications", post(form_create::<S>))
        .route("/applications/{id}", get(page_application::<S>))
        .route("/applications/{id}/{step}", post(form_step::<S>))
        .route("/operator", get(page_operator::<S>))
        .route("/operator/{flow}/{action}", post(form_decide::<S>))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(service)
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(json!({ "error": self.msg }))).into_response()
    }
}

fn json_view(r: Result<View, ApiError>) -> Response {
    match r {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response(),
    }
}

// ---- the API ----

async fn api_profiles<S: DriverStore + 'static>(State(svc): Svc<S>) -> Response {
    Json(svc.profiles()).into_response()
}

/// The query of the index page and of `/api/options`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Choose {
    provider: String,
    subject: String,
}

fn chosen(q: &Choose) -> (Provider, SubjectKind) {
    let p = provider(&q.provider).unwrap_or(Provider::Baidu);
    let s = if q.subject == "organization" {
        SubjectKind::Organization
    } else {
        SubjectKind::Individual
    };
    (p, s)
}

async fn api_options<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Query(q): Query<Choose>,
) -> Response {
    let (p, s) = chosen(&q);
    let (allowed, refused) = svc.options(p, s);
    Json(json!({
        "provider": p.id(),
        "subject": s,
        "allowed": allowed.iter().map(|m| m.id()).collect::<Vec<_>>(),
        "refused": refused.iter().map(|(m, msg)| json!({"method": m.id(), "refusal": msg})).collect::<Vec<_>>(),
    }))
    .into_response()
}

async fn api_list<S: DriverStore + 'static>(State(svc): Svc<S>) -> Response {
    Json(svc.list()).into_response()
}

async fn api_create<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Json(req): Json<NewApplication>,
) -> Response {
    match svc.create(&req).await {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn api_get<S: DriverStore + 'static>(State(svc): Svc<S>, Path(id): Path<String>) -> Response {
    json_view(svc.get(&id).await)
}

/// The body of the step calls; each takes the fields it needs.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StepBody {
    fen: Option<u32>,
    request: Option<String>,
    code: String,
    status: String,
    other_name: bool,
}

async fn api_submit<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Path(id): Path<String>,
    body: Option<Json<StepBody>>,
) -> Response {
    let b = body.map(|Json(b)| b).unwrap_or_default();
    json_view(svc.submit(&id, b.fen, b.request.as_deref()).await)
}

async fn api_sms<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Path(id): Path<String>,
    Json(b): Json<StepBody>,
) -> Response {
    json_view(svc.sms(&id, &b.code).await)
}

async fn api_liveness<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Path(id): Path<String>,
) -> Response {
    json_view(svc.liveness(&id).await)
}

async fn api_amount<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Path(id): Path<String>,
    Json(b): Json<StepBody>,
) -> Response {
    match b.fen {
        Some(fen) => json_view(svc.amount(&id, fen).await),
        None => ApiError {
            status: 422,
            msg: Msg {
                code: "amount_missing".into(),
                zh: "请输入金额（分）".into(),
                en: "the amount (fen) is missing".into(),
                basis: None,
            },
        }
        .into_response(),
    }
}

async fn api_payout<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Path(id): Path<String>,
    Json(b): Json<StepBody>,
) -> Response {
    json_view(svc.settle_payout(&id, b.status != "failed").await)
}

async fn api_pay<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Path(id): Path<String>,
    body: Option<Json<StepBody>>,
) -> Response {
    let b = body.map(|Json(b)| b).unwrap_or_default();
    json_view(svc.pay(&id, b.fen, b.other_name).await)
}

#[derive(Debug, Deserialize)]
struct UploadBody {
    files: Vec<FileIn>,
}

/// The files of a multipart form, or of a JSON body.
async fn files_of(req: Request) -> Result<Vec<FileIn>, ApiError> {
    let bad = |e: &dyn std::fmt::Display| ApiError {
        status: 400,
        msg: Msg {
            code: "bad_upload".into(),
            zh: format!("上传的内容无法读取：{e}"),
            en: format!("the upload could not be read: {e}"),
            basis: None,
        },
    };
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/"));
    if !multipart {
        let Json(b) = Json::<UploadBody>::from_request(req, &())
            .await
            .map_err(|e| bad(&e))?;
        return Ok(b.files);
    }
    let mut m = Multipart::from_request(req, &())
        .await
        .map_err(|e| bad(&e))?;
    let mut files = Vec::new();
    while let Some(mut field) = m.next_field().await.map_err(|e| bad(&e))? {
        let part = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let content_type = field.content_type().unwrap_or_default().to_owned();
        // Only the size is checked (the demo keeps no file): count the
        // bytes as they stream, holding none of them.
        let mut bytes = 0u64;
        while let Some(chunk) = field.chunk().await.map_err(|e| bad(&e))? {
            bytes = bytes.saturating_add(chunk.len() as u64);
        }
        if file_name.is_empty() && bytes == 0 {
            continue; // a file input left empty
        }
        files.push(FileIn {
            part,
            file_name,
            bytes,
            content_type,
        });
    }
    Ok(files)
}

async fn api_upload<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    match files_of(req).await {
        Ok(files) => json_view(svc.upload(&id, &files).await),
        Err(e) => e.into_response(),
    }
}

async fn api_reviews<S: DriverStore + 'static>(State(svc): Svc<S>) -> Response {
    Json(svc.reviews().await).into_response()
}

fn decision(action: &str) -> Result<bool, ApiError> {
    match action {
        "approve" => Ok(true),
        "reject" => Ok(false),
        other => Err(ApiError {
            status: 404,
            msg: Msg {
                code: "unknown_decision".into(),
                zh: format!("未知的审核操作 {other}"),
                en: format!("unknown decision {other:?}: approve or reject"),
                basis: None,
            },
        }),
    }
}

async fn api_decide<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Path((flow, action)): Path<(String, String)>,
) -> Response {
    match decision(&action) {
        Ok(approve) => json_view(svc.decide(&flow, approve).await),
        Err(e) => e.into_response(),
    }
}

// ---- the pages ----

const DEMO_NAME: &str = "张三";
const DEMO_ID: &str = "11010519491231002X";

fn input(id: &str, name: &str, label: &str, value: &str) -> String {
    format!(
        "<label for=\"{id}\">{label}</label><input id=\"{id}\" name=\"{name}\" value=\"{v}\">",
        id = escape(id),
        name = escape(name),
        label = escape(label),
        v = escape(value),
    )
}

fn msg_box(class: &str, m: &Msg) -> String {
    format!(
        "<div class=\"{class}\" id=\"message\" data-code=\"{code}\">{zh}<br><span class=\"small\">{en} ({code})</span></div>",
        class = escape(class),
        code = escape(&m.code),
        zh = escape(&m.zh),
        en = escape(&m.en),
    )
}

fn index_html<S: DriverStore + 'static>(
    svc: &Service<S>,
    q: &Choose,
    form: Option<&NewApplication>,
    error: Option<&Msg>,
) -> String {
    let (p, s) = chosen(q);
    let (allowed, refused) = svc.options(p, s);
    let mut b = String::new();
    b.push_str("<p>选择服务商与主体类型，查看规则允许的认证方式（以及规则拒绝的方式与原因），然后提交申请。</p>");
    b.push_str("<form method=\"get\" action=\"/\" id=\"choose-form\"><label for=\"provider\">服务商</label><select id=\"provider\" name=\"provider\">");
    for prov in Provider::all() {
        let _ = write!(
            b,
            "<option value=\"{}\"{}>{}</option>",
            escape(prov.id()),
            if *prov == p { " selected" } else { "" },
            escape(prov.name_zh())
        );
    }
    b.push_str(
        "</select><label for=\"subject\">主体类型</label><select id=\"subject\" name=\"subject\">",
    );
    for (v, zh, k) in [
        ("individual", "个人", SubjectKind::Individual),
        ("organization", "企业/组织", SubjectKind::Organization),
    ] {
        let _ = write!(
            b,
            "<option value=\"{v}\"{}>{zh}</option>",
            if k == s { " selected" } else { "" }
        );
    }
    b.push_str("</select> <button type=\"submit\" id=\"choose\">查看认证方式</button></form>");

    if !refused.is_empty() {
        b.push_str("<h2>规则不允许的方式</h2><ul id=\"refusals\">");
        for (m, msg) in &refused {
            let _ = write!(
                b,
                "<li class=\"refusal\" data-method=\"{}\">{}：{} <span class=\"small\">({})</span></li>",
                escape(m.id()),
                escape(m.name_zh()),
                escape(&msg.zh),
                escape(&msg.code)
            );
        }
        b.push_str("</ul>");
    }
    if let Some(e) = error {
        b.push_str(&msg_box("refusal", e));
    }
    if allowed.is_empty() {
        b.push_str("<p>此服务商没有可供演示的方式。</p>");
        return page("实名认证演示", &b);
    }
    let empty = NewApplication::default();
    let f = form.unwrap_or(&empty);
    let or = |v: &str, d: &str| {
        if v.is_empty() {
            d.to_owned()
        } else {
            v.to_owned()
        }
    };
    let _ = write!(
        b,
        "<h2>提交申请：{}</h2><form method=\"post\" action=\"/applications\" id=\"apply-form\">\
         <input type=\"hidden\" name=\"provider\" value=\"{}\"><input type=\"hidden\" name=\"subject\" value=\"{}\">\
         <label for=\"method\">认证方式</label><select id=\"method\" name=\"method\">",
        escape(p.name_zh()),
        escape(p.id()),
        if s == SubjectKind::Organization {
            "organization"
        } else {
            "individual"
        },
    );
    for m in &allowed {
        let _ = write!(
            b,
            "<option value=\"{}\"{}>{}</option>",
            escape(m.id()),
            if f.method == m.id() { " selected" } else { "" },
            escape(m.name_zh())
        );
    }
    b.push_str("</select>");
    b.push_str(&input(
        "account",
        "account",
        "云账号",
        &or(&f.account, "demo-account-1"),
    ));
    if s == SubjectKind::Organization {
        b.push_str(&input(
            "org-name",
            "org_name",
            "单位名称",
            &or(&f.org_name, "福建某某科技有限公司"),
        ));
        b.push_str(&input(
            "uscc",
            "uscc",
            "统一社会信用代码",
            &or(&f.uscc, "91350100M000100Y43"),
        ));
        b.push_str(&input(
            "name",
            "name",
            "法定代表人姓名",
            &or(&f.name, DEMO_NAME),
        ));
        b.push_str(&input(
            "id-number",
            "id_number",
            "法定代表人身份证号",
            &or(&f.id_number, DEMO_ID),
        ));
        b.push_str(&input(
            "payee-bank",
            "payee_bank",
            "对公账户开户行（对公打款用）",
            &or(&f.payee_bank, "招商银行福州分行"),
        ));
        b.push_str(&input(
            "payee-account",
            "payee_account",
            "对公账号（对公打款用）",
            &or(&f.payee_account, "591902345610201"),
        ));
    } else {
        b.push_str(&input("name", "name", "姓名", &or(&f.name, DEMO_NAME)));
        b.push_str(&input(
            "id-number",
            "id_number",
            "身份证号",
            &or(&f.id_number, DEMO_ID),
        ));
        b.push_str(&input(
            "card",
            "card",
            "银行卡号（银行卡认证用）",
            &or(&f.card, "6217000012345678907"),
        ));
    }
    b.push_str(&input(
        "mobile",
        "mobile",
        "手机号（短信验证码用）",
        &or(&f.mobile, "13812345678"),
    ));
    b.push_str(
        "<p class=\"small\">表单已填入演示数据（均为虚构）。页面只显示脱敏后的姓名与证件号。\
         演示的四个服务商共用一个存储：同一证件的已认证账号数跨服务商累计。</p>",
    );
    b.push_str("<button type=\"submit\" id=\"submit\">开始认证</button></form>");

    let list = svc.list();
    if !list.is_empty() {
        b.push_str("<h2>最近的申请</h2><ul id=\"applications\">");
        for i in list.iter().take(20) {
            let _ = write!(
                b,
                "<li><a href=\"/applications/{id}\">{id}</a> {} · {} · {} {}</li>",
                escape(i.provider.name_zh()),
                escape(i.method.name_zh()),
                escape(&i.name),
                escape(&i.document),
                id = escape(&i.id),
            );
        }
        b.push_str("</ul>");
    }
    page("实名认证演示", &b)
}

async fn page_index<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Query(q): Query<Choose>,
) -> Html<String> {
    Html(index_html(&svc, &q, None, None))
}

async fn form_create<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Form(req): Form<NewApplication>,
) -> Response {
    match svc.create(&req).await {
        Ok(v) => Redirect::to(&format!("/applications/{}", v.info.id)).into_response(),
        Err(e) => {
            let q = Choose {
                provider: req.provider.clone(),
                subject: req.subject.clone(),
            };
            let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            (status, Html(index_html(&svc, &q, Some(&req), Some(&e.msg)))).into_response()
        }
    }
}

fn application_html(v: &View, flash: Option<&Msg>) -> String {
    let i = &v.info;
    let id = escape(&i.id);
    let mut b = String::new();
    let _ = write!(
        b,
        "<table id=\"summary\"><tr><th>申请</th><td>{id}</td></tr>\
         <tr><th>服务商</th><td>{}</td></tr><tr><th>认证方式</th><td id=\"method-name\">{}</td></tr>\
         <tr><th>云账号</th><td>{}</td></tr>",
        escape(i.provider.name_zh()),
        escape(i.method.name_zh()),
        escape(&i.account),
    );
    if let Some(o) = &i.org_name {
        let _ = write!(b, "<tr><th>单位</th><td>{}</td></tr>", escape(o));
    }
    let _ = write!(
        b,
        "<tr><th>{}</th><td id=\"person\">{} · {}</td></tr>\
         <tr><th>状态</th><td id=\"status\" data-status=\"{}\">{}</td></tr>\
         <tr><th>已计次数</th><td>{}</td></tr>",
        if i.subject == SubjectKind::Organization {
            "法定代表人"
        } else {
            "申请人"
        },
        escape(&i.name),
        escape(&i.document),
        escape(v.status_code),
        escape(&v.status_zh),
        v.uses,
    );
    if let Some(d) = v.next_deadline {
        let _ = write!(
            b,
            "<tr><th>截止时间</th><td>{}</td></tr>",
            escape(&beijing(d))
        );
    }
    b.push_str("</table>");
    if let Some(m) = flash {
        b.push_str(&msg_box("error", m));
    }
    if let Some(f) = &v.failure
        && v.status_code != "verified"
    {
        b.push_str(&msg_box("refusal", f));
    }
    let action = |step: &str| format!("/applications/{id}/{step}", step = escape(step));
    let request = escape(&format!("{}-r{}", i.id, v.revision));
    match v.next {
        "submit" => {
            let _ = write!(
                b,
                "<h2>下一步：提交认证</h2><form method=\"post\" action=\"{}\">\
                 <input type=\"hidden\" name=\"request\" value=\"{request}\">\
                 <button type=\"submit\" id=\"submit\">提交认证</button></form>",
                action("submit")
            );
        }
        "sms" => {
            if let Some(code) = &v.demo.sms_code {
                let _ = write!(
                    b,
                    "<div class=\"demo\" id=\"demo-sms\">演示：模拟短信网关发送的验证码是 \
                     <strong id=\"demo-sms-code\">{}</strong>（真实服务中它只发到手机上）</div>",
                    escape(code)
                );
            }
            let _ = write!(
                b,
                "<h2>下一步：输入短信验证码</h2><form method=\"post\" action=\"{}\">\
                 <label for=\"sms-code\">验证码</label><input id=\"sms-code\" name=\"code\" autocomplete=\"one-time-code\">\
                 <button type=\"submit\" id=\"sms-submit\">确认</button></form>",
                action("sms")
            );
        }
        "liveness" => {
            let _ = write!(
                b,
                "<h2>下一步：刷脸</h2><p>请用手机扫码完成人脸识别。</p>\
                 <div class=\"demo\">演示：没有手机，点击下面的按钮代替手机上的刷脸。</div>\
                 <form method=\"post\" action=\"{}\"><button type=\"submit\" id=\"liveness-done\">我已完成刷脸</button></form>",
                action("liveness")
            );
        }
        "amount" => {
            if let Some(fen) = v.demo.payout_fen {
                let _ = write!(
                    b,
                    "<div class=\"demo\" id=\"demo-payout\">演示：模拟付款方已向对公账户打款 \
                     <strong id=\"demo-payout-amount\" data-fen=\"{fen}\">{}.{:02} 元</strong>（真实服务中请查看银行流水）</div>",
                    fen / 100,
                    fen % 100
                );
            }
            let _ = write!(
                b,
                "<h2>下一步：输入收到的打款金额</h2><form method=\"post\" action=\"{}\">\
                 <label for=\"amount\">金额（元，如 0.37）</label><input id=\"amount\" name=\"amount\" inputmode=\"decimal\">\
                 <button type=\"submit\" id=\"amount-submit\">确认金额</button></form>",
                action("amount")
            );
        }
        "pay" => {
            if let (Some(into), Some(fen)) = (&v.demo.pay_into, v.demo.pay_fen) {
                let _ = write!(
                    b,
                    "<h2>下一步：从单位对公账户付款</h2><p>请从本单位的对公账户向专属账号 \
                     <strong id=\"pay-into\">{}</strong> 支付 <strong id=\"pay-amount\" data-fen=\"{fen}\">{}.{:02} 元</strong>。</p>",
                    escape(into),
                    fen / 100,
                    fen % 100
                );
            }
            let _ = write!(
                b,
                "<div class=\"demo\">演示：没有银行，点击按钮模拟款项到账。\
                 <form method=\"post\" action=\"{}\"><button type=\"submit\" id=\"pay\">模拟付款到账</button></form></div>",
                action("pay")
            );
        }
        "upload" => {
            let _ = write!(
                b,
                "<h2>下一步：上传证件</h2><form method=\"post\" action=\"{}\" enctype=\"multipart/form-data\">",
                action("upload")
            );
            for p in &v.parts {
                let zh = p
                    .parse::<realname::flow::Part>()
                    .map(|p| p.name_zh())
                    .unwrap_or("文件");
                let _ = write!(
                    b,
                    "<label for=\"file-{p}\">{}</label><input type=\"file\" id=\"file-{p}\" name=\"{p}\">",
                    escape(zh),
                    p = escape(p)
                );
            }
            b.push_str("<p class=\"small\">格式与大小按服务商的规定检查（只检查扩展名与大小，文件不保存）。</p>\
                        <button type=\"submit\" id=\"upload-submit\">提交审核</button></form>");
        }
        "wait_review" => {
            b.push_str("<h2>人工审核中</h2><p>请等待审核。演示：到 <a href=\"/operator\" id=\"to-operator\">审核后台</a> 批准或驳回。</p>");
        }
        "done" => {
            let (class, text) = if v.status_code == "verified" {
                ("ok", "认证成功，账号已绑定实名信息。")
            } else {
                ("refusal", "流程已结束。")
            };
            let _ = write!(
                b,
                "<div class=\"{class}\" id=\"result\">{}</div>",
                escape(text)
            );
        }
        _ => {
            b.push_str("<h2>等待外部服务</h2><p>页面不会自动刷新，请稍后 <a href=\"\" id=\"refresh\">刷新</a>。</p>");
            if v.demo.payout_status.as_deref() == Some("Received") {
                let _ = write!(
                    b,
                    "<div class=\"demo\">演示：模拟付款方已受理打款，尚未回调。\
                     <form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"status\" value=\"sent\">\
                     <button type=\"submit\" id=\"payout-sent\">模拟回调：打款成功</button></form></div>",
                    action("payout")
                );
            }
        }
    }
    let _ = write!(
        b,
        "<p class=\"small\"><a href=\"/api/applications/{id}\">JSON</a> · <a href=\"/\">返回首页</a></p>"
    );
    page("认证申请", &b)
}

async fn page_application<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Path(id): Path<String>,
) -> Response {
    match svc.get(&id).await {
        Ok(v) => {
            let flash = svc.take_flash(&id);
            Html(application_html(&v, flash.as_ref())).into_response()
        }
        Err(e) => {
            let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::NOT_FOUND);
            (
                status,
                Html(page("没有这个申请", &msg_box("error", &e.msg))),
            )
                .into_response()
        }
    }
}

/// Parses an amount in yuan (`0.37`, `1`, `0.5`) into fen.
///
/// ```
/// assert_eq!(realname_demo::parse_yuan("0.37"), Some(37));
/// assert_eq!(realname_demo::parse_yuan("1"), Some(100));
/// assert_eq!(realname_demo::parse_yuan("0.5"), Some(50));
/// assert_eq!(realname_demo::parse_yuan("0.375"), None);
/// ```
#[must_use]
pub fn parse_yuan(s: &str) -> Option<u32> {
    let s = s.trim().trim_end_matches('元').trim();
    let (yuan, fen) = s.split_once('.').unwrap_or((s, ""));
    if fen.len() > 2 || (yuan.is_empty() && fen.is_empty()) {
        return None;
    }
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if !digits(yuan) || !digits(fen) {
        return None;
    }
    let y: u32 = if yuan.is_empty() {
        0
    } else {
        yuan.parse().ok()?
    };
    let f: u32 = match fen.len() {
        0 => 0,
        1 => fen.parse::<u32>().ok()? * 10,
        _ => fen.parse().ok()?,
    };
    y.checked_mul(100)?.checked_add(f)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StepForm {
    request: Option<String>,
    code: String,
    amount: String,
    status: String,
}

async fn form_step<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Path((id, step)): Path<(String, String)>,
    req: Request,
) -> Response {
    let result = if step == "upload" {
        match files_of(req).await {
            Ok(files) => svc.upload(&id, &files).await,
            Err(e) => Err(e),
        }
    } else {
        match Form::<StepForm>::from_request(req, &()).await {
            Err(e) => Err(ApiError {
                status: 400,
                msg: Msg {
                    code: "bad_form".into(),
                    zh: format!("表单无法读取：{e}"),
                    en: e.to_string(),
                    basis: None,
                },
            }),
            Ok(Form(f)) => match step.as_str() {
                "submit" => svc.submit(&id, None, f.request.as_deref()).await,
                "sms" => svc.sms(&id, &f.code).await,
                "liveness" => svc.liveness(&id).await,
                "payout" => svc.settle_payout(&id, f.status != "failed").await,
                "pay" => svc.pay(&id, None, false).await,
                "amount" => match parse_yuan(&f.amount) {
                    Some(fen) => svc.amount(&id, fen).await,
                    None => Err(ApiError {
                        status: 422,
                        msg: Msg {
                            code: "bad_amount".into(),
                            zh: "金额格式有误，请输入如 0.37 的金额（元）".into(),
                            en: "the amount is not a number of yuan such as 0.37".into(),
                            basis: None,
                        },
                    }),
                },
                _ => Err(ApiError {
                    status: 404,
                    msg: Msg {
                        code: "unknown_step".into(),
                        zh: "未知的操作".into(),
                        en: "unknown step".into(),
                        basis: None,
                    },
                }),
            },
        }
    };
    svc.flash(&id, result.err().map(|e| e.msg));
    Redirect::to(&format!("/applications/{id}")).into_response()
}

async fn page_operator<S: DriverStore + 'static>(State(svc): Svc<S>) -> Html<String> {
    let rows = svc.reviews().await;
    let now = svc.clock().now();
    let mut b = String::new();
    let _ = write!(
        b,
        "<p>等待人工审核的申请，按到期时间排列；到期时间按中国大陆工作日日历计算。当前时间：<span id=\"now\">{}</span></p>",
        escape(&beijing(now))
    );
    if rows.is_empty() {
        b.push_str("<p id=\"no-reviews\">暂无等待审核的申请。</p>");
    } else {
        b.push_str("<table id=\"reviews\"><tr><th>申请</th><th>服务商</th><th>方式</th><th>申请人</th><th>到期时间</th><th>操作</th></tr>");
        for r in &rows {
            let flow = escape(&r.flow);
            let _ = write!(
                b,
                "<tr id=\"review-{flow}\"{}><td><a href=\"/applications/{flow}\">{flow}</a></td><td>{}</td><td>{}</td><td>{} · {}</td>\
                 <td>{}{}</td><td><form method=\"post\" action=\"/operator/{flow}/approve\" style=\"display:inline\">\
                 <button type=\"submit\" id=\"approve-{flow}\">批准</button></form>\
                 <form method=\"post\" action=\"/operator/{flow}/reject\" style=\"display:inline\">\
                 <button type=\"submit\" id=\"reject-{flow}\">驳回</button></form></td></tr>",
                if r.overdue { " class=\"overdue\"" } else { "" },
                escape(r.provider.map_or("", |p| p.name_zh())),
                escape(r.method.name_zh()),
                escape(&r.name),
                escape(&r.document),
                escape(&r.due_beijing),
                if r.overdue {
                    " <span class=\"overdue\" id=\"overdue-".to_owned() + &flow + "\">已超时</span>"
                } else {
                    String::new()
                },
            );
        }
        b.push_str("</table>");
    }
    Html(page("审核后台", &b))
}

async fn form_decide<S: DriverStore + 'static>(
    State(svc): Svc<S>,
    Path((flow, action)): Path<(String, String)>,
) -> Response {
    let r = match decision(&action) {
        Ok(approve) => svc.decide(&flow, approve).await,
        Err(e) => Err(e),
    };
    svc.flash(&flow, r.err().map(|e| e.msg));
    Redirect::to("/operator").into_response()
}
