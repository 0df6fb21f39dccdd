//! The demo over HTTP: the server in-process on 127.0.0.1:0, a temporary
//! SQLite file, a clock the test moves, and a hand-written HTTP/1.1
//! client.

mod common;

use common::{Demo, Reply, request, start};
use realname::chrono::Duration;
use realname_demo::Config;
use serde_json::{Value, json};

async fn get(d: &Demo, path: &str) -> Reply {
    request(d.addr, "GET", path, "text/plain", b"").await
}

async fn post(d: &Demo, path: &str, body: Value) -> Reply {
    request(
        d.addr,
        "POST",
        path,
        "application/json",
        body.to_string().as_bytes(),
    )
    .await
}

async fn post_form(d: &Demo, path: &str, body: &str) -> Reply {
    request(
        d.addr,
        "POST",
        path,
        "application/x-www-form-urlencoded",
        body.as_bytes(),
    )
    .await
}

fn baidu_org() -> Value {
    json!({
        "provider": "baidu", "subject": "organization", "method": "corporate_transfer",
        "account": "corp-1", "name": "张三", "id_number": "11010519491231002X",
        "org_name": "福建某某科技有限公司", "uscc": "91350100M000100Y43",
        "payee_bank": "招商银行福州分行", "payee_account": "591902345610201",
    })
}

#[tokio::test]
async fn profiles_list_the_four_providers() {
    let d = start(Config::default()).await;
    let r = get(&d, "/api/profiles").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["provider"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["kingsoft", "baidu", "tencent", "huawei_international"]
    );
    assert!(
        v[1]["organization"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["method"] == "corporate_transfer")
    );
    // The options say which methods the rules refuse, and why.
    let r = get(&d, "/api/options?provider=baidu&subject=individual").await;
    let v = r.json();
    assert!(v["allowed"].as_array().unwrap().iter().any(|m| m == "face"));
}

