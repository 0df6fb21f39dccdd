//! Reads the vector files in `tests/vectors/`.
#![allow(dead_code)]

/// One line of a vector file: the input, the expected result (`ok` or an
/// error code) and any further words before the comment.
#[derive(Debug)]
pub struct Vector {
    pub line: usize,
    pub input: String,
    pub expected: String,
    pub extra: Vec<String>,
}

pub fn load(name: &str) -> Vec<Vector> {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let rest = line
            .strip_prefix('"')
            .unwrap_or_else(|| panic!("{path}:{}: no opening quote", i + 1));
        let close = rest
            .find('"')
            .unwrap_or_else(|| panic!("{path}:{}: no closing quote", i + 1));
        let input = unescape(&rest[..close]);
        let tail = rest[close + 1..].split('#').next().unwrap();
        let mut words = tail.split_whitespace().map(str::to_owned);
        let expected = words
            .next()
            .unwrap_or_else(|| panic!("{path}:{}: no expected result", i + 1));
        out.push(Vector {
            line: i + 1,
            input,
            expected,
            extra: words.collect(),
        });
    }
    assert!(!out.is_empty(), "{path} holds no vectors");
    out
}

/// `\t`, `\n`, `\\` and `\u{XXXX}` escapes.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            other => panic!("unknown escape {other:?}"),
        }
    }
    out
}

/// `ok` or the error's code.
pub fn outcome<T, E: ErrorCode>(r: &Result<T, E>) -> String {
    match r {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.error_code().to_owned(),
    }
}

pub trait ErrorCode {
    fn error_code(&self) -> &'static str;
}

impl ErrorCode for realname::Error {
    fn error_code(&self) -> &'static str {
        self.code()
    }
}
