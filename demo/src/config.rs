//! The command line: where to listen, which store, the secret, and how
//! the fake parties answer.

use std::net::SocketAddr;
use std::path::PathBuf;

use realname::policy::FailureReason;
use realname::transport::fake::{
    Behaviour, FakeAuthority, FakeBank, FakeParties, FakePayer, FakeSms, Script,
};

/// The secret used when none is given: for demonstration only.
pub const DEMO_SECRET: &str = "realname-demo: a fixed secret for demonstration only";

/// How one fake party answers, as given on the command line:
/// `pass`, `fail`, `fail:REASON`, `fail-times:N`, `fail-times:N:REASON`,
/// `timeout`, `pending`, `unavailable` or `twice`. REASON is a
/// [`FailureReason`] code such as `name_not_id`.
///
/// ```
/// use realname::transport::fake::Behaviour;
/// use realname_demo::FakeSpec;
/// let spec: FakeSpec = "fail-times:2:card_not_bank_phone".parse()?;
/// let script = spec.script();
/// assert!(matches!(script.take(), Behaviour::Fail(Some(_))));
/// assert!(matches!(script.take(), Behaviour::Fail(Some(_))));
/// assert_eq!(script.take(), Behaviour::Pass);
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FakeSpec {
    /// Calls answered `Fail(reason)` first (0: none).
    pub fail_first: usize,
    /// The reason of those failures.
    pub reason: Option<FailureReason>,
    /// How every other call answers.
    pub default: Behaviour,
}

impl Default for FakeSpec {
    fn default() -> FakeSpec {
        FakeSpec {
            fail_first: 0,
            reason: None,
            default: Behaviour::Pass,
        }
    }
}

fn reason(s: &str) -> Result<FailureReason, String> {
    s.parse::<FailureReason>().map_err(|_| {
        let known: Vec<&str> = FailureReason::all().iter().map(|r| r.id()).collect();
        format!("unknown reason {s:?}; one of {}", known.join(", "))
    })
}

impl std::str::FromStr for FakeSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<FakeSpec, String> {
        let mut parts = s.trim().splitn(3, ':');
        let head = parts.next().unwrap_or_default();
        let a = parts.next();
        let b = parts.next();
        let only = |b: Behaviour| match a {
            None => Ok(FakeSpec {
                default: b,
                ..FakeSpec::default()
            }),
            Some(_) => Err(format!("{head:?} takes no argument")),
        };
        match head {
            "pass" => only(Behaviour::Pass),
            "timeout" => only(Behaviour::Timeout),
            "pending" => only(Behaviour::Pending),
            "unavailable" => only(Behaviour::Unavailable),
            "twice" => only(Behaviour::Twice),
            "fail" => {
                if b.is_some() {
                    return Err("fail takes one reason: fail:REASON".to_owned());
                }
                let r = a.map(reason).transpose()?;
                Ok(FakeSpec {
                    default: Behaviour::Fail(r),
                    ..FakeSpec::default()
                })
            }
            "fail-times" => {
                let n = a
                    .ok_or("fail-times needs a count: fail-times:N")?
                    .parse::<usize>()
                    .map_err(|_| format!("not a count: {:?}", a.unwrap_or_default()))?;
                Ok(FakeSpec {
                    fail_first: n,
                    reason: b.map(reason).transpose()?,
                    default: Behaviour::Pass,
                })
            }
            other => Err(format!(
                "unknown behaviour {other:?}: pass, fail[:REASON], fail-times:N[:REASON], timeout, pending, unavailable, twice"
            )),
        }
    }
}

impl FakeSpec {
    /// The fake's script.
    ///
    /// ```
    /// use realname::transport::fake::Behaviour;
    /// assert_eq!(realname_demo::FakeSpec::default().script().take(), Behaviour::Pass);
    /// ```
    #[must_use]
    pub fn script(&self) -> Script {
        Script::always(self.default).fail_times(self.fail_first, self.reason)
    }
}

/// What the demo starts with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen.
    pub listen: SocketAddr,
    /// The SQLite file.
    pub data: PathBuf,
    /// A PostgreSQL URL, instead of SQLite.
    pub database_url: Option<String>,
    /// The secret for the store's keyring and the SMS codes.
    pub secret: Option<String>,
    /// The identity authority.
    pub authority: FakeSpec,
    /// The bank.
    pub bank: FakeSpec,
    /// The payer.
    pub payer: FakeSpec,
    /// The SMS gateway.
    pub sms: FakeSpec,
    /// Seconds between two sweeps.
    pub sweep_seconds: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data: PathBuf::from("realname-demo.sqlite3"),
            database_url: None,
            secret: None,
            authority: FakeSpec::default(),
            bank: FakeSpec::default(),
            payer: FakeSpec::default(),
            sms: FakeSpec::default(),
            sweep_seconds: 3,
        }
    }
}

/// The usage text.
pub const USAGE: &str =
    "realname-demo [--listen ADDR] [--data PATH | --database-url postgres://…] [--secret S]
    [--authority SPEC] [--bank SPEC] [--payer SPEC] [--sms SPEC] [--sweep-seconds N]
SPEC: pass | fail[:REASON] | fail-times:N[:REASON] | timeout | pending | unavailable | twice
The secret may also come from REALNAME_DEMO_SECRET.";

