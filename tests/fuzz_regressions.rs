//! Replays on stable every input under `tests/fuzz_regressions/<target>/`
//! (the crashes and timeouts the fuzz targets in `fuzz/` found, and
//! hand-made edge inputs) through the very bodies the targets run
//! (`tests/fuzz_bodies`), and feeds large inputs to every parser and
//! normaliser. The library takes the time as a parameter; this test
//! measures its own calls, so it reads the clock.
#![allow(clippy::disallowed_methods)]

mod fuzz_bodies;

use std::path::Path;
use std::time::{Duration, Instant};

use realname::subject::{OrganizationName, PersonName};
use realname::{Document, DocumentKind, InputForm, ParseOptions};

type Body = fn(&[u8]);

const TARGETS: [(&str, Body); 6] = [
    ("documents", fuzz_bodies::documents),
    ("names", fuzz_bodies::names),
    ("profiles", fuzz_bodies::profiles),
    ("calendar", fuzz_bodies::calendar),
    ("flows", fuzz_bodies::flows),
    ("store_ids", fuzz_bodies::store_ids),
];

#[test]
fn every_regression_input_replays() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    for (target, body) in TARGETS {
        let dir = root.join(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{} is empty", dir.display());
        // 1 MB of digits, made here rather than checked in.
        let digits = (dir.join("(1 MB of digits)"), vec![b'1'; 1 << 20]);
        let inputs = files
            .into_iter()
            .map(|f| {
                let data = std::fs::read(&f).unwrap();
                (f, data)
            })
            .chain([digits]);
        for (file, data) in inputs {
            let started = Instant::now();
            body(&data);
            let took = started.elapsed();
            assert!(
                took < Duration::from_secs(10),
                "{} took {took:?}",
                file.display()
            );
        }
    }
}

fn big_inputs(len: usize) -> Vec<(&'static str, String)> {
    vec![
        ("digits", "1".repeat(len)),
        ("letters", "A".repeat(len)),
        ("spaces", " ".repeat(len)),
        ("cjk", "张".repeat(len / 3)),
        ("full-width digits", "１".repeat(len / 3)),
        (
            "id then garbage",
            format!("11010519491231002X{}", "9".repeat(len)),
        ),
    ]
}

/// Every parser (each kind, both input forms), `detect` and the name
/// normalisers over one input; the slowest call's time.
fn parse_everything(s: &str) -> Duration {
    let mut slowest = Duration::ZERO;
    let mut time = |f: &dyn Fn()| {
        let started = Instant::now();
        f();
        slowest = slowest.max(started.elapsed());
    };
    for &kind in DocumentKind::all() {
        for input in [InputForm::Lenient, InputForm::Exact] {
            let options = ParseOptions::new().with_input(input);
            time(&|| assert!(Document::parse_as_with(kind, s, options).is_err()));
        }
    }
    time(&|| assert!(realname::detect(s).is_empty()));
    time(&|| {
        let _ = PersonName::parse(s);
    });
    time(&|| {
        let _ = OrganizationName::parse(s);
    });
    if let Ok(p) = PersonName::parse("张三") {
        time(&|| assert!(!p.matches(s)));
    }
    if let Ok(o) = OrganizationName::parse("北京某某科技有限公司") {
        time(&|| assert!(!o.matches(s)));
    }
    slowest
}

/// 1 MB to every parser and normaliser: each answers (a refusal) at
/// once. A debug build is slow, so the bound is loose.
#[test]
fn one_megabyte_inputs_return_quickly() {
    for (what, s) in big_inputs(1 << 20) {
        let slowest = parse_everything(&s);
        assert!(slowest < Duration::from_millis(500), "{what}: {slowest:?}");
    }
}

/// 1 MB and 100 MB side by side, for the figures (run by hand:
/// `cargo test --release --features serde --test fuzz_regressions -- --ignored --nocapture`).
#[test]
#[ignore]
fn hundred_megabyte_inputs_are_linear_or_better() {
    for (what, small) in big_inputs(1 << 20) {
        let (_, large) = big_inputs(100 << 20)
            .into_iter()
            .find(|(w, _)| *w == what)
            .unwrap();
        let a = parse_everything(&small);
        let b = parse_everything(&large);
        println!("{what}: slowest call 1 MB {a:?}, 100 MB {b:?}");
        assert!(
            b <= a * 100 + Duration::from_millis(5),
            "{what}: {a:?} then {b:?}"
        );
    }
}

/// Seeds for the `profiles` target: each built-in profile in JSON and
/// TOML behind the target's 65-byte header, written to
/// `fuzz/corpus/profiles/` (run by hand before fuzzing:
/// `cargo test --features serde --test fuzz_regressions -- --ignored write_profile_seeds`).
#[test]
#[ignore]
fn write_profile_seeds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/profiles");
    std::fs::create_dir_all(&dir).unwrap();
    for p in realname::policy::Provider::all() {
        let data = p.profile().to_data();
        let mut header = vec![0u8; 65];
        let mut json = header.clone();
        let text = serde_json::to_string_pretty(&data).unwrap();
        let back: realname::policy::ProfileData = serde_json::from_str(&text).unwrap();
        back.check().unwrap();
        json.extend(text.into_bytes());
        std::fs::write(dir.join(format!("seed-{}-json", p.id())), json).unwrap();
        if let Ok(text) = toml::to_string(&data) {
            let back: realname::policy::ProfileData = toml::from_str(&text).unwrap();
            back.check().unwrap();
            header[0] = 1;
            header.extend(text.into_bytes());
            std::fs::write(dir.join(format!("seed-{}-toml", p.id())), header).unwrap();
        }
    }
}
