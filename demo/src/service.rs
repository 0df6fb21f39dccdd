//! The service behind the API and the pages: the rules first, then the
//! flows on the driver, with the fake parties.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use realname::calendar::ChinaMainland;
use realname::chrono::{DateTime, Duration, Utc};
use realname::flow::{
    Actor, Auto, AutoEvent, AutoTerms, Deposit, DepositEvent, DepositTerms, Failure, FlowError,
    Part, RechargeEvent, RechargeTerms, Remittance, Review, ReviewEvent, ReviewOutcome,
    ReviewTerms, Status, Submission, Upload, Uploads,
};
use realname::org::OrganizationType;
use realname::policy::{MethodKind, Provider};
use realname::rules::{
    Applicant, Refusal, check_age, check_document_holder, check_identity_cap, check_method,
    check_subject,
};
use realname::subject::{Individual, Organization, OrganizationName, PersonName, Subject};
use realname::transport::fake::FakeParties;
use realname::transport::{IncomingPayment, PayoutStatus};
use realname::{BankCardNumber, Document, DocumentKind, MobileNumber, SubjectKind, Uscc};
use realname_driver::{
    Answer, Case, Cases, Driver, DriverError, DriverStore, EntryState, MemoryCases, PayeeAccount,
    Report,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::Clock;
use crate::html::mask_name;

/// The driver the demo runs: any store, the fake parties, cases in memory.
pub type DemoDriver<S> = Driver<S, FakeParties, MemoryCases>;

/// A message for the applicant or the operator: a stable code, Chinese
/// and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Msg {
    /// A stable identifier.
    pub code: String,
    /// In Chinese.
    pub zh: String,
    /// In English.
    pub en: String,
    /// The provider's words it rests on, if a rule (boxed: a JSON value
    /// is large, and this rides in every error).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Box<Value>>,
}

impl Msg {
    fn new(code: &str, zh: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            code: code.to_owned(),
            zh: zh.into(),
            en: en.into(),
            basis: None,
        }
    }
}

impl From<&Refusal> for Msg {
    fn from(r: &Refusal) -> Msg {
        Msg {
            code: r.code().to_owned(),
            zh: r.to_string_zh(),
            en: r.to_string(),
            basis: r
                .basis()
                .and_then(|b| serde_json::to_value(b).ok().map(Box::new)),
        }
    }
}

impl From<&Failure> for Msg {
    fn from(f: &Failure) -> Msg {
        Msg::new(f.code(), f.to_string_zh(), f.to_string())
    }
}

/// Why a request was not done: an HTTP status and the message.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// What to show.
    pub msg: Msg,
}

impl ApiError {
    fn new(status: u16, code: &str, zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError {
            status,
            msg: Msg::new(code, zh, en),
        }
    }

    fn input(code: &str, zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::new(422, code, zh, en)
    }

    fn not_found(id: &str) -> ApiError {
        ApiError::new(
            404,
            "not_found",
            format!("没有申请 {id}"),
            format!("no application {id}"),
        )
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> ApiError {
        ApiError {
            status: 422,
            msg: Msg::from(&r),
        }
    }
}

impl From<FlowError> for ApiError {
    fn from(e: FlowError) -> ApiError {
        ApiError::new(409, e.code(), e.to_string_zh(), e.to_string())
    }
}

impl From<DriverError> for ApiError {
    fn from(e: DriverError) -> ApiError {
        match e {
            DriverError::Flow(f) => f.into(),
            DriverError::NotFound { id } => ApiError::not_found(&id),
            DriverError::AttemptsExhausted { limit } => ApiError::new(
                409,
                "attempts_exhausted",
                format!("认证次数已用完（上限 {limit} 次）"),
                format!("the attempts are used up ({limit} at most)"),
            ),
            DriverError::Party { .. } => ApiError::new(
                502,
                e.code(),
                format!("外部服务暂时无法完成请求，稍后会自动重试：{e}"),
                format!("{e}; the driver retries it later"),
            ),
            other => ApiError::new(500, other.code(), other.to_string(), other.to_string()),
        }
    }
}

/// Which of the driver's machines runs a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MachineKind {
    /// An automatic check (face, bank card, video, …).
    Auto,
    /// A micro-deposit.
    Deposit,
    /// A document review.
    Review,
    /// A recharge: the organisation pays a small amount in.
    Recharge,
}

impl MachineKind {
    /// The machine for `method`, if the demo runs it.
    ///
    /// ```
    /// use realname::policy::MethodKind;
    /// use realname_demo::MachineKind;
    /// assert_eq!(MachineKind::of(MethodKind::CorporateTransfer), Some(MachineKind::Deposit));
    /// assert_eq!(MachineKind::of(MethodKind::Recharge), Some(MachineKind::Recharge));
    /// ```
    #[must_use]
    pub fn of(method: MethodKind) -> Option<MachineKind> {
        match method {
            MethodKind::CorporateTransfer => Some(MachineKind::Deposit),
            MethodKind::DocumentUpload | MethodKind::CertificateUpload => Some(MachineKind::Review),
            MethodKind::Recharge => Some(MachineKind::Recharge),
            _ => Some(MachineKind::Auto),
        }
    }
}

