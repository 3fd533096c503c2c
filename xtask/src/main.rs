//! `cargo xtask`: the project's build orchestration in plain Rust, so it works the same on any
//! machine with rustup.
//!
//! - `cargo xtask serve [--port N]` — ensure the toolchain, build the wasm, serve `www/` on
//!   http://127.0.0.1:8000 with the strict Content-Security-Policy the page must live under.
//! - `cargo xtask test` — fmt, clippy (host and wasm), native tests, wasm tests in Node and in
//!   headless Chromium, and the end-to-end browser tests.
//! - `cargo xtask build` — build only (also writes `www/dxsim-offline.html`).
//! - `cargo xtask dist` — the deployable static site in `dist/`, including the single-file offline
//!   edition `dist/dxsim-offline.html`, and the size report.
//!
//! Tools it installs when missing (see `toolchain.md` for why each choice): the
//! wasm32-unknown-unknown target (rustup), wasm-bindgen-cli at exactly the crate's pinned version
//! (cargo install), the npm packages (playwright-core, binaryen's wasm-opt: never Debian's), and
//! Debian's chromium + chromium-driver (apt-get, when root; otherwise it prints the command).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::SystemTime;

/// Must equal the `=` pin of wasm-bindgen in the root Cargo.toml.
const WASM_BINDGEN: &str = "0.2.130";
const TARGET: &str = "wasm32-unknown-unknown";
/// The Content-Security-Policy every served page must work under.
/// `connect-src` adds any https origin: a newsroom's `?dataset=` file is fetched as data (JSON
/// parsed and validated by the core, never run), and script, style and image sources stay 'self'.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' https:";

type Result<T> = std::result::Result<T, String>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("$ {}", describe(cmd));
    let status = cmd.status().map_err(|e| format!("could not start {}: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("failed ({status}): {}", describe(cmd)))
    }
}

fn output(cmd: &mut Command) -> Option<String> {
    cmd.output().ok().filter(|o| o.status.success()).map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

fn ensure_target() -> Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == TARGET) {
        run(Command::new("rustup").args(["target", "add", TARGET]))?;
    }
    Ok(())
}

fn ensure_wasm_bindgen() -> Result<()> {
    let have = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if have.trim() == format!("wasm-bindgen {WASM_BINDGEN}") {
        return Ok(());
    }
    eprintln!("installing wasm-bindgen-cli {WASM_BINDGEN} (a few minutes, once)");
    // `--locked` can fail against the registry mirror (see toolchain.md); fall back without it.
    let locked = run(cargo().args(["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN, "--locked"]));
    if locked.is_err() {
        run(cargo().args(["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN]))?;
    }
    Ok(())
}

fn ensure_npm() -> Result<()> {
    let root = root();
    let stamp = root.join("node_modules/.dxsim-lock-stamp");
    let fresh =
        mtime(&stamp).is_some_and(|s| mtime(&root.join("package-lock.json")).is_some_and(|l| s >= l)) && root.join("node_modules/.bin/wasm-opt").exists();
    if !fresh {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&root))?;
        std::fs::write(&stamp, "").map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|s| s.trim() == "0")
}

fn ensure_chromium() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    let cmd = "apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver";
    if is_root() && Path::new("/usr/bin/apt-get").exists() {
        run(Command::new("sh").args(["-c", cmd]))
    } else {
        Err(format!("Chromium and ChromeDriver are needed for the browser tests. Install them with:\n  sudo sh -c '{cmd}'"))
    }
}

/// Builds the wasm package into `www/pkg` (the size-optimised `wasm` profile, wasm-bindgen,
/// wasm-opt -Oz).
fn build() -> Result<()> {
    ensure_target()?;
    ensure_wasm_bindgen()?;
    ensure_npm()?;
    let root = root();
    run(cargo().args(["build", "--lib", "--profile", "wasm", "--target", TARGET]))?;
    let wasm = root.join(format!("target/{TARGET}/wasm/dxsim.wasm"));
    let out = root.join("www/pkg/dxsim_bg.wasm");
    copy_data_files()?;
    if mtime(&out).is_some_and(|o| mtime(&wasm).is_some_and(|w| o > w)) {
        eprintln!("www/pkg is up to date");
        // The page's files may still have changed: the offline file is always rebuilt.
        offline()?;
        return precompress(&root.join("www"), &www_compressed());
    }
    run(Command::new("wasm-bindgen").args(["--target", "web", "--no-typescript", "--out-dir"]).arg(root.join("www/pkg")).arg(&wasm))?;
    run(Command::new(root.join("node_modules/.bin/wasm-opt"))
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg(&out)
        .arg("-o")
        .arg(&out))?;
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    eprintln!("www/pkg/dxsim_bg.wasm: {size} bytes");
    // The offline edition needs glue without ES-module exports (see toolchain.md).
    run(Command::new("wasm-bindgen").args(["--target", "no-modules", "--no-typescript", "--out-dir"]).arg(root.join("target/offline-pkg")).arg(&wasm))?;
    offline()?;
    // What the server sends to browsers that accept it (see `serve_dir`).
    precompress(&root.join("www"), &www_compressed())
}

/// The example dataset files and the dataset's JSON Schema, served beside the page (the page's
/// "examples" buttons fetch them; newsrooms copy them as templates).
fn copy_data_files() -> Result<()> {
    let root = root();
    let dir = root.join("www/examples");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for f in EXAMPLES {
        std::fs::copy(root.join("data/examples").join(f), dir.join(f)).map_err(|e| format!("data/examples/{f}: {e}"))?;
    }
    std::fs::copy(root.join("data/dataset.schema.json"), root.join("www/dataset.schema.json")).map_err(|e| format!("data/dataset.schema.json: {e}"))?;
    Ok(())
}

/// The example province files in `data/examples/`.
const EXAMPLES: [&str; 3] = ["da-nang.json", "quang-ninh.json", "tien-giang.json"];

fn read(p: &Path) -> Result<String> {
    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut std::io::Cursor::new(bytes), &mut out, &params).expect("writing to memory");
    out
}

/// Whether a file is sent compressed (text and wasm; images and archives are not).
fn compressible(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("html" | "js" | "mjs" | "css" | "wasm" | "json" | "svg"))
}

/// Writes `<file>.gz` and `<file>.br` for every compressible file under `src` into the same
/// relative place under `out` (for `dist/`, `out` is `src`), recompressing only what changed.
fn precompress(src: &Path, out: &Path) -> Result<()> {
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if !compressible(&path) {
                continue;
            }
            let rel = path.strip_prefix(src).map_err(|e| e.to_string())?;
            let source_time = mtime(&path);
            let mut bytes = None;
            for (ext, f) in [("gz", gzip as fn(&[u8]) -> Vec<u8>), ("br", brotli)] {
                let target = out.join(format!("{}.{ext}", rel.display()));
                if mtime(&target).is_some_and(|t| source_time.is_some_and(|s| t >= s)) {
                    continue;
                }
                let data = match &bytes {
                    Some(b) => b,
                    None => bytes.insert(std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?),
                };
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
                }
                std::fs::write(&target, f(data)).map_err(|e| format!("{}: {e}", target.display()))?;
            }
        }
    }
    Ok(())
}

