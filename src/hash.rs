//! The shareable link: a scenario and a view ⇄ the URL hash (or an embed's query string).
//!
//! Only values that differ from the defaults are written, plus `v=` (data and model version),
//! as OWID and En-ROADS do. Keys:
//!
//! | key | meaning |
//! |---|---|
//! | `v` | `<data version>_<model version>`; an older link still loads, with a warning |
//! | `p`, `lang`, `i` | view: province, language, focused indicator |
//! | `preset`, `draws`, `seed`, `h`, `sy` | scenario: preset, draws, seed, horizon, shock year |
//! | `grdp.<province>` | GRDP growth |
//! | `g.<province>.<indicator>` / `s.…` / `x.…` / `q.…` | growth / uncertainty / assumed start / peers' pace |
//!
//! Decoding is strict: unknown keys, malformed numbers and oversized input are errors naming the
//! key, so the page can say what was wrong and fall back to the defaults. Values are then checked
//! by `scenario::resolve` like any other scenario.

use serde::{Deserialize, Serialize};

use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::scenario::{Preset, Scenario};

/// Longest hash accepted (characters).
pub const MAX_HASH: usize = 4096;

/// What the page shows, besides the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Province id (default: the first province).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Language (default Vietnamese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Focused indicator (embeds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
}

/// A decoded link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Link {
    /// The view.
    pub view: View,
    /// The scenario (only what differs from the defaults).
    pub scenario: Scenario,
    /// Things worth telling the user that do not stop the link from loading.
    pub warnings: Vec<String>,
}

/// The version written as `v=`.
pub fn version(ds: &Dataset) -> String {
    format!("{}_{}", ds.version, crate::MODEL_VERSION)
}

/// Minimal percent-encoding for the characters our ids and numbers can contain.
fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn dec(field: &str, s: &str) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                // Exactly two hex digits (`from_str_radix` alone would take "+1").
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => out.push(b),
                    None => return Err(Error::new(field, s, "percent-encoding like %2C")),
                }
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| Error::new(field, s, "UTF-8 text"))
}

fn num(v: f64) -> String {
    // Rust's shortest round-trip representation: the same f64 comes back.
    format!("{v}")
}

/// Encodes a view and a scenario as a hash (without the leading `#`).
pub fn encode(ds: &Dataset, view: &View, sc: &Scenario) -> String {
    let mut parts = vec![format!("v={}", enc(&version(ds)))];
    if let Some(p) = &view.province {
        parts.push(format!("p={}", enc(p)));
    }
    if let Some(l) = view.lang {
        if l != Lang::Vi {
            parts.push(format!("lang={}", l.code()));
        }
    }
    if let Some(i) = &view.indicator {
        parts.push(format!("i={}", enc(i)));
    }
    if let Some(p) = sc.preset {
        if p != Preset::Trend {
            parts.push(format!("preset={}", p.id()));
        }
    }
    if let Some(d) = sc.draws {
        parts.push(format!("draws={d}"));
    }
    if let Some(s) = sc.seed {
        parts.push(format!("seed={s}"));
    }
    if let Some(h) = sc.horizon {
        parts.push(format!("h={h}"));
    }
    if let Some(y) = sc.shock_year {
        parts.push(format!("sy={y}"));
    }
    for (pid, po) in &sc.provinces {
        if let Some(g) = po.grdp_growth {
            parts.push(format!("grdp.{}={}", enc(pid), num(g)));
        }
        for (iid, o) in &po.indicators {
            for (k, v) in [("g", o.growth), ("s", o.sigma), ("x", o.start), ("q", o.peer_pace)] {
                if let Some(v) = v {
                    parts.push(format!("{k}.{}.{}={}", enc(pid), enc(iid), num(v)));
                }
            }
        }
    }
    parts.join("&")
}

fn parse_num<T: std::str::FromStr>(key: &str, v: &str, what: &str) -> Result<T> {
    v.parse::<T>().map_err(|_| Error::new(key, v, what))
}

fn parse_f64(key: &str, v: &str) -> Result<f64> {
    let x: f64 = parse_num(key, v, "a decimal number like 12.5")?;
    if !x.is_finite() {
        return Err(Error::new(key, v, "a finite decimal number"));
    }
    Ok(x)
}

