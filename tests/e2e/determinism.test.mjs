// The same scenario and seed give identical numbers natively and in wasm: the native CLI's JSON
// report and the wasm build's (in Chromium) are compared value for value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, BASE } from './helpers.mjs';

const BIN = process.env.DXSIM_BIN || new URL('../../target/debug/dxsim', import.meta.url).pathname;

test('native and wasm reports are identical for the same scenario and seed', async () => {
  const scenario = JSON.stringify({ draws: 400, seed: 11, preset: 'shock', provinces: { 'hai-duong': { indicators: { de_share: { growth: 17.5, sigma: 2.5 } } } } });
  const native = JSON.parse(execFileSync(BIN, ['run', '--scenario', '-', '--format', 'json'], { input: scenario, maxBuffer: 64 << 20 }).toString());
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(`${BASE}bench/index.html?reps=1&warmup=0`);
  const wasmText = await page.evaluate(async (sc) => {
    const m = await import('/pkg/dxsim.js');
    await m.default();
    return m.reportJson(sc);
  }, scenario);
  await browser.close();
  const wasm = JSON.parse(wasmText);
  assert.equal(wasm.provinces.length, native.provinces.length);
  assert.ok(wasm.provinces.length >= 9, 'the merged provinces are there');
  // The peer rank model takes part too (its shared field of 63 provinces).
  assert.ok(wasm.provinces[0].projections.some((p) => p.peer_pace !== undefined));
  assert.deepStrictEqual(wasm, native);
});