/// Where `cargo xtask build` keeps the compressed copies of `www/` that the server sends.
fn www_compressed() -> PathBuf {
    root().join("target/www-compressed")
}

/// The encodings a request accepts, among the two we keep files for, best first.
fn accepted_encodings(accept: &str) -> Vec<&'static str> {
    let mut ok = Vec::new();
    for name in ["br", "gzip"] {
        let allowed = accept.split(',').any(|part| {
            let mut it = part.split(';');
            let token = it.next().unwrap_or("").trim();
            let zero = it.any(|p| p.trim().strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0)));
            (token.eq_ignore_ascii_case(name) || token == "*") && !zero
        });
        if allowed {
            ok.push(name);
        }
    }
    ok
}

/// The app page's modules, in the order the offline file inlines them: a module's top-level code
/// may use what an earlier one declares; functions may call any of them.
const APP_MODULES: [&str; 8] = ["ui.js", "state.js", "controls.js", "cards.js", "overview.js", "data-panel.js", "backtest.js", "app.js"];
/// The app page's stylesheets, each `<link rel="stylesheet" href="…">` of index.html.
const APP_STYLES: [&str; 2] = ["style.css", "overview.css"];
/// The imports of the wasm glue the offline loader stands in for (it defines `init` and `dx`).
const PKG_IMPORTS: [&str; 2] = ["import init, * as dx from './pkg/dxsim.js';", "import * as dx from './pkg/dxsim.js';"];