/// A new application, as the API and the index page's form take it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewApplication {
    /// The provider: `kingsoft`, `baidu`, `tencent`, `huawei_international` (or `huawei`).
    pub provider: String,
    /// `individual` or `organization`.
    pub subject: String,
    /// The method's code (`face`, `bank_card`, `corporate_transfer`, …).
    pub method: String,
    /// The cloud account being verified.
    pub account: String,
    /// The person's name (the individual, or the legal representative).
    pub name: String,
    /// Their document's number.
    pub id_number: String,
    /// The document's kind (default `resident_id`).
    pub document_kind: String,
    /// The organisation's name.
    pub org_name: String,
    /// Its unified social credit code.
    pub uscc: String,
    /// Its type (default: the first the credit code allows, else `enterprise`).
    pub org_type: String,
    /// A bank card number.
    pub card: String,
    /// A mobile number.
    pub mobile: String,
    /// The payee bank of a micro-deposit.
    pub payee_bank: String,
    /// The payee account of a micro-deposit.
    pub payee_account: String,
}

/// One file of an upload, as the API takes it.
#[derive(Debug, Clone, Deserialize)]
pub struct FileIn {
    /// What it shows (`document_image`, `handheld_photo`, …).
    pub part: String,
    /// Its name (only its extension is kept).
    pub file_name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its content type, as the browser says.
    #[serde(default)]
    pub content_type: String,
}

/// What the demo keeps of an application beside the flow: nothing that
/// identifies a person unmasked.
#[derive(Debug, Clone, Serialize)]
pub struct Info {
    /// The flow's id.
    pub id: String,
    /// The provider.
    pub provider: Provider,
    /// The method.
    pub method: MethodKind,
    /// The machine.
    pub machine: MachineKind,
    /// The account.
    pub account: String,
    /// Individual or organisation.
    pub subject: SubjectKind,
    /// The person's name, masked.
    pub name: String,
    /// The document, masked.
    pub document: String,
    /// The organisation's name, if any.
    pub org_name: Option<String>,
    /// Payouts the fake payer had for this flow at the last submission.
    #[serde(skip)]
    payouts_before: usize,
    /// The message of the last request that failed, for the page.
    #[serde(skip)]
    pub(crate) flash: Option<Msg>,
}

/// The application as the API returns it.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// What the demo keeps.
    #[serde(flatten)]
    pub info: Info,
    /// The status, as the crate serialises it.
    pub status: Value,
    /// The status's code.
    pub status_code: &'static str,
    /// The status in Chinese.
    pub status_zh: String,
    /// What the applicant should see of the last failure.
    pub failure: Option<Msg>,
    /// The next step for the applicant: `submit`, `sms`, `liveness`,
    /// `amount`, `upload`, `wait_review`, `wait`, or `done`.
    pub next: &'static str,
    /// The flow's revision.
    pub revision: u64,
    /// Uses of the method counted.
    pub uses: u32,
    /// When the flow calls back.
    pub next_deadline: Option<DateTime<Utc>>,
    /// Open actions: their codes and states.
    pub open: Vec<Value>,
    /// Whether the request was a repeat that changed nothing.
    pub duplicate: bool,
    /// What the fake parties show (the SMS code sent, the amount paid).
    pub demo: Demo,
    /// For an upload: the parts to send.
    pub parts: Vec<&'static str>,
}

/// What the fake parties would show the applicant elsewhere.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Demo {
    /// The SMS code the fake gateway sent, if waiting for one.
    pub sms_code: Option<String>,
    /// The amount the fake payer sent, in fen.
    pub payout_fen: Option<u32>,
    /// The fake payer's status of the last payout.
    pub payout_status: Option<String>,
    /// For a recharge: the dedicated account to pay into.
    pub pay_into: Option<String>,
    /// For a recharge: the amount to pay, in fen.
    pub pay_fen: Option<u32>,
}

/// A review waiting for the operator.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewRow {
    /// The flow.
    pub flow: String,
    /// The ticket's key.
    pub key: String,
    /// The method under review.
    pub method: MethodKind,
    /// The provider.
    pub provider: Option<Provider>,
    /// The person, masked.
    pub name: String,
    /// The document, masked.
    pub document: String,
    /// When it is due (UTC).
    pub due: DateTime<Utc>,
    /// When it is due, Beijing time.
    pub due_beijing: String,
    /// Whether it is past due.
    pub overdue: bool,
}

/// The demo service.
pub struct Service<S> {
    driver: DemoDriver<S>,
    infos: Mutex<BTreeMap<String, Info>>,
    clock: Clock,
    seq: AtomicU64,
    prefix: String,
}

impl<S> std::fmt::Debug for Service<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service").finish_non_exhaustive()
    }
}

/// The provider named `s` (`huawei` stands for the international site).
///
/// ```
/// use realname::policy::Provider;
/// assert_eq!(realname_demo::provider("huawei"), Some(Provider::HuaweiInternational));
/// assert_eq!(realname_demo::provider("baidu"), Some(Provider::Baidu));
/// ```
#[must_use]
pub fn provider(s: &str) -> Option<Provider> {
    match s.trim() {
        "huawei" => Some(Provider::HuaweiInternational),
        other => other.parse().ok(),
    }
}

/// The subject kind named `s`.
fn subject_kind(s: &str) -> Option<SubjectKind> {
    match s.trim() {
        "individual" | "" => Some(SubjectKind::Individual),
        "organization" | "organisation" => Some(SubjectKind::Organization),
        _ => None,
    }
}

