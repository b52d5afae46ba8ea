import { instantiateSimdKernels } from '../scoring/simdBackend.js';

/**
 * Read bandwidth (GB/s) of a float32 buffer, three ways, each from its fastest of several full passes (the
 * machine's capability, not its average under load: the bound it gives is the strict one):
 * a JS loop over the Float32Array, a JS loop over a Float64Array view (half the loads), and a WASM SIMD loop
 * (16-byte loads) over a copy in linear memory. The fastest is the bound a scoring engine is compared with.
 */
export async function measureReadBandwidth(values: Float32Array, passes = 9): Promise<Record<string, number>> {
  const bytes = values.byteLength - (values.byteLength % 64);
  const gb = bytes / 1e9;
  const fastest = (run: () => number) => {
    const times: number[] = [];
    let sink = 0;
    for (let i = 0; i < passes; i++) {
      const start = performance.now();
      sink += run();
      times.push(performance.now() - start);
    }
    if (Number.isNaN(sink)) console.debug('bandwidth sink', sink);
    return gb / (Math.min(...times) / 1000);
  };

  const result: Record<string, number> = {};
  result.js_f32 = fastest(() => {
    let s = 0;
    for (let i = 0; i < bytes / 4; i++) s += values[i]!;
    return s;
  });
  const wide = new Float64Array(values.buffer, values.byteOffset, bytes / 8);
  result.js_f64_view = fastest(() => {
    let s = 0;
    for (let i = 0; i < wide.length; i++) s += wide[i]!;
    return s;
  });
  const kernels = await instantiateSimdKernels();
  const missing = bytes + 64 - kernels.memory.buffer.byteLength;
  if (missing > 0) kernels.memory.grow(Math.ceil(missing / 65536));
  new Uint8Array(kernels.memory.buffer, 64, bytes).set(new Uint8Array(values.buffer, values.byteOffset, bytes));
  result.wasm_simd = fastest(() => kernels.read_f32(64, bytes));
  return result;
}
