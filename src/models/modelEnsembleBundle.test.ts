import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../api/events.js';
import { timeEncoding } from '../bench/encodeBench.js';
import { BundleError } from '../catalog/bundleError.js';
import type { BundleManifest } from '../catalog/bundleManifest.js';
import type { CatalogModel, SequenceModelSection } from '../catalog/catalogModel.js';
import { loadBundle } from '../catalog/loadBundle.js';
import { writeBundleFiles } from '../catalog/writeBundle.js';
import { parseCommandArgs } from '../cli/command.js';
import { buildCommand } from '../cli/commands/build.js';
import { toShopperHistory } from '../ranking/shopperHistory.js';
import { computeSignal, DEFAULT_SIGNAL_OPTIONS } from '../signals/registry.js';
import { buildModelFiles, type SequenceModelFiles } from './modelArtifacts.js';
import { alignModelToCatalog, combineModelMembers } from './modelBundleSection.js';
import { writeModelDirectory } from './modelDirectory.js';
import { DEFAULT_MODEL_CONFIG, type SequenceModelKind } from './modelSpec.js';
import { useTrainingBackend } from './nodeBackend.js';
import { initParams } from './sequenceEncoder.js';
import { writeChainDataset } from './trainFixture.js';
import { createWorkerSequenceModel, loadWorkerSequenceEncoder } from './workerModelSignal.js';

/**
 * An ensemble shipped in a bundle (`reshelf build --model a,b`): written and verified through the browser's loader,
 * decoded into one section whose rows are the members' concatenated, encoded by the worker with every member, and
 * rejected when a member is corrupt or reads another history length. Random models (biases non-zero, so a member
 * mix-up changes the vectors); members differ in kind and dimension so concatenating in the wrong order fails.
 */
const ITEMS = 40;
const ids = Array.from({ length: ITEMS }, (_, i) => String(i + 1));
const root = mkdtempSync(join(tmpdir(), 'reshelf-ensemble-bundle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function randomModel(kind: SequenceModelKind, dim: number, maxLen: number, seed: number, itemIds = ids): Promise<SequenceModelFiles> {
  await useTrainingBackend('cpu');
  const config = { ...DEFAULT_MODEL_CONFIG, kind, itemCount: itemIds.length, dim, maxLen, heads: 2, blocks: 1, caserWindow: 3 };
  const params = initParams(config, seed);
  for (const [name, p] of Object.entries(params)) if (name !== 'item_embedding' && !name.endsWith('/gamma') && p.rank === 1) p.assign(tf.randomNormal(p.shape, 0.1, 0.3, 'float32', seed + name.length));
  const files = await buildModelFiles(config, { dataset: 'fixture', fingerprint: 'x', heldOutTail: 0, epochs: 0, bestEpoch: 0, validNdcg10: 0, seconds: 0, loss: 'none' }, itemIds, params);
  tf.dispose(Object.values(params));
  return files;
}

type Files = Map<string, Uint8Array>;

function serve(files: Files): typeof fetch {
  return (async (url: URL | RequestInfo) => {
    const bytes = files.get(new URL(String(url)).pathname.split('/').pop()!);
    return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>) : new Response('', { status: 404 });
  }) as typeof fetch;
}

const load = (files: Files) => loadBundle('https://bundle.test/manifest.json', { fetch: serve(files) });
const manifestOf = (files: Files) => JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as BundleManifest;

async function bundle(models: readonly SequenceModelFiles[]): Promise<Files> {
  return writeBundleFiles({ ids, attributes: ids.map((id) => ({ title: id })), sequenceModelFiles: models.map((m) => alignModelToCatalog(m, ids).input) });
}

let sasrec: SequenceModelFiles;
let gru: SequenceModelFiles;
/** Knows only half the items: its encoder must skip the others while the sasrec member reads them all. */
let halfGru: SequenceModelFiles;
let shortCaser: SequenceModelFiles;
beforeAll(async () => {
  sasrec = await randomModel('sasrec', 8, 6, 11);
  gru = await randomModel('gru', 6, 6, 12);
  halfGru = await randomModel('gru', 6, 6, 13, ids.map((id, i) => (i % 2 === 0 ? id : `other-${id}`)));
  shortCaser = await randomModel('caser', 8, 4, 14);
}, 60_000);

const events: StoredEvent[] = [3, 17, 22, 8, 31, 12, 5].map((i, t) => ({ type: 'view', itemId: String(i), time: 1_700_000_000_000 + t * 1000 }));

/** What the worker stores for `events` with the catalog's model (plain loops), after checking it did not fail. */
async function workerQuery(catalog: CatalogModel): Promise<Float32Array> {
  const worker = createWorkerSequenceModel();
  await worker.prepare(catalog, events, {});
  expect(worker.status().error).toBeUndefined();
  worker.dispose();
  const queries = catalog.sequenceModel!.queries;
  expect(queries.size).toBe(1);
  return queries.values().next().value!;
}

/** A catalog holding one decoded member alone, with its own query cache. */
function alone(catalog: CatalogModel, member: SequenceModelSection): CatalogModel {
  return { ...catalog, sequenceModel: { ...member, queries: new Map() } };
}