/// The status in Chinese.
#[must_use]
pub fn status_zh(s: &Status) -> String {
    match s {
        Status::AwaitingApplicant => "等待申请人操作".to_owned(),
        Status::AwaitingParty(p) => format!("等待外部服务（{}）", p.code()),
        Status::InReview { .. } => "人工审核中".to_owned(),
        Status::Verified => "认证成功".to_owned(),
        Status::Failed => "认证失败".to_owned(),
        Status::Expired => "已过期".to_owned(),
        Status::Locked => "认证次数已用完".to_owned(),
        Status::Withdrawn => "已撤回".to_owned(),
    }
}

/// A time in Beijing, to the minute; midnight, where a due time on the
/// working-day calendar ends, as 24:00 of the day before.
///
/// ```
/// use realname::chrono::{TimeZone, Utc};
/// let due = Utc.with_ymd_and_hms(2026, 6, 4, 16, 0, 0).unwrap();
/// assert_eq!(realname_demo::beijing(due), "2026-06-04 24:00（北京时间）");
/// let t = Utc.with_ymd_and_hms(2026, 6, 1, 2, 30, 0).unwrap();
/// assert_eq!(realname_demo::beijing(t), "2026-06-01 10:30（北京时间）");
/// ```
#[must_use]
pub fn beijing(t: DateTime<Utc>) -> String {
    let local = (t + Duration::hours(8)).naive_utc();
    if local.time() == realname::chrono::NaiveTime::MIN {
        let day = local.date().pred_opt().unwrap_or(local.date());
        format!("{} 24:00（北京时间）", day.format("%Y-%m-%d"))
    } else {
        local.format("%Y-%m-%d %H:%M（北京时间）").to_string()
    }
}

fn part(s: &str) -> Result<Part, ApiError> {
    s.parse::<Part>().map_err(|_| {
        ApiError::input(
            "unknown_part",
            format!("未知的文件类型 {s}"),
            format!("unknown part {s:?}"),
        )
    })
}

/// The parts a review's terms ask for, and the signatory.
fn parts_of(terms: &ReviewTerms) -> (Vec<Part>, Option<Actor>) {
    let mut parts = Vec::new();
    if terms.document_image {
        parts.push(Part::DocumentImage);
    }
    if terms.handheld_photo {
        parts.push(Part::HandheldPhoto);
    }
    if terms.certificate {
        parts.push(Part::Certificate);
    }
    let signatory = if terms.legal_representative {
        parts.push(Part::LegalRepresentativeId);
        Some(Actor::LegalRepresentative)
    } else if terms.delegate {
        parts.push(Part::AuthorizationLetter);
        parts.push(Part::DelegateId);
        Some(Actor::Delegate)
    } else {
        None
    };
    (parts, signatory)
}

fn bad(code: &str, what_zh: &str, e: &dyn std::fmt::Display) -> ApiError {
    ApiError::input(code, format!("{what_zh}有误：{e}"), format!("{code}: {e}"))
}

