//! The peers' test vectors: 697 inputs taken from the test suites of other
//! validators, each with the verdict the standards support (worked by hand
//! where the peer and the standards disagree).
//!
//! The file is other projects' data and is not copied into the repository:
//! it is read from `../shared/data/peer-vectors.tsv` beside the crate, and
//! the test says that it skipped when the file is not there.

use std::path::PathBuf;

use realname::{Document, DocumentKind, ParseOptions, RegionCheck};

/// Where the vectors live, relative to the crate.
fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/peer-vectors.tsv")
}

#[test]
fn every_peer_vector_answers_as_the_standards_say() {
    let path = path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "peer vectors: skipped, {} is not there (it is other projects' data, kept outside the repository)",
            path.display()
        );
        return;
    };
    let mut lines = text.lines().enumerate();
    let header = lines.next().map(|(_, l)| l).unwrap_or_default();
    assert!(
        header.starts_with("source\tkind\tinput\tmode\tpeer_verdict\texpected"),
        "unexpected header: {header}"
    );
    let mut checked = 0;
    let mut mismatches = Vec::new();
    for (index, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let row = index + 1;
        let fields: Vec<&str> = line.split('\t').collect();
        let [source, kind, input, mode, _peer, expected, ..] = fields[..] else {
            panic!("row {row}: fewer than six columns: {line:?}");
        };
        let kind: DocumentKind = kind
            .parse()
            .unwrap_or_else(|_| panic!("row {row}: unknown kind {kind:?}"));
        let options = match mode {
            "strict" => ParseOptions::new().with_region_check(RegionCheck::Historical),
            "default" => ParseOptions::new(),
            other => panic!("row {row}: unknown mode {other:?}"),
        };
        let expect_valid = match expected {
            "valid" => true,
            "invalid" => false,
            other => panic!("row {row}: unknown verdict {other:?}"),
        };
        let got = Document::parse_as_with(kind, input, options);
        checked += 1;
        if got.is_ok() != expect_valid {
            let got = match &got {
                Ok(_) => "valid".to_owned(),
                Err(e) => format!("invalid ({}: {e})", e.code()),
            };
            mismatches.push(format!(
                "row {row} [{source}] {} {input:?} ({mode}): expected {expected}, got {got}",
                kind.id()
            ));
        }
    }
    eprintln!(
        "peer vectors: {checked} rows checked, {} as expected, {} not",
        checked - mismatches.len(),
        mismatches.len()
    );
    assert!(checked > 0, "no rows in {}", path.display());
    assert!(
        mismatches.is_empty(),
        "{} of {checked} peer vectors answer otherwise than expected:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
