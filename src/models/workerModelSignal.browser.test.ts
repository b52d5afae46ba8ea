import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../api/events.js';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { loadBundle } from '../catalog/loadBundle.js';
import { writeBundleFiles } from '../catalog/writeBundle.js';
import { rankCandidates } from '../ranking/rankCandidates.js';
import { toShopperHistory } from '../ranking/shopperHistory.js';
import { computeSignal, DEFAULT_SIGNAL_OPTIONS } from '../signals/registry.js';
import { encodeSequence } from './encodeSequence.js';
import { buildModelFiles, disposeModel, loadModelFiles, type SequenceModelFiles } from './modelArtifacts.js';
import { alignModelToCatalog } from './modelBundleSection.js';
import { DEFAULT_MODEL_CONFIG, type SequenceModelConfig, type SequenceModelKind } from './modelSpec.js';
import { initParams } from './sequenceEncoder.js';
import { createWorkerSequenceModel } from './workerModelSignal.js';

/**
 * The worker's model signal in real Chromium, on a bundle that went through writeBundleFiles and loadBundle
 * (SHA-256 and shape checks) with a small random model of each kind: lazy load (plain loops by default, tfjs
 * wasm on request), the user vector it leaves for the synchronous signal (equal to the tfjs cpu reference), the
 * fused ranking it changes, and failure = abstention; and an ensemble bundle (`reshelf build --model a,b`).
 */
const ITEMS = 200;
const ids = Array.from({ length: ITEMS }, (_, i) => `sku-${i}`);

async function modelFiles(kind: SequenceModelKind = 'sasrec'): Promise<SequenceModelFiles> {
  await tf.setBackend('cpu');
  const config: SequenceModelConfig = { ...DEFAULT_MODEL_CONFIG, kind, itemCount: ITEMS, dim: 16, maxLen: 10, heads: 2, blocks: 2, caserWindow: 3 };
  const params = initParams(config, 11);
  // Non-zero biases (init leaves them at 0): a bias or gate mix-up in an encoder would then change the vector.
  for (const [name, p] of Object.entries(params)) if (name !== 'item_embedding' && !name.endsWith('/gamma') && p.rank === 1) p.assign(tf.randomNormal(p.shape, 0.1, 0.3, 'float32', name.length));
  const files = await buildModelFiles(config, { dataset: 'fixture', fingerprint: 'x', heldOutTail: 0, epochs: 0, bestEpoch: 0, validNdcg10: 0, seconds: 0, loss: 'none' }, ids, params);
  tf.dispose(Object.values(params));
  return files;
}

async function bundleWithModel(files: SequenceModelFiles | SequenceModelFiles[], damage?: (bytes: Uint8Array) => Uint8Array): Promise<CatalogModel> {
  const inputs = (Array.isArray(files) ? files : [files]).map((f) => alignModelToCatalog(f, ids).input);
  // `damage` breaks the last model's weights (the only one, or the last member of an ensemble).
  if (damage) inputs[inputs.length - 1] = { ...inputs[inputs.length - 1]!, weights: damage(inputs[inputs.length - 1]!.weights) };
  const written = await writeBundleFiles({ ids, attributes: ids.map((id) => ({ title: id })), sequenceModelFiles: inputs });
  const fetcher = (async (url: URL | RequestInfo) => {
    const bytes = written.get(new URL(String(url)).pathname.split('/').pop()!);
    return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>) : new Response('', { status: 404 });
  }) as typeof fetch;
  return loadBundle('https://bundle.test/manifest.json', { fetch: fetcher });
}

const events: StoredEvent[] = [3, 17, 42, 42, 99, 150, 7].map((i, t) => ({ type: 'view', itemId: `sku-${i}`, time: 1_700_000_000_000 + t * 1000 }));
const onlyModel = { weights: { pop: 0, content: 0, cf: 0, knn: 0, pearson: 0, ease: 0, sequence: 0, prototypes: 0, model: 1 }, diversity: { lambda: 1, depth: 50 } };

