//! `DocumentKey`: one key per identity, a stable byte form, masked
//! `Debug`, and the cap check that takes it.

use proptest::prelude::*;
use realname::policy::Provider;
use realname::rules::{check_account_cap, check_identity_cap};
use realname::strategy;
use realname::{
    Document, DocumentKey, DocumentKind, HkMacaoTravelPermit, KeyScheme, LegacyResidentId,
    ResidentId, SubjectKind, TaiwanTravelPermit,
};

/// The byte form of version 1, pinned for every scheme: a change here
/// breaks every digest a user has stored.
#[test]
fn the_byte_form_is_stable() {
    let cases: &[(DocumentKind, &str, &[u8])] = &[
        (
            DocumentKind::ResidentId,
            "11010519491231002x",
            b"\x01\x0111010519491231002X",
        ),
        (
            DocumentKind::LegacyResidentId,
            "110105491231002",
            b"\x01\x0111010519491231002X",
        ),
        (
            DocumentKind::HkMacaoTravelPermit,
            "H1234567803",
            b"\x01\x03H12345678",
        ),
        (
            DocumentKind::TaiwanTravelPermit,
            "0561682001",
            b"\x01\x0405616820",
        ),
        (
            DocumentKind::TaiwanTravelPermit,
            "05616820",
            b"\x01\x0405616820",
        ),
        (DocumentKind::HongKongId, "A123456(3)", b"\x01\x07A1234563"),
        (
            DocumentKind::Uscc,
            "91350100M000100Y43",
            b"\x01\x21M000100Y4",
        ),
        (
            DocumentKind::OrganizationCode,
            "M000100Y-4",
            b"\x01\x21M000100Y4",
        ),
        (
            DocumentKind::OrganizationCode,
            "D2143569-X",
            b"\x01\x21D2143569X",
        ),
        (
            DocumentKind::ForeignPassport,
            "USA:123456789",
            b"\x01\x0AUSA123456789",
        ),
    ];
    for &(kind, input, bytes) in cases {
        let doc = Document::parse_as(kind, input).unwrap();
        let key = doc.key().unwrap();
        assert_eq!(key.as_bytes(), bytes, "{kind:?} {input}");
        assert_eq!(key.as_bytes()[0], DocumentKey::VERSION);
        assert_eq!(key.as_bytes()[1], key.scheme().tag());
    }
}

#[test]
fn kinds_with_the_same_digits_do_not_collide() {
    let permit = Document::parse_as(DocumentKind::TaiwanTravelPermit, "51234568").unwrap();
    let macao = Document::parse_as(DocumentKind::MacaoId, "51234568").unwrap();
    assert_ne!(permit.key(), macao.key());
}

#[test]
fn a_credit_code_and_its_old_organisation_code_are_one_key() {
    for (uscc, old) in [
        ("91350100M000100Y43", "M000100Y-4"),
        ("91330106MA27Y4U47R", "MA27Y4U4-7"),
    ] {
        let a = Document::parse_as(DocumentKind::Uscc, uscc).unwrap().key();
        let b = Document::parse_as(DocumentKind::OrganizationCode, old)
            .unwrap()
            .key();
        assert_eq!(a, b, "{uscc} {old}");
    }
}

#[test]
fn renewals_keep_the_key() {
    let a = DocumentKey::from(HkMacaoTravelPermit::parse("H1234567800").unwrap());
    let b = DocumentKey::from(HkMacaoTravelPermit::parse("H1234567801").unwrap());
    let c = DocumentKey::from(HkMacaoTravelPermit::parse("H12345678").unwrap());
    assert!(a == b && b == c);
    let d = DocumentKey::from(HkMacaoTravelPermit::parse("M1234567801").unwrap());
    assert_ne!(a, d);
    let e = DocumentKey::from(TaiwanTravelPermit::parse("0561682001").unwrap());
    let f = DocumentKey::from(TaiwanTravelPermit::parse("0561682003").unwrap());
    assert_eq!(e, f);
}