impl<S: DriverStore + 'static> Service<S> {
    /// A service on `store` with the fake `parties`, keying SMS codes with
    /// `secret`, reading the time from `clock`.
    pub fn new(store: S, parties: FakeParties, secret: &[u8], clock: Clock) -> Service<S> {
        let driver = Driver::new(
            store,
            parties,
            MemoryCases::default(),
            ChinaMainland::default(),
            secret,
        );
        // Ids start with the time the service started, so that a data
        // file kept across runs does not see one twice.
        let prefix = format!("a{}", clock.now().timestamp() % 1_000_000);
        Service {
            driver,
            infos: Mutex::new(BTreeMap::new()),
            clock,
            seq: AtomicU64::new(0),
            prefix,
        }
    }

    /// The driver.
    pub fn driver(&self) -> &DemoDriver<S> {
        &self.driver
    }

    /// The clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    fn infos(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Info>> {
        self.infos.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn info(&self, id: &str) -> Result<Info, ApiError> {
        self.infos()
            .get(id)
            .cloned()
            .ok_or_else(|| ApiError::not_found(id))
    }

    /// Keeps `msg` to show on the application's page.
    pub(crate) fn flash(&self, id: &str, msg: Option<Msg>) {
        if let Some(i) = self.infos().get_mut(id) {
            i.flash = msg;
        }
    }

    /// Takes the message kept for the page.
    pub(crate) fn take_flash(&self, id: &str) -> Option<Msg> {
        self.infos().get_mut(id).and_then(|i| i.flash.take())
    }

    /// The applications, newest first.
    pub fn list(&self) -> Vec<Info> {
        let mut v: Vec<Info> = self.infos().values().cloned().collect();
        v.reverse();
        v
    }

    /// The four providers, with their methods per subject kind and the
    /// machine the demo runs each on.
    pub fn profiles(&self) -> Value {
        let list: Vec<Value> = Provider::all()
            .iter()
            .map(|p| {
                let profile = p.profile();
                let methods = |kind: SubjectKind| -> Vec<Value> {
                    profile
                        .methods
                        .iter()
                        .filter(|m| m.subject == kind)
                        .map(|m| {
                            json!({
                                "method": m.kind.id(),
                                "name_zh": m.kind.name_zh(),
                                "name_en": m.kind.name_en(),
                                "demo": MachineKind::of(m.kind).is_some(),
                            })
                        })
                        .collect()
                };
                json!({
                    "provider": p.id(),
                    "name_zh": p.name_zh(),
                    "name_en": p.name_en(),
                    "individual": methods(SubjectKind::Individual),
                    "organization": methods(SubjectKind::Organization),
                })
            })
            .collect();
        Value::Array(list)
    }

    /// The methods of `provider` for `subject`: those the rules allow and
    /// those they refuse, with the refusal.
    pub fn options(
        &self,
        provider: Provider,
        subject: SubjectKind,
    ) -> (Vec<MethodKind>, Vec<(MethodKind, Msg)>) {
        let profile = provider.profile();
        let applicant = Applicant::new(subject);
        let mut allowed = Vec::new();
        let mut refused = Vec::new();
        if let Err(r) = check_subject(profile, subject) {
            return (allowed, vec![(MethodKind::Face, Msg::from(&r))]);
        }
        for kind in MethodKind::all() {
            if kind.subject() != subject {
                continue;
            }
            match check_method(profile, *kind, &applicant) {
                Ok(_) if MachineKind::of(*kind).is_none() => refused.push((
                    *kind,
                    Msg::new(
                        "demo_not_supported",
                        "演示服务未实现此认证方式",
                        "the demo does not run this method",
                    ),
                )),
                Ok(_) => allowed.push(*kind),
                Err(r) => refused.push((*kind, Msg::from(&r))),
            }
        }
        (allowed, refused)
    }

    /// Checks the rules for a new application, then starts its flow.
    ///
    /// # Errors
    ///
    /// The rule's refusal (422), bad input (422), or the driver's error.
    pub async fn create(&self, req: &NewApplication) -> Result<View, ApiError> {
        let now = self.clock.now();
        let provider = provider(&req.provider).ok_or_else(|| {
            ApiError::input(
                "unknown_provider",
                format!("未知的服务商 {}", req.provider),
                format!("unknown provider {:?}", req.provider),
            )
        })?;
        let subject = subject_kind(&req.subject).ok_or_else(|| {
            ApiError::input(
                "unknown_subject",
                "主体类型须为个人或企业",
                "subject must be individual or organization",
            )
        })?;
        let method: MethodKind = req.method.trim().parse().map_err(|_| {
            ApiError::input(
                "unknown_method",
                format!("未知的认证方式 {}", req.method),
                format!("unknown method {:?}", req.method),
            )
        })?;
        let profile = provider.profile();
        check_subject(profile, subject)?;
        check_method(profile, method, &Applicant::new(subject))?;
        let machine = MachineKind::of(method).ok_or_else(|| {
            ApiError::input(
                "demo_not_supported",
                "演示服务未实现此认证方式",
                "the demo does not run this method",
            )
        })?;
        let account = req.account.trim();
        if account.is_empty() {
            return Err(ApiError::input(
                "account_missing",
                "请填写账号",
                "the account is missing",
            ));
        }

        // The person: the individual, or the legal representative.
        let name = PersonName::parse(req.name.trim())
            .map_err(|e| ApiError::input(e.code(), e.to_string_zh(), e.to_string()))?;
        let kind = match req.document_kind.trim() {
            "" => DocumentKind::ResidentId,
            k => k
                .parse::<DocumentKind>()
                .map_err(|e| bad("unknown_document_kind", "证件类型", &e))?,
        };
        let document = Document::parse_as(kind, req.id_number.trim())
            .map_err(|e| ApiError::input(e.code(), e.to_string_zh(), e.to_string()))?;
        let person = Individual::new(name.clone(), document)
            .map_err(|e| ApiError::input(e.code(), e.to_string_zh(), e.to_string()))?;
        let today = (now + Duration::hours(8)).date_naive();
        if let Some(birth) = person.document().birth_date() {
            check_age(profile, birth, today)?;
        }
        let mut org_name = None;
        let subject_value: Subject = match subject {
            SubjectKind::Individual => {
                check_document_holder(profile, method, person.document(), None)?;
                person.clone().into()
            }
            _ => {
                let oname = OrganizationName::parse(req.org_name.trim())
                    .map_err(|e| ApiError::input(e.code(), e.to_string_zh(), e.to_string()))?;
                let code = Uscc::parse(req.uscc.trim())
                    .map_err(|e| ApiError::input(e.code(), e.to_string_zh(), e.to_string()))?;
                let org_type = match req.org_type.trim() {
                    "" => code
                        .category()
                        .and_then(|c| c.organization_types().first().copied())
                        .unwrap_or(OrganizationType::Enterprise),
                    t => t
                        .parse::<OrganizationType>()
                        .map_err(|e| bad("unknown_org_type", "单位类型", &e))?,
                };
                let org = Organization::new(oname.clone(), code, org_type, person.clone())
                    .map_err(|e| ApiError::input(e.code(), e.to_string_zh(), e.to_string()))?;
                org_name = Some(oname.as_str().to_owned());
                org.into()
            }
        };
        let mut case = Case::new(account, subject_value);
        if !req.mobile.trim().is_empty() {
            case = case.with_mobile(
                MobileNumber::parse(req.mobile.trim())
                    .map_err(|e| ApiError::input(e.code(), e.to_string_zh(), e.to_string()))?,
            );
        }
        if !req.card.trim().is_empty() {
            case = case.with_card(
                BankCardNumber::parse(req.card.trim())
                    .map_err(|e| ApiError::input(e.code(), e.to_string_zh(), e.to_string()))?,
            );
        }
        if method == MethodKind::CorporateTransfer {
            if req.payee_bank.trim().is_empty() || req.payee_account.trim().is_empty() {
                return Err(ApiError::input(
                    "payee_missing",
                    "请填写对公账户的开户行与账号",
                    "the payee bank and account are missing",
                ));
            }
            case = case.with_payee(PayeeAccount {
                bank: req.payee_bank.trim().to_owned(),
                account: req.payee_account.trim().to_owned(),
            });
        }
        let needs = |what: &str, zh: &str, missing: bool| {
            if missing {
                Err(ApiError::input(
                    &format!("{what}_missing"),
                    format!("此认证方式需要{zh}"),
                    format!("this method needs the {what}"),
                ))
            } else {
                Ok(())
            }
        };
        if machine == MachineKind::Auto {
            let terms = AutoTerms::from_profile(profile, method)?;
            needs("mobile", "手机号", terms.sms && case.mobile.is_none())?;
            needs(
                "card",
                "银行卡号",
                terms.identity_check == Some(realname::flow::Party::Bank) && case.card.is_none(),
            )?;
            needs(
                "mobile",
                "银行预留手机号",
                terms.identity_check == Some(realname::flow::Party::Bank) && case.mobile.is_none(),
            )?;
        }

        // The account cap, before anything starts.
        if let Some(key) = case.key() {
            let count =
                self.driver.store().count(&key).await.map_err(|e| {
                    ApiError::new(500, "store_failed", e.to_string(), e.to_string())
                })?;
            check_identity_cap(profile, &key, count)?;
        }

        let masked_doc = person.document().masked().to_string();
        let mut tries = 0;
        let (id, report) = loop {
            let n = self.seq.fetch_add(1, Ordering::SeqCst) + 1;
            let id = format!("{}-{n}", self.prefix);
            self.driver.cases().insert(&id, case.clone());
            let report = match machine {
                MachineKind::Auto => {
                    let terms = AutoTerms::from_profile(profile, method)?;
                    self.driver.start::<Auto>(&id, account, terms, now).await
                }
                MachineKind::Deposit => {
                    let terms = DepositTerms::from_profile(profile)?;
                    self.driver.start::<Deposit>(&id, account, terms, now).await
                }
                MachineKind::Review => {
                    let terms = ReviewTerms::from_profile(profile, method)?;
                    self.driver.start::<Review>(&id, account, terms, now).await
                }
                MachineKind::Recharge => {
                    let terms = RechargeTerms::from_profile(profile)?;
                    self.driver
                        .start::<Remittance>(&id, account, terms, now)
                        .await
                }
            };
            match report {
                Ok(r) => break (id, r),
                // An id a former run used (the data file is kept).
                Err(DriverError::Exists { .. }) if tries < 100 => {
                    self.driver.cases().remove(&id);
                    tries += 1;
                }
                Err(e) => {
                    self.driver.cases().remove(&id);
                    return Err(e.into());
                }
            }
        };
        let info = Info {
            id: id.clone(),
            provider,
            method,
            machine,
            account: account.to_owned(),
            subject,
            name: mask_name(name.as_str()),
            document: masked_doc,
            org_name,
            payouts_before: 0,
            flash: None,
        };
        self.infos().insert(id.clone(), info);
        Ok(self.view(&id, &report))
    }

    async fn report(&self, id: &str, machine: MachineKind) -> Result<Report, DriverError> {
        match machine {
            MachineKind::Auto => self.driver.report::<Auto>(id).await,
            MachineKind::Deposit => self.driver.report::<Deposit>(id).await,
            MachineKind::Review => self.driver.report::<Review>(id).await,
            MachineKind::Recharge => self.driver.report::<Remittance>(id).await,
        }
    }

    /// Where application `id` stands.
    ///
    /// # Errors
    ///
    /// 404 for an unknown id; the driver's error.
    pub async fn get(&self, id: &str) -> Result<View, ApiError> {
        let info = self.info(id)?;
        let report = self.report(id, info.machine).await?;
        Ok(self.view(id, &report))
    }

    fn payouts(&self, id: &str) -> Vec<realname::transport::fake::PaidOut> {
        let prefix = format!("{id}/");
        self.driver
            .parties()
            .payer
            .payouts()
            .into_iter()
            .filter(|p| p.key.starts_with(&prefix))
            .collect()
    }

    fn view(&self, id: &str, report: &Report) -> View {
        let info = self.infos().get(id).cloned();
        let Some(info) = info else {
            // Unreachable for ids the service made; a bare view otherwise.
            return View {
                info: Info {
                    id: id.to_owned(),
                    provider: Provider::Baidu,
                    method: MethodKind::Face,
                    machine: MachineKind::Auto,
                    account: String::new(),
                    subject: SubjectKind::Individual,
                    name: String::new(),
                    document: String::new(),
                    org_name: None,
                    payouts_before: 0,
                    flash: None,
                },
                status: Value::Null,
                status_code: report.status.code(),
                status_zh: status_zh(&report.status),
                failure: None,
                next: "wait",
                revision: report.revision,
                uses: report.uses,
                next_deadline: report.next_deadline,
                open: Vec::new(),
                duplicate: report.duplicate,
                demo: Demo::default(),
                parts: Vec::new(),
            };
        };
        let mut demo = Demo::default();
        if let Some(e) = report.waiting_for("send_sms_code") {
            let key = format!("{id}/{}", e.action.id());
            demo.sms_code = self
                .driver
                .parties()
                .sms
                .last_code(&key)
                .map(|c| c.as_str().to_owned());
        }
        if let Some(e) = report.waiting_for("await_payment") {
            demo.pay_into.clone_from(&e.note);
            if let realname::flow::Action::AwaitPayment { fen, .. } = e.action {
                demo.pay_fen = Some(fen);
            }
        }
        let payouts = self.payouts(id);
        if let Some(p) = payouts.last() {
            demo.payout_status = Some(format!("{:?}", p.status));
            if p.status == PayoutStatus::Sent {
                demo.payout_fen = Some(p.fen);
            }
        }
        let sent_since = payouts
            .iter()
            .filter(|p| p.status == PayoutStatus::Sent)
            .count()
            > info.payouts_before
            || (payouts.len() > info.payouts_before
                && payouts
                    .last()
                    .is_some_and(|p| p.status == PayoutStatus::Sent));
        let transfer_over = matches!(
            report.failure,
            Some(Failure::WrongAmount { left: Some(0) })
                | Some(Failure::PayoutFailed { .. })
                | Some(Failure::FaceCheckFailed)
        );
        let next = if report.status.is_terminal() {
            "done"
        } else if report.waiting_for("send_sms_code").is_some() {
            "sms"
        } else if report.waiting_for("start_liveness").is_some() {
            "liveness"
        } else if report.waiting_for("await_payment").is_some() {
            "pay"
        } else if report.waiting_for("queue_review").is_some()
            || matches!(report.status, Status::InReview { .. })
        {
            "wait_review"
        } else if report.status == Status::AwaitingApplicant {
            match info.machine {
                MachineKind::Review => "upload",
                MachineKind::Deposit if sent_since && !transfer_over => "amount",
                _ => "submit",
            }
        } else {
            "wait"
        };
        let parts = if info.machine == MachineKind::Review {
            ReviewTerms::from_profile(info.provider.profile(), info.method)
                .map(|t| parts_of(&t).0.iter().map(|p| p.id()).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        View {
            status: serde_json::to_value(report.status).unwrap_or(Value::Null),
            status_code: report.status.code(),
            status_zh: status_zh(&report.status),
            failure: report.failure.as_ref().map(Msg::from),
            next,
            revision: report.revision,
            uses: report.uses,
            next_deadline: report.next_deadline,
            open: report
                .open
                .iter()
                .map(|e| {
                    json!({
                        "action": e.action.code(),
                        "id": e.action.id().to_string(),
                        "state": e.state.code(),
                        "note": e.note,
                    })
                })
                .collect(),
            duplicate: report.duplicate,
            demo,
            parts,
            info,
        }
    }

    /// The applicant submits (an automatic check's form; a
    /// micro-deposit's details, with the amount the demo pays: `fen`, or
    /// one it picks in the provider's range).
    ///
    /// # Errors
    ///
    /// The flow's refusal, the driver's error.
    pub async fn submit(
        &self,
        id: &str,
        fen: Option<u32>,
        request: Option<&str>,
    ) -> Result<View, ApiError> {
        let info = self.info(id)?;
        let now = self.clock.now();
        let report = match info.machine {
            MachineKind::Auto => {
                let case = self.driver.cases().case(id).await.ok().flatten();
                let submission = match case.as_ref().map(|c| &c.subject) {
                    Some(Subject::Organization(o)) => Submission::organization(
                        o.organization_type().class(),
                        Actor::LegalRepresentative,
                    ),
                    _ => Submission::individual(),
                };
                self.driver
                    .deliver::<Auto>(id, AutoEvent::Submit(submission), request, now)
                    .await?
            }
            MachineKind::Deposit => {
                let terms = DepositTerms::from_profile(info.provider.profile())?;
                let fen = fen.unwrap_or_else(|| pick_amount(id, &terms, now));
                let before = self.payouts(id).len();
                if let Some(i) = self.infos().get_mut(id) {
                    i.payouts_before = before;
                }
                self.driver
                    .deliver::<Deposit>(id, DepositEvent::Submit { fen }, request, now)
                    .await?
            }
            MachineKind::Recharge => {
                let terms = RechargeTerms::from_profile(info.provider.profile())?;
                let (min, max) = terms
                    .amount
                    .map_or((1, 99), |r| (r.min_fen.max(1), r.max_fen.max(1)));
                let fen = fen.unwrap_or_else(|| pick_in(id, min, max, now));
                // A dedicated account is made first, after an SMS code
                // to the mobile number given.
                let case = self.driver.cases().case(id).await.ok().flatten();
                let new_account = case.is_some_and(|c| c.mobile.is_some());
                self.driver
                    .deliver::<Remittance>(
                        id,
                        RechargeEvent::Submit { fen, new_account },
                        request,
                        now,
                    )
                    .await?
            }
            MachineKind::Review => {
                return Err(ApiError::input(
                    "upload_needed",
                    "证件审核请上传文件",
                    "a document review is submitted with its files: use /upload",
                ));
            }
        };
        Ok(self.view(id, &report))
    }

    /// The applicant enters the SMS code.
    ///
    /// # Errors
    ///
    /// The flow's refusal, the driver's error.
    pub async fn sms(&self, id: &str, code: &str) -> Result<View, ApiError> {
        let info = self.info(id)?;
        let now = self.clock.now();
        let report = match info.machine {
            MachineKind::Auto => self.driver.enter_sms_code::<Auto>(id, code, now).await?,
            MachineKind::Recharge => {
                self.driver
                    .enter_sms_code::<Remittance>(id, code, now)
                    .await?
            }
            _ => {
                return Err(ApiError::input(
                    "no_sms",
                    "此认证方式没有短信验证码",
                    "this method sends no SMS code",
                ));
            }
        };
        Ok(self.view(id, &report))
    }

    /// The applicant (or the operator, for a micro-deposit) finished the
    /// face check on the phone, in the session the (fake) authority
    /// opened.
    ///
    /// # Errors
    ///
    /// The flow's refusal, the driver's error.
    pub async fn liveness(&self, id: &str) -> Result<View, ApiError> {
        let info = self.info(id)?;
        let now = self.clock.now();
        let report = match info.machine {
            MachineKind::Auto => self.driver.liveness_done::<Auto>(id, now).await?,
            MachineKind::Deposit => self.driver.liveness_done::<Deposit>(id, now).await?,
            MachineKind::Review | MachineKind::Recharge => {
                return Err(ApiError::input(
                    "no_liveness",
                    "此认证方式没有刷脸步骤",
                    "this method has no face check",
                ));
            }
        };
        Ok(self.view(id, &report))
    }

    /// The applicant enters the amount received, in fen.
    ///
    /// # Errors
    ///
    /// The flow's refusal, the driver's error.
    pub async fn amount(&self, id: &str, fen: u32) -> Result<View, ApiError> {
        let info = self.info(id)?;
        if info.machine != MachineKind::Deposit {
            return Err(ApiError::input(
                "no_amount",
                "此认证方式无需输入金额",
                "this method takes no amount",
            ));
        }
        let now = self.clock.now();
        let event = DepositEvent::AmountEntered {
            fen,
            risk_hit: false,
        };
        let report = self.driver.deliver::<Deposit>(id, event, None, now).await?;
        Ok(self.view(id, &report))
    }

    /// The applicant uploads the files of a document review: each checked
    /// against the provider's upload rule (format, size), then submitted.
    ///
    /// # Errors
    ///
    /// The upload rule's refusal (422), the flow's, the driver's.
    pub async fn upload(&self, id: &str, files: &[FileIn]) -> Result<View, ApiError> {
        let info = self.info(id)?;
        if info.machine != MachineKind::Review {
            return Err(ApiError::input(
                "no_upload",
                "此认证方式无需上传文件",
                "this method takes no upload",
            ));
        }
        let profile = info.provider.profile();
        let terms = ReviewTerms::from_profile(profile, info.method)?;
        let (_, signatory) = parts_of(&terms);
        let mut uploads = Vec::with_capacity(files.len());
        for f in files {
            let p = part(&f.part)?;
            let u = Upload::check(profile, info.method, p, &f.file_name, f.bytes)?;
            // A browser's content type that names another format than the
            // file's name is refused too.
            if let (Some(format), ct) = (u.format, f.content_type.trim())
                && !ct.is_empty()
                && ct != "application/octet-stream"
                && !content_type_fits(ct, format.id())
            {
                return Err(ApiError::input(
                    "content_type_mismatch",
                    format!("文件内容类型 {ct} 与扩展名不符"),
                    format!("the content type {ct} does not fit the file's extension"),
                ));
            }
            uploads.push(u);
        }
        let uploads = Uploads::new(&uploads)?;
        let now = self.clock.now();
        let event = ReviewEvent::Submit {
            uploads,
            ocr: None,
            signatory,
        };
        let report = self.driver.deliver::<Review>(id, event, None, now).await?;
        Ok(self.view(id, &report))
    }

    /// The reviews waiting, with their due times and whether overdue.
    pub async fn reviews(&self) -> Vec<ReviewRow> {
        let now = self.clock.now();
        let mut rows = Vec::new();
        for t in self.driver.parties().reviews.tickets() {
            let info = self.infos().get(&t.flow).cloned();
            if let Some(i) = &info
                && let Ok(r) = self.report(&t.flow, i.machine).await
                && r.status.is_terminal()
            {
                continue;
            }
            rows.push(ReviewRow {
                flow: t.flow.clone(),
                key: t.key.clone(),
                method: t.method,
                provider: info.as_ref().map(|i| i.provider),
                name: info.as_ref().map(|i| i.name.clone()).unwrap_or_default(),
                document: info
                    .as_ref()
                    .map(|i| i.document.clone())
                    .unwrap_or_default(),
                due: t.due,
                due_beijing: beijing(t.due),
                overdue: now > t.due,
            });
        }
        rows.sort_by_key(|r| r.due);
        rows
    }

    /// The operator decides the review of flow `id`.
    ///
    /// # Errors
    ///
    /// 404 if no review of the flow waits; the driver's error.
    pub async fn decide(&self, id: &str, approve: bool) -> Result<View, ApiError> {
        let info = self.info(id)?;
        let report = self.report(id, info.machine).await?;
        let Some(entry) = report
            .open
            .iter()
            .find(|e| e.action.code() == "queue_review" && e.state == EntryState::Waiting)
        else {
            return Err(ApiError::new(
                404,
                "no_review",
                "此申请没有等待中的审核",
                "no review of this application is waiting",
            ));
        };
        let aid = entry.action.id();
        let now = self.clock.now();
        let outcome = if approve {
            ReviewOutcome::Approved
        } else {
            ReviewOutcome::Rejected
        };
        let answer = Answer::Review(outcome);
        let report = match info.machine {
            MachineKind::Auto => self.driver.answer::<Auto>(id, aid, answer, now).await?,
            MachineKind::Deposit => self.driver.answer::<Deposit>(id, aid, answer, now).await?,
            MachineKind::Review => self.driver.answer::<Review>(id, aid, answer, now).await?,
            MachineKind::Recharge => {
                self.driver
                    .answer::<Remittance>(id, aid, answer, now)
                    .await?
            }
        };
        Ok(self.view(id, &report))
    }

    /// What the background task does every few seconds: delivers the fake
    /// payer's callbacks, then sweeps the flows whose time has come.
    /// Returns how many flows it touched.
    pub async fn tick(&self) -> usize {
        let now = self.clock.now();
        let mut touched = 0;
        for (key, status) in self.driver.parties().payer.take_callbacks() {
            let answer = match status {
                PayoutStatus::Sent => Answer::PayoutSent,
                PayoutStatus::Failed(r) => Answer::PayoutFailed(r),
                _ => continue,
            };
            // The key names the flow and the action; a callback repeated
            // is answered as a duplicate.
            if self.driver.callback(&key, answer, now).await.is_ok() {
                touched += 1;
            }
        }
        if let Ok(done) = self.driver.sweep(now, 100).await {
            touched += done.len();
        }
        touched
    }

    /// A recharge's payment arrives (played by hand): `fen` (else the
    /// amount asked for) from the organisation's account, or from another
    /// name; the driver asks the fake payments at once.
    ///
    /// # Errors
    ///
    /// 404 when the flow waits for no payment; the driver's error.
    pub async fn pay(
        &self,
        id: &str,
        fen: Option<u32>,
        other_name: bool,
    ) -> Result<View, ApiError> {
        let info = self.info(id)?;
        let report = self.report(id, info.machine).await?;
        let Some(entry) = report.waiting_for("await_payment") else {
            return Err(ApiError::new(
                404,
                "no_payment_expected",
                "此申请没有等待中的付款",
                "this application waits for no payment",
            ));
        };
        let asked = match entry.action {
            realname::flow::Action::AwaitPayment { fen, .. } => fen,
            _ => 0,
        };
        let now = self.clock.now();
        let payer_name = if other_name {
            "另一家公司".to_owned()
        } else {
            info.org_name.clone().unwrap_or_default()
        };
        self.driver.parties().payments.pay(
            &format!("{id}/{}", entry.action.id()),
            IncomingPayment {
                payer_name,
                fen: fen.unwrap_or(asked),
                at: now,
            },
        );
        let report = self.driver.poll::<Remittance>(id, now).await?;
        Ok(self.view(id, &report))
    }

    /// The fake payer's answer to a payout it holds as received (the
    /// payer's callback, played by hand): `sent` or failed.
    ///
    /// # Errors
    ///
    /// 404 when the flow has no payout waiting.
    pub async fn settle_payout(&self, id: &str, sent: bool) -> Result<View, ApiError> {
        let info = self.info(id)?;
        let Some(p) = self
            .payouts(id)
            .into_iter()
            .rev()
            .find(|p| p.status == PayoutStatus::Received)
        else {
            return Err(ApiError::new(
                404,
                "no_payout_waiting",
                "没有等待回调的打款",
                "no payout is waiting for its callback",
            ));
        };
        let status = if sent {
            PayoutStatus::Sent
        } else {
            PayoutStatus::Failed(Some(realname::policy::FailureReason::AccountNotSupported))
        };
        self.driver.parties().payer.settle(&p.key, status);
        self.tick().await;
        let report = self.report(id, info.machine).await?;
        Ok(self.view(id, &report))
    }
}

/// Whether a browser's content type fits the format named by a file's
/// extension.
fn content_type_fits(ct: &str, format: &str) -> bool {
    let ct = ct.to_ascii_lowercase();
    match format {
        "jpeg" | "jpg" => ct == "image/jpeg" || ct == "image/jpg" || ct == "image/pjpeg",
        "png" => ct == "image/png",
        "bmp" => ct == "image/bmp" || ct == "image/x-ms-bmp",
        "pdf" => ct == "application/pdf",
        "gif" => ct == "image/gif",
        _ => ct.contains(format),
    }
}

/// The amount the demo pays, in the provider's range: derived from the
/// flow's id and the time (no randomness needed for a demo).
fn pick_amount(id: &str, terms: &DepositTerms, now: DateTime<Utc>) -> u32 {
    let (min, max) = terms
        .amount
        .map_or((1, 99), |r| (r.min_fen.max(1), r.max_fen.max(1)));
    pick_in(id, min, max, now)
}

/// An amount in `min..=max` fen, derived from the id and the time.
fn pick_in(id: &str, min: u32, max: u32, now: DateTime<Utc>) -> u32 {
    let span = max.saturating_sub(min).saturating_add(1).max(1);
    let seed = id
        .bytes()
        .fold(now.timestamp_subsec_nanos() as u64, |h, b| {
            h.wrapping_mul(31).wrapping_add(u64::from(b))
        });
    min + u32::try_from(seed % u64::from(span)).unwrap_or(0)
}
