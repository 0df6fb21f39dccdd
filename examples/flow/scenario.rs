//! Scenario files: a provider, a machine, a start time, timed events and
//! what to expect after each. Shared by `examples/flow` and
//! `tests/scenarios.rs`.
//!
//! A scenario is a TOML file:
//!
//! ```toml
//! machine = "B-MICRO"          # the seed machine: K-CORP, B-MICRO, T-TRANSFER, ...
//! provider = "baidu"           # kingsoft, baidu, tencent, huawei
//! description = "..."
//! start = "2026-06-01T02:00:00Z"
//! prior_uses = 0               # uses of the method before this flow (optional)
//!
//! [[step]]
//! after = "1m"                 # time since the previous step: 30s, 5m, 2h, 3d
//! event = { submit = { fen = 37 } }
//! expect = { status = "awaiting_party", actions = ["start_liveness"] }
//! ```
//!
//! An event is the machine's event in serde's form (`"tick"`,
//! `"withdraw"`, `{ amount_entered = { fen = 37, risk_hit = false } }`).
//! An answer from an outside party may leave out its `id`: the id of the
//! action it answers (the last step's first action) is filled in.
//!
//! `expect` may hold: `status` (a `Status` code), `failure` (a `Failure`
//! code, or `"none"`), `actions` (the codes of the step's actions, in
//! order), `error` (the `FlowError` code when the event must be refused),
//! `duplicate` (bool), `revision`, `uses`, `entries_left` (a transfer's
//! amount entries left, or an automatic check's attempts left), and
//! `deadline` (RFC 3339, or `"none"`).
//!
//! # Changes of the verified subject
//!
//! The change machines (B-CHG-ENT-NAME, B-CHG-ENT-SUBJECT, B-CHG-IND-ENT,
//! B-CHG-IND-IND, T-CHANGE, K-CHANGE) run a `SubjectChange`. Three more
//! top-level fields apply to them:
//!
//! ```toml
//! machine = "T-CHANGE"
//! provider = "tencent"
//! transition = "individual_to_individual"   # T-CHANGE only; the others name theirs
//! last_change = "2026-05-12T02:00:00Z"      # the last completed change, for the cooldown
//! start_refused = "change_cooldown"         # the start must be refused with this code
//! ```
//!
//! A scenario whose start is refused has no steps. A flow's first answer
//! (B-CHG-ENT-SUBJECT's eligibility check) takes its id from the flow's
//! opening action. Events: `{ choose = { method = "face" } }`,
//! `{ checked = { passed = true } }`, `{ eligibility = { eligible = true } }`,
//! `{ registry = { matched = false } }`, `"submit"`, `"edit"`,
//! `{ review_decided = { outcome = "approved" } }`,
//! `{ rebound = { outcome = "bound" } }`, `"withdraw"`, `"tick"`.

use chrono::{DateTime, Utc};
use realname::calendar::ChinaMainland;
use realname::flow::{
    Action, Auto, AutomaticCheck, Change, ChangeNotStarted, Deposit, DocumentReview, Failure, Flow,
    FlowError, Machine, MicroDeposit, Recharge, Remittance, Review, Step, SubjectChange,
};
use realname::policy::{MethodKind, Profile, Provider, Transition};
use serde::Deserialize;

/// A scenario file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub machine: String,
    pub provider: String,
    #[serde(default)]
    pub description: String,
    pub start: DateTime<Utc>,
    #[serde(default)]
    pub prior_uses: u32,
    /// The verification method, where the machine runs several (Tencent's
    /// individual methods: `wechat_scan`, `qq_scan`, `face`); otherwise the
    /// machine's own.
    #[serde(default)]
    pub method: Option<MethodKind>,
    /// The change, for T-CHANGE (`individual_to_individual` when left
    /// out); the other change machines name their own.
    #[serde(default)]
    pub transition: Option<Transition>,
    /// When the account's last change of subject completed, for a change's
    /// cooldown.
    #[serde(default)]
    pub last_change: Option<DateTime<Utc>>,
    /// The code the start of a change must be refused with
    /// (`change_offline`, `change_cooldown`, ...).
    #[serde(default)]
    pub start_refused: Option<String>,
    #[serde(default, rename = "step")]
    pub steps: Vec<ScenarioStep>,
}

