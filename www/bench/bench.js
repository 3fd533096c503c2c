// Benchmark page for `cargo xtask bench`: times the same full recompute as the native criterion
// benchmark, inside the browser's wasm engine. The first (cold) call is timed separately, then
// warm-up calls, then many timed repetitions; median and spread are reported.
import init, * as dx from '../pkg/dxsim.js';

const params = new URLSearchParams(location.search);
const reps = Number(params.get('reps') || 30);
const warmup = Number(params.get('warmup') || 5);
const scenario = '{}';

await init();
// The app warms the engine at load with a small run (200 draws); the first full recompute
// after that is what a user waits for. The truly cold call is reported too.
let t0 = performance.now();
dx.run('{"draws": 200}', 'hai-duong', 'vi');
const warmupAtLoad = performance.now() - t0;
t0 = performance.now();
const steps = dx.benchRecompute(scenario);
const cold = performance.now() - t0;
for (let i = 0; i < warmup; i++) dx.benchRecompute(scenario);
const times = [];
for (let i = 0; i < reps; i++) {
  t0 = performance.now();
  dx.benchRecompute(scenario);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
// One province's view (what the page recomputes on each slider move).
const province = [];
for (let i = 0; i < reps; i++) {
  t0 = performance.now();
  dx.run('{}', 'hai-duong', 'vi');
  province.push(performance.now() - t0);
}
province.sort((a, b) => a - b);
window.benchResult = { steps, warmupAtLoad, cold, median: q(0.5), p10: q(0.1), p90: q(0.9), min: times[0], max: times[times.length - 1], reps, provinceMedian: province[Math.floor(province.length / 2)] };
document.getElementById('out').textContent = JSON.stringify(window.benchResult, null, 2);
