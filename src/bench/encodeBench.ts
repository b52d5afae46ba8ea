import type { SequenceModelSection } from '../catalog/catalogModel.js';
import type { SequenceModelJson } from '../models/modelArtifacts.js';
import { ModelError } from '../models/modelSpec.js';
import { loadWorkerSequenceEncoder, type TfjsBackendName, type WorkerSequenceModelOptions } from '../models/workerModelSignal.js';
import { seededRandom } from '../training/random.js';
import { timePasses } from './benchTiming.js';
import type { BenchConfig, EncodeBenchResult } from './benchTypes.js';

/**
 * `reshelf bench --encode`: the `model` signal's encoder timed on one history of `length` items. The encoder is
 * the worker's own (loadWorkerSequenceEncoder: every kind as plain loops by default, tfjs when forced), so the
 * figure is what a ranking pays before it can score the model's signal. Browser-safe; the bench worker
 * (encodeBenchWorker.ts) fetches the files and calls this.
 */
export const ENCODE_MODES = ['worker', 'wasm', 'cpu', 'webgl', 'webgpu'] as const;
const HISTORIES = 16;

/** A model directory's files (as `reshelf train` writes them) as the catalog section the worker loads. */
export function sectionFromModelFiles(json: SequenceModelJson, weights: Uint8Array, codes: Int8Array, scales: Float32Array): SequenceModelSection {
  const config = json?.modelTopology?.reshelf;
  if (!config || codes.length !== config.itemCount * config.dim || scales.length !== config.itemCount) {
    throw new ModelError('MODEL_BAD_ARTIFACT', `the item table (${scales.length} rows, ${codes.length} codes) does not match model.json (${String(config?.itemCount)} x ${String(config?.dim)}); point --encode at a directory written by \`reshelf train\`.`);
  }
  return {
    kind: config.kind,
    maxLen: config.maxLen,
    itemTable: { dtype: 'int8', count: config.itemCount, dim: config.dim, codes, scales },
    files: { json: json as unknown as Record<string, unknown>, weights },
    queries: new Map(),
  };
}

/** Seeded histories of `length` items the model knows (scale > 0), as the worker passes them (oldest first). */
export function encodeHistories(section: SequenceModelSection, length: number, seed = 50): number[][] {
  const known: number[] = [];
  section.itemTable.scales.forEach((scale, i) => scale > 0 && known.push(i));
  if (known.length === 0) throw new ModelError('MODEL_BAD_ARTIFACT', 'the model knows no item (every item-table scale is 0).');
  const random = seededRandom(seed);
  return Array.from({ length: HISTORIES }, () => Array.from({ length }, () => known[Math.floor(random() * known.length)]!));
}

/** The worker's options for a bench mode: `worker` = its defaults; a backend name = that tfjs backend only (every kind). */
export function encoderOptions(mode: string): WorkerSequenceModelOptions {
  if (mode === 'worker') return {};
  if (!(ENCODE_MODES as readonly string[]).includes(mode)) throw new ModelError('MODEL_BAD_OPTION', `encode mode "${mode}" is not one of ${ENCODE_MODES.join(', ')}.`);
  return { onTfjs: true, preferredBackend: () => mode, fallbacks: [mode as TfjsBackendName] };
}

export type EncodeTiming = Omit<EncodeBenchResult, 'model'>;

/**
 * Loads the encoder for `mode`, encodes rotating histories (one untimed first pass, one warm-up, then up to
 * `encode.reps` timed ones within `encode.budgetMs`), releases it. Throws when the mode's backend does not start.
 */
export async function timeEncoding(section: SequenceModelSection, mode: string, encode: { length: number; reps: number; budgetMs: number }): Promise<EncodeTiming> {
  const encoder = await loadWorkerSequenceEncoder(section, encoderOptions(mode));
  if (!encoder) throw new ModelError('MODEL_BAD_OPTION', `tfjs backend ${mode} did not start in this browser.`);
  try {
    const length = Math.min(encode.length, section.maxLen);
    const histories = encodeHistories(section, length);
    const timingConfig: BenchConfig = { sizes: [], k: 0, reps: encode.reps, budgetMs: encode.budgetMs, minReps: 5, oramaMaxN: 0 };
    let nonZero = true;
    const timing = await timePasses(timingConfig, histories, async (history) => {
      const vector = await encoder.encode(history);
      nonZero &&= vector.some((v) => v !== 0);
    });
    // A vector of zeros would mean the encoder skipped the history: then the timing measures nothing.
    if (!nonZero) throw new ModelError('MODEL_BAD_ARTIFACT', `the ${mode} encoder returned a zero vector for a history of known items.`);
    return {
      kind: section.kind,
      items: section.itemTable.count,
      dim: section.itemTable.dim,
      maxLen: section.maxLen,
      length,
      mode,
      backend: encoder.backend,
      p50_ms: timing.p50,
      p95_ms: timing.p95,
      reps: timing.reps,
      first_ms: timing.first,
      load_ms: encoder.loadMs,
    };
  } finally {
    encoder.dispose();
  }
}
