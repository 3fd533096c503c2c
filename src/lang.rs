//! The bottom layer of words: the two languages, a text in both, and how numbers and markup
//! are written. Every other module may use it; it uses nothing of the crate but `error`.
//!
//! Number formatting follows each language (`64,06%` and `1.000` in Vietnamese, `64.06%` and
//! `1,000` in English), so that the page, the CLI, the embeds and the offline file print numbers
//! the same way and JavaScript never formats one.

use serde::{Deserialize, Serialize};

/// A language of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Vietnamese (default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Parses `vi` or `en`.
    ///
    /// # Errors
    /// Anything else, naming the allowed values.
    pub fn parse(field: &str, s: &str) -> crate::error::Result<Lang> {
        match s {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            _ => Err(crate::error::Error::new(field, format!("{s:?}"), "vi or en")),
        }
    }

    /// The language code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// A text in both languages of the product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Vietnamese (the default language).
    pub vi: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in a language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// Formats a number with `decimals` digits after the separator, grouped by thousands.
pub fn number(v: f64, decimals: usize, lang: Lang) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let (group, point) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    // "-0" is not a number people write.
    if v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

/// Like [`number`] with up to `max_decimals`, dropping trailing zeros (64.06 → "64,06", 56 → "56").
pub fn number_trim(v: f64, max_decimals: usize, lang: Lang) -> String {
    let s = number(v, max_decimals, lang);
    let point = if lang == Lang::Vi { ',' } else { '.' };
    if s.contains(point) {
        s.trim_end_matches('0').trim_end_matches(point).to_string()
    } else {
        s
    }
}

/// Escapes text for XML/HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}