describe('worker model signal (Chromium)', () => {
  it.each([
    ['sasrec', 'js', false],
    ['sasrec', 'wasm', true],
    ['gru', 'js', false],
    ['gru', 'wasm', true],
    ['caser', 'js', false],
    ['caser', 'wasm', true],
  ] as const)('loads the bundle %s model lazily (%s), leaves the user vector the tfjs cpu reference gives, and ranks by it', async (kind, backend, onTfjs) => {
    const files = await modelFiles(kind);
    const catalog = await bundleWithModel(files);
    const worker = createWorkerSequenceModel({ onTfjs });
    expect(worker.status().backend).toBeUndefined(); // nothing loaded before the first ranking with a history
    await worker.prepare(catalog, events, {});
    expect(worker.status()).toMatchObject({ backend });
    expect(worker.status().error).toBeUndefined();
    expect(catalog.sequenceModel!.queries.size).toBe(1);

    await tf.setBackend('cpu');
    const reference = loadModelFiles(files);
    const expected = encodeSequence(reference, [3, 17, 42, 42, 99, 150, 7]);
    disposeModel(reference);
    const history = toShopperHistory(catalog, events);
    const scores = new Float32Array(ITEMS);
    expect(computeSignal('model', catalog, history, DEFAULT_SIGNAL_OPTIONS, scores)).toBe(true);
    const table = catalog.sequenceModel!.itemTable;
    for (const i of [0, 5, 120, 199]) {
      let dot = 0;
      for (let d = 0; d < 16; d++) dot += expected[d]! * table.codes[i * 16 + d]! * table.scales[i]!;
      expect(scores[i]).toBeCloseTo(dot, 3);
    }

    // The fused ranking with the model as its only signal orders the candidates by those scores.
    const candidates = ['sku-10', 'sku-60', 'sku-61', 'sku-180', 'sku-199', 'sku-1'];
    const ranked = rankCandidates(catalog, events, { candidates, config: onlyModel });
    const byScore = [...candidates].sort((a, b) => scores[Number(b.slice(4))]! - scores[Number(a.slice(4))]!);
    expect(ranked.items).toEqual(byScore);
    expect(ranked.personalised).toBe(true);
    worker.dispose();
  }, 60_000);

  it.each([
    ['js', false],
    ['wasm', true],
  ] as const)('an ensemble bundle (sasrec + gru, %s): the user vector is the members\' tfjs cpu references concatenated and the scores the sum of their logits', async (backend, onTfjs) => {
    const members = [await modelFiles('sasrec'), await modelFiles('gru')];
    const catalog = await bundleWithModel(members);
    expect(catalog.sequenceModel!.members).toHaveLength(2);
    const worker = createWorkerSequenceModel({ onTfjs });
    await worker.prepare(catalog, events, {});
    expect(worker.status()).toMatchObject({ backend });
    expect(worker.status().error).toBeUndefined();
    expect(worker.status().lastEncodeMs).toBeGreaterThan(0);
    const query = catalog.sequenceModel!.queries.values().next().value!;
    expect(query.length).toBe(32);

    await tf.setBackend('cpu');
    const expected = members.map((files) => {
      const reference = loadModelFiles(files);
      const vector = encodeSequence(reference, [3, 17, 42, 42, 99, 150, 7]);
      disposeModel(reference);
      return vector;
    });
    for (let d = 0; d < 32; d++) expect(query[d]).toBeCloseTo(d < 16 ? expected[0]![d]! : expected[1]![d - 16]!, 3);

    const scores = new Float32Array(ITEMS);
    expect(computeSignal('model', catalog, toShopperHistory(catalog, events), DEFAULT_SIGNAL_OPTIONS, scores)).toBe(true);
    for (const i of [0, 5, 120, 199]) {
      let sum = 0;
      let bound = 0;
      catalog.sequenceModel!.members!.forEach((member, m) => {
        for (let d = 0; d < 16; d++) sum += expected[m]![d]! * member.itemTable.codes[i * 16 + d]! * member.itemTable.scales[i]!;
      });
      // The ensemble row is requantised (one int8 scale over both members): at most half a step per component.
      for (let d = 0; d < 32; d++) bound += Math.abs(query[d]!) * catalog.sequenceModel!.itemTable.scales[i]! / 2;
      expect(Math.abs(scores[i]! - sum)).toBeLessThanOrEqual(bound + 1e-3);
    }
    worker.dispose();
  }, 60_000);

  it('an ensemble whose second member fails to load abstains and names the member', async () => {
    const gru = await modelFiles('gru');
    const json = structuredClone(gru.json);
    json.weightsManifest[0]!.weights = json.weightsManifest[0]!.weights.filter((w) => w.name !== 'gru/out/b');
    const bytes = json.weightsManifest[0]!.weights.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
    const broken = await bundleWithModel([await modelFiles('sasrec'), { ...gru, json }], (weights) => weights.slice(0, bytes));
    const worker = createWorkerSequenceModel();
    await worker.prepare(broken, events, {});
    expect(worker.status().error).toMatch(/ensemble member 2 \(gru\).*gru\/out\/b/);
    expect(broken.sequenceModel!.queries.size).toBe(0);
    expect(computeSignal('model', broken, toShopperHistory(broken, events), DEFAULT_SIGNAL_OPTIONS, new Float32Array(ITEMS))).toBe(false);
    worker.dispose();
  }, 60_000);

  it('uses the scoring engine backend when it is a tfjs one, and wasm when it is not', async () => {
    const files = await modelFiles();
    for (const [preferred, expected] of [['cpu', 'cpu'], ['simd', 'wasm']] as const) {
      const catalog = await bundleWithModel(files);
      const worker = createWorkerSequenceModel({ preferredBackend: () => preferred, onTfjs: true });
      await worker.prepare(catalog, events, {});
      expect(worker.status().backend).toBe(expected);
      worker.dispose();
    }
  }, 60_000);

  it.each([
    ['sasrec', 'final_ln/gamma', false],
    ['sasrec', 'final_ln/gamma', true],
    ['gru', 'gru/out/b', false],
    ['gru', 'gru/out/b', true],
    ['caser', 'caser/fc/b', false],
    ['caser', 'caser/fc/b', true],
  ] as const)('a %s model that fails to load (no %s, onTfjs %s) leaves the signal abstaining and the ranking intact, with the reason', async (kind, dropped, onTfjs) => {
    const files = await modelFiles(kind);
    // Weights of the right size whose content is wrong would load; a manifest naming weights that are not there
    // cannot: drop one weight from model.json so the encoder misses it.
    const json = structuredClone(files.json);
    json.weightsManifest[0]!.weights = json.weightsManifest[0]!.weights.filter((w) => w.name !== dropped);
    const bytes = json.weightsManifest[0]!.weights.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
    const broken = await bundleWithModel({ ...files, json }, (weights) => weights.slice(0, bytes));
    const worker = createWorkerSequenceModel({ onTfjs });
    await worker.prepare(broken, events, {});
    expect(worker.status().error).toContain(dropped);
    expect(broken.sequenceModel!.queries.size).toBe(0);
    expect(computeSignal('model', broken, toShopperHistory(broken, events), DEFAULT_SIGNAL_OPTIONS, new Float32Array(ITEMS))).toBe(false);
    const ranked = rankCandidates(broken, events, { candidates: ['sku-1', 'sku-2'], config: onlyModel });
    expect(ranked.items).toHaveLength(2);
    worker.dispose();
  }, 60_000);
});
