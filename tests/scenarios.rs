//! Every scenario in `examples/scenarios/` runs and meets its
//! expectations, as `cargo run --example flow -- --check` checks.

#[allow(dead_code)]
#[path = "../examples/flow/scenario.rs"]
mod scenario;

use std::path::Path;

#[test]
fn every_scenario_meets_its_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut machines = std::collections::BTreeSet::new();
    let mut met = 0;
    for f in &files {
        let s = scenario::load(f).unwrap();
        machines.insert(s.machine.clone());
        let report = scenario::run(&s).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert!(
            report.unmet().is_empty(),
            "{}: {:?}",
            f.display(),
            report.unmet()
        );
        met += report.met();
    }
    assert!(files.len() >= 64, "{} scenarios", files.len());
    assert!(met >= 620, "{met} expectations");
    for m in [
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
    ] {
        assert!(machines.contains(m), "no scenario for {m}");
    }
}

#[test]
fn a_scenario_that_expects_wrongly_is_caught() {
    let text = r#"
machine = "K-CORP"
provider = "kingsoft"
start = "2026-06-01T02:00:00Z"

[[step]]
event = { submit = { fen = 88 } }
expect = { status = "verified", actions = ["bind"] }
"#;
    let s: scenario::Scenario = toml::from_str(text).unwrap();
    let report = scenario::run(&s).unwrap();
    let reports = &report.steps;
    assert_eq!(reports[0].unmet.len(), 2, "{:?}", reports[0].unmet);
    assert_eq!(reports[0].met, 0);
    let unknown: scenario::Scenario = toml::from_str(&text.replace("K-CORP", "K-NOPE")).unwrap();
    assert!(scenario::run(&unknown).is_err());
}
