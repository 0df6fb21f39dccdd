//! Parsing allocates nothing: a counting global allocator proves it.
//!
//! This file holds a single test so that no other test thread allocates while
//! it counts. The allocator needs `unsafe impl GlobalAlloc`; the library
//! itself forbids unsafe code.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use realname::{
    Document, DocumentKind, ForeignPermanentResidentId, LegacyResidentId, ParseOptions,
    RegionCheck, ResidentId,
};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_of(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    f();
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

#[test]
fn parsing_allocates_nothing() {
    let inputs = [
        "11010519491231002X",
        " 11010519491231002x ",
        "１１０１０５１９４９１２３１００２Ｘ",
        "110101199003070010",
        "110101199002300014",
        "990101199003070015",
        "11010519491231A02X",
        "a身份证12345678",
        "",
        "110101900307001",
        "KAZ110090123105",
        "932682198501010017",
        "911999199012310020",
    ];
    let strict = ParseOptions::new().with_region_check(RegionCheck::Historical);
    for s in inputs {
        let n = allocations_of(|| {
            let a = ResidentId::parse(std::hint::black_box(s));
            let b = ResidentId::parse_with(std::hint::black_box(s), strict);
            let c = LegacyResidentId::parse(std::hint::black_box(s));
            let d = ForeignPermanentResidentId::parse_with(std::hint::black_box(s), strict);
            let _ = std::hint::black_box((a, b, c, d));
        });
        assert_eq!(n, 0, "parsing {s:?} allocated");
    }
    let others = [
        "A123456(3)",
        "1/234567/8",
        "F234567898",
        "M1234567801",
        "0561682001(D)",
        "CA0000001",
        "EA1234567",
        "USA:123456789",
        "6228 4800 1234 5671",
        "+86 138-1234-5678",
        "nonsense",
    ];
    for s in others.iter().chain(&inputs) {
        for &kind in DocumentKind::all() {
            let n = allocations_of(|| {
                let _ = std::hint::black_box(Document::parse_as(kind, std::hint::black_box(s)));
            });
            assert_eq!(n, 0, "parsing {s:?} as {kind} allocated");
        }
        // detect holds its answer inline: nothing allocated.
        let n = allocations_of(|| {
            let _ = std::hint::black_box(realname::detect(std::hint::black_box(s)));
        });
        assert_eq!(n, 0, "detect({s:?}) allocated");
    }
    let id = ResidentId::parse("11010519491231002X").unwrap();
    let n = allocations_of(|| {
        std::hint::black_box((
            id.birth_date(),
            id.gender(),
            id.region_name(),
            id.masked(),
            id.holder(),
            id.as_str(),
        ));
    });
    assert_eq!(n, 0, "accessors allocated");

    // The policy rules answer "yes" without allocating (a refusal carries
    // its messages' data and may allocate). Built-in profiles are built
    // once, before counting.
    use chrono::{NaiveDate, TimeZone, Utc};
    use realname::SubjectKind;
    use realname::calendar::ChinaMainland;
    use realname::policy::{MethodKind, Provider, Scope, Transition};
    use realname::rules::{self, Applicant};
    for p in Provider::all() {
        let _ = p.profile();
    }
    let cal = ChinaMainland::default();
    let birth = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap();
    let last = Utc.with_ymd_and_hms(2025, 1, 1, 2, 0, 0).unwrap();
    let applicant = Applicant::individual();
    let mut yes = 0;
    for p in Provider::all() {
        let profile = p.profile();
        let checks: [(&str, &dyn Fn() -> bool); 9] = [
            ("cap", &|| {
                rules::check_account_cap(profile, SubjectKind::Individual, 0).is_ok()
            }),
            ("age", &|| rules::check_age(profile, birth, today).is_ok()),
            ("method", &|| {
                rules::check_method(profile, MethodKind::Face, &applicant).is_ok()
            }),
            ("document", &|| {
                rules::check_document(profile, MethodKind::Face, DocumentKind::ResidentId).is_ok()
            }),
            ("attempts", &|| {
                rules::attempts_left(profile, MethodKind::BankCard, Scope::Account, 1).is_ok()
            }),
            ("change", &|| {
                let t = Transition::IndividualToIndividual;
                rules::check_change(profile, t, Some(last), now, &cal).is_ok()
            }),
            ("upload", &|| {
                rules::check_upload(profile, MethodKind::DocumentUpload, "id.jpg", 1000).is_ok()
            }),
            ("review", &|| {
                rules::review_due(profile, MethodKind::DocumentUpload, false, now, &cal).is_ok()
            }),
            ("methods", &|| {
                rules::methods_for(profile, &applicant).count() > 0
            }),
        ];
        for (name, check) in checks {
            let mut ok = false;
            let n = allocations_of(|| ok = std::hint::black_box(check()));
            if ok {
                yes += 1;
                assert_eq!(n, 0, "{p}: {name} allocated on the way to yes");
            }
        }
    }
    assert!(yes >= 30, "only {yes} checks said yes");

    // Keys and the estimated calendar answer without allocating (the
    // estimating table is built once, before counting).
    use realname::calendar::{Duration, WorkCalendar, deadline};
    let estimated = cal.with_estimates();
    let legacy = LegacyResidentId::parse("110105491231002").unwrap();
    let n = allocations_of(|| {
        let key = realname::DocumentKey::from(std::hint::black_box(&legacy));
        let doc = Document::ResidentId(id);
        std::hint::black_box((key.as_bytes().len(), doc.key(), key.subject()));
        let late = Utc.with_ymd_and_hms(2027, 6, 1, 2, 0, 0).unwrap();
        let _ = std::hint::black_box(deadline(late, Duration::WorkingDays(3), &estimated));
        let _ = std::hint::black_box(estimated.add_working_days(today, 250));
        let _ = std::hint::black_box(rules::check_identity_cap(
            Provider::Tencent.profile(),
            &key,
            1,
        ));
    });
    assert_eq!(n, 0, "keys or the estimated calendar allocated");

    // The counter works: a String allocates.
    assert!(allocations_of(|| drop(std::hint::black_box(String::from("x")))) > 0);
}
