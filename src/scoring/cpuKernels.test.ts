import { describe, expect, it } from 'vitest';
import { createJsBackend } from './jsBackend.js';
import { checkParity, parityFailures } from './parityCheck.js';
import { createSimdBackend } from './simdBackend.js';

// The same parity harness runs in Chromium for every backend (scoringBackends.browser.test.ts); node covers
// the two backends that need no browser API.
describe('CPU kernels against the float64 reference (top 50)', () => {
  it('js: float32 exact up to ties, int8 exact up to ties (f32 query against int8 rows)', async () => {
    const rows = await checkParity(createJsBackend());
    expect(rows.length).toBe(24);
    expect(parityFailures(rows)).toEqual([]);
    // The js int8 path does no query rounding, so it is exact, not merely high-recall.
    expect(rows.filter((r) => !r.exact)).toEqual([]);
  });

  it('simd: float32 exact up to ties, int8 recall@50 >= 0.99', async () => {
    const rows = await checkParity(await createSimdBackend());
    expect(rows.length).toBe(24);
    expect(parityFailures(rows)).toEqual([]);
    const int8 = rows.filter((r) => r.dtype === 'int8');
    console.info(`simd int8 mean recall@50: ${(int8.reduce((s, r) => s + r.recall, 0) / int8.length).toFixed(4)}`);
  });
});
