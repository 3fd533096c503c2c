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
    serde_json::from_str(text).map_err(|e| {
        let path = path_at(text, e.line(), e.column());
        // The message's own " at line L column C" is dropped: the path says where.
        let msg = e.to_string();
        let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m).to_string();
        from_json(&path, &msg)
    })
}

/// The JSON path (`a.b[2].c`) of the value being read at 1-based `line`/`column` of `text`.
pub(crate) fn path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            // serde_json counts columns in bytes.
            offset += column.min(l.len());
            break;
        }
        offset += l.len();
    }
    let bytes = &text.as_bytes()[..offset.min(text.len())];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let mut expecting_key = false;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expecting_key {
                    if let Some(Frame::Object(k)) = stack.last_mut() {
                        *k = Some(String::from_utf8_lossy(&bytes[start..i.min(bytes.len())]).into_owned());
                    }
                    expecting_key = false;
                }
            }
            b'{' => {
                stack.push(Frame::Object(None));
                expecting_key = true;
            }
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(_)) => expecting_key = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object(Some(k)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
        }
    }
    path
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
    fn long_values_are_shortened() {
        let e = Error::new("x", "a".repeat(500), "short");
        assert!(e.value.chars().count() <= 81);
        assert!(e.value.ends_with('…'));
    }
}
