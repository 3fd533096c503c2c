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
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";

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

/// `www/dxsim-offline.html`: one file that works from file:// with zero network requests. The
/// optimised wasm is gzipped and base64-encoded into a non-executed script element, unpacked with
/// the browser's DecompressionStream and instantiated through wasm-bindgen's no-modules glue; the
/// stylesheet and app.js are inlined (app.js's single import line is replaced by that loader).
fn offline() -> Result<()> {
    use base64::Engine as _;
    let root = root();
    let www = root.join("www");
    let wasm = std::fs::read(www.join("pkg/dxsim_bg.wasm")).map_err(|e| e.to_string())?;
    let glue = read(&root.join("target/offline-pkg/dxsim.js"))?;
    let css = read(&www.join("style.css"))?;
    let app = read(&www.join("app.js"))?;
    let html = read(&www.join("index.html"))?;
    const IMPORT: &str = "import init, * as dx from './pkg/dxsim.js';";
    if !app.contains(IMPORT) {
        return Err(format!("www/app.js must contain the line `{IMPORT}` (the offline build replaces it)"));
    }
    let loader = "const dx = wasm_bindgen;\nasync function init() {\n  const b64 = document.getElementById('dxsim-wasm').textContent.trim();\n  const gz = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));\n  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));\n  wasm_bindgen.initSync({ module: new Uint8Array(await new Response(stream).arrayBuffer()) });\n}";
    let app = app.replace(IMPORT, loader);
    let b64 = base64::engine::general_purpose::STANDARD.encode(gzip(&wasm));
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
    out = replace(out, "<link rel=\"stylesheet\" href=\"style.css\">", &format!("<style>\n{css}</style>"))?;
    out = replace(out, "<script type=\"module\" src=\"app.js\"></script>", "")?;
    let scripts = format!("<script id=\"dxsim-wasm\" type=\"application/octet-stream\">{b64}</script>\n<script>\n{glue}</script>\n<script type=\"module\">\n{app}</script>\n</body>");
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
const SITE: [&str; 15] = [
    "index.html",
    "app.js",
    "style.css",
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
    for f in ["index.html", "app.js", "style.css", "pkg/dxsim.js", "pkg/dxsim_bg.wasm"] {
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
    /// Where the precompressed `<file>.br` / `<file>.gz` copies live (the served folder itself
    /// for `dist/`); `None`: always identity.
    pub compressed: Option<PathBuf>,
}

/// Serves `dir` on `listener` forever.
pub fn serve_dir(dir: PathBuf, listener: TcpListener, site: Site) -> Result<()> {
    let server = tiny_http::Server::from_listener(listener, None).map_err(|e| e.to_string())?;
    let base = dir.canonicalize().map_err(|e| format!("{}: {e}", dir.display()))?;
    for req in server.incoming_requests() {
        // One thread per request: a slow response (the wasm) never holds up the others.
        let (base, site) = (base.clone(), site.clone());
        std::thread::spawn(move || {
            let url = req.url().split(['?', '#']).next().unwrap_or("/").to_string();
            let rel = url.trim_start_matches('/');
            let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
            let path = base.join(&rel);
            // Refuse anything that resolves outside the served folder.
            let file = path.canonicalize().ok().filter(|p| p.starts_with(&base) && p.is_file());
            let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("static header");
            let accept = req.headers().iter().find(|h| h.field.equiv("Accept-Encoding")).map(|h| h.value.as_str().to_string()).unwrap_or_default();
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
            let resp = match file.and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
                Some((p, mut bytes)) => {
                    let mut encoding = None;
                    if let (Some(app), Some("html")) = (&site.app_url, p.extension().and_then(|e| e.to_str())) {
                        bytes = String::from_utf8_lossy(&bytes).replace("{{APP}}", app).into_bytes();
                    } else if let Some((enc, b)) = encoded(&p) {
                        (encoding, bytes) = (Some(enc), b);
                    }
                    let resp = tiny_http::Response::from_data(bytes).with_header(header("Content-Type", content_type(&p)));
                    let resp = if site.compressed.is_some() && compressible(&p) { resp.with_header(header("Vary", "Accept-Encoding")) } else { resp };
                    match encoding {
                        Some(enc) => resp.with_header(header("Content-Encoding", enc)),
                        None => resp,
                    }
                }
                None => tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404).with_header(header("Content-Type", "text/plain")),
            };
            let resp = if site.csp { resp.with_header(header("Content-Security-Policy", CSP)) } else { resp };
            let resp = resp
                .with_header(header("Cache-Control", "no-cache"))
                .with_header(header("X-Content-Type-Options", "nosniff"))
                // Public, read-only assets: news sites on other origins load the embed module and wasm.
                .with_header(header("Access-Control-Allow-Origin", "*"));
            let _ = req.respond(resp);
        });
    }
    Ok(())
}

fn serve(port: u16) -> Result<()> {
    build()?;
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("port {port}: {e} (use --port to choose another)"))?;
    println!("dxsim is running at http://127.0.0.1:{port}/  (Ctrl+C to stop)");
    serve_dir(root().join("www"), listener, Site { csp: true, app_url: None, compressed: Some(www_compressed()) })
}

/// The app (with CSP) and, on a second origin, the test host pages playing a news site.
fn start_e2e_servers() -> Result<(String, String)> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| e.to_string())?;
    let app_url = format!("http://127.0.0.1:{}/", listener.local_addr().map_err(|e| e.to_string())?.port());
    let www = root().join("www");
    std::thread::spawn(move || serve_dir(www, listener, Site { csp: true, app_url: None, compressed: Some(www_compressed()) }));
    let host_listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| e.to_string())?;
    let host_url = format!("http://127.0.0.1:{}/", host_listener.local_addr().map_err(|e| e.to_string())?.port());
    let host_dir = root().join("tests/e2e/host");
    let app = app_url.clone();
    std::thread::spawn(move || serve_dir(host_dir, host_listener, Site { csp: false, app_url: Some(app), compressed: None }));
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
