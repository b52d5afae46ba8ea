import type * as TfCore from '@tensorflow/tfjs-core';
import type { StoredEvent } from '../api/events.js';
import type { CatalogModel, SequenceModelSection } from '../catalog/catalogModel.js';
import { toShopperHistory } from '../ranking/shopperHistory.js';
import { createCaserForward } from './caserForward.js';
import { ensembleQuery } from './ensembleSections.js';
import { createGruForward } from './gruForward.js';
import type { LoadedSequenceModel, SequenceModelJson } from './modelArtifacts.js';
import type { SequenceModelKind } from './modelSpec.js';
import { createSasrecForward, decodeFloat32Weights, type SasrecForward, type SasrecWeights } from './sasrecForward.js';
import { sequenceQueryItems, sequenceQueryKey } from './sequenceQueries.js';

/**
 * The `model` signal in the worker: before a ranking (async), encode the shopper's recent items with the
 * bundle's sequence model on a tfjs backend and leave the user vector in `catalog.sequenceModel.queries`, where
 * the synchronous `model` signal finds it (sequenceQueries.ts). The model is loaded lazily, on the first ranking
 * with a history, so pages whose shoppers have none never load tfjs for it.
 *
 * Engine: every model kind runs as plain loops by default (sasrecForward.ts, gruForward.ts, caserForward.ts,
 * each parity-tested against its tfjs encoder): one encoding on tfjs is tens to hundreds of tiny ops (~160 for
 * SASRec, ~12 per step for 50 GRU steps) whose per-op overhead, not arithmetic, set its time (docs/bench: GRU
 * 14.9-17.8 ms p50 on tfjs wasm at length 50, Caser 3.2-5.4 ms), and no tfjs backend has to start for it.
 * `onTfjs` (benches, parity tests) runs the tfjs encoder instead: on the scoring engine's backend when that is a
 * tfjs one (tfjs has one active backend; sharing it avoids moving tensors between backends), else wasm, else
 * cpu. Never throws into ranking: on any failure the vector is missing, the signal abstains, and
 * `status().error` says why.
 *
 * An ensemble (`section.members`, `reshelf build --model a,b`) loads one encoder per member on the same engine and
 * stores the members' vectors concatenated in member order, which the concatenated item table scores as the sum of
 * the members' logits. Any member failing to load or encode leaves no vector at all.
 */
