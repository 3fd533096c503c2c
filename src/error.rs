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
    fn long_values_are_shortened() {
        let e = Error::new("x", "a".repeat(500), "short");
        assert!(e.value.chars().count() <= 81);
        assert!(e.value.ends_with('…'));
    }
}