/// A tiny bundler for the offline file: the modules `(file, text)` joined into one module script.
/// It knows exactly these forms, each on one line, and fails on any other import or export:
/// - the [`PKG_IMPORTS`] lines: dropped (the loader defines `init` and `dx`);
/// - `import { a, b } from './x.js';` with `x.js` one of the modules: dropped, after checking
///   that `x.js` declares `a` and `b` at its top level (the names live in the one script now);
/// - `export function`, `export async function`, `export const`, `export let`, `export class`:
///   the `export ` dropped.
///
/// Two modules declaring the same top-level name would collide in one script: that fails too.
fn bundle(modules: &[(&str, String)]) -> Result<String> {
    let mut out = String::new();
    let mut declared: std::collections::BTreeMap<String, &str> = std::collections::BTreeMap::new();
    let mut imports: Vec<(String, String, String)> = Vec::new(); // (where, name, from module)
    for (file, text) in modules {
        out.push_str(&format!("// ---- {file}\n"));
        for (n, line) in text.lines().enumerate() {
            let at = format!("www/{file}:{}", n + 1);
            let trimmed = line.trim_start();
            // A dynamic import would fetch a file that is not there (file://, no requests).
            if line.contains("import(") {
                return Err(format!("{at}: a dynamic import the offline bundler does not handle: `{trimmed}`"));
            }
            let is_import = trimmed.starts_with("import ") || trimmed.starts_with("import{");
            if is_import {
                if PKG_IMPORTS.contains(&trimmed.trim_end()) {
                    continue;
                }
                let (names, from) = named_import(trimmed.trim_end()).ok_or_else(|| {
                    format!("{at}: an import the offline bundler does not handle: `{trimmed}` (it knows `{}`, `{}` and `import {{ a, b }} from './one-of-the-app-modules.js';` on one line)", PKG_IMPORTS[0], PKG_IMPORTS[1])
                })?;
                if !modules.iter().any(|(f, _)| *f == from) {
                    return Err(format!("{at}: imports ./{from}, which is not one of the offline file's modules ({})", APP_MODULES.join(", ")));
                }
                imports.extend(names.into_iter().map(|name| (at.clone(), name, from.clone())));
                continue;
            }
            let is_export = ["export ", "export{", "export*"].iter().any(|p| trimmed.starts_with(p));
            let code = if let Some(rest) = trimmed.strip_prefix("export").filter(|_| is_export) {
                const FORMS: [&str; 5] = ["function ", "async function ", "const ", "let ", "class "];
                let rest = rest.strip_prefix(' ').filter(|r| FORMS.iter().any(|f| r.starts_with(f))).ok_or_else(|| {
                    format!(
                        "{at}: an export the offline bundler does not handle: `{trimmed}` (it knows `export` before {})",
                        FORMS.map(str::trim_end).join(", ")
                    )
                })?;
                format!("{}{rest}", &line[..line.len() - trimmed.len()])
            } else {
                line.to_string()
            };
            // Top-level declarations start at the first column.
            if !code.starts_with([' ', '\t']) {
                for name in declared_names(&code) {
                    if let Some(other) = declared.insert(name.clone(), file) {
                        return Err(format!(
                            "{at}: `{name}` is declared at the top level of both www/{other} and www/{file}; in the offline file they share one script"
                        ));
                    }
                }
            }
            out.push_str(&code);
            out.push('\n');
        }
    }
    for (at, name, from) in imports {
        if declared.get(&name) != Some(&from.as_str()) {
            return Err(format!("{at}: imports `{name}` from ./{from}, which does not declare it at its top level"));
        }
    }
    Ok(out)
}

/// `import { a, b } from './x.js';` → (["a", "b"], "x.js"); None for any other form.
fn named_import(line: &str) -> Option<(Vec<String>, String)> {
    let inner = line.strip_prefix("import {")?;
    let (names, rest) = inner.split_once('}')?;
    let from = rest.strip_prefix(" from './")?.strip_suffix("';")?;
    let names: Vec<String> = names.split(',').map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    let ident = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    (!names.is_empty() && names.iter().all(|n| ident(n)) && ident(&from.replace(['.', '-'], "_"))).then(|| (names, from.to_string()))
}

/// The names a top-level line declares: `function f`, `async function f`, `class C`,
/// `const a = …, b = …`, `let a, b`, `const { a, b } = …`.
fn declared_names(line: &str) -> Vec<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$').collect::<String>();
    for kw in ["function ", "async function ", "class "] {
        if let Some(rest) = line.strip_prefix(kw) {
            return vec![ident(rest.trim_start_matches('*').trim_start())];
        }
    }
    let Some(rest) = line.strip_prefix("const ").or_else(|| line.strip_prefix("let ")) else { return Vec::new() };
    if let Some(inner) = rest.strip_prefix('{') {
        return inner.split('}').next().unwrap_or("").split(',').map(|n| ident(n.trim())).filter(|n| !n.is_empty()).collect();
    }
    // `a = 1, b = f(x, y)`: split at the commas outside brackets; each piece that starts with a
    // name followed by `=`, `;` or nothing declares it.
    let mut pieces = vec![String::new()];
    let mut depth = 0i32;
    for c in rest.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                pieces.push(String::new());
                continue;
            }
            _ => {}
        }
        pieces.last_mut().expect("one piece at least").push(c);
    }
    pieces
        .iter()
        .filter_map(|piece| {
            let piece = piece.trim();
            let name = ident(piece);
            let after = piece[name.len()..].trim_start();
            (!name.is_empty() && (after.is_empty() || after.starts_with('=') || after.starts_with(';'))).then_some(name)
        })
        .collect()
}