/// One timed event and what to expect after it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioStep {
    #[serde(default)]
    pub after: Option<String>,
    pub event: toml::Value,
    #[serde(default)]
    pub expect: Option<toml::Table>,
}

/// What one step printed and whether its expectations held.
#[derive(Debug)]
pub struct StepReport {
    pub at: DateTime<Utc>,
    pub event: String,
    pub outcome: Result<Step, FlowError>,
    pub uses: u32,
    pub entries_left: Option<u32>,
    /// The seed rule the step's failure rests on, where the profile names one.
    pub basis: Option<String>,
    pub met: usize,
    pub unmet: Vec<String>,
}

/// A change whose start was refused, as the scenario expected or not.
#[derive(Debug)]
pub struct StartRefusal {
    pub code: String,
    pub message_zh: String,
    pub message: String,
    /// The seed rule the refusal rests on.
    pub basis: Option<String>,
}

/// A scenario's run: the start's refusal, if it was refused, and the
/// steps.
#[derive(Debug)]
pub struct Report {
    pub refused: Option<StartRefusal>,
    pub steps: Vec<StepReport>,
    /// Expectations met and not met outside the steps (`start_refused`).
    pub met: usize,
    pub unmet: Vec<String>,
}

impl Report {
    /// Every expectation met, the steps' and the start's.
    pub fn met(&self) -> usize {
        self.met + self.steps.iter().map(|r| r.met).sum::<usize>()
    }

    /// Every expectation not met.
    pub fn unmet(&self) -> Vec<String> {
        let mut all = self.unmet.clone();
        all.extend(self.steps.iter().flat_map(|r| r.unmet.iter().cloned()));
        all
    }
}

/// A flow of any machine, driven by events given as TOML values.
trait Driver {
    fn handle(
        &mut self,
        event: toml::Value,
        now: DateTime<Utc>,
    ) -> Result<Result<Step, FlowError>, String>;
    fn uses(&self) -> u32;
    fn entries_left(&self) -> Option<u32>;
    fn revision(&self) -> u64;
    fn basis(&self, failure: &Failure, profile: &Profile) -> Option<String>;
}

struct Run<M: Machine> {
    flow: Flow<M>,
    /// The method, for a failure's basis; a change's, the one chosen last.
    method: MethodKind,
    calendar: ChinaMainland,
    last_actions: Vec<Action>,
    entries_left: fn(&Flow<M>) -> Option<u32>,
    /// The seed rule a failure rests on, for this machine.
    basis: fn(&Flow<M>, &Failure, &Profile, MethodKind) -> Option<String>,
}

impl<M: Machine> Driver for Run<M>
where
    M::Event: serde::de::DeserializeOwned,
{
    fn handle(
        &mut self,
        event: toml::Value,
        now: DateTime<Utc>,
    ) -> Result<Result<Step, FlowError>, String> {
        let event = fill_id(event, self.last_actions.first());
        let event: M::Event = event
            .try_into()
            .map_err(|e| format!("the event is not one this machine takes: {e}"))?;
        let outcome = self.flow.handle(event, now, &self.calendar);
        if let Ok(step) = &outcome {
            if !step.actions.is_empty() {
                self.last_actions = step.actions.clone();
            }
            if let Some(Action::VerifySubject { method, .. }) = step.actions.first() {
                self.method = *method;
            }
            // A restore of the saved state gives the same flow at every step.
            let back =
                Flow::<M>::restore(self.flow.save()).map_err(|e| format!("restore failed: {e}"))?;
            if back != self.flow {
                return Err("restoring the saved state gave another flow".to_owned());
            }
        }
        Ok(outcome)
    }

    fn uses(&self) -> u32 {
        self.flow.uses()
    }

    fn entries_left(&self) -> Option<u32> {
        (self.entries_left)(&self.flow)
    }

    fn basis(&self, failure: &Failure, profile: &Profile) -> Option<String> {
        (self.basis)(&self.flow, failure, profile, self.method)
    }

    fn revision(&self) -> u64 {
        self.flow.revision()
    }
}

