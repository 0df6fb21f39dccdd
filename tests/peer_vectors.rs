//! The peers' test vectors: 697 inputs taken from the test suites of other
//! validators, each with the verdict the standards support (worked by hand
//! where the peer and the standards disagree).
//!
//! The file is other projects' data and is not copied into the repository:
//! it is read from `../shared/data/peer-vectors.tsv` beside the crate, and
//! the test says that it skipped when the file is not there.

use std::path::PathBuf;

use realname::{Document, DocumentKind, ParseOptions, RegionCheck};

/// Rows where the crate answers otherwise than the file's `expected`, on
/// purpose: (kind, input, mode, the crate's verdict, why). Each is checked
/// to answer as listed here, and reported; the file should be corrected.
const DISPUTED: &[(&str, &str, &str, bool, &str)] = &[(
    "taiwan_id",
    "aa00000009",
    "default",
    true,
    "lenient input reads lower-case letters as upper case (as for `a123456789`, which the file \
     marks valid); `AA00000009` is a valid resident UI number of the format before 2021",
)];

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
    let mut disputed_seen = 0;
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
        let disputed = DISPUTED
            .iter()
            .find(|d| (d.0, d.1, d.2) == (kind.id(), input, mode));
        let expect_valid = match disputed {
            Some(&(_, _, _, verdict, why)) => {
                disputed_seen += 1;
                eprintln!(
                    "peer vectors: row {row} {input:?}: the file says {expected}, the crate says otherwise on purpose: {why}"
                );
                verdict
            }
            None => expect_valid,
        };
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
        "peer vectors: {checked} rows checked, {} as the file expects, {} disputed on purpose, {} wrong",
        checked - mismatches.len() - DISPUTED.len(),
        DISPUTED.len(),
        mismatches.len()
    );
    assert!(checked > 0, "no rows in {}", path.display());
    assert_eq!(
        disputed_seen,
        DISPUTED.len(),
        "a disputed row is no longer in the file"
    );
    assert!(
        mismatches.is_empty(),
        "{} of {checked} peer vectors answer otherwise than expected:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