/// `www/dxsim-offline.html`: one file that works from file:// with zero network requests. The
/// optimised wasm is gzipped and base64-encoded into a non-executed script element, unpacked with
/// the browser's DecompressionStream and instantiated through wasm-bindgen's no-modules glue; the
/// stylesheets are inlined, and the app's modules joined into one module script by [`bundle`],
/// after a loader that stands in for the glue's ES module (`init` and `dx`).
fn offline() -> Result<()> {
    use base64::Engine as _;
    let root = root();
    let www = root.join("www");
    let wasm = std::fs::read(www.join("pkg/dxsim_bg.wasm")).map_err(|e| e.to_string())?;
    let glue = read(&root.join("target/offline-pkg/dxsim.js"))?;
    let html = read(&www.join("index.html"))?;
    let modules = APP_MODULES.iter().map(|m| read(&www.join(m)).map(|text| (*m, text))).collect::<Result<Vec<_>>>()?;
    let app = bundle(&modules)?;
    let loader = "const dx = wasm_bindgen;\nasync function init() {\n  const b64 = document.getElementById('dxsim-wasm').textContent.trim();\n  const gz = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));\n  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));\n  wasm_bindgen.initSync({ module: new Uint8Array(await new Response(stream).arrayBuffer()) });\n}";
    let b64 = base64::engine::general_purpose::STANDARD.encode(gzip(&wasm));
    // `str::replacen` inserts `to` literally (no `$&`-style patterns, unlike JavaScript's
    // String.replace), so nothing in the inlined files can change how they are spliced in.
    let replace = |h: String, from: &str, to: &str| -> Result<String> {
        if h.contains(from) {
            Ok(h.replacen(from, to, 1))
        } else {
            Err(format!("www/index.html lacks `{from}`"))
        }
    };
    // `</script` cannot occur in the glue or app, but guard anyway: it would end the element.
    if glue.contains("</script") || app.contains("</script") {
        return Err("inlined JavaScript contains </script".into());
    }
    let mut out = replace(html, "<html lang=\"vi\">", "<html lang=\"vi\" data-offline=\"true\">")?;
    for f in APP_STYLES {
        let css = read(&www.join(f))?;
        if css.contains("</style") {
            return Err(format!("www/{f} contains </style"));
        }
        out = replace(out, &format!("<link rel=\"stylesheet\" href=\"{f}\">"), &format!("<style>\n{css}</style>"))?;
    }
    out = replace(out, "<script type=\"module\" src=\"app.js\"></script>", "")?;
    let scripts = format!("<script id=\"dxsim-wasm\" type=\"application/octet-stream\">{b64}</script>\n<script>\n{glue}</script>\n<script type=\"module\">\n{loader}\n{app}</script>\n</body>");
    out = replace(out, "</body>", &scripts)?;
    std::fs::write(www.join("dxsim-offline.html"), &out).map_err(|e| e.to_string())?;
    eprintln!("www/dxsim-offline.html: {} bytes", out.len());
    Ok(())
}