describe('sequence-model ensemble in a bundle', () => {
  it('reshelf build --model a,b writes model + modelMembers, verified by the loader, and decodes both members and their concatenation', async () => {
    const data = writeChainDataset(join(root, 'data'), 60, ITEMS);
    writeModelDirectory(join(root, 'a'), sasrec);
    writeModelDirectory(join(root, 'b'), gru);
    const out = join(root, 'bundle');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const args = [data, '--format', 's3rec', '--out', out, '--model', `${join(root, 'a')},${join(root, 'b')}`, '--skip', 'cf,prototypes,pearson,ease', '--content-dim', '8'];
    try {
      expect(await buildCommand.run(parseCommandArgs(buildCommand, args))).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    const files: Files = new Map(readdirSync(out).map((name) => [name, new Uint8Array(readFileSync(join(out, name)))]));
    const manifest = manifestOf(files);
    expect(manifest.sections.model).toMatchObject({ kind: 'sasrec', maxLen: 6, items: { dim: 8, rows: ITEMS } });
    expect(manifest.sections.modelMembers).toHaveLength(1);
    expect(manifest.sections.modelMembers![0]).toMatchObject({ kind: 'gru', maxLen: 6, items: { dim: 6, rows: ITEMS } });
    expect(manifest.sections.modelMembers![0]!.json.file).toMatch(/^model2\.[0-9a-f]{12}\.json$/);

    const catalog = await load(files);
    const section = catalog.sequenceModel!;
    expect(section.kind).toBe('sasrec+gru');
    expect(section.maxLen).toBe(6);
    expect(section.itemTable.dim).toBe(14);
    expect(section.members!.map((m) => m.kind)).toEqual(['sasrec', 'gru']);
    // Each member keeps its own int8 table (its encoder's input) and files, aligned to the bundle's order by id.
    for (const [member, source] of [[section.members![0]!, sasrec], [section.members![1]!, gru]] as const) {
      expect(member.files).toBeDefined();
      for (const row of [0, 7, 39]) {
        const id = catalog.ids[row]!;
        const r = ids.indexOf(id);
        const dim = source.itemTable.dim;
        expect(Array.from(member.itemTable.codes.subarray(row * dim, (row + 1) * dim))).toEqual(Array.from(source.itemTable.codes.subarray(r * dim, (r + 1) * dim)));
      }
    }
  }, 120_000);

  it('a one-model bundle is byte-identical whether the model is passed alone or as a list of one, and has no modelMembers', async () => {
    const input = alignModelToCatalog(sasrec, ids).input;
    const single = await writeBundleFiles({ ids, attributes: ids.map((id) => ({ title: id })), sequenceModelFiles: input });
    const list = await bundle([sasrec]);
    expect([...list.keys()].sort()).toEqual([...single.keys()].sort());
    for (const [name, bytes] of single) expect(Buffer.from(list.get(name)!).equals(Buffer.from(bytes))).toBe(true);
    expect(manifestOf(single).sections.modelMembers).toBeUndefined();
    const catalog = await load(single);
    expect(catalog.sequenceModel!.members).toBeUndefined();
    expect(catalog.sequenceModel!.files).toBeDefined();
  });

  it('the worker stores the members\' own encodings concatenated, and the signal scores the sum of their logits', async () => {
    const catalog = await load(await bundle([sasrec, halfGru]));
    const [a, b] = catalog.sequenceModel!.members!;
    const query = await workerQuery(catalog);
    const queryA = await workerQuery(alone(catalog, a!));
    const queryB = await workerQuery(alone(catalog, b!));
    expect(query.length).toBe(14);
    expect(Array.from(query)).toEqual([...queryA, ...queryB]);

    const history = toShopperHistory(catalog, events);
    const scores = new Float32Array(ITEMS);
    const scoresA = new Float32Array(ITEMS);
    const scoresB = new Float32Array(ITEMS);
    expect(computeSignal('model', catalog, history, DEFAULT_SIGNAL_OPTIONS, scores)).toBe(true);
    // Each member alone, scoring its own vector against its own int8 table (the members' logits).
    const key = catalog.sequenceModel!.queries.keys().next().value!;
    const withA = alone(catalog, a!);
    withA.sequenceModel!.queries.set(key, queryA);
    const withB = alone(catalog, b!);
    withB.sequenceModel!.queries.set(key, queryB);
    expect(computeSignal('model', withA, history, DEFAULT_SIGNAL_OPTIONS, scoresA)).toBe(true);
    expect(computeSignal('model', withB, history, DEFAULT_SIGNAL_OPTIONS, scoresB)).toBe(true);
    // Requantising the concatenated row (one int8 scale over both members) errs by at most half a step per component.
    const table = catalog.sequenceModel!.itemTable;
    const l1 = query.reduce((sum, v) => sum + Math.abs(v), 0);
    for (let i = 0; i < ITEMS; i++) {
      expect(Math.abs(scores[i]! - (scoresA[i]! + scoresB[i]!))).toBeLessThanOrEqual((table.scales[i]! / 2) * l1 + 1e-4);
    }
    // Not just member a: the gru member moves the ranking's scores.
    expect(Array.from(scores).some((s, i) => Math.abs(s - scoresA[i]!) > 1e-3)).toBe(true);
  }, 60_000);

  it('the bench encoder (loadWorkerSequenceEncoder) encodes with the whole ensemble', async () => {
    const catalog = await load(await bundle([sasrec, gru]));
    const encoder = (await loadWorkerSequenceEncoder(catalog.sequenceModel!))!;
    const one = (await loadWorkerSequenceEncoder(catalog.sequenceModel!.members![1]!))!;
    const items = [4, 9, 2];
    const vector = await encoder.encode(items);
    expect(vector.length).toBe(14);
    expect(Array.from(vector.subarray(8))).toEqual(Array.from(await one.encode(items)));
    encoder.dispose();
    one.dispose();
    // `reshelf bench --encode <bundle>` times this section: the ensemble's shapes, both members encoding.
    const timing = await timeEncoding(catalog.sequenceModel!, 'worker', { length: 50, reps: 5, budgetMs: 500 });
    expect(timing).toMatchObject({ kind: 'sasrec+gru', dim: 14, maxLen: 6, length: 6, backend: 'js', items: ITEMS });
  });

  it('a member that fails to load leaves no vector and says why; the signal abstains', async () => {
    const json = structuredClone(gru.json);
    json.weightsManifest[0]!.weights = json.weightsManifest[0]!.weights.filter((w) => w.name !== 'gru/out/b');
    const bytes = json.weightsManifest[0]!.weights.reduce((sum, w) => sum + w.shape.reduce((x, y) => x * y, 1) * 4, 0);
    const broken = { ...gru, json, weights: gru.weights.slice(0, bytes) };
    const catalog = await load(await bundle([sasrec, broken]));
    const worker = createWorkerSequenceModel();
    await worker.prepare(catalog, events, {});
    expect(worker.status().error).toMatch(/^ensemble member 2 \(gru\): .*gru\/out\/b/);
    expect(catalog.sequenceModel!.queries.size).toBe(0);
    expect(computeSignal('model', catalog, toShopperHistory(catalog, events), DEFAULT_SIGNAL_OPTIONS, new Float32Array(ITEMS))).toBe(false);
    worker.dispose();
  });

  it('refuses members that read different history lengths: on write, and on load of a hand-made bundle', async () => {
    await expect(bundle([sasrec, shortCaser])).rejects.toThrow(/share the max length/);
    // A bundle some other tool assembled: the sasrec bundle with the caser's files added as a member.
    const files = await bundle([sasrec]);
    const caserFiles = await bundle([shortCaser]);
    const manifest = manifestOf(files);
    const caserManifest = manifestOf(caserFiles);
    const member = caserManifest.sections.model!;
    for (const name of [member.json.file, member.weights.file, member.items.file]) {
      files.set(name, caserFiles.get(name)!);
      manifest.files.push(caserManifest.files.find((f) => f.name === name)!);
    }
    manifest.sections.modelMembers = [member];
    files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
    const error = await load(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe('BUNDLE_SHAPE_MISMATCH');
    expect((error as BundleError).message).toMatch(/member 2 \(caser\) reads 4 items, member 1 \(sasrec\) 6/);
    const [a, c] = [(await load(await bundle([sasrec]))).sequenceModel!, (await load(caserFiles)).sequenceModel!];
    expect(() => combineModelMembers([a, c])).toThrow(BundleError);
  });

  it('rejects a corrupt or unlisted member file like any corrupt section', async () => {
    const base = await bundle([sasrec, gru]);
    const member = manifestOf(base).sections.modelMembers![0]!;
    const codeOf = async (files: Files) => ((await load(files).catch((e: unknown) => e)) as BundleError).code;

    const flipped = new Map(base);
    const weights = flipped.get(member.weights.file)!.slice();
    weights[10] = weights[10]! ^ 0xff;
    flipped.set(member.weights.file, weights);
    expect(await codeOf(flipped)).toBe('BUNDLE_HASH_MISMATCH');

    const truncated = new Map(base);
    truncated.set(member.items.file, base.get(member.items.file)!.subarray(0, 20));
    expect(await codeOf(truncated)).toBe('BUNDLE_SIZE_MISMATCH');

    // A member naming a file the manifest does not list (and so nobody verified) is refused before any fetch.
    const unlisted = new Map(base);
    const manifest = manifestOf(base);
    manifest.sections.modelMembers![0]!.weights.file = 'model2-weights.000000000000.bin';
    unlisted.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
    const refused = (await load(unlisted).catch((e: unknown) => e)) as BundleError;
    expect(refused.code).toBe('BUNDLE_FILE_MISSING');
    expect(refused.message).toMatch(/sections\.modelMembers\.0\.weights refers to model2-weights\.000000000000\.bin/);

    const orphan = new Map(base);
    const noFirst = manifestOf(base);
    delete noFirst.sections.model;
    orphan.set('manifest.json', new TextEncoder().encode(JSON.stringify(noFirst)));
    expect(await codeOf(orphan)).toBe('BUNDLE_MANIFEST_INVALID');
  });
});
