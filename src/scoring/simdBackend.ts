import { ScoringError } from './scoringError.js';
import type { ScoringBackend, VectorTable } from './types.js';
import { SIMD_KERNELS_WASM_BASE64 } from './wasm/simdKernels.generated.js';

/**
 * reshelf's hand-written WebAssembly SIMD backend (source: wasm/simdKernels.wat).
 *
 * Each table gets its own module instance (and so its own linear memory) holding a zero-padded copy of the
 * table; releasing the table drops the instance. float32 tables are scored exactly in float32 (f32x4).
 * int8 tables are scored as int8 rows x int16 query codes: the query is quantised per call with one scale to
 * the widest codes whose dot with any row still fits int32 (about 15 bits for dim <= 516), the dot is exact in
 * int32 (i32x4.dot_i16x8_s) and then scaled. The only approximation is the query's rounding (an 8-bit query
 * measured recall@50 of 0.98 on the parity tables; 15 bits keeps it exact there), so int8 parity is stated as
 * recall@k, not exact order.
 */
interface SimdExports {
  memory: WebAssembly.Memory;
  /** Both return the largest score written (NaN if any is NaN). */
  dot_f32(rows: number, table: number, stride: number, query: number, out: number): number;
  dot_i8(rows: number, table: number, stride: number, query: number, scales: number, qscale: number, out: number): number;
  read_f32(ptr: number, bytes: number): number;
}

interface PreparedTable {
  exports: SimdExports;
  /** Row stride in elements (multiple of 16). */
  stride: number;
  tableOffset: number;
  scalesOffset: number;
  /** Start of the per-call area: queries, then scores. */
  scratchOffset: number;
}

// 512 rows: small enough that most blocks of a large table are skipped by the top-k (their best score cannot
// enter), large enough that the per-call cost stays negligible; 32 KB of int8 rows stays in L1/L2 across queries.
const ROW_BLOCK = 512;
const PAGE = 65536;

let compiled: Promise<WebAssembly.Module> | undefined;

/** Compiles the kernel module once per realm; fails (and the backend with it) where WASM SIMD is missing. */
export function compileSimdKernels(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(base64ToBytes(SIMD_KERNELS_WASM_BASE64)).catch((error: unknown) => {
    compiled = undefined;
    throw new ScoringError('SCORING_BACKEND_INIT_FAILED', 'WebAssembly SIMD is not available in this browser; the engine uses another backend.', { cause: error });
  });
  return compiled;
}

export async function instantiateSimdKernels(): Promise<SimdExports> {
  const instance = await WebAssembly.instantiate(await compileSimdKernels());
  return instance.exports as unknown as SimdExports;
}

export async function createSimdBackend(): Promise<ScoringBackend> {
  await compileSimdKernels();
  const prepared = new WeakMap<VectorTable, PreparedTable>();

  async function prepare(table: VectorTable): Promise<PreparedTable> {
    let entry = prepared.get(table);
    if (entry) return entry;
    const exports = await instantiateSimdKernels();
    const stride = Math.ceil(table.dim / 16) * 16;
    const elementBytes = table.dtype === 'float32' ? 4 : 1;
    const tableOffset = 64;
    const scalesOffset = align64(tableOffset + table.count * stride * elementBytes);
    const scratchOffset = align64(scalesOffset + (table.dtype === 'int8' ? table.count * 4 : 0));
    ensureMemory(exports.memory, scratchOffset);
    const buffer = exports.memory.buffer;
    if (table.dtype === 'float32') copyPadded(new Float32Array(buffer, tableOffset, table.count * stride), table.values, table.count, table.dim, stride);
    else {
      copyPadded(new Int8Array(buffer, tableOffset, table.count * stride), table.codes, table.count, table.dim, stride);
      new Float32Array(buffer, scalesOffset, table.count).set(table.scales);
    }
    entry = { exports, stride, tableOffset, scalesOffset, scratchOffset };
    prepared.set(table, entry);
    return entry;
  }

  return {
    name: 'simd',
    async scoreAll(table, queries, queryCount) {
      const p = await prepare(table);
      const { count, dim } = table;
      const { exports, stride } = p;
      const queryBytes = stride * (table.dtype === 'float32' ? 4 : 2);
      const scoresOffset = align64(p.scratchOffset + queryCount * queryBytes);
      ensureMemory(exports.memory, scoresOffset + queryCount * count * 4);
      const buffer = exports.memory.buffer;
      const qscales = new Float32Array(queryCount);
      for (let q = 0; q < queryCount; q++) {
        const source = queries.subarray(q * dim, (q + 1) * dim);
        const at = p.scratchOffset + q * queryBytes;
        if (table.dtype === 'float32') {
          const target = new Float32Array(buffer, at, stride);
          target.fill(0);
          target.set(source);
        } else {
          qscales[q] = quantiseQuery(source, new Int16Array(buffer, at, stride), maxQueryCode(stride));
        }
      }
      // Row blocks outermost: a block stays in cache while every query passes over it.
      const blocks = Math.ceil(count / ROW_BLOCK);
      const blockMax = new Float32Array(queryCount * blocks);
      for (let b = 0; b < blocks; b++) {
        const start = b * ROW_BLOCK;
        const rows = Math.min(ROW_BLOCK, count - start);
        for (let q = 0; q < queryCount; q++) {
          const queryAt = p.scratchOffset + q * queryBytes;
          const outAt = scoresOffset + (q * count + start) * 4;
          blockMax[q * blocks + b] =
            table.dtype === 'float32'
              ? exports.dot_f32(rows, p.tableOffset + start * stride * 4, stride, queryAt, outAt)
              : exports.dot_i8(rows, p.tableOffset + start * stride, stride, queryAt, p.scalesOffset + start * 4, qscales[q]!, outAt);
        }
      }
      // A view of the instance's memory: valid until the next call (which may grow and so detach the buffer).
      return { scores: new Float32Array(exports.memory.buffer, scoresOffset, queryCount * count), blockSize: ROW_BLOCK, blockMax };
    },
    release(table) {
      prepared.delete(table);
    },
    dispose() {},
  };
}

/** Largest query code such that 127 * code * stride (the worst-case dot) stays below 2^31. */
export function maxQueryCode(stride: number): number {
  return Math.min(32767, Math.floor(2147483647 / (127 * stride)));
}

/** Symmetric quantisation of a query to int16 codes in [-maxCode, maxCode]; returns its scale. */
function quantiseQuery(source: Float32Array, target: Int16Array, maxCode: number): number {
  let max = 0;
  for (let j = 0; j < source.length; j++) max = Math.max(max, Math.abs(source[j]!));
  target.fill(0);
  if (max === 0 || !Number.isFinite(max)) return max === 0 ? 0 : Number.NaN;
  const scale = max / maxCode;
  for (let j = 0; j < source.length; j++) target[j] = Math.round(source[j]! / scale);
  return scale;
}

function copyPadded<T extends Float32Array | Int8Array>(target: T, source: T, count: number, dim: number, stride: number): void {
  if (stride === dim) {
    target.set(source.subarray(0, count * dim));
    return;
  }
  for (let i = 0; i < count; i++) target.set(source.subarray(i * dim, (i + 1) * dim), i * stride);
}

function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
}

function align64(n: number): number {
  return Math.ceil(n / 64) * 64;
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
