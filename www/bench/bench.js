// Benchmark page for `cargo xtask bench`: the same recomputes as the native criterion benchmarks
// (benches/simulate.rs), inside the browser's wasm engine, through the core's kept cache as the
// page uses it. Each timed call moves a slider to a value not seen before (51 values cycle, more
// than the cache keeps), so no call finds its own result again.
import init, * as dx from '../pkg/dxsim.js';

const params = new URLSearchParams(location.search);
const reps = Number(params.get('reps') || 30);
const warmup = Number(params.get('warmup') || 5);

const wasm = await init();
const slider = (indicator, i) => {
  const g = indicator === 'dti_rank' ? -10 + 0.5 * (i % 51) : 1 + 0.5 * (i % 51);
  return JSON.stringify({ provinces: { 'hai-duong': { indicators: { [indicator]: { growth: g } } } } });
};
const stats = (times) => {
  const s = [...times].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p10: q(0.1), p90: q(0.9), min: s[0], max: s[s.length - 1], n: s.length };
};
const time = (f) => { const t0 = performance.now(); f(); return performance.now() - t0; };
let i = 0;

// The app warms the engine at load with a small run (200 draws); the first full recompute after
// that (cold: nothing kept yet) is reported too.
const warmupAtLoad = time(() => dx.run('{"draws": 200}', 'hai-duong', 'vi'));
let steps = 0;
const cold = time(() => { steps = dx.benchRecompute('{}'); });
for (let k = 0; k < warmup; k++) dx.benchRecompute(slider('dti_rank', ++i));
// Full recompute of every province, a DTI pace slider moving.
const full = [];
for (let k = 0; k < reps; k++) full.push(time(() => dx.benchRecompute(slider('dti_rank', ++i))));
// The same with nothing to reuse: a new seed each time.
const fullCold = [];
for (let k = 0; k < Math.max(5, reps / 4); k++) fullCold.push(time(() => dx.benchRecompute(JSON.stringify({ seed: 1000 + k }))));
// One province's view at full draws (the page's refine), a digital-economy slider moving, then
// the DTI pace slider moving.
dx.run('{}', 'hai-duong', 'vi');
const refine = [];
for (let k = 0; k < reps; k++) refine.push(time(() => dx.run(slider('de_share', ++i), 'hai-duong', 'vi')));
const refineDti = [];
for (let k = 0; k < reps; k++) refineDti.push(time(() => dx.run(slider('dti_rank', ++i), 'hai-duong', 'vi')));
window.benchResult = {
  steps,
  warmupAtLoad,
  cold,
  full: stats(full),
  fullCold: stats(fullCold),
  refine: stats(refine),
  refineDti: stats(refineDti),
  memoryBytes: wasm.memory.buffer.byteLength,
  cacheBytes: dx.cacheBytes ? dx.cacheBytes() : 0,
};
document.getElementById('out').textContent = JSON.stringify(window.benchResult, null, 2);
