//! Prints a provider's real-name policy, and asks every provider whether an
//! identity document may verify one more account.
//!
//! ```sh
//! cargo run --example policy --features serde -- tencent
//! cargo run --example policy --features serde -- baidu --json
//! cargo run --example policy --features serde -- --may-verify 11010519491231002X --already 2 --today 2026-12-01
//! cargo run --example policy --features serde -- --profile examples/profiles/example.toml
//! ```
//!
//! With a provider (`kingsoft`, `baidu`, `tencent`, `huawei_international`)
//! it prints that provider's profile as tables, each rule with the seed line
//! it rests on; `--json` prints the profile as JSON instead. With
//! `--may-verify NUMBER`, it reads the number (any document kind the crate
//! knows), and for each provider side by side says whether it may verify
//! one more account, given `--already N` accounts verified with it (default
//! 0): the account cap, the methods that accept the document, and, with
//! `--today`, the minimum age. With `--profile FILE` it reads a profile of
//! your own (TOML, or JSON if the name ends in `.json`; the format is
//! documented by `examples/profiles/example.toml`), checks it and prints it
//! like a built-in one, or prints why it was refused, also as the one-line
//! JSON an HTTP API would answer with. Without arguments it lists the
//! providers.
//!
//! The exit status is 0 on success, 1 for a profile refused, 2 on a usage
//! error.

use std::process::ExitCode;

use chrono::NaiveDate;
use realname::policy::{
    Decision, Limit, Method, Profile, ProfileData, Provider, Raise, Residency, Source, Sourced,
    Stated,
};
use realname::rules::{self, Applicant, Refusal};
use realname::{Document, SubjectKind};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut provider = None;
    let mut json = false;
    let mut number = None;
    let mut already = 0u32;
    let mut today = None;
    let mut file = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--profile" => match args.next() {
                Some(path) => file = Some(path),
                None => return usage("--profile takes a file"),
            },
            "--may-verify" => number = args.next(),
            "--already" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => already = n,
                None => return usage("--already takes a number"),
            },
            "--today" => match args.next().and_then(|d| d.parse::<NaiveDate>().ok()) {
                Some(d) => today = Some(d),
                None => return usage("--today takes a date, YYYY-MM-DD"),
            },
            "-h" | "--help" => return usage(""),
            other => match other.parse::<Provider>() {
                Ok(p) => provider = Some(p),
                Err(_) => return usage(&format!("unknown argument {other:?}")),
            },
        }
    }
    if let Some(number) = number {
        return may_verify(&number, already, today);
    }
    if let Some(path) = file {
        return own_profile(&path, json);
    }
    match provider {
        Some(p) if json => match serde_json::to_string_pretty(p.profile()) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        Some(p) => print_profile(p.profile()),
        None => {
            println!("providers:");
            for p in Provider::all() {
                let prof = p.profile();
                println!(
                    "  {:<22} {} {} (methods: {}, sourced rules: {})",
                    p.id(),
                    p.name_en(),
                    p.name_zh(),
                    prof.methods.len(),
                    prof.sources().count()
                );
            }
            println!("\nrun with a provider's name to see its rules");
        }
    }
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("{problem}");
    }
    eprintln!(
        "usage: policy [PROVIDER | --profile FILE] [--json] | --may-verify NUMBER [--already N] [--today YYYY-MM-DD]"
    );
    let ids: Vec<&str> = Provider::all().iter().map(|p| p.id()).collect();
    eprintln!("providers: {}", ids.join(", "));
    ExitCode::from(2)
}