#[test]
fn the_cap_counts_identities_only() {
    let tencent = Provider::Tencent.profile();
    let id = DocumentKey::from(ResidentId::parse("11010519491231002X").unwrap());
    assert!(check_identity_cap(tencent, &id, 2).is_ok());
    assert_eq!(
        check_identity_cap(tencent, &id, 3),
        check_account_cap(tencent, SubjectKind::Individual, 3)
    );
    // An organisation's key meets the organisation cap (10 at Tencent).
    let org = Document::parse_as(DocumentKind::Uscc, "91350100M000100Y43")
        .unwrap()
        .key()
        .unwrap();
    assert_eq!(org.subject(), SubjectKind::Organization);
    assert!(check_identity_cap(tencent, &org, 9).is_ok());
    assert!(check_identity_cap(tencent, &org, 10).is_err());
    // Kingsoft: one account per personal document.
    assert!(check_identity_cap(Provider::Kingsoft.profile(), &id, 1).is_err());
}

proptest! {
    #[test]
    fn fifteen_and_eighteen_digits_give_one_key(old in strategy::legacy_resident_id()) {
        prop_assert_eq!(DocumentKey::from(&old), DocumentKey::from(old.upgrade()));
        let reparsed = LegacyResidentId::parse(old.as_str()).unwrap();
        prop_assert_eq!(DocumentKey::from(reparsed), DocumentKey::from(&old));
    }

    #[test]
    fn exactly_the_identity_kinds_have_a_key(doc in strategy::document()) {
        let key = doc.key();
        prop_assert_eq!(key.is_some(), doc.kind().is_identity());
        if let Some(key) = key {
            prop_assert_eq!(key.subject(), doc.kind().subject());
            // Debug shows no character of the number.
            let debug = format!("{key:?}");
            prop_assert_eq!(
                debug,
                format!("DocumentKey({}, {} characters)", key.scheme().code(), key.as_bytes().len() - 2)
            );
            // The identity's characters follow the two header bytes.
            prop_assert!(key.as_bytes().len() > 2 && key.as_bytes().len() <= 26);
            prop_assert!(key.as_bytes()[2..].iter().all(u8::is_ascii_alphanumeric));
        }
    }

    #[test]
    fn credit_codes_key_by_their_valid_embedded_code(code in strategy::uscc()) {
        let key = DocumentKey::from(&code);
        match code.embedded_organization_code() {
            Some(old) => prop_assert_eq!(key, DocumentKey::from(old)),
            None => {
                prop_assert_eq!(key.scheme(), KeyScheme::Uscc);
                prop_assert_eq!(&key.as_bytes()[2..], code.as_str().as_bytes());
            }
        }
    }

    #[test]
    fn equal_keys_mean_equal_bytes(a in strategy::document(), b in strategy::document()) {
        if let (Some(ka), Some(kb)) = (a.key(), b.key()) {
            prop_assert_eq!(ka == kb, ka.as_bytes() == kb.as_bytes());
        }
    }
}

#[test]
fn schemes_have_distinct_tags() {
    let all = [
        KeyScheme::ResidentIdentity,
        KeyScheme::ForeignPermanentResident,
        KeyScheme::HkMacaoTravelPermit,
        KeyScheme::TaiwanTravelPermit,
        KeyScheme::ExitEntryPermit,
        KeyScheme::ChinesePassport,
        KeyScheme::HongKongId,
        KeyScheme::MacaoId,
        KeyScheme::TaiwanId,
        KeyScheme::ForeignPassport,
        KeyScheme::ForeignDrivingLicence,
        KeyScheme::Uscc,
        KeyScheme::OrganizationCode,
        KeyScheme::BusinessRegistrationNumber,
    ];
    let mut tags: Vec<u8> = all.iter().map(KeyScheme::tag).collect();
    tags.sort_unstable();
    tags.dedup();
    assert_eq!(tags.len(), all.len());
    let mut codes: Vec<&str> = all.iter().map(KeyScheme::code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), all.len());
}