/// `cargo xtask bench`: the criterion benchmarks natively, the same recomputes in headless
/// Chromium, a slider drag on the app page and the embed's first result on Fast 3G, against the
/// compressing server, in one run. Each figure of the issue is printed on its own line.
fn bench() -> Result<()> {
    build()?;
    ensure_chromium()?;
    eprintln!("native: cargo bench (criterion)…");
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(root())
        .args(["bench", "--bench", "simulate", "--", "--warm-up-time", "3", "--measurement-time", "10"])
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let criterion = |name: &str| parse_criterion_ms(&text, name).ok_or_else(|| format!("could not read criterion's {name}:\n{text}"));
    let (native_full, native_cold, native_refine, native_refine_dti) =
        (criterion("full_recompute")?, criterion("full_recompute_cold")?, criterion("one_province_refine")?, criterion("one_province_refine_dti")?);
    let steps: f64 =
        text.lines().find_map(|l| l.strip_prefix("workload: ")).and_then(|l| l.split_whitespace().next()).and_then(|n| n.parse().ok()).unwrap_or(0.0);
    eprintln!("wasm: headless Chromium…");
    let (app_url, _) = start_e2e_servers()?;
    let out = Command::new("node")
        .arg(root().join("tests/bench/wasm-bench.mjs"))
        .current_dir(root())
        .env("DXSIM_URL", app_url)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("wasm benchmark failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let json = String::from_utf8_lossy(&out.stdout);
    let num = |key: &str| -> f64 {
        json.split(&format!("\"{key}\":")).nth(1).and_then(|r| r.split([',', '}']).next()).and_then(|v| v.trim().parse().ok()).unwrap_or(f64::NAN)
    };
    let wasm_bytes = std::fs::read(root().join("www/pkg/dxsim_bg.wasm")).map_err(|e| e.to_string())?;
    let (full, cold_full, refine, refine_dti) = (num("wasm.full.median"), num("wasm.fullCold.median"), num("wasm.refine.median"), num("wasm.refineDti.median"));
    let ns = |ms: f64| ms * 1e6 / steps;
    println!("workload: every province and indicator, 10,000 draws, to 2030 = {steps} indicator-year steps (+ the 63-province DTI field)");
    println!("full recompute wasm median {full:.1} ms");
    println!("one province refine median {refine:.1} ms");
    println!("ratio wasm/native {:.2}", full / native_full);
    // Long tasks are 50 ms or more; below that the API reports none and the trace tells.
    let longest = if num("drag.longTasks") > 0.0 { num("drag.longestLongTaskMs") } else { num("drag.longestTraceTaskMs") };
    println!("longest main-thread task during drag {longest:.1} ms");
    println!("embed first result fast-3g {:.0} ms", num("embed.fast3g.ms"));
    println!("wasm gzipped {} bytes", gzip(&wasm_bytes).len());
    println!("--");
    println!(
        "full recompute: native {native_full:.1} ms; wasm p10 {:.1}, p90 {:.1}, min {:.1} ms ({:.1} ns/step in wasm)",
        num("wasm.full.p10"),
        num("wasm.full.p90"),
        num("wasm.full.min"),
        ns(full)
    );
    println!(
        "full recompute, nothing reusable (new seed each call): wasm median {cold_full:.1} ms, native {native_cold:.1} ms, ratio {:.2}",
        cold_full / native_cold
    );
    println!("first full recompute after the app's load-time warm-up ({:.1} ms): {:.1} ms", num("wasm.warmupAtLoad"), num("wasm.cold"));
    println!("one province refine: native {native_refine:.1} ms (ratio {:.2}); moving the DTI pace instead: wasm {refine_dti:.1} ms, native {native_refine_dti:.1} ms", refine / native_refine);
    println!(
        "wasm memory after the benchmark {:.1} MB, of which the recompute cache holds {:.1} MB",
        num("wasm.memoryBytes") / 1e6,
        num("wasm.cacheBytes") / 1e6
    );
    println!(
        "drag: {} long tasks (≥ 50 ms, Long Tasks API), {:.0} ms in total, longest {:.1} ms; longest task in the trace {:.1} ms; frames median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        num("drag.longTasks"),
        num("drag.longTaskTotalMs"),
        num("drag.longestLongTaskMs"),
        num("drag.longestTraceTaskMs"),
        num("drag.medianFrameMs"),
        num("drag.p95FrameMs"),
        num("drag.maxFrameMs")
    );
    let text_of = |key: &str| json.split(&format!("\"{key}\":\"")).nth(1).and_then(|r| r.split('"').next()).unwrap_or("").to_string();
    println!("drag: the longest task spent its time in: {}", text_of("drag.longestTaskParts"));
    println!(
        "embed on Fast 3G (1.6 Mbps, 150 ms): {:.0} bytes over the network; loads {} (retried after a stall: {})",
        num("embed.fast3g.bytes"),
        json.split("\"embed.loads\":").nth(1).and_then(|r| r.split(']').next()).map_or(String::new(), |v| format!("{v}] ms")),
        num("embed.retried")
    );
    println!("wasm {} bytes, brotli {} bytes", wasm_bytes.len(), brotli(&wasm_bytes).len());
    Ok(())
}

/// The point estimate of benchmark `name` from criterion's `time: [low estimate high]` line, in ms.
fn parse_criterion_ms(text: &str, name: &str) -> Option<f64> {
    let mut lines = text.lines().skip_while(|l| l.split_whitespace().next() != Some(name));
    let line = lines.find(|l| l.contains("time:"))?;
    let inner = line.split('[').nth(1)?.split(']').next()?;
    let parts: Vec<&str> = inner.split_whitespace().collect();
    let (v, unit) = (parts.get(2)?.parse::<f64>().ok()?, *parts.get(3)?);
    Some(match unit {
        "s" => v * 1e3,
        "ms" => v,
        "µs" | "us" => v / 1e3,
        "ns" => v / 1e6,
        _ => return None,
    })
}

/// `cargo xtask fuzz [CASES]`: the long robustness run of every decoder (release build).
fn fuzz(cases: &str) -> Result<()> {
    cases.parse::<u32>().map_err(|_| format!("fuzz: got {cases}; allowed: a number of cases per decoder, e.g. 1000000"))?;
    run(cargo().args(["test", "--release", "--test", "integration", "fuzz_every_decoder", "--", "--ignored", "--nocapture"]).env("DXSIM_FUZZ_CASES", cases))
}

/// Files of the deployable site (everything the pages load).
const SITE: [&str; 23] = [
    "index.html",
    "app.js",
    "ui.js",
    "state.js",
    "controls.js",
    "cards.js",
    "overview.js",
    "data-panel.js",
    "backtest.js",
    "style.css",
    "overview.css",
    "embed.html",
    "embed.js",
    "embed-core.js",
    "embed.css",
    "dxsim-embed.js",
    "dxsim-offline.html",
    "pkg/dxsim.js",
    "pkg/dxsim_bg.wasm",
    "dataset.schema.json",
    "examples/da-nang.json",
    "examples/quang-ninh.json",
    "examples/tien-giang.json",
];

fn dist() -> Result<()> {
    build()?;
    let root = root();
    let dist = root.join("dist");
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(dist.join("pkg")).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(dist.join("examples")).map_err(|e| e.to_string())?;
    for f in SITE {
        std::fs::copy(root.join("www").join(f), dist.join(f)).map_err(|e| format!("{f}: {e}"))?;
    }
    // `.gz` and `.br` beside each text and wasm file, for servers that send precompressed files
    // (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`, `cargo xtask serve`).
    precompress(&dist, &dist)?;
    sizes(&dist)?;
    println!("dist/ written; offline edition: dist/dxsim-offline.html");
    Ok(())
}

/// Prints the size budget figures (README "Measured").
fn sizes(dir: &Path) -> Result<()> {
    let len = |f: &str| std::fs::read(dir.join(f)).map(|b| (b.len(), gzip(&b).len())).map_err(|e| format!("{f}: {e}"));
    let br = |f: &str| std::fs::read(dir.join(f)).map(|b| brotli(&b).len()).map_err(|e| format!("{f}: {e}"));
    let (wasm, wasm_gz) = len("pkg/dxsim_bg.wasm")?;
    let (mut app_gz, mut app_br) = (0, 0);
    for f in ["index.html", "pkg/dxsim.js", "pkg/dxsim_bg.wasm"].into_iter().chain(APP_MODULES).chain(APP_STYLES) {
        app_gz += len(f)?.1;
        app_br += br(f)?;
    }
    let (mut embed_gz, mut embed_br) = (0, 0);
    for f in ["embed.html", "embed.js", "embed-core.js", "embed.css", "pkg/dxsim.js", "pkg/dxsim_bg.wasm"] {
        embed_gz += len(f)?.1;
        embed_br += br(f)?;
    }
    let (offline, offline_gz) = len("dxsim-offline.html")?;
    println!("wasm: {wasm} bytes, {wasm_gz} gzipped, {} brotli (goal ≤ 200 KB gzipped)", br("pkg/dxsim_bg.wasm")?);
    println!("app page transfer: {app_gz} bytes gzipped, {app_br} brotli");
    println!("embed (iframe) transfer: {embed_gz} bytes gzipped, {embed_br} brotli");
    println!("offline file: {offline} bytes ({offline_gz} gzipped; goal ≤ 600 KB)");
    Ok(())
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// How a served folder is presented.
#[derive(Clone)]
pub struct Site {
    /// Send the strict CSP (our pages); test host pages play a news site with its own rules.
    pub csp: bool,
    /// Replace `{{APP}}` in HTML with this URL (test host pages).
    pub app_url: Option<String>,
    /// The end-to-end tests' slow hosts: `/never/…` never answers (the connection stays open),
    /// `/slow/MS/PATH` serves PATH after MS milliseconds (at most 30 s).
    pub test_routes: bool,
    /// Where the precompressed `<file>.br` / `<file>.gz` copies live (the served folder itself
    /// for `dist/`); `None`: always identity.
    pub compressed: Option<PathBuf>,
}

/// Connections of requests to `/never/…`, held open and never answered.
static NEVER_ANSWERED: std::sync::Mutex<Vec<std::net::TcpStream>> = std::sync::Mutex::new(Vec::new());

/// Reads a request's head (up to the blank line): its method and target, or None for anything
/// else (a closed connection, a head over 64 KiB).
fn request_head(stream: &mut std::net::TcpStream) -> Option<(String, String, String)> {
    use std::io::Read;
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).ok().filter(|&n| n > 0)?;
        head.extend_from_slice(&buf[..n]);
        if head.len() > 64 * 1024 {
            return None;
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut parts = text.lines().next()?.split(' ');
    // The encodings the client accepts, for the precompressed copies.
    let accept = text
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.trim().eq_ignore_ascii_case("accept-encoding")).map(|(_, v)| v.trim().to_string()))
        .unwrap_or_default();
    Some((parts.next()?.to_string(), parts.next()?.to_string(), accept))
}