/// Puts the id of the action an answer answers into it, when left out.
fn fill_id(event: toml::Value, pending: Option<&Action>) -> toml::Value {
    let (Some(action), toml::Value::Table(mut outer)) = (pending, event.clone()) else {
        return event;
    };
    if outer.len() != 1 {
        return event;
    }
    let Some((name, toml::Value::Table(mut inner))) =
        outer.iter().next().map(|(k, v)| (k.clone(), v.clone()))
    else {
        return event;
    };
    if !inner.contains_key("id")
        && name != "submit"
        && name != "choose"
        && name != "amount_entered"
        && name != "payment_received"
    {
        let id = action.id();
        let mut t = toml::Table::new();
        t.insert("revision".into(), toml::Value::Integer(id.revision as i64));
        t.insert("index".into(), toml::Value::Integer(i64::from(id.index)));
        inner.insert("id".into(), toml::Value::Table(t));
        outer.insert(name, toml::Value::Table(inner));
        return toml::Value::Table(outer);
    }
    event
}

fn provider(name: &str) -> Result<&'static Profile, String> {
    Provider::all()
        .iter()
        .find(|p| {
            let id = format!("{p:?}").to_lowercase();
            id == name || (name == "huawei" && id.starts_with("huawei"))
        })
        .map(|p| p.profile())
        .ok_or_else(|| format!("unknown provider {name:?}"))
}

/// What a change machine of a scenario runs: the provider's profile's
/// change.
fn change_of(s: &Scenario) -> Option<Transition> {
    let fixed = match s.machine.as_str() {
        "B-CHG-ENT-NAME" | "K-CHANGE" => Transition::OrganizationRename,
        "B-CHG-ENT-SUBJECT" => Transition::OrganizationToOrganization,
        "B-CHG-IND-ENT" => Transition::IndividualToOrganization,
        "B-CHG-IND-IND" => Transition::IndividualToIndividual,
        "T-CHANGE" => {
            return Some(s.transition.unwrap_or(Transition::IndividualToIndividual));
        }
        _ => return None,
    };
    Some(fixed)
}

/// A scenario's flow, or the refusal of its start.
enum Started {
    Flow(Box<dyn Driver>),
    Refused(ChangeNotStarted),
}

