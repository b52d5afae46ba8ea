import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BundleError } from '../catalog/bundleError.js';
import type { BundleManifest } from '../catalog/bundleManifest.js';
import { loadBundle } from '../catalog/loadBundle.js';
import { buildCommand } from '../cli/commands/build.js';
import { parseCommandArgs } from '../cli/command.js';
import { encodeSequence } from './encodeSequence.js';
import { disposeModel, loadModelFiles, type SequenceModelFiles, type SequenceModelJson } from './modelArtifacts.js';
import { readModelFiles } from './modelDirectory.js';
import { alignModelToCatalog, decodeModelSection } from './modelBundleSection.js';
import { runTraining } from './runTraining.js';
import { writeChainDataset } from './trainFixture.js';

const root = mkdtempSync(join(tmpdir(), 'reshelf-model-bundle-'));
const data = writeChainDataset(join(root, 'data'));
const modelDir = join(root, 'model');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  await runTraining({
    datasetDir: data, format: 's3rec', kind: 'sasrec', out: modelDir, model: { dim: 8, maxLen: 6, dropout: 0, blocks: 1, heads: 1 },
    epochs: 1, batchSize: 32, learningRate: 0.01, negatives: 8, popularityShare: 0.5, patience: 1, seed: 1, holdout: 0, backend: 'wasm',
    validUsers: 0, test: false, coldItems: 0, log: () => {},
  });
}, 60_000);

function loadDirectory(dir: string) {
  const fetcher = (async (url: URL) => {
    const path = join(dir, new URL(String(url)).pathname.split('/').pop()!);
    return existsSync(path) ? new Response(readFileSync(path)) : new Response('', { status: 404 });
  }) as unknown as typeof fetch;
  return loadBundle('https://shop.example/b/manifest.json', { fetch: fetcher });
}

describe('model section of a bundle', () => {
  it('reshelf build --model adds model.json, weights and the int8 item table, verified and loaded back unchanged', async () => {
    const out = join(root, 'bundle');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const args = [data, '--format', 's3rec', '--out', out, '--model', modelDir, '--skip', 'cf,prototypes,pearson,ease', '--content-dim', '8'];
    expect(await buildCommand.run(parseCommandArgs(buildCommand, args))).toBe(0);
    vi.restoreAllMocks();
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as BundleManifest;
    const section = manifest.sections.model!;
    expect(section.kind).toBe('sasrec');
    expect(section.items).toMatchObject({ dtype: 'int8', rows: 40, dim: 8 });
    for (const file of [section.json.file, section.weights.file, section.items.file]) expect(manifest.files.some((f) => f.name === file)).toBe(true);

    const catalog = await loadDirectory(out);
    const files = readModelFiles(modelDir);
    const loaded = catalog.sequenceModel!;
    expect(loaded.maxLen).toBe(6);
    // Same item order here (the bundle was built from the model's own dataset): the table is byte-identical.
    expect(Array.from(loaded.itemTable.codes)).toEqual(Array.from(files.itemTable.codes));
    expect(Array.from(loaded.itemTable.scales)).toEqual(Array.from(files.itemTable.scales));
    // The model rebuilt from the bundle encodes exactly like the model read from its directory.
    const fromBundle = loadModelFiles({ json: loaded.files!.json as unknown as SequenceModelJson, weights: loaded.files!.weights.slice().buffer, itemTable: loaded.itemTable });
    const fromDirectory = loadModelFiles(files);
    const history = [3, 4, 5, 6];
    expect(Array.from(encodeSequence(fromBundle, history))).toEqual(Array.from(encodeSequence(fromDirectory, history)));
    disposeModel(fromBundle);
    disposeModel(fromDirectory);
  }, 120_000);

  it('aligns the item table to the bundle order by id; unknown items get a zero row', () => {
    const files = readModelFiles(modelDir);
    const ids = files.json.userDefinedMetadata.itemIds;
    const { input, known } = alignModelToCatalog(files, ['new-item', ids[5]!, ids[0]!]);
    expect(known).toBe(2);
    expect(input.json.modelTopology.reshelf.itemCount).toBe(3);
    const dim = input.itemTable.dim;
    expect(input.itemTable.scales[0]).toBe(0);
    expect(Array.from(input.itemTable.codes.subarray(0, dim)).every((c) => c === 0)).toBe(true);
    expect(Array.from(input.itemTable.codes.subarray(dim, 2 * dim))).toEqual(Array.from(files.itemTable.codes.subarray(5 * dim, 6 * dim)));
    expect(input.itemTable.scales[2]).toBe(files.itemTable.scales[0]);
    expect(() => alignModelToCatalog(files, ['a', 'b'])).toThrow(/none of the bundle's 2 item ids/);
  });

  it('rejects a model section whose files disagree (weights size, item count)', () => {
    const files: SequenceModelFiles = readModelFiles(modelDir);
    const { input } = alignModelToCatalog(files, files.json.userDefinedMetadata.itemIds);
    const entry = { kind: 'sasrec', maxLen: 6, json: { file: 'm.json' }, weights: { file: 'w.bin' }, items: { file: 'i.i8', dtype: 'int8' as const, rows: 40, dim: 8 } };
    const json = new TextEncoder().encode(JSON.stringify(input.json));
    const table = new Uint8Array([...new Uint8Array(input.itemTable.scales.buffer), ...new Uint8Array(input.itemTable.codes.buffer)]);
    expect(decodeModelSection(entry, json, input.weights, table, 40).itemTable.count).toBe(40);
    const shortWeights = () => decodeModelSection(entry, json, input.weights.subarray(4), table, 40);
    expect(shortWeights).toThrow(BundleError);
    expect(shortWeights).toThrow(/weights file has/);
    expect(() => decodeModelSection(entry, json, input.weights, table, 41)).toThrow(/model.json says 40 items/);
  });
});