export type TfjsBackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
const TFJS_BACKENDS: readonly string[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface WorkerSequenceModelOptions {
  /** The scoring engine's backend (any name); used when it is a tfjs one. */
  preferredBackend?: () => string | undefined;
  /** Tried in order after the preferred one. */
  fallbacks?: readonly TfjsBackendName[];
  /** Run the tfjs encoder instead of the plain loops (default false); for benches and parity tests. */
  onTfjs?: boolean;
  /** Keep at most this many user vectors (one shopper per worker: the current history and a few before it). */
  maxQueries?: number;
}

export interface WorkerSequenceModelStatus {
  /** `js` = the plain loops (sasrecForward.ts, gruForward.ts, caserForward.ts). */
  backend?: TfjsBackendName | 'js';
  /** Load + warm-up time of the model (ms). */
  loadMs?: number;
  /** Time of the last encoding (ms). */
  lastEncodeMs?: number;
  error?: string;
}

/** What rankCandidates turns the stored events into; the same call here gives the same history, hence the same key. */
export interface RankHistoryInput {
  historyLimit?: number;
  context?: readonly string[];
}

export interface WorkerSequenceModel {
  /** Computes the user vector for this ranking's history, if the catalog has a model. Never rejects. */
  prepare(catalog: CatalogModel, events: readonly StoredEvent[], input: RankHistoryInput): Promise<void>;
  status(): WorkerSequenceModelStatus;
  dispose(): void;
}

/** rankCandidates reads this many stored events by default (src/ranking/rankCandidates.ts). */
const RANK_HISTORY_DEFAULT = 200;

/**
 * The plain-loop encoder of each kind: same inputs (bundle item table + weights by name), same contract. A kind
 * missing here (none today) would run on tfjs.
 */
const PLAIN_FORWARD = new Map<string, (weights: SasrecWeights) => SasrecForward>([
  ['sasrec', createSasrecForward],
  ['gru', createGruForward],
  ['caser', createCaserForward],
] satisfies [SequenceModelKind, unknown][]);

type Loaded =
  | { section: SequenceModelSection; backend: 'js'; forward: SasrecForward }
  | { section: SequenceModelSection; backend: TfjsBackendName; model: LoadedSequenceModel; tf: typeof TfCore };

async function startBackend(tf: typeof TfCore, name: TfjsBackendName): Promise<boolean> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  else {
    const [wasm, { TFJS_WASM_PATHS }] = await Promise.all([import('@tensorflow/tfjs-backend-wasm'), import('../scoring/tfjsWasmPaths.js')]);
    wasm.setWasmPaths(TFJS_WASM_PATHS);
    // Threads crashed the wasm backend in production builds and gave no speed-up here (toolchain.md).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * The encoder the `model` signal runs, loaded and warmed up: `reshelf bench --encode` times this very object
 * (src/bench/encodeBench.ts), so the bench figure is the worker's encoding cost.
 */
export interface WorkerSequenceEncoder {
  backend: TfjsBackendName | 'js';
  /** Load + warm-up time (ms). */
  loadMs: number;
  /** Known item indices (oldest first) to the user vector; only the last maxLen count. */
  encode(items: readonly number[]): Promise<Float32Array>;
  /** Releases the tfjs tensors (nothing to release for the plain loops). */
  dispose(): void;
}

/**
 * Loads the section's model as the worker does (plain loops unless `onTfjs`); undefined when no tfjs backend
 * starts. An ensemble loads every member and encodes with each (the vectors concatenated), so a bench of this
 * encoder times the whole ensemble.
 */
export async function loadWorkerSequenceEncoder(section: SequenceModelSection, options: WorkerSequenceModelOptions = {}): Promise<WorkerSequenceEncoder | undefined> {
  const started = performance.now();
  const loaded = await loadMembers(section, options);
  if (!loaded) return undefined;
  return {
    backend: loaded[0]!.backend,
    loadMs: performance.now() - started,
    encode: async (items) => {
      const vector = await encodeMembers(loaded, items);
      if (!vector) throw new Error('no item of the history is known to every ensemble member');
      return vector;
    },
    dispose: () => releaseMembers(loaded),
  };
}

/** The models a section runs: its members (an ensemble from the bundle), else itself. */
function modelsOf(section: SequenceModelSection): readonly SequenceModelSection[] {
  return section.members ?? [section];
}

/**
 * Loads one encoder per member, in member order; undefined when one finds no tfjs backend. A member that fails
 * releases those loaded before it, so a broken ensemble holds no tensors.
 */
async function loadMembers(section: SequenceModelSection, options: WorkerSequenceModelOptions): Promise<Loaded[] | undefined> {
  const loaded: Loaded[] = [];
  const members = modelsOf(section);
  for (const [i, member] of members.entries()) {
    let one: Loaded | undefined;
    try {
      one = await loadEncoder(member, options);
    } catch (error) {
      releaseMembers(loaded);
      // status().error then names the member that broke, not just the weight it missed.
      throw members.length > 1 ? new Error(`ensemble member ${i + 1} (${member.kind}): ${(error as Error).message}`) : error;
    }
    if (!one) {
      releaseMembers(loaded);
      return undefined;
    }
    loaded.push(one);
  }
  return loaded;
}

function releaseMembers(loaded: readonly Loaded[]): void {
  for (const one of loaded) if (one.backend !== 'js') one.tf.dispose(Object.values(one.model.params));
}

/**
 * The user vector of a history: each member encodes the items it knows (scale > 0 in its own table; the bundle
 * gives items a model never saw a zero row) and the vectors are concatenated in member order, matching the
 * concatenated item table. Undefined when some member knows none of the items: a partial vector would score
 * against only part of every item row, so the signal abstains instead (as ensembleSections drops such keys).
 */
async function encodeMembers(loaded: readonly Loaded[], items: readonly number[]): Promise<Float32Array | undefined> {
  const parts: Float32Array[] = [];
  for (const one of loaded) {
    const scales = one.section.itemTable.scales;
    const known = items.filter((item) => scales[item]! > 0);
    if (known.length === 0) return undefined;
    parts.push(await encodeWith(one, known));
  }
  return ensembleQuery(parts);
}

async function loadEncoder(section: SequenceModelSection, options: WorkerSequenceModelOptions): Promise<Loaded | undefined> {
  const json = section.files!.json as unknown as SequenceModelJson;
  const plain = PLAIN_FORWARD.get(section.kind);
  if (plain && !options.onTfjs) {
    const weights = decodeFloat32Weights(json.weightsManifest.flatMap((group) => group.weights), section.files!.weights);
    const loaded: Loaded = { section, backend: 'js', forward: plain({ config: json.modelTopology.reshelf, items: section.itemTable, weights }) };
    loaded.forward.encode([0]); // warm-up: the JIT compiles the loops before the first real ranking
    return loaded;
  }
  const tf = await import('@tensorflow/tfjs-core');
  const { loadModelFiles } = await import('./modelArtifacts.js');
  const preferred = options.preferredBackend?.();
  const fallbacks = options.fallbacks ?? ['wasm', 'cpu'];
  const order = [...new Set([...(preferred && TFJS_BACKENDS.includes(preferred) ? [preferred as TfjsBackendName] : []), ...fallbacks])];
  for (const backend of order) {
    if (!(await startBackend(tf, backend).catch(() => false))) continue;
    const files = section.files!;
    const weights = files.weights.buffer.slice(files.weights.byteOffset, files.weights.byteOffset + files.weights.byteLength) as ArrayBuffer;
    const model = loadModelFiles({ json, weights, itemTable: section.itemTable });
    const loaded: Loaded = { section, model, backend, tf };
    try {
      await encodeWith(loaded, [0]); // warm-up: kernels compiled and buffers allocated before the first real ranking
    } catch (error) {
      tf.dispose(Object.values(model.params));
      throw error;
    }
    return loaded;
  }
  return undefined;
}

async function encodeWith(loaded: Loaded, items: readonly number[]): Promise<Float32Array> {
  if (loaded.backend === 'js') return loaded.forward.encode(items);
  const { tf, backend } = loaded;
  // Another user of tfjs (the scoring engine) may have activated its own backend since.
  if (tf.getBackend() !== backend && !(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} could not be re-activated`);
  const { encodeSequenceAsync } = await import('./encodeSequence.js');
  return encodeSequenceAsync(loaded.model, items);
}

export function createWorkerSequenceModel(options: WorkerSequenceModelOptions = {}): WorkerSequenceModel {
  const fallbacks = options.fallbacks ?? ['wasm', 'cpu'];
  const maxQueries = options.maxQueries ?? 8;
  const state: WorkerSequenceModelStatus = {};
  let loading: Promise<Loaded[] | undefined> | undefined;
  let loadingFor: SequenceModelSection | undefined;

  async function load(section: SequenceModelSection): Promise<Loaded[] | undefined> {
    const started = performance.now();
    const loaded = await loadMembers(section, options);
    if (!loaded) {
      const order = [options.preferredBackend?.(), ...fallbacks].filter((name): name is string => !!name && TFJS_BACKENDS.includes(name));
      state.error = `no tfjs backend started (tried ${[...new Set(order)].join(', ')})`;
      return undefined;
    }
    state.backend = loaded[0]!.backend;
    state.loadMs = performance.now() - started;
    return loaded;
  }

  function release(): void {
    const previous = loading;
    loading = undefined;
    loadingFor = undefined;
    void previous?.then(
      (loaded) => loaded && releaseMembers(loaded),
      () => {}, // a failed load released its tensors already
    );
  }

  return {
    async prepare(catalog, events, input) {
      const section = catalog.sequenceModel;
      if (!section || !modelsOf(section).every((m) => m.files) || events.length === 0) return;
      try {
        const history = toShopperHistory(catalog, events.slice(-(input.historyLimit ?? RANK_HISTORY_DEFAULT)), input.context);
        const items = sequenceQueryItems(history, section.maxLen);
        if (items.length === 0) return;
        const key = sequenceQueryKey(items);
        if (section.queries.has(key)) return;
        if (loadingFor !== section) {
          release();
          loadingFor = section;
          loading = load(section);
        }
        const loaded = await loading;
        if (!loaded) return;
        const started = performance.now();
        const vector = await encodeMembers(loaded, items);
        if (!vector) return;
        state.lastEncodeMs = performance.now() - started; // the whole ensemble: what the ranking waited for
        if (section.queries.size >= maxQueries) section.queries.clear();
        section.queries.set(key, vector);
      } catch (error) {
        state.error = (error as Error).message;
      }
    },
    status: () => ({ ...state }),
    dispose: release,
  };
}
