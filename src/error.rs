//! The one error type of the core.
//!
//! Every input the outside world can hand us (scenario JSON, URL hash, dataset file, CLI flag) is
//! checked, and every failure becomes an [`Error`] that names the *field*, the *value* we got and
//! *what is allowed*, so that a person can fix it without reading code. There is deliberately a
//! single type (as in jiff's "one error type" design): callers never match on variants, they show
//! the message. Nothing in the core panics on input.

use std::fmt;

/// A validation or parsing failure, with enough context to act on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Error {
    /// Where the problem is: a JSON path (`provinces.hai-duong.indicators.de_share.growth`), a hash
    /// key or a CLI flag.
    pub field: String,
    /// The offending value, shortened for display.
    pub value: String,
    /// What would have been accepted.
    pub allowed: String,
}

impl Error {
    /// Builds an error; `value` is shortened to keep messages readable and safe to echo.
    pub fn new(field: impl Into<String>, value: impl fmt::Display, allowed: impl Into<String>) -> Self {
        Error { field: field.into(), value: shorten(&value.to_string()), allowed: allowed.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: got {}; allowed: {}", self.field, self.value, self.allowed)
    }
}

impl std::error::Error for Error {}

/// Keeps error messages short: hostile inputs can be megabytes long.
fn shorten(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// Parses JSON into `T`; on failure the error names the JSON path where it happened.
///
/// serde_json reports a line and column; [`path_at`] turns that position back into a path like
/// `provinces[0].targets[3].value` by scanning the text, which is far smaller in WebAssembly
/// than tracking the path through every visitor.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    check_document(text)?;
    let value: T = serde_json::from_str(text).map_err(|e| {
        // serde refuses a repeated field of a struct itself; say it the same way as for maps.
        if let Some((path, key)) = e.to_string().starts_with("duplicate field").then(|| duplicate_key(text)).flatten() {
            return repeated_key(path, &key);
        }
        let path = path_at(text, e.line(), e.column());
        // The message's own " at line L column C" is dropped: the path says where.
        let msg = e.to_string();
        let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m).to_string();
        from_json(&path, &msg)
    })?;
    // serde_json keeps the last of two equal keys in a map: refuse them instead.
    if let Some((path, key)) = duplicate_key(text) {
        return Err(repeated_key(path, &key));
    }
    Ok(value)
}

fn repeated_key(path: String, key: &str) -> Error {
    Error::new(path, format!("a second value for the key {key:?}"), "each key once per object")
}

/// What every JSON document we read must be before its fields are looked at: text without a
/// byte-order mark whose top level is an object (serde would read a struct from an array too).
fn check_document(text: &str) -> Result<()> {
    if text.starts_with('\u{feff}') {
        return Err(Error::new("(document)", "a byte-order mark (BOM) at the start", "UTF-8 text without BOM (save the file as UTF-8 without BOM)"));
    }
    let trimmed = text.trim_matches([' ', '\t', '\n', '\r']);
    let got = match trimmed.as_bytes().first() {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b'-' | b'0'..=b'9') => "a number",
        _ if trimmed == "true" || trimmed == "false" => "true or false",
        _ if trimmed == "null" => "null",
        // Not JSON at all: serde says where.
        _ => return Ok(()),
    };
    Err(Error::new("(document)", got, "a JSON object ({ … }) at the top level"))
}

/// Where a JSON scan stands: in an object (its current key, and the keys met so far) or in an
/// array (the index of the current element).
enum Frame {
    Object(Option<String>, std::collections::BTreeSet<String>),
    Array(usize),
}

/// Walks JSON text, well-formed or not (so that it also works on a broken file), and calls
/// `on_key` for every object key with the frames it sits in (the innermost object's current key
/// is the key itself), the unescaped key, the first byte of its value (0 at the end of the text)
/// and whether this object already had that key. Stops when `on_key` returns false, and returns
/// the frames open where it stopped (at the end of the text: the path being read there).
fn walk_keys(text: &str, mut on_key: impl FnMut(&[Frame], &str, u8, bool) -> bool) -> Vec<Frame> {
    let b = text.as_bytes();
    let skip_ws = |mut j: usize| {
        while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r') {
            j += 1;
        }
        j
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut expecting_key = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if expecting_key {
                    expecting_key = false;
                    if let Some(Frame::Object(current, seen)) = stack.last_mut() {
                        let key = unescape(&String::from_utf8_lossy(&b[start..i.min(b.len())]));
                        let mut j = skip_ws(i + 1);
                        if b.get(j) == Some(&b':') {
                            j = skip_ws(j + 1);
                        }
                        let repeated = !seen.insert(key.clone());
                        *current = Some(key.clone());
                        if !on_key(&stack, &key, b.get(j).copied().unwrap_or(0), repeated) {
                            return stack;
                        }
                    }
                }
            }
            b'{' => {
                stack.push(Frame::Object(None, Default::default()));
                expecting_key = true;
            }
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(..)) => expecting_key = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    stack
}

/// The JSON path (`a.b[2].c`) of a stack of frames.
fn path_of(stack: &[Frame]) -> String {
    let mut path = String::new();
    for f in stack {
        match f {
            Frame::Object(Some(k), _) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object(None, _) => {}
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
        }
    }
    path
}

