//! The conformance suite of `realname::store`, on a real file and in memory.

mod common;

use common::{File, Memory};
use realname::store::testkit;

#[test]
fn a_file_passes_the_testkit() {
    let f = File::new();
    testkit::all(&f);
    common::counters_exact(&f.path);
}

#[test]
fn a_file_without_readers_passes_the_testkit() {
    let f = File::with(realname_sqlite::Options::default().readers(0));
    testkit::all(&f);
}

#[test]
fn a_file_churns_2000_times() {
    let f = File::new();
    testkit::churn(&f, 2000);
    common::counters_exact(&f.path);
}

// In memory the database goes with the store, so the checks that reopen
// it (rotation) do not apply; the rest run on a new database each.
#[test]
fn memory_passes_the_testkit_without_reopening() {
    testkit::bindings(&Memory);
    testkit::bind_races(&Memory);
    testkit::churn(&Memory, 400);
    testkit::attempts(&Memory);
    testkit::changes(&Memory);
    testkit::flows(&Memory);
}
