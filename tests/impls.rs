//! The traits every public type promises, pinned so that losing one is a
//! compile error.

use std::fmt::{Debug, Display};
use std::hash::Hash;
use std::str::FromStr;

use realname::*;

fn send_sync<T: Send + Sync + Unpin + 'static>() {}
fn value<T: Copy + Eq + Hash + Debug + Send + Sync>() {}
fn document<T>()
where
    T: Copy + Eq + Hash + Ord + Debug + Display + FromStr<Err = Error> + AsRef<str> + Send + Sync,
    for<'a> T: TryFrom<&'a str, Error = Error>,
{
}

#[test]
fn documents_have_the_standard_traits() {
    document::<ResidentId>();
    document::<LegacyResidentId>();
    document::<ForeignPermanentResidentId>();
    document::<HongKongId>();
    document::<MacaoId>();
    document::<TaiwanId>();
    document::<HkMacaoTravelPermit>();
    document::<TaiwanTravelPermit>();
    document::<ExitEntryPermit>();
    document::<ChinesePassport>();
    document::<ForeignPassport>();
    document::<ForeignDrivingLicence>();
    document::<BankCardNumber>();
    document::<MobileNumber>();
    document::<Uscc>();
    document::<OrganizationCode>();
    document::<BusinessRegistrationNumber>();
    value::<Document>();
}

#[test]
fn small_types_are_plain_values() {
    value::<Error>();
    value::<CharClass>();
    value::<Gender>();
    value::<Holder>();
    value::<FprGeneration>();
    value::<ParseOptions>();
    value::<RegionCheck>();
    value::<RegionProblem>();
    value::<InputForm>();
    value::<AgeRule>();
    value::<Masked>();
    value::<Country>();
    value::<NationalityCode>();
    value::<DocumentKind>();
    value::<SubjectKind>();
    value::<SpecialRegion>();
    value::<PassportSeries>();
    value::<CardNetwork>();
    value::<Carrier>();
    value::<UnknownKind>();
    value::<UsccCheck>();
    value::<RegisteredEntity>();
    value::<org::Category>();
    value::<org::Certificate>();
    value::<org::OrganizationType>();
    value::<org::RegistrationAuthority>();
    value::<org::Certainty>();
    value::<org::OrganizationClass>();
    value::<subject::NameError>();
    value::<subject::SubjectError>();
    send_sync::<subject::Subject>();
    send_sync::<subject::PersonName>();
    send_sync::<subject::OrganizationName>();
    send_sync::<region::Region>();
    send_sync::<region::Period>();
    send_sync::<region::Successor>();
}

#[test]
fn error_chains_into_box_dyn_error() {
    fn parse(s: &str) -> Result<ResidentId, Box<dyn std::error::Error + Send + Sync>> {
        Ok(s.parse()?)
    }
    assert!(parse("1").is_err());
}