impl Config {
    /// Parses the command line (without the program's name); `secret_env`
    /// is the value of `REALNAME_DEMO_SECRET`, if set.
    ///
    /// ```
    /// let c = realname_demo::Config::parse(["--listen", "127.0.0.1:0", "--bank", "fail:name_not_card_holder"].map(String::from), None)?;
    /// assert_eq!(c.listen.port(), 0);
    /// # Ok::<(), String>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A message naming the flag that is wrong.
    pub fn parse(
        args: impl IntoIterator<Item = String>,
        secret_env: Option<String>,
    ) -> Result<Config, String> {
        let mut c = Config {
            secret: secret_env.filter(|s| !s.is_empty()),
            ..Config::default()
        };
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            if flag == "--help" || flag == "-h" {
                return Err(USAGE.to_owned());
            }
            let (name, inline) = match flag.split_once('=') {
                Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
                None => (flag.clone(), None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or(format!("{name} needs a value\n{USAGE}"))
            };
            let spec = |v: String| v.parse::<FakeSpec>().map_err(|e| format!("{name}: {e}"));
            match name.as_str() {
                "--listen" => {
                    c.listen = value()?.parse().map_err(|e| format!("--listen: {e}"))?;
                }
                "--data" => c.data = PathBuf::from(value()?),
                "--database-url" => c.database_url = Some(value()?),
                "--secret" => c.secret = Some(value()?),
                "--authority" => c.authority = spec(value()?)?,
                "--bank" => c.bank = spec(value()?)?,
                "--payer" => c.payer = spec(value()?)?,
                "--sms" => c.sms = spec(value()?)?,
                "--sweep-seconds" => {
                    c.sweep_seconds = value()?
                        .parse()
                        .map_err(|e| format!("--sweep-seconds: {e}"))?;
                }
                other => return Err(format!("unknown flag {other:?}\n{USAGE}")),
            }
        }
        Ok(c)
    }

    /// The secret, and whether it is the fixed demonstration one.
    ///
    /// ```
    /// let (s, demo) = realname_demo::Config::default().secret();
    /// assert!(demo && s.len() >= 32);
    /// ```
    #[must_use]
    pub fn secret(&self) -> (String, bool) {
        match &self.secret {
            Some(s) => (s.clone(), false),
            None => (DEMO_SECRET.to_owned(), true),
        }
    }

    /// The fake parties as configured.
    ///
    /// ```
    /// assert_eq!(realname_demo::Config::default().parties().payer.calls(), 0);
    /// ```
    #[must_use]
    pub fn parties(&self) -> FakeParties {
        FakeParties {
            authority: FakeAuthority::new(self.authority.script()),
            bank: FakeBank::new(self.bank.script()),
            payer: FakePayer::new(self.payer.script()),
            sms: FakeSms::new(self.sms.script()),
            ..FakeParties::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse() {
        let p = |s: &str| s.parse::<FakeSpec>();
        assert_eq!(p("pass").map(|s| s.default), Ok(Behaviour::Pass));
        assert_eq!(p("timeout").map(|s| s.default), Ok(Behaviour::Timeout));
        assert_eq!(p("pending").map(|s| s.default), Ok(Behaviour::Pending));
        assert_eq!(
            p("fail:name_not_id").map(|s| s.default),
            Ok(Behaviour::Fail(Some(FailureReason::NameNotId)))
        );
        assert_eq!(p("fail").map(|s| s.default), Ok(Behaviour::Fail(None)));
        let s = p("fail-times:3").unwrap_or_default();
        assert_eq!(
            (s.fail_first, s.reason, s.default),
            (3, None, Behaviour::Pass)
        );
        let script = p("fail-times:1:card_not_bank_phone")
            .unwrap_or_default()
            .script();
        assert_eq!(
            script.take(),
            Behaviour::Fail(Some(FailureReason::CardNotBankPhone))
        );
        assert_eq!(script.take(), Behaviour::Pass);
    }

    #[test]
    fn bad_specs_say_why() {
        for bad in [
            "",
            "nope",
            "fail:no_such_reason",
            "fail-times",
            "fail-times:x",
            "pass:1",
        ] {
            assert!(bad.parse::<FakeSpec>().is_err(), "{bad:?} parsed");
        }
        let e = "fail:nope".parse::<FakeSpec>().err().unwrap_or_default();
        assert!(e.contains("name_not_id"), "{e}");
    }

    #[test]
    fn flags_parse() {
        let args = [
            "--listen",
            "0.0.0.0:9000",
            "--data=x.db",
            "--payer",
            "fail-times:1:account_not_supported",
            "--sms",
            "unavailable",
        ]
        .map(String::from);
        let c = Config::parse(args, Some("s".repeat(40))).unwrap_or_default();
        assert_eq!(c.listen.port(), 9000);
        assert_eq!(c.data, PathBuf::from("x.db"));
        assert_eq!(c.payer.fail_first, 1);
        assert_eq!(c.sms.default, Behaviour::Unavailable);
        assert_eq!(c.secret(), ("s".repeat(40), false));
        assert!(Config::parse(["--bogus".to_owned()], None).is_err());
        assert!(Config::parse(["--bank".to_owned()], None).is_err());
        assert!(Config::parse(["--bank".to_owned(), "weird".to_owned()], None).is_err());
    }
}