/// Serves `dir` on `listener` forever (GET and HEAD), one thread per connection and one request
/// per connection (`Connection: close`), so that a slow response (the wasm, a slow test host)
/// never holds up the others. (tiny_http's thread pool, used before, could leave a new
/// connection unread behind busy keep-alive ones when several arrived at once: a page loading
/// many modules then hung until some other connection closed.)
pub fn serve_dir(dir: PathBuf, listener: TcpListener, site: Site) -> Result<()> {
    let base = dir.canonicalize().map_err(|e| format!("{}: {e}", dir.display()))?;
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        let (base, site) = (base.clone(), site.clone());
        std::thread::spawn(move || {
            use std::io::Write;
            let Some((method, target, accept)) = request_head(&mut stream) else { return };
            let mut url = target.split(['?', '#']).next().unwrap_or("/").to_string();
            if site.test_routes {
                if url.starts_with("/never/") {
                    NEVER_ANSWERED.lock().unwrap_or_else(|e| e.into_inner()).push(stream);
                    return;
                }
                if let Some((ms, rest)) = url.strip_prefix("/slow/").and_then(|r| r.split_once('/')) {
                    std::thread::sleep(std::time::Duration::from_millis(ms.parse::<u64>().unwrap_or(0).min(30_000)));
                    url = format!("/{rest}");
                }
            }
            let rel = url.trim_start_matches('/');
            let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
            let path = base.join(&rel);
            // Refuse anything that resolves outside the served folder.
            let file = path.canonicalize().ok().filter(|p| p.starts_with(&base) && p.is_file());
            // A compressed copy no older than the file, in the best encoding the client accepts.
            let encoded = |p: &Path| -> Option<(&'static str, Vec<u8>)> {
                let dir = site.compressed.as_ref().filter(|_| compressible(p))?;
                let rel = p.strip_prefix(&base).ok()?;
                accepted_encodings(&accept).into_iter().find_map(|enc| {
                    let ext = if enc == "br" { "br" } else { "gz" };
                    let c = dir.join(format!("{}.{ext}", rel.display()));
                    (mtime(&c)? >= mtime(p)?).then(|| std::fs::read(&c).ok().map(|b| (enc, b)))?
                })
            };
            let mut extra = String::new();
            let (status, kind, body) = match file.and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
                Some((p, mut bytes)) => {
                    if let (Some(app), Some("html")) = (&site.app_url, p.extension().and_then(|e| e.to_str())) {
                        bytes = String::from_utf8_lossy(&bytes).replace("{{APP}}", app).into_bytes();
                    } else if let Some((enc, b)) = encoded(&p) {
                        bytes = b;
                        extra.push_str(&format!("Content-Encoding: {enc}\r\n"));
                    }
                    if site.compressed.is_some() && compressible(&p) {
                        extra.push_str("Vary: Accept-Encoding\r\n");
                    }
                    ("200 OK", content_type(&p), bytes)
                }
                None => ("404 Not Found", "text/plain", b"not found".to_vec()),
            };
            // Public, read-only assets: news sites on other origins load the embed module and wasm.
            let mut head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nAccess-Control-Allow-Origin: *\r\n",
                body.len()
            );
            if site.csp {
                head.push_str(&format!("Content-Security-Policy: {CSP}\r\n"));
            }
            head.push_str(&extra);
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            if method != "HEAD" {
                let _ = stream.write_all(&body);
            }
            let _ = stream.flush();
            let _ = stream.shutdown(std::net::Shutdown::Write);
        });
    }
    Ok(())
}

