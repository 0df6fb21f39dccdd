//! The built-in profiles, one file per provider, each value with the seed
//! line and phrase it rests on.

use std::sync::OnceLock;

use super::{
    AttemptLimit, Counted, Listed, Method, MethodKind, OnExhaust, Profile, ProfileData, Scope,
    Source, Sourced, Stated,
};
use crate::SubjectKind;
use crate::org::named_enum;

mod baidu;
mod huawei;
mod kingsoft;
mod tencent;

named_enum! {
    "policy";
    /// A provider whose rules the crate holds, from its own documents (the
    /// seeds in the project's `shared/seeds/`).
    ///
    /// ```
    /// use realname::policy::Provider;
    /// assert_eq!(Provider::all().len(), 4);
    /// assert_eq!(Provider::Tencent.name_zh(), "腾讯云");
    /// assert_eq!("huawei_international".parse::<Provider>().unwrap(), Provider::HuaweiInternational);
    /// ```
    Provider {
        /// Kingsoft Cloud: its Chinese console guide (seed 000) and its
        /// English real-name authentication instructions (seed 003).
        Kingsoft = "kingsoft", "金山云", "Kingsoft Cloud";
        /// Baidu AI Cloud: its user guide (seed 001).
        Baidu = "baidu", "百度智能云", "Baidu AI Cloud";
        /// Tencent Cloud: its real-name verification FAQ on the Chinese site
        /// (seed 004).
        Tencent = "tencent", "腾讯云", "Tencent Cloud";
        /// Huawei Cloud's international site: its individual real-name
        /// authentication page (seed 002). Its rules are not those of Huawei
        /// Cloud's Chinese site.
        HuaweiInternational = "huawei_international", "华为云国际站", "Huawei Cloud (international site)";
    }
}

impl Provider {
    /// The provider's rules as its seed document states them: built as
    /// data and checked like any other profile, once, on first use.
    ///
    /// ```
    /// use realname::policy::Provider;
    /// for p in Provider::all() {
    ///     assert_eq!(p.profile().name_zh, p.name_zh());
    ///     assert!(!p.profile().methods.is_empty());
    /// }
    /// ```
    pub fn profile(&self) -> &'static Profile {
        static KINGSOFT: OnceLock<Profile> = OnceLock::new();
        static BAIDU: OnceLock<Profile> = OnceLock::new();
        static TENCENT: OnceLock<Profile> = OnceLock::new();
        static HUAWEI: OnceLock<Profile> = OnceLock::new();
        let (cell, data): (_, fn() -> ProfileData) = match self {
            Provider::Kingsoft => (&KINGSOFT, kingsoft::profile),
            Provider::Baidu => (&BAIDU, baidu::profile),
            Provider::Tencent => (&TENCENT, tencent::profile),
            Provider::HuaweiInternational => (&HUAWEI, huawei::profile),
        };
        // Every built-in profile passes its check (the tests below); were
        // one not to, the rules would get a profile stating nothing rather
        // than one unchecked, and the library would still not panic.
        cell.get_or_init(|| {
            Profile::new(data())
                .unwrap_or_else(|_| Profile::names_only(self.name_en(), self.name_zh()))
        })
    }

    /// The seed documents the profile rests on, by file name.
    ///
    /// ```
    /// use realname::policy::Provider;
    /// assert_eq!(Provider::Kingsoft.seeds(), ["000_24a5e04f1584b79d.txt", "003_2ee6a83c526392f8.txt"]);
    /// ```
    pub fn seeds(&self) -> &'static [&'static str] {
        match self {
            Provider::Kingsoft => &[kingsoft::S0, kingsoft::S3],
            Provider::Baidu => &[baidu::S1],
            Provider::Tencent => &[tencent::S4],
            Provider::HuaweiInternational => &[huawei::S2],
        }
    }
}

/// A seed document, to cite lines of.
struct Seed(&'static str);

impl Seed {
    fn at(&self, line: u32, quote: &str) -> Source {
        Source::new(self.0, line, quote)
    }
}

fn given<T>(value: T, source: Source) -> Stated<T> {
    Stated::given(value, source)
}

fn sourced<T>(value: T, source: Source) -> Sourced<T> {
    Sourced::new(value, source)
}

/// A method with its source and factors, the rest not stated.
fn method(
    kind: MethodKind,
    subject: SubjectKind,
    source: Source,
    factors: &[super::Factor],
) -> Method {
    let mut m = Method::new(kind, subject);
    m.source = Some(source);
    m.factors = factors.to_vec();
    m
}

fn complete<T: PartialEq + Clone>(items: &[T]) -> Listed<T> {
    Listed::complete(items.to_vec())
}

/// An attempt limit.
fn attempts(
    counted: Counted,
    max: u32,
    scope: Scope,
    on_exhaust: Option<OnExhaust>,
) -> AttemptLimit {
    AttemptLimit {
        counted,
        max,
        scope,
        on_exhaust,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_profile_passes_its_check() {
        for (provider, data) in [
            (Provider::Kingsoft, kingsoft::profile()),
            (Provider::Baidu, baidu::profile()),
            (Provider::Tencent, tencent::profile()),
            (Provider::HuaweiInternational, huawei::profile()),
        ] {
            assert_eq!(data.check(), Ok(()), "{provider}");
            assert_eq!(provider.profile().to_data(), data, "{provider}");
        }
    }
}
