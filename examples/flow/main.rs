//! Drives a verification flow from a scenario file and prints every step:
//! the status, the actions the caller must perform, the deadline, the
//! attempts counted and left, and the failure shown to the applicant.
//!
//! ```sh
//! cargo run --example flow --features serde -- examples/scenarios/b-micro-happy.toml
//! cargo run --example flow --features serde -- --json examples/scenarios/k-corp-fallback.toml
//! cargo run --example flow --features serde -- --check examples/scenarios
//! ```
//!
//! `--check DIR` runs every scenario in DIR, prints each expectation not
//! met, and ends with `N scenarios, M expectations met`; it exits non-zero
//! when any is not met. The scenario format is described in
//! `examples/flow/scenario.rs`.

#![allow(missing_docs)]

mod scenario;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use scenario::{StartRefusal, StepReport, load, run};

fn print_refusal(r: &StartRefusal, json: bool) {
    if json {
        let v = serde_json::json!({"start_refused": {"code": r.code, "message": r.message, "message_zh": r.message_zh, "rule": r.basis}});
        println!("{v}");
    } else {
        println!(
            " 0. start refused ({}): {} / {}{}",
            r.code,
            r.message_zh,
            r.message,
            r.basis
                .as_ref()
                .map_or(String::new(), |b| format!("\n    rule: {b}"))
        );
    }
}

fn print_step(n: usize, r: &StepReport, json: bool) {
    match (&r.outcome, json) {
        (Ok(step), false) => {
            let actions: Vec<String> = step.actions.iter().map(describe).collect();
            println!(
                "{n:>2}. {} {}\n    status: {}{}\n    actions: {}\n    deadline: {}\n    uses: {}, entries left: {}{}",
                r.at,
                r.event,
                step.status.code(),
                if step.duplicate {
                    " (a repeated answer: nothing counted)"
                } else {
                    ""
                },
                if actions.is_empty() {
                    "none".to_owned()
                } else {
                    actions.join("; ")
                },
                step.next_deadline
                    .map_or("none".to_owned(), |t| t.to_string()),
                r.uses,
                r.entries_left
                    .map_or("not limited".to_owned(), |n| n.to_string()),
                step.failure.map_or(String::new(), |f| format!(
                    "\n    failure: {} / {}{}",
                    f.to_string_zh(),
                    f,
                    r.basis
                        .as_ref()
                        .map_or(String::new(), |b| format!("\n    rule: {b}"))
                )),
            );
        }
        (Err(e), false) => println!(
            "{n:>2}. {} {}\n    refused: {} / {}",
            r.at,
            r.event,
            e.to_string_zh(),
            e
        ),
        (Ok(step), true) => {
            let v = serde_json::json!({
                "step": n,
                "at": r.at,
                "event": r.event,
                "status": step.status,
                "actions": step.actions,
                "deadline": step.next_deadline,
                "failure": step.failure.map(|f| serde_json::json!({"code": f.code(), "message": f.to_string(), "message_zh": f.to_string_zh()})),
                "duplicate": step.duplicate,
                "revision": step.revision,
                "uses": r.uses,
                "entries_left": r.entries_left,
            });
            println!("{v}");
        }
        (Err(e), true) => {
            let v = serde_json::json!({"step": n, "at": r.at, "event": r.event, "error": {"code": e.code(), "message": e.to_string(), "message_zh": e.to_string_zh()}});
            println!("{v}");
        }
    }
}

fn describe(a: &realname::flow::Action) -> String {
    use realname::flow::Action;
    match a {
        Action::RequestPayout { id, fen, .. } => {
            format!("request a payout of {fen} fen (key {id})")
        }
        Action::QueueReview { due, .. } => format!("queue a review due {}", due),
        Action::Bind { cap, .. } => format!(
            "bind the identity to the account under {}",
            cap.map_or("no stated cap".to_owned(), |c| format!("a cap of {c}"))
        ),
        Action::StartLiveness { kind, actor, .. } => {
            format!("start a {} check of the {}", kind.code(), actor.code())
        }
        Action::AwaitPayment { fen, .. } => {
            format!("show the account and await a payment of {fen} fen")
        }
        Action::VerifySubject { role, method, .. } => {
            format!("verify the {} subject by {}", role.code(), method.name_en())
        }
        Action::Rebind { cap, .. } => format!(
            "move the account's binding to the new identity under {}, all or nothing",
            cap.map_or("no stated cap".to_owned(), |c| format!("a cap of {c}"))
        ),
        Action::NotifyApplicant { notice, .. } => {
            format!("tell the applicant: {} / {}", notice.to_string_zh(), notice)
        }
        other => other.code().replace('_', " "),
    }
}

fn scenarios_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let check = args.iter().position(|a| a == "--check");
    let rest: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if let Some(i) = check {
        let Some(dir) = args.get(i + 1) else {
            eprintln!("--check needs a directory");
            return ExitCode::from(2);
        };
        let files = match scenarios_in(Path::new(dir)) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        let (mut met, mut failed) = (0, 0);
        for f in &files {
            match load(f).and_then(|s| run(&s)) {
                Ok(report) => {
                    met += report.met();
                    for u in report.unmet() {
                        println!("{}: {u}", f.display());
                        failed += 1;
                    }
                }
                Err(e) => {
                    println!("{}: {e}", f.display());
                    failed += 1;
                }
            }
        }
        println!("{} scenarios, {met} expectations met", files.len());
        return if failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    let Some(file) = rest.first() else {
        eprintln!("usage: flow [--json] SCENARIO.toml | flow --check DIR");
        return ExitCode::from(2);
    };
    let scenario = match load(Path::new(file)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if !json {
        println!(
            "{} ({}), {}: {}\n",
            scenario.machine, scenario.provider, scenario.start, scenario.description
        );
    }
    match run(&scenario) {
        Ok(report) => {
            if let Some(r) = &report.refused {
                print_refusal(r, json);
            }
            for (i, r) in report.steps.iter().enumerate() {
                print_step(i + 1, r, json);
            }
            let unmet = report.unmet();
            for u in &unmet {
                eprintln!("expectation not met: {u}");
            }
            let ok = unmet.is_empty();
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
