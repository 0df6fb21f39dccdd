//! A Tencent change of subject end to end on SQLite: three accounts
//! verified with one ID under the cap of 3, a fourth refused; one of the
//! three changes to another ID (`SubjectChange`, answered by
//! `BindingStore::rebind`, recorded with `ChangeHistory`), and the fourth
//! now binds; a second change within Tencent's month is refused. The same
//! run as `tests/flow_change.rs` on `MemoryStore`.

use realname::calendar::ChinaMainland;
use realname::chrono::{DateTime, Duration, TimeZone, Utc};
use realname::flow::{Action, ChangeEvent as E, ChangeTerms, Status, SubjectChange, SubjectRole};
use realname::policy::{MethodKind, Provider, Transition};
use realname::rules::check_change;
use realname::store::{
    BindOutcome as StoreBind, BindingStore, ChangeHistory, Keyring, NotStarted, block_on, cap_of,
    start_change,
};
use realname::{DocumentKey, ResidentId};
use realname_sqlite::SqliteStore;

const ID_A: &str = "11010519491231002X";
const ID_C: &str = "440304199003050025";

fn cal() -> ChinaMainland {
    ChinaMainland::default()
}

/// Monday 1 June 2026, 10:00 in Beijing.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap()
}

fn key(id: &str) -> DocumentKey {
    DocumentKey::from(&id.parse::<ResidentId>().unwrap())
}

fn ring() -> Keyring {
    Keyring::new(b"kept in the service's secret manager").unwrap()
}

#[test]
fn tencent_change_end_to_end_on_a_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("realname.db");
    let store = SqliteStore::open(&path, ring()).unwrap();
    block_on(tencent_change_end_to_end(&store));
    drop(store);
    // Reopened, the change and the bindings are still there.
    let store = SqliteStore::open(&path, ring()).unwrap();
    assert_eq!(block_on(store.count(&key(ID_A))).unwrap(), 3);
    assert_eq!(block_on(store.count(&key(ID_C))).unwrap(), 1);
    assert!(block_on(store.last_completed("a-2")).unwrap().is_some());
}

#[test]
fn tencent_change_end_to_end_on_sqlite_in_memory() {
    let store = SqliteStore::open_in_memory(ring()).unwrap();
    block_on(tencent_change_end_to_end(&store));
}

async fn tencent_change_end_to_end<S>(store: &S)
where
    S: BindingStore + ChangeHistory,
    <S as BindingStore>::Error: std::fmt::Debug,
    <S as ChangeHistory>::Error: std::fmt::Debug,
{
    let tencent = Provider::Tencent.profile();
    let c = &cal();
    let t = Transition::IndividualToIndividual;
    let (first, second) = (key(ID_A), key(ID_C));
    let cap = ChangeTerms::from_profile(tencent, t).unwrap().cap;
    assert_eq!(cap, Some(3));
    for (n, acct) in ["a-1", "a-2", "a-3"].iter().enumerate() {
        let got = store.try_bind(&first, acct, cap_of(cap)).await.unwrap();
        assert_eq!(
            got,
            StoreBind::Bound {
                count: n as u32 + 1
            }
        );
    }
    let got = store.try_bind(&first, "a-4", cap_of(cap)).await.unwrap();
    assert_eq!(got, StoreBind::CapReached { count: 3 });

    // a-2 changes to another person.
    let now = t0();
    let rule = |now| move |last| check_change(tencent, t, last, now, c);
    start_change(store, "a-2", "chg-1", now, rule(now))
        .await
        .unwrap();
    let last = store.last_completed("a-2").await.unwrap();
    let (mut flow, _) = SubjectChange::start(tencent, t, last, now, c).unwrap();
    let step = flow
        .handle(
            E::Choose {
                method: MethodKind::Face,
            },
            now,
            c,
        )
        .unwrap();
    let [
        Action::VerifySubject {
            id,
            role: SubjectRole::New,
            method: MethodKind::Face,
        },
    ] = step.actions[..]
    else {
        panic!("{:?}", step.actions)
    };
    let step = flow
        .handle(
            E::Checked {
                id,
                passed: true,
                reason: None,
            },
            now + Duration::minutes(1),
            c,
        )
        .unwrap();
    let [Action::Rebind { id, cap }] = step.actions[..] else {
        panic!("{:?}", step.actions)
    };
    let r = store
        .rebind(&first, &second, "a-2", cap_of(cap))
        .await
        .unwrap();
    assert!(r.released);
    let done = now + Duration::minutes(2);
    let step = flow
        .handle(
            E::Rebound {
                id,
                outcome: r.bind.into(),
            },
            done,
            c,
        )
        .unwrap();
    assert_eq!(step.status, Status::Verified);
    assert!(store.complete("a-2", "chg-1", done).await.unwrap());
    assert_eq!(store.count(&first).await.unwrap(), 2);
    assert_eq!(store.count(&second).await.unwrap(), 1);

    // The fourth account now binds the first ID.
    let got = store.try_bind(&first, "a-4", cap_of(cap)).await.unwrap();
    assert_eq!(got, StoreBind::Bound { count: 3 });

    // A second change of a-2 within Tencent's month is refused.
    let later = done + Duration::days(20);
    let err = start_change(store, "a-2", "chg-2", later, rule(later))
        .await
        .unwrap_err();
    assert!(matches!(&err, NotStarted::Refused(r) if r.code() == "change_cooldown"));
    assert_eq!(store.open_change("a-2").await.unwrap(), None);
    let month = done + Duration::days(31);
    start_change(store, "a-2", "chg-2", month, rule(month))
        .await
        .unwrap();
}