fn driver(s: &Scenario) -> Result<Started, String> {
    if !MACHINES.contains(&s.machine.as_str()) {
        return Err(format!(
            "unknown machine {:?}: one of {}",
            s.machine,
            MACHINES.join(", ")
        ));
    }
    let profile = provider(&s.provider)?;
    let calendar = ChinaMainland::default().with_estimates();
    if let Some(transition) = change_of(s) {
        if s.transition.is_some_and(|t| t != transition) {
            return Err(format!(
                "{} runs {}, not {:?}",
                s.machine,
                transition.id(),
                s.transition
            ));
        }
        return Ok(
            match SubjectChange::start(profile, transition, s.last_change, s.start, &calendar) {
                Ok((flow, _)) => {
                    // A flow's first answer may answer its opening action.
                    let last_actions = flow.opening_action().into_iter().collect();
                    Started::Flow(Box::new(Run::<Change> {
                        flow,
                        method: MethodKind::Face,
                        calendar,
                        last_actions,
                        entries_left: |_| None,
                        basis: |f, failure, profile, method| {
                            failure
                                .basis_in_change(profile, f.terms().transition, Some(method))
                                .map(|b| b.to_string())
                        },
                    }))
                }
                Err(e) => Started::Refused(e),
            },
        );
    }
    if s.transition.is_some() || s.last_change.is_some() || s.start_refused.is_some() {
        return Err(format!(
            "transition, last_change and start_refused are for change machines, not {}",
            s.machine
        ));
    }
    Ok(Started::Flow(match s.machine.as_str() {
        "K-CORP" | "B-MICRO" | "T-TRANSFER" => {
            let (flow, _) =
                MicroDeposit::start(profile, s.prior_uses, s.start).map_err(|e| e.to_string())?;
            Box::new(Run::<Deposit> {
                flow,
                method: MethodKind::CorporateTransfer,
                calendar,
                last_actions: Vec::new(),
                entries_left: |f| f.entries_left(),
                basis: |_, failure, profile, method| {
                    failure.basis(profile, method).map(|b| b.to_string())
                },
            })
        }
        "K-ID" | "K-BANK" | "B-FACE" | "B-BANK" | "B-LRFACE" | "T-INDIVIDUAL" | "T-ENTERPRISE" => {
            let method = s.method.unwrap_or(match s.machine.as_str() {
                "K-ID" => MethodKind::IdCardVideo,
                "K-BANK" | "B-BANK" => MethodKind::BankCard,
                "B-FACE" | "T-INDIVIDUAL" => MethodKind::Face,
                _ => MethodKind::LegalRepresentativeFace,
            });
            let (flow, _) = AutomaticCheck::start(profile, method, s.prior_uses, s.start)
                .map_err(|e| e.to_string())?;
            Box::new(Run::<Auto> {
                flow,
                method,
                calendar,
                last_actions: Vec::new(),
                entries_left: |f| f.attempts_left(),
                basis: |_, failure, profile, method| {
                    failure.basis(profile, method).map(|b| b.to_string())
                },
            })
        }
        "K-OTHER" | "K-CERT" | "H-DOC" => {
            let method = s.method.unwrap_or(if s.machine == "K-CERT" {
                MethodKind::CertificateUpload
            } else {
                MethodKind::DocumentUpload
            });
            let (flow, _) = DocumentReview::start(profile, method, s.prior_uses, s.start)
                .map_err(|e| e.to_string())?;
            Box::new(Run::<Review> {
                flow,
                method,
                calendar,
                last_actions: Vec::new(),
                entries_left: |_| None,
                basis: |_, failure, profile, method| {
                    failure.basis(profile, method).map(|b| b.to_string())
                },
            })
        }
        "B-RECHARGE" | "T-RECHARGE" => {
            let (flow, _) =
                Recharge::start(profile, s.prior_uses, s.start).map_err(|e| e.to_string())?;
            Box::new(Run::<Remittance> {
                flow,
                method: MethodKind::Recharge,
                calendar,
                last_actions: Vec::new(),
                entries_left: |_| None,
                basis: |_, failure, profile, method| {
                    failure.basis(profile, method).map(|b| b.to_string())
                },
            })
        }
        other => return Err(format!("no machine for {other:?}")),
    }))
}

/// `30s`, `5m`, `2h`, `3d` as a duration.
fn after(text: &str) -> Result<chrono::Duration, String> {
    let (n, unit) = text.split_at(text.len().saturating_sub(1));
    let n: i64 = n.parse().map_err(|_| format!("bad duration {text:?}"))?;
    Ok(match unit {
        "s" => chrono::Duration::seconds(n),
        "m" => chrono::Duration::minutes(n),
        "h" => chrono::Duration::hours(n),
        "d" => chrono::Duration::days(n),
        _ => return Err(format!("bad duration {text:?}")),
    })
}

fn expect_str(v: &toml::Value) -> Option<&str> {
    v.as_str()
}