/// Decodes a hash (with or without the leading `#`) into a view and a scenario.
///
/// # Errors
/// Oversized input, unknown keys, malformed values or ids; each names the key.
pub fn decode(ds: &Dataset, hash: &str) -> Result<Link> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    if hash.chars().count() > MAX_HASH {
        return Err(Error::new("(link)", format!("{} characters", hash.chars().count()), format!("at most {MAX_HASH} characters")));
    }
    let mut link = Link::default();
    let mut seen = std::collections::BTreeSet::new();
    for pair in hash.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').ok_or_else(|| Error::new("(link)", pair, "key=value pairs joined by &"))?;
        let key = dec("(link)", k)?;
        let val = dec(&key, v)?;
        if !seen.insert(key.clone()) {
            return Err(repeated_key(&key, &val));
        }
        let key = key.as_str();
        match key {
            "v" => {
                if val != version(ds) {
                    link.warnings.push(format!("This link was made with version {val}; the data or model is now {}. Numbers may differ.", version(ds)));
                }
            }
            "p" => {
                ds.require_province("p", &val)?;
                link.view.province = Some(val);
            }
            // Defaults decode to "absent", so that decode ∘ encode is the identity.
            "lang" => link.view.lang = Some(Lang::parse("lang", &val)?).filter(|l| *l != Lang::Vi),
            "i" => {
                if ds.indicator(&val).is_none() {
                    return Err(Error::new("i", &val, "an indicator id of the dataset"));
                }
                link.view.indicator = Some(val);
            }
            "preset" => link.scenario.preset = Some(Preset::parse("preset", &val)?).filter(|p| *p != Preset::Trend),
            "draws" => link.scenario.draws = Some(parse_num("draws", &val, "a whole number of draws")?),
            "seed" => link.scenario.seed = Some(parse_num("seed", &val, "a whole number")?),
            "h" => link.scenario.horizon = Some(parse_num("h", &val, "a year")?),
            "sy" => link.scenario.shock_year = Some(parse_num("sy", &val, "a year")?),
            _ => {
                let mut it = key.splitn(3, '.');
                let (kind, pid, iid) = (it.next().unwrap_or(""), it.next(), it.next());
                match (kind, pid, iid) {
                    ("grdp", Some(pid), None) => {
                        link.scenario.provinces.entry(pid.to_string()).or_default().grdp_growth = Some(parse_f64(key, &val)?);
                    }
                    ("g" | "s" | "x" | "q", Some(pid), Some(iid)) => {
                        let o = link.scenario.provinces.entry(pid.to_string()).or_default().indicators.entry(iid.to_string()).or_default();
                        let x = Some(parse_f64(key, &val)?);
                        match kind {
                            "g" => o.growth = x,
                            "s" => o.sigma = x,
                            "q" => o.peer_pace = x,
                            _ => o.start = x,
                        }
                    }
                    _ => {
                        return Err(Error::new(
                            key,
                            &val,
                            "a known key: v, p, lang, i, preset, draws, seed, h, sy, grdp.<province>, g|s|x|q.<province>.<indicator>",
                        ))
                    }
                }
            }
        }
    }
    Ok(link)
}

/// A key given twice: which value wins would be a guess, so neither does.
fn repeated_key(key: &str, val: &str) -> Error {
    Error::new(key, format!("a second value ({val})"), "each key once in a link")
}

/// How an embed looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the reader's `prefers-color-scheme` (default).
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// An embed's options besides the link: theme and static rendering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EmbedOptions {
    /// Colour theme.
    pub theme: Theme,
    /// Render without controls (print, AMP-like hosts).
    #[serde(rename = "static")]
    pub static_: bool,
}

/// An embed's query string (`province=…&indicator=…&lang=…&theme=…&static=1&v=…` plus the
/// scenario keys of [`encode`]) → link and options.
///
/// # Errors
/// As [`decode`], plus unknown theme or static values, naming the key.
pub fn decode_query(ds: &Dataset, query: &str) -> Result<(Link, EmbedOptions)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    if query.chars().count() > MAX_HASH {
        return Err(Error::new("(link)", format!("{} characters", query.chars().count()), format!("at most {MAX_HASH} characters")));
    }
    let mut opts = EmbedOptions::default();
    let mut rest = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if matches!(k, "theme" | "static") && !seen.insert(k) {
            return Err(repeated_key(k, v));
        }
        match k {
            "province" => rest.push(format!("p={v}")),
            "indicator" => rest.push(format!("i={v}")),
            "theme" => {
                opts.theme = match v {
                    "auto" => Theme::Auto,
                    "light" => Theme::Light,
                    "dark" => Theme::Dark,
                    _ => return Err(Error::new("theme", v, "auto, light or dark")),
                }
            }
            "static" => {
                opts.static_ = match v {
                    "1" | "true" => true,
                    "0" | "false" | "" => false,
                    _ => return Err(Error::new("static", v, "1 or 0")),
                }
            }
            _ => rest.push(pair.to_string()),
        }
    }
    let link = decode(ds, &rest.join("&"))?;
    Ok((link, opts))
}