/// (a) A whole micro-deposit through the API: Baidu's corporate transfer.
#[tokio::test]
async fn a_micro_deposit_through_the_api() {
    let d = start(Config::default()).await;
    let r = post(&d, "/api/applications", baidu_org()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let v = r.json();
    let id = v["id"].as_str().unwrap().to_owned();
    assert_eq!(v["status_code"], "awaiting_applicant");
    assert_eq!(v["next"], "submit");
    // Nothing unmasked comes back.
    assert!(!r.body.contains("11010519491231002X"), "{}", r.body);
    assert_eq!(v["name"], "张*");

    // Submit, with the amount the demo will pay: 0.37 yuan.
    d.clock.advance(Duration::minutes(1));
    let v = post(
        &d,
        &format!("/api/applications/{id}/submit"),
        json!({"fen": 37}),
    )
    .await
    .json();
    // Baidu checks the operator's face before it pays.
    assert_eq!(v["next"], "liveness", "{v}");
    d.clock.advance(Duration::minutes(1));
    let v = post(&d, &format!("/api/applications/{id}/liveness"), json!({}))
        .await
        .json();
    // The fake payer sends at once: the applicant enters the amount.
    assert_eq!(v["next"], "amount", "{v}");
    assert_eq!(v["demo"]["payout_fen"], 37);
    assert_eq!(d.service.driver().parties().payer.payouts().len(), 1);

    // A wrong amount, then the right one.
    d.clock.advance(Duration::minutes(10));
    let r = post(
        &d,
        &format!("/api/applications/{id}/amount"),
        json!({"fen": 73}),
    )
    .await;
    let v = r.json();
    assert_eq!(v["failure"]["code"], "wrong_amount", "{v}");
    assert_eq!(v["next"], "amount");
    let v = post(
        &d,
        &format!("/api/applications/{id}/amount"),
        json!({"fen": 37}),
    )
    .await
    .json();
    assert_eq!(v["status_code"], "verified", "{v}");
    assert_eq!(v["next"], "done");
    // Paid exactly once.
    let payouts = d.service.driver().parties().payer.payouts();
    assert_eq!(payouts.len(), 1);
    assert_eq!(payouts[0].requests, 1);

    let v = get(&d, &format!("/api/applications/{id}")).await.json();
    assert_eq!(v["status_code"], "verified");
}

/// (b) Kingsoft binds one account per ID number: a second account with
/// the same number is refused with the cap's code.
#[tokio::test]
async fn the_cap_is_reached_across_two_accounts() {
    let d = start(Config::default()).await;
    let app = |account: &str| {
        json!({
            "provider": "kingsoft", "subject": "individual", "method": "id_card_video",
            "account": account, "name": "张三", "id_number": "11010519491231002X",
        })
    };
    let v = post(&d, "/api/applications", app("acct-1")).await.json();
    let id = v["id"].as_str().unwrap().to_owned();
    let v = post(&d, &format!("/api/applications/{id}/submit"), json!({}))
        .await
        .json();
    assert_eq!(v["next"], "liveness", "{v}");
    let v = post(&d, &format!("/api/applications/{id}/liveness"), json!({}))
        .await
        .json();
    assert_eq!(v["status_code"], "verified", "{v}");

    let r = post(&d, "/api/applications", app("acct-2")).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let e = &r.json()["error"];
    assert_eq!(e["code"], "account_cap_reached", "{e}");
    assert!(
        e["zh"]
            .as_str()
            .unwrap()
            .starts_with("该证件已认证 1 个账号，已达上限"),
        "{e}"
    );
    assert!(e["basis"]["document"].is_string(), "{e}");

    // The same account again is not a new binding: no refusal.
    let r = post(&d, "/api/applications", app("acct-1")).await;
    assert_eq!(
        r.status, 422,
        "the cap counts the account bound already: {}",
        r.body
    );
}

/// (c) Huawei's document upload: queued for review, the clock moves past
/// its due time, the operator's list marks it overdue, approved: verified.
#[tokio::test]
async fn a_review_approved_after_its_due_time() {
    let d = start(Config::default()).await;
    let v = post(
        &d,
        "/api/applications",
        json!({
            "provider": "huawei", "subject": "individual", "method": "document_upload",
            "account": "intl-1", "name": "张三", "id_number": "11010519491231002X",
        }),
    )
    .await
    .json();
    let id = v["id"].as_str().unwrap().to_owned();
    assert_eq!(v["next"], "upload", "{v}");
    assert_eq!(v["parts"], json!(["document_image", "handheld_photo"]));

    // A format Huawei does not take, and a file too large, are refused.
    let up = |name: &str, bytes: u64| {
        json!({"files": [
            {"part": "document_image", "file_name": name, "bytes": bytes, "content_type": ""},
            {"part": "handheld_photo", "file_name": "me.jpg", "bytes": 1000, "content_type": "image/jpeg"},
        ]})
    };
    let r = post(
        &d,
        &format!("/api/applications/{id}/upload"),
        up("id.heic", 1000),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "upload_format", "{}", r.body);
    let r = post(
        &d,
        &format!("/api/applications/{id}/upload"),
        up("id.png", 11 << 20),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "upload_too_large", "{}", r.body);

    let v = post(
        &d,
        &format!("/api/applications/{id}/upload"),
        up("id.png", 200_000),
    )
    .await
    .json();
    assert_eq!(v["status_code"], "in_review", "{v}");
    assert_eq!(v["next"], "wait_review");

    let list = get(&d, "/api/reviews").await.json();
    let row = &list[0];
    assert_eq!(row["flow"], id.as_str());
    assert_eq!(row["overdue"], false);
    // Three working days after Monday 1 June 2026: the end of Thursday 4
    // June in Beijing.
    assert_eq!(row["due"], "2026-06-04T16:00:00Z", "{row}");

    // Past its due time: overdue on the list and on the operator's page.
    d.clock.advance(Duration::days(5));
    d.service.tick().await;
    let list = get(&d, "/api/reviews").await.json();
    assert_eq!(list[0]["overdue"], true, "{list}");
    let page = get(&d, "/operator").await;
    assert!(
        page.body.contains(&format!("id=\"overdue-{id}\"")),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("id=\"approve-{id}\"")));
    assert!(!page.body.contains("11010519491231002X"));

    let v = post(&d, &format!("/api/reviews/{id}/approve"), json!({}))
        .await
        .json();
    assert_eq!(v["status_code"], "verified", "{v}");
    assert_eq!(get(&d, "/api/reviews").await.json(), json!([]));
}

