//! HTML without a template engine: escaping and the page frame.

use std::fmt::Write as _;

/// Escapes `s` for HTML text and for a quoted attribute value.
///
/// ```
/// assert_eq!(realname_demo::escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
/// ```
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A person's name masked: the first character, then one `*` for each
/// other.
///
/// ```
/// assert_eq!(realname_demo::mask_name("张三丰"), "张**");
/// assert_eq!(realname_demo::mask_name(""), "");
/// ```
#[must_use]
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => {
            let mut s = first.to_string();
            s.extend(chars.map(|_| '*'));
            s
        }
        None => String::new(),
    }
}

/// A whole page: `title` (escaped) and `body` (already HTML).
pub(crate) fn page(title: &str, body: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title><style>{CSS}</style></head><body>\
         <header><a href=\"/\">实名认证演示</a> · <a href=\"/operator\" id=\"nav-operator\">审核后台</a>\
         <span class=\"note\">realname-demo：所有外部服务均为模拟（fake）</span></header>\
         <main><h1>{t}</h1>{body}</main></body></html>",
        t = escape(title),
    );
    s
}

const CSS: &str = "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:0;background:#f5f6f8;color:#222}\
header{background:#1f4e9b;color:#fff;padding:.6em 1em}header a{color:#fff;font-weight:bold;text-decoration:none}\
header .note{float:right;font-size:.85em;opacity:.85}main{max-width:60em;margin:1em auto;background:#fff;padding:1em 2em;border-radius:6px}\
label{display:block;margin:.5em 0 .2em}input,select{padding:.3em;min-width:18em}button{padding:.4em 1.2em;margin:.6em .4em .6em 0;cursor:pointer}\
.refusal,.error{background:#fdecea;border-left:4px solid #c62828;padding:.5em 1em;margin:.5em 0}\
.ok{background:#e8f5e9;border-left:4px solid #2e7d32;padding:.5em 1em}\
.demo{background:#fff8e1;border:2px dashed #f9a825;padding:.5em 1em;margin:1em 0}\
.overdue{color:#c62828;font-weight:bold}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left}\
.small{font-size:.85em;color:#666}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_text_and_attributes() {
        assert_eq!(escape(""), "");
        assert_eq!(escape("张三 abc"), "张三 abc");
        assert_eq!(
            escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("a\"b&c"), "a&quot;b&amp;c");
        // Already escaped text is escaped again, never passed through.
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn names_are_masked() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
        assert_eq!(mask_name("A"), "A");
    }

    #[test]
    fn the_page_escapes_its_title() {
        let p = page("<b>", "");
        assert!(p.contains("<title>&lt;b&gt;</title>"));
    }
}