fn serve(port: u16) -> Result<()> {
    build()?;
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("port {port}: {e} (use --port to choose another)"))?;
    println!("dxsim is running at http://127.0.0.1:{port}/  (Ctrl+C to stop)");
    serve_dir(root().join("www"), listener, Site { csp: true, app_url: None, test_routes: false, compressed: Some(www_compressed()) })
}

/// The app (with CSP) and, on a second origin, the test host pages playing a news site.
fn start_e2e_servers() -> Result<(String, String)> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| e.to_string())?;
    let app_url = format!("http://127.0.0.1:{}/", listener.local_addr().map_err(|e| e.to_string())?.port());
    let www = root().join("www");
    std::thread::spawn(move || serve_dir(www, listener, Site { csp: true, app_url: None, test_routes: true, compressed: Some(www_compressed()) }));
    let host_listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| e.to_string())?;
    let host_url = format!("http://127.0.0.1:{}/", host_listener.local_addr().map_err(|e| e.to_string())?.port());
    let host_dir = root().join("tests/e2e/host");
    let app = app_url.clone();
    std::thread::spawn(move || serve_dir(host_dir, host_listener, Site { csp: false, app_url: Some(app), test_routes: true, compressed: None }));
    Ok((app_url, host_url))
}

fn test() -> Result<()> {
    ensure_target()?;
    ensure_wasm_bindgen()?;
    ensure_npm()?;
    ensure_chromium()?;
    run(cargo().args(["fmt", "--all", "--check"]))?;
    run(cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    run(cargo().args(["clippy", "--lib", "--tests", "--target", TARGET, "--", "-D", "warnings"]))?;
    run(cargo().args(["test", "--workspace"]))?;
    // wasm round trips of the JS API: in Node, then in headless Chromium.
    run(cargo().args(["test", "--target", TARGET, "--test", "wasm"]))?;
    run(cargo().args(["test", "--target", TARGET, "--test", "wasm"]).env("WASM_BINDGEN_USE_BROWSER", "1"))?;
    dist()?;
    // End-to-end: the real page in Debian's Chromium, driven by playwright-core.
    let (app_url, host_url) = start_e2e_servers()?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/e2e"))
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "mjs") && p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    run(Command::new("node")
        .arg("--test")
        .arg("--test-concurrency=1")
        .args(&files)
        .current_dir(root())
        .env("DXSIM_URL", app_url)
        .env("DXSIM_DIST", root().join("dist"))
        .env("DXSIM_HOST", host_url)
        .env("DXSIM_BIN", root().join("target/debug/dxsim")))?;
    println!("all checks passed");
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build(),
        Some("serve") => {
            let port = match args.iter().position(|a| a == "--port").map(|i| args.get(i + 1).and_then(|p| p.parse::<u16>().ok())) {
                None => Ok(8000),
                Some(Some(p)) => Ok(p),
                Some(None) => Err("--port: expected a port number from 1 to 65535".to_string()),
            };
            port.and_then(serve)
        }
        Some("test") => test(),
        Some("dist") => dist(),
        Some("bench") => bench(),
        Some("fuzz") => fuzz(args.get(1).map_or("1000000", String::as_str)),
        // For running `node --test tests/e2e/` by hand: prints the two URLs and serves until Ctrl+C.
        Some("e2e-servers") => start_e2e_servers().map(|(app, host)| {
            println!("DXSIM_URL={app} DXSIM_HOST={host}");
            loop {
                std::thread::park();
            }
        }),
        _ => Err("usage: cargo xtask <serve [--port N] | test | build | dist | bench | fuzz [CASES]>".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(file: &'static str, text: &str) -> (&'static str, String) {
        (file, text.to_string())
    }

    #[test]
    fn bundle_joins_the_forms_it_knows() {
        let out = bundle(&[
            module("ui.js", "export function el() {}\nexport const A = 1, B = f(2, 3);\nexport let { c, d } = {};\nexport const g = (x, y = 2) => x;\nconst h = (x, y = 2) => x;\n"),
            module("app.js", "import init, * as dx from './pkg/dxsim.js';\nimport { el, A, B, c } from './ui.js';\n  // import nothing\nel(import.meta.url, importance, exported);\n"),
        ])
        .unwrap();
        assert!(!out.contains("import {") && !out.contains("export ") && !out.contains("./pkg/"), "{out}");
        assert!(out.contains("\nfunction el() {}\nconst A = 1, B = f(2, 3);\n") && out.contains("el(import.meta.url, importance, exported);"), "{out}");
    }

    /// Sends one request on a new connection and returns the whole answer.
    fn get(addr: std::net::SocketAddr, request: &str) -> String {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn the_server_answers_every_connection_while_others_wait() {
        let dir = std::env::temp_dir().join(format!("dxsim-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.js"), "export const a = 1;\n").unwrap();
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || serve_dir(dir, listener, Site { csp: true, app_url: None, test_routes: true, compressed: None }));
        // Held connections (a host that never answers, idle keep-alive ones) hold up nothing.
        let held: Vec<std::net::TcpStream> = (0..8).map(|_| std::net::TcpStream::connect(addr).unwrap()).collect();
        let never = std::thread::spawn(move || {
            use std::io::Write;
            let mut s = std::net::TcpStream::connect(addr).unwrap();
            s.write_all(b"GET /never/x HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            s
        });
        let answers: Vec<String> = (0..12)
            .map(|_| std::thread::spawn(move || get(addr, "GET /a.js?x=1 HTTP/1.1\r\nHost: x\r\n\r\n")))
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect();
        for a in &answers {
            assert!(
                a.starts_with("HTTP/1.1 200 OK\r\n")
                    && a.contains("Content-Type: text/javascript")
                    && a.contains("Content-Security-Policy: default-src 'self'"),
                "{a}"
            );
            assert!(a.ends_with("\r\n\r\nexport const a = 1;\n"), "{a}");
        }
        assert!(get(addr, "HEAD /a.js HTTP/1.1\r\n\r\n").ends_with("\r\n\r\n"));
        assert!(get(addr, "GET /../Cargo.toml HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404 Not Found"));
        drop((held, never.join().unwrap()));
    }

    #[test]
    fn bundle_fails_loudly_on_what_it_does_not_handle() {
        for (text, says) in [
            ("import { el as e } from './ui.js';", "an import the offline bundler does not handle"),
            ("import el from './ui.js';", "an import the offline bundler does not handle"),
            ("import {\n  el,\n} from './ui.js';", "an import the offline bundler does not handle"),
            ("const m = await import('./ui.js');", "a dynamic import the offline bundler does not handle"),
            ("x.then(() => import('./ui.js'));", "a dynamic import"),
            ("export default 1;", "an export the offline bundler does not handle"),
            ("export { x };", "an export the offline bundler does not handle"),
            ("import { el } from './other.js';", "not one of the offline file's modules"),
            ("import { nope } from './ui.js';", "does not declare it"),
            ("async function el() {}", "declared at the top level of both www/ui.js and www/app.js"),
            ("let y = 1, el = 2;", "declared at the top level of both"),
        ] {
            let r = bundle(&[module("ui.js", "export function el() {}\n"), module("app.js", text)]);
            let e = r.expect_err(text);
            assert!(e.starts_with("www/app.js:1: ") && e.contains(says), "{text}: {e}");
        }
    }
}