/// The refusals the rules give before a flow starts.
#[tokio::test]
async fn the_rules_refuse_before_a_flow_starts() {
    let d = start(Config::default()).await;
    // A method Baidu does not offer individuals.
    let r = post(
        &d,
        "/api/applications",
        json!({"provider": "baidu", "subject": "individual", "method": "corporate_transfer",
               "account": "a", "name": "张三", "id_number": "11010519491231002X"}),
    )
    .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json()["error"]["code"],
        "method_not_offered",
        "{}",
        r.body
    );
    // Too young for Baidu (14): born 2015.
    let r = post(
        &d,
        "/api/applications",
        json!({"provider": "baidu", "subject": "individual", "method": "face",
               "account": "a", "name": "李四", "id_number": "110105201501010017"}),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "too_young", "{}", r.body);
}

/// The pages: a bank card verification clicked through with forms, the
/// fake SMS code shown on the page.
#[tokio::test]
async fn a_bank_card_through_the_pages() {
    let d = start(Config::default()).await;
    let index = get(&d, "/?provider=baidu&subject=individual").await;
    assert_eq!(index.status, 200);
    for id in [
        "id=\"provider\"",
        "id=\"method\"",
        "id=\"submit\"",
        "id=\"refusals\"",
    ] {
        assert!(index.body.contains(id), "{id} missing");
    }
    let r = post_form(
        &d,
        "/applications",
        "provider=baidu&subject=individual&method=bank_card&account=web-1&name=%E5%BC%A0%E4%B8%89\
         &id_number=11010519491231002X&card=6217000012345678907&mobile=13812345678",
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = r.header("location").unwrap();
    let id = page.trim_start_matches("/applications/").to_owned();

    let r = post_form(&d, &format!("{page}/submit"), "request=r1").await;
    assert_eq!(r.status, 303);
    let html = get(&d, &page).await.body;
    assert!(html.contains("id=\"sms-code\""), "{html}");
    assert!(!html.contains("13812345678") && !html.contains("11010519491231002X"));
    let v = get(&d, &format!("/api/applications/{id}")).await.json();
    let code = v["demo"]["sms_code"].as_str().unwrap().to_owned();
    assert!(html.contains(&code));

    // A wrong code, then the right one.
    post_form(&d, &format!("{page}/sms"), "code=000000").await;
    let v = get(&d, &format!("/api/applications/{id}")).await.json();
    if v["next"] == "submit" {
        post_form(&d, &format!("{page}/submit"), "request=r2").await;
    }
    let v = get(&d, &format!("/api/applications/{id}")).await.json();
    let code = v["demo"]["sms_code"].as_str().unwrap().to_owned();
    post_form(&d, &format!("{page}/sms"), &format!("code={code}")).await;
    let v = get(&d, &format!("/api/applications/{id}")).await.json();
    if v["next"] == "liveness" {
        post_form(&d, &format!("{page}/liveness"), "").await;
    }
    let v = get(&d, &format!("/api/applications/{id}")).await.json();
    assert_eq!(v["status_code"], "verified", "{v}");
    let html = get(&d, &page).await.body;
    assert!(html.contains("id=\"result\""), "{html}");
}

/// A bank that refuses once (wrong reserved mobile): the failure is shown,
/// and the applicant tries again.
#[tokio::test]
async fn a_scripted_bank_failure_is_shown() {
    let config = Config::parse(
        ["--bank", "fail-times:1:card_not_bank_phone"].map(String::from),
        None,
    )
    .unwrap();
    let d = start(config).await;
    let v = post(
        &d,
        "/api/applications",
        json!({"provider": "kingsoft", "subject": "individual", "method": "bank_card",
               "account": "k-1", "name": "张三", "id_number": "11010519491231002X",
               "card": "6217000012345678907", "mobile": "13812345678"}),
    )
    .await
    .json();
    let id = v["id"].as_str().unwrap().to_owned();
    let mut failures = Vec::new();
    for _ in 0..8 {
        let v = get(&d, &format!("/api/applications/{id}")).await.json();
        if let Some(code) = v["failure"]["code"].as_str() {
            failures.push(code.to_owned());
        }
        match v["next"].as_str().unwrap() {
            "submit" => post(&d, &format!("/api/applications/{id}/submit"), json!({})).await,
            "sms" => {
                let code = v["demo"]["sms_code"].as_str().unwrap().to_owned();
                post(
                    &d,
                    &format!("/api/applications/{id}/sms"),
                    json!({"code": code}),
                )
                .await
            }
            "liveness" => post(&d, &format!("/api/applications/{id}/liveness"), json!({})).await,
            _ => break,
        };
    }
    let v = get(&d, &format!("/api/applications/{id}")).await.json();
    assert_eq!(v["status_code"], "verified", "{v}");
    assert!(
        failures.iter().any(|f| f == "identity_mismatch"),
        "{failures:?}"
    );
}

/// A payer that takes the payout and answers later: the page waits, the
/// payer's callback (by hand, or its webhook twice) lets the applicant go
/// on, and the payout is made once.
#[tokio::test]
async fn a_payer_that_answers_later() {
    for spec in ["pending", "twice"] {
        let config = Config::parse(["--payer", spec].map(String::from), None).unwrap();
        let d = start(config).await;
        let v = post(&d, "/api/applications", baidu_org()).await.json();
        let id = v["id"].as_str().unwrap().to_owned();
        post(
            &d,
            &format!("/api/applications/{id}/submit"),
            json!({"fen": 42}),
        )
        .await;
        let v = post(&d, &format!("/api/applications/{id}/liveness"), json!({}))
            .await
            .json();
        if spec == "pending" {
            assert_eq!(v["next"], "wait", "{v}");
            assert_eq!(v["demo"]["payout_status"], "Received");
            let html = get(&d, &format!("/applications/{id}")).await.body;
            assert!(html.contains("id=\"payout-sent\""), "{html}");
            let v = post(
                &d,
                &format!("/api/applications/{id}/payout"),
                json!({"status": "sent"}),
            )
            .await
            .json();
            assert_eq!(v["next"], "amount", "{v}");
        } else {
            // The webhook comes twice; the background task delivers both,
            // the second changes nothing.
            d.service.tick().await;
            let v = get(&d, &format!("/api/applications/{id}")).await.json();
            assert_eq!(v["next"], "amount", "{v}");
        }
        let v = post(
            &d,
            &format!("/api/applications/{id}/amount"),
            json!({"fen": 42}),
        )
        .await
        .json();
        assert_eq!(v["status_code"], "verified", "{spec}: {v}");
        let payouts = d.service.driver().parties().payer.payouts();
        assert_eq!(payouts.len(), 1, "{spec}");
    }
}

/// A double click on the pages' submit button (the same request key)
/// counts one attempt.
#[tokio::test]
async fn a_repeated_submit_counts_once() {
    let d = start(Config::default()).await;
    let v = post(&d, "/api/applications", baidu_org()).await.json();
    let id = v["id"].as_str().unwrap().to_owned();
    let body = json!({"fen": 12, "request": "click-1"});
    let first = post(&d, &format!("/api/applications/{id}/submit"), body.clone())
        .await
        .json();
    let again = post(&d, &format!("/api/applications/{id}/submit"), body)
        .await
        .json();
    assert_eq!(first["uses"], 1);
    assert_eq!(again["uses"], 1, "{again}");
    assert_eq!(again["duplicate"], true);
}

/// Baidu's recharge: an SMS code for the dedicated account, the payment
/// from the organisation's account, the review, verified.
#[tokio::test]
async fn a_recharge_through_the_api() {
    let d = start(Config::default()).await;
    let mut app = baidu_org();
    app["method"] = json!("recharge");
    app["mobile"] = json!("13812345678");
    let r = post(&d, "/api/applications", app).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let v = post(
        &d,
        &format!("/api/applications/{id}/submit"),
        json!({"fen": 55}),
    )
    .await
    .json();
    assert_eq!(v["next"], "sms", "{v}");
    let code = v["demo"]["sms_code"].as_str().unwrap().to_owned();
    let v = post(
        &d,
        &format!("/api/applications/{id}/sms"),
        json!({"code": code}),
    )
    .await
    .json();
    assert_eq!(v["next"], "pay", "{v}");
    assert_eq!(v["demo"]["pay_fen"], 55);
    assert!(v["demo"]["pay_into"].is_string(), "{v}");
    let v = post(&d, &format!("/api/applications/{id}/pay"), json!({}))
        .await
        .json();
    assert_eq!(v["next"], "wait_review", "{v}");
    let v = post(&d, &format!("/api/reviews/{id}/approve"), json!({}))
        .await
        .json();
    assert_eq!(v["status_code"], "verified", "{v}");
}
