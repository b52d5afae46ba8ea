import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble } from './assembleKernels.mjs';
import { maxQueryCode } from '../simdBackend.js';

describe('hand-written WASM SIMD kernels', () => {
  it('the committed binary is what simdKernels.wat assembles to (run `npm run build:wasm-kernels` if not)', async () => {
    const committed = readFileSync(new URL('./simdKernels.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await assemble());
  });

  it('bounds query codes so the int32 dot cannot overflow', () => {
    for (const stride of [16, 64, 512, 1024, 4096]) {
      const code = maxQueryCode(stride);
      expect(127 * code * stride).toBeLessThan(2 ** 31);
      expect(code).toBeGreaterThan(0);
    }
    expect(maxQueryCode(64)).toBe(32767);
  });
});