/// A JSON string's content with its escapes resolved (as far as they are valid), so that `"a"`
/// and `"\u0061"` count as the same key.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    let hex4 = |c: &mut std::str::Chars| -> Option<u32> {
        let h: String = c.by_ref().take(4).collect();
        if h.len() == 4 {
            u32::from_str_radix(&h, 16).ok()
        } else {
            None
        }
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let Some(hi) = hex4(&mut chars) else { continue };
                let code = if (0xD800..0xDC00).contains(&hi) {
                    let mut ahead = chars.clone();
                    match (ahead.next(), ahead.next(), hex4(&mut ahead)) {
                        (Some('\\'), Some('u'), Some(lo)) if (0xDC00..0xE000).contains(&lo) => {
                            chars = ahead;
                            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                        }
                        _ => hi,
                    }
                } else {
                    hi
                };
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The first key that occurs twice in one object: its JSON path and the key.
pub(crate) fn duplicate_key(text: &str) -> Option<(String, String)> {
    let mut found = None;
    walk_keys(text, |stack, key, _, repeated| {
        if repeated {
            found = Some((path_of(stack), key.to_string()));
        }
        !repeated
    });
    found
}

/// The keys of the top-level object with the first byte of each value, read even from broken
/// JSON; empty when the text does not start with an object.
pub(crate) fn top_level_keys(text: &str) -> Vec<(String, u8)> {
    let mut keys = Vec::new();
    walk_keys(text, |stack, key, first, _| {
        if stack.len() == 1 {
            keys.push((key.to_string(), first));
        }
        true
    });
    keys
}

/// The JSON path (`a.b[2].c`) of the value being read at 1-based `line`/`column` of `text`: the
/// frames [`walk_keys`] has open at that position.
pub(crate) fn path_at(text: &str, line: usize, column: usize) -> String {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            // serde_json counts columns in bytes.
            offset += column.min(l.len());
            break;
        }
        offset += l.len();
    }
    let prefix = String::from_utf8_lossy(&text.as_bytes()[..offset.min(text.len())]);
    path_of(&walk_keys(&prefix, |_, _, _, _| true))
}

/// Converts a serde_json failure (with the path where it happened) into an [`Error`].
pub(crate) fn from_json<E: fmt::Display>(path: &str, inner: &E) -> Error {
    let field = if path.is_empty() || path == "." { "(document)".to_string() } else { path.to_string() };
    let msg = inner.to_string();
    let what = if msg.starts_with("unknown field") {
        "an unknown field"
    } else if msg.starts_with("invalid type") {
        "a value of the wrong type"
    } else if msg.starts_with("invalid value") {
        "an invalid value"
    } else {
        "invalid JSON"
    };
    Error::new(field, what, msg)
}

/// Result alias used throughout the core.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_field_value_and_allowed() {
        let e = Error::new("draws", 0, "an integer from 1 to 100000");
        assert_eq!(e.to_string(), "draws: got 0; allowed: an integer from 1 to 100000");
    }

    #[test]
    fn json_paths_are_recovered_from_positions() {
        let text = "{\"a\": {\"b\": [1, 2, {\"c\": \"x,}\\\"\", \"d\": true}]}}";
        let col = text.find("true").unwrap() + 1;
        assert_eq!(path_at(text, 1, col), "a.b[2].d");
        let text = "{\n  \"x\": [\n    {\"y\": 1},\n    {\"z\": 2}\n  ]\n}";
        assert_eq!(path_at(text, 4, 10), "x[1].z");
        assert_eq!(path_at("{}", 1, 1), "");
        let e = parse_json::<std::collections::BTreeMap<String, Vec<u32>>>("{\"k\": [1, -2]}").unwrap_err();
        assert_eq!(e.field, "k[1]");
        assert!(!e.allowed.contains(" at line "), "{e}");
    }

    #[test]
    fn documents_must_be_objects_without_bom_or_repeated_keys() {
        type Doc = std::collections::BTreeMap<String, serde_json::Value>;
        let e = parse_json::<Doc>("\u{feff}{}").unwrap_err();
        assert_eq!(e.to_string(), "(document): got a byte-order mark (BOM) at the start; allowed: UTF-8 text without BOM (save the file as UTF-8 without BOM)");
        for (text, got) in [("[\"stalled\", 7, 99]", "an array"), ("\"x\"", "a string"), (" 12", "a number"), ("true", "true or false"), ("null", "null")] {
            let e = parse_json::<Doc>(text).unwrap_err();
            assert_eq!((e.field.as_str(), e.value.as_str()), ("(document)", got), "{text}");
        }
        // Not JSON at all: serde's message.
        assert_eq!(parse_json::<Doc>("nope").unwrap_err().value, "invalid JSON");
        let e = parse_json::<Doc>(r#"{"a": {"b": 1, "c": [{"d": 1}, {"d": 2, "\u0064": 3}]}}"#).unwrap_err();
        assert_eq!(e.to_string(), "a.c[1].d: got a second value for the key \"d\"; allowed: each key once per object");
        let e = parse_json::<Doc>(r#"{"a": 1, "b": {"a": 2}, "a": 3}"#).unwrap_err();
        assert_eq!(e.field, "a");
        assert!(parse_json::<Doc>(r#"{"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 1}], "k\"": 1, "k": 2}"#).is_ok());
        assert_eq!(unescape(r"x\ud83d\ude00\n\u00e9"), "x\u{1F600}\n\u{e9}");
    }

    #[test]
    fn top_level_keys_are_read_from_broken_json() {
        let keys = top_level_keys(r#"{"version": "x", "provinces": [{"id": "a", "targets": [1, 2,], "vi": x}], "as_of_year": 20"#);
        assert_eq!(keys, vec![("version".to_string(), b'"'), ("provinces".to_string(), b'['), ("as_of_year".to_string(), b'2')]);
        assert!(top_level_keys("[{\"version\": 1}]").is_empty());
        assert_eq!(top_level_keys(r#"{"draws""#), vec![("draws".to_string(), 0)]);
    }

    #[test]
    fn long_values_are_shortened() {
        let e = Error::new("x", "a".repeat(500), "short");
        assert!(e.value.chars().count() <= 81);
        assert!(e.value.ends_with('…'));
    }
}