/// Reads, checks and prints a profile from a file. It is read as plain
/// data first and checked apart, so that a refusal is a `ProfileError` with
/// its code and path; reading a `Profile` directly checks it too, with the
/// error inside the format's own.
fn own_profile(path: &str, json: bool) -> ExitCode {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let data: Result<ProfileData, String> = if path.ends_with(".json") {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    } else {
        toml::from_str(&text).map_err(|e| e.to_string())
    };
    let data = match data {
        Ok(data) => data,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match Profile::new(data) {
        Ok(profile) if json => match serde_json::to_string_pretty(&profile) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        Ok(profile) => print_profile(&profile),
        Err(err) => {
            eprintln!("{path}: {err}\n{path}: {}", err.to_string_zh());
            match serde_json::to_string(&err) {
                Ok(body) => eprintln!("{body}"),
                Err(e) => eprintln!("{e}"),
            }
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// `[000:58]`: the seed (by its number) and the line.
fn cite(source: Option<&Source>) -> String {
    match source {
        Some(s) => {
            let seed = s.document.split('_').next().unwrap_or(&s.document);
            match s.line {
                Some(line) => format!("[{seed}:{line}]"),
                None => format!("[{seed}]"),
            }
        }
        None => String::new(),
    }
}

fn stated<T>(value: &Stated<T>, show: impl Fn(&T) -> String) -> String {
    match value.sourced() {
        Some(s) => format!("{} {}", show(&s.value), cite(s.source.as_ref())),
        None => "not stated".to_owned(),
    }
}

fn list<T>(items: &[Sourced<T>], show: impl Fn(&T) -> String) -> String {
    if items.is_empty() {
        return "not stated".to_owned();
    }
    let shown: Vec<String> = items
        .iter()
        .map(|s| format!("{} {}", show(&s.value), cite(s.source.as_ref())))
        .collect();
    shown.join("; ")
}

fn row(cells: &[String]) {
    println!("| {} |", cells.join(" | "));
}

fn header(title: &str, columns: &[&str]) {
    println!("\n{title}\n");
    row(&columns.iter().map(|c| c.to_string()).collect::<Vec<_>>());
    row(&columns
        .iter()
        .map(|c| "-".repeat(c.len().max(3)))
        .collect::<Vec<_>>());
}

fn print_profile(p: &Profile) {
    println!("# {} {}", p.name_en, p.name_zh);
    let serves = |b: &bool| if *b { "verified" } else { "not verified" }.to_owned();
    println!(
        "\nindividuals: {}; organisations: {}",
        stated(&p.subjects.individual, serves),
        stated(&p.subjects.organization, serves)
    );
    println!(
        "organisation types: {}",
        stated(&p.organization_types, |l| {
            let names: Vec<&str> = l.items.iter().map(|t| t.name_zh()).collect();
            format!("{}{}", names.join("、"), if l.open { " 等" } else { "" })
        })
    );
    println!(
        "minimum age: {}",
        stated(&p.min_age, |a| format!("{} full years (周岁)", a.years))
    );

    header(
        "methods",
        &[
            "method",
            "subject",
            "documents",
            "residency",
            "decision",
            "review",
            "manual review",
            "attempts",
            "conditions",
        ],
    );
    for m in &p.methods {
        print_method(m);
    }

    header(
        "account caps",
        &["subject", "counted by", "limit", "raisable", "source"],
    );
    for cap in &p.account_caps {
        let c = &cap.value;
        let raise = match c.raise {
            Some(Raise::Hard) => "no".to_owned(),
            Some(Raise::ByStaff(contact)) => format!("by the {}", contact.name_en()),
            Some(_) => "other".to_owned(),
            None => "not stated".to_owned(),
        };
        row(&[
            c.subject.to_string(),
            c.key.name_en().to_owned(),
            c.limit.to_string(),
            raise,
            cite(cap.source.as_ref()),
        ]);
    }

    println!(
        "\nphone caps: {}",
        list(&p.phone_caps, |c| format!(
            "{:?} {}: {}",
            c.purpose,
            c.accounts.as_deref().unwrap_or("accounts"),
            c.limit
        ))
    );
    for u in &p.uploads {
        let methods: Vec<&str> = u.methods.iter().map(|m| m.id()).collect();
        println!(
            "uploads ({}): formats {}; at most {}; {}",
            methods.join(", "),
            stated(&u.formats, |f| f
                .iter()
                .map(|f| f.name_en())
                .collect::<Vec<_>>()
                .join("/")),
            stated(&u.max_bytes, |b| format!("{} bytes", b)),
            list(&u.image, |r| r.name_en().to_owned()),
        );
    }

    header(
        "changes of the verified subject",
        &[
            "change",
            "availability",
            "cooldown",
            "window",
            "new subject by",
        ],
    );
    for c in &p.changes {
        row(&[
            c.transition.name_en().to_owned(),
            format!(
                "{:?} {}",
                c.availability.value,
                cite(c.availability.source.as_ref())
            ),
            stated(&c.cooldown, |cd| {
                format!("{} after the last change", cd.wait)
            }),
            stated(&c.window, |w| format!("{} from {:?}", w.within, w.from)),
            stated(&c.new_subject_methods, |ms| {
                ms.iter().map(|m| m.id()).collect::<Vec<_>>().join(", ")
            }),
        ]);
    }
    println!(
        "\nindividual accounts may not: {}",
        list(&p.individual_restrictions, |r| format!(
            "{} ({:?})",
            r.capability.name_en(),
            r.access
        ))
    );
}

fn print_method(m: &Method) {
    let documents = stated(&m.documents, |l| {
        let ids: Vec<&str> = l.items.iter().map(|k| k.id()).collect();
        format!("{}{}", ids.join(", "), if l.open { " …" } else { "" })
    });
    let residency = stated(&m.residency, |r| {
        r.iter().map(|r| r.name_en()).collect::<Vec<_>>().join(", ")
    });
    let decision = stated(&m.decision, |d| match d {
        Decision::Automatic => "automatic".to_owned(),
        Decision::Manual => "manual".to_owned(),
        _ => "other".to_owned(),
    });
    let attempts = list(&m.attempts, |a| {
        format!("{} {} per {:?}", a.max, a.counted, a.scope)
    });
    row(&[
        format!("{} {}", m.kind.id(), cite(m.source.as_ref())),
        m.subject.to_string(),
        documents,
        residency,
        decision,
        stated(&m.review, |t| t.to_string()),
        stated(&m.manual_review, |r| format!("{:?}: {}", r.when, r.time)),
        attempts,
        list(&m.requirements, |r| r.to_string()),
    ]);
}

fn may_verify(number: &str, already: u32, today: Option<NaiveDate>) -> ExitCode {
    let Some(doc) = Document::parse_any(number) else {
        eprintln!("{:?} is not a valid number of any document kind", number);
        return ExitCode::from(2);
    };
    let kind = doc.kind();
    let subject = kind.subject();
    println!(
        "{} ({}, {}), {already} account{} verified with it already\n",
        doc.masked(),
        kind.name_zh(),
        kind.name_en(),
        if already == 1 { "" } else { "s" }
    );
    let birth = match doc {
        Document::ResidentId(id) => Some(id.birth_date()),
        _ => None,
    };
    let mut applicant = Applicant::new(subject);
    if let Some(residency) = Residency::of_document(&doc) {
        applicant = applicant.with_residency(residency);
    }
    header(
        "may it verify one more account?",
        &["provider", "cap", "methods accepting it", "answer"],
    );
    for p in Provider::all() {
        let profile = p.profile();
        let cap = profile
            .account_cap(subject)
            .map_or("not stated".to_owned(), |c| match c.value.limit {
                Limit::AtMost(n) => format!("{n} per {}", c.value.key.name_en()),
                other => other.to_string(),
            });
        let methods: Vec<&str> = profile
            .methods_for(subject)
            .filter(|m| rules::check_document(profile, m.kind, kind).is_ok())
            .filter(|m| rules::check_method(profile, m.kind, &applicant).is_ok())
            .map(|m| m.kind.id())
            .collect();
        let mut refusals: Vec<Refusal> = Vec::new();
        if let Err(r) = rules::check_account_cap(profile, subject, already) {
            refusals.push(r);
        }
        if let (Some(birth), Some(today)) = (birth, today)
            && let Err(r) = rules::check_age(profile, birth, today)
        {
            refusals.push(r);
        }
        let answer = if methods.is_empty() {
            "no: no method accepts this document".to_owned()
        } else if refusals.is_empty() {
            "yes".to_owned()
        } else {
            let why: Vec<String> = refusals
                .iter()
                .map(|r| format!("{} / {} {}", r.to_string_zh(), r, cite(r.basis())))
                .collect();
            format!("no: {}", why.join("; "))
        };
        row(&[
            format!("{} {}", p.name_en(), p.name_zh()),
            cap,
            if methods.is_empty() {
                "none".to_owned()
            } else {
                methods.join(", ")
            },
            answer,
        ]);
    }
    if subject == SubjectKind::Organization {
        println!("\n(an organisation's number: the organisation caps apply)");
    }
    ExitCode::SUCCESS
}