/// The embed query for a view and scenario (the inverse of [`decode_query`]).
pub fn encode_query(ds: &Dataset, view: &View, sc: &Scenario, opts: &EmbedOptions) -> String {
    let mut q = encode(ds, view, sc).replacen("&p=", "&province=", 1).replacen("&i=", "&indicator=", 1);
    match opts.theme {
        Theme::Auto => {}
        Theme::Light => q.push_str("&theme=light"),
        Theme::Dark => q.push_str("&theme=dark"),
    }
    if opts.static_ {
        q.push_str("&static=1");
    }
    q
}

/// The two embed snippets for a view and scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippets {
    /// An iframe plus the resize helper.
    pub iframe: String,
    /// The script tag and a `<dx-sim>` element with a fallback sentence and link.
    pub script: String,
}

/// Builds both snippets. `base` is where the app is served (must be http or https); `title` and
/// `fallback` (the sentence shown when scripts are off) are escaped.
///
/// # Errors
/// A `base` that is not an http(s) URL.
pub fn snippets(ds: &Dataset, base: &str, view: &View, sc: &Scenario, title: &str, fallback: &str) -> Result<Snippets> {
    use crate::lang::escape;
    let ok = (base.starts_with("https://") || base.starts_with("http://"))
        && !base.chars().any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>' || c == '\'');
    if !ok {
        return Err(Error::new("base", base, "the http(s) address the app is served from"));
    }
    let base = if base.ends_with('/') { base.to_string() } else { format!("{base}/") };
    let query = encode_query(ds, view, sc, &EmbedOptions::default());
    let app = format!("{base}index.html#{}", encode(ds, view, sc));
    let iframe = format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" style=\"width:100%;border:0;height:520px\"></iframe>\n<script type=\"module\" src=\"{}\"></script>",
        escape(&format!("{base}embed.html?{query}")),
        escape(title),
        escape(&format!("{base}dxsim-embed.js"))
    );
    let scenario = encode(ds, &View::default(), sc);
    let mut attrs = String::new();
    if let Some(p) = &view.province {
        attrs.push_str(&format!(" province=\"{}\"", escape(p)));
    }
    if let Some(i) = &view.indicator {
        attrs.push_str(&format!(" indicator=\"{}\"", escape(i)));
    }
    attrs.push_str(&format!(" lang=\"{}\" theme=\"auto\"", view.lang.unwrap_or_default().code()));
    if view.indicator.is_some() {
        attrs.push_str(" controls=\"growth,uncertainty\"");
    }
    let script = format!(
        "<script type=\"module\" src=\"{}\"></script>\n<dx-sim{attrs} scenario=\"{}\">{} <a href=\"{}\">dxsim</a></dx-sim>",
        escape(&format!("{base}dxsim-embed.js")),
        escape(&scenario),
        escape(fallback),
        escape(&app)
    );
    Ok(Snippets { iframe, script })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{resolve, IndicatorOverride};

    #[test]
    fn round_trip() {
        let ds = Dataset::builtin();
        let mut sc = Scenario { preset: Some(Preset::Accelerated), draws: Some(2000), seed: Some(42), horizon: Some(2032), ..Default::default() };
        let po = sc.provinces.entry("hai-duong".into()).or_default();
        po.grdp_growth = Some(8.5);
        po.indicators.insert("de_share".into(), IndicatorOverride { growth: Some(15.3), sigma: Some(0.1 + 0.2), start: None, peer_pace: None });
        po.indicators.insert("dti_rank".into(), IndicatorOverride { growth: Some(2.5), peer_pace: Some(-1.5), ..Default::default() });
        let view = View { province: Some("hai-duong".into()), lang: Some(Lang::En), indicator: None };
        let h = encode(&ds, &view, &sc);
        assert!(h.starts_with(&format!("v={}_", ds.version)), "{h}");
        assert!(h.contains("g.hai-duong.de_share=15.3") && h.contains("q.hai-duong.dti_rank=-1.5"), "{h}");
        let link = decode(&ds, &format!("#{h}")).unwrap();
        assert_eq!(link.scenario, sc);
        assert_eq!(link.view, view);
        assert!(link.warnings.is_empty());
        assert!(resolve(&ds, &link.scenario).is_ok());
    }

    #[test]
    fn embed_query_round_trip_and_errors() {
        let ds = Dataset::builtin();
        let view = View { province: Some("hung-yen".into()), lang: Some(Lang::En), indicator: Some("dti_rank".into()) };
        let sc = Scenario { seed: Some(9), ..Default::default() };
        let opts = EmbedOptions { theme: Theme::Dark, static_: true };
        let q = encode_query(&ds, &view, &sc, &opts);
        assert!(q.contains("&province=hung-yen") && q.contains("&indicator=dti_rank") && q.ends_with("&theme=dark&static=1"), "{q}");
        let (link, o) = decode_query(&ds, &format!("?{q}")).unwrap();
        assert_eq!((link.view, link.scenario, o), (view, sc, opts));
        assert_eq!(decode_query(&ds, "theme=purple").unwrap_err().field, "theme");
        assert_eq!(decode_query(&ds, "province=<script>").unwrap_err().field, "p");
        assert_eq!(decode_query(&ds, "indicator=nope").unwrap_err().field, "i");
    }

    #[test]
    fn snippets_are_escaped_and_point_at_the_app() {
        let ds = Dataset::builtin();
        let view = View { province: Some("hai-duong".into()), lang: None, indicator: Some("de_share".into()) };
        let s = snippets(&ds, "https://example.org/dxsim", &view, &Scenario::default(), "<b>t</b>", "\"><script>x</script>").unwrap();
        assert!(s.iframe.contains("src=\"https://example.org/dxsim/embed.html?v="), "{}", s.iframe);
        assert!(s.iframe.contains("&amp;province=hai-duong&amp;indicator=de_share"));
        assert!(s.iframe.contains("title=\"&lt;b&gt;t&lt;/b&gt;\""));
        assert!(s.script.contains("<dx-sim province=\"hai-duong\" indicator=\"de_share\" lang=\"vi\""));
        assert!(s.script.contains("&quot;&gt;&lt;script&gt;x&lt;/script&gt;"));
        assert!(!s.script.contains("<script>x"));
        assert_eq!(snippets(&ds, "javascript:alert(1)", &view, &Scenario::default(), "", "").unwrap_err().field, "base");
    }

    #[test]
    fn defaults_encode_to_just_the_version() {
        let ds = Dataset::builtin();
        assert_eq!(encode(&ds, &View::default(), &Scenario::default()), format!("v={}", version(&ds)));
    }

    #[test]
    fn malformed_links_name_the_key() {
        let ds = Dataset::builtin();
        for (h, field) in [
            ("p=atlantis", "p"),
            ("draws=many", "draws"),
            ("g.hai-duong.de_share=NaN", "g.hai-duong.de_share"),
            ("g.hai-duong.de_share=1e999", "g.hai-duong.de_share"),
            ("colour=red", "colour"),
            ("lang=fr", "lang"),
            ("p=%ZZ", "p"),
            ("p=%E", "p"),
            ("p=hai-%+1duong", "p"),
            ("p=%-1", "p"),
            ("justakey", "(link)"),
            ("draws=5&draws=6", "draws"),
            ("g.hai-duong.de_share=1&g.hai-duong.de_%73hare=2", "g.hai-duong.de_share"),
        ] {
            let e = decode(&ds, h).unwrap_err();
            assert_eq!(e.field, field, "{h}: {e}");
        }
        assert!(decode(&ds, &"a".repeat(MAX_HASH + 1)).is_err());
        assert_eq!(decode(&ds, "seed=1&seed=2").unwrap_err().to_string(), "seed: got a second value (2); allowed: each key once in a link");
        // The embed query's province/indicator are the link's p/i: given both ways, refused too.
        assert_eq!(decode_query(&ds, "province=hai-duong&p=hung-yen").unwrap_err().field, "p");
        assert_eq!(decode_query(&ds, "theme=dark&theme=light").unwrap_err().field, "theme");
        assert_eq!(decode_query(&ds, "static=1&static=0").unwrap_err().field, "static");
        assert_eq!(decode(&ds, "p=hai%2Dduong").unwrap().view.province.as_deref(), Some("hai-duong"));
        let old = decode(&ds, "v=2020.1_0.0.1").unwrap();
        assert_eq!(old.warnings.len(), 1);
    }
}