/// Runs a scenario, step by step.
pub fn run(s: &Scenario) -> Result<Report, String> {
    let mut report = Report {
        refused: None,
        steps: Vec::new(),
        met: 0,
        unmet: Vec::new(),
    };
    let mut d = match (driver(s)?, &s.start_refused) {
        (Started::Flow(_), Some(code)) => {
            report
                .unmet
                .push(format!("start_refused: expected {code}, got started"));
            return Ok(report);
        }
        (Started::Flow(d), None) => d,
        (Started::Refused(e), want) => {
            match want {
                Some(code) if code == e.code() => report.met += 1,
                Some(code) => report
                    .unmet
                    .push(format!("start_refused: expected {code}, got {}", e.code())),
                None => return Err(format!("the change did not start: {}", e.code())),
            }
            if !s.steps.is_empty() {
                return Err("a change whose start is refused has no steps".to_owned());
            }
            let basis = match &e {
                ChangeNotStarted::Refused(r) => r.basis().map(|b| b.to_string()),
                _ => None,
            };
            report.refused = Some(StartRefusal {
                code: e.code().to_owned(),
                message_zh: e.to_string_zh(),
                message: e.to_string(),
                basis,
            });
            return Ok(report);
        }
    };
    let mut now = s.start;
    let mut reports = Vec::new();
    for (i, step) in s.steps.iter().enumerate() {
        if let Some(a) = &step.after {
            now += after(a)?;
        }
        let event_text = step.event.to_string();
        let outcome = d
            .handle(step.event.clone(), now)
            .map_err(|e| format!("step {}: {e}", i + 1))?;
        let mut met = 0;
        let mut unmet = Vec::new();
        let mut check = |what: &str, ok: bool, got: String| {
            if ok {
                met += 1;
            } else {
                unmet.push(format!("step {}: {what}: got {got}", i + 1));
            }
        };
        // A refused event is a failure of the scenario unless it says it
        // expects that error.
        let expects_error = step.expect.iter().flatten().any(|(k, _)| k == "error");
        if let (Err(e), false) = (&outcome, expects_error) {
            check(
                "refusal",
                false,
                format!("the error {} with no expected error", e.code()),
            );
        }
        for (key, want) in step.expect.iter().flatten() {
            match (key.as_str(), &outcome) {
                ("error", Err(e)) => check(
                    "error",
                    expect_str(want) == Some(e.code()),
                    e.code().to_owned(),
                ),
                ("error", Ok(st)) => {
                    check("error", false, format!("no error ({})", st.status.code()))
                }
                (_, Err(e)) => check(key, false, format!("the error {}", e.code())),
                ("status", Ok(st)) => check(
                    "status",
                    expect_str(want) == Some(st.status.code()),
                    st.status.code().to_owned(),
                ),
                ("failure", Ok(st)) => {
                    let got = st.failure.map_or("none", |f| f.code());
                    check("failure", expect_str(want) == Some(got), got.to_owned());
                }
                ("actions", Ok(st)) => {
                    let got: Vec<&str> = st.actions.iter().map(|a| a.code()).collect();
                    let wanted: Vec<&str> = want
                        .as_array()
                        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                        .unwrap_or_default();
                    check("actions", got == wanted, format!("{got:?}"));
                }
                ("duplicate", Ok(st)) => check(
                    "duplicate",
                    want.as_bool() == Some(st.duplicate),
                    st.duplicate.to_string(),
                ),
                ("revision", Ok(st)) => check(
                    "revision",
                    want.as_integer() == Some(st.revision as i64),
                    st.revision.to_string(),
                ),
                ("uses", Ok(_)) => check(
                    "uses",
                    want.as_integer() == Some(i64::from(d.uses())),
                    d.uses().to_string(),
                ),
                ("entries_left", Ok(_)) => {
                    let got = d.entries_left();
                    check(
                        "entries_left",
                        want.as_integer() == got.map(i64::from),
                        format!("{got:?}"),
                    );
                }
                ("deadline", Ok(st)) => {
                    let got = st.next_deadline.map_or("none".to_owned(), |t| {
                        format!("{}T{}Z", t.date_naive(), t.time())
                    });
                    check("deadline", expect_str(want) == Some(got.as_str()), got);
                }
                (other, _) => check(other, false, "an unknown expectation".to_owned()),
            }
        }
        let basis = outcome
            .as_ref()
            .ok()
            .and_then(|st| st.failure)
            .and_then(|f| d.basis(&f, provider(&s.provider).ok()?));
        reports.push(StepReport {
            at: now,
            event: event_text,
            basis,
            outcome,
            uses: d.uses(),
            entries_left: d.entries_left(),
            met,
            unmet,
        });
    }
    let _ = d.revision();
    report.steps = reports;
    Ok(report)
}

/// Reads a scenario file.
pub fn load(path: &std::path::Path) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The machine identifiers a scenario may name, as the seeds' state
/// machines are called in this project.
pub const MACHINES: &[&str] = &[
    "K-ID",
    "K-BANK",
    "K-OTHER",
    "K-CORP",
    "K-CERT",
    "B-FACE",
    "B-BANK",
    "B-LRFACE",
    "B-MICRO",
    "B-RECHARGE",
    "T-INDIVIDUAL",
    "T-ENTERPRISE",
    "T-RECHARGE",
    "T-TRANSFER",
    "H-DOC",
    "B-CHG-ENT-NAME",
    "B-CHG-ENT-SUBJECT",
    "B-CHG-IND-ENT",
    "B-CHG-IND-IND",
    "T-CHANGE",
    "K-CHANGE",
];
