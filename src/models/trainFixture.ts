import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../training/random.js';
import type { RunTrainingOptions } from './runTraining.js';

/**
 * Node-only test fixture: a tiny s3rec-layout dataset whose next item is always "current + 1 (mod items)",
 * a pattern every sequence model must learn quickly (random ranking gives NDCG@10 ~ 0.07 with 40 items).
 */
export function writeChainDataset(dir: string, users = 160, items = 40, seed = 3): string {
  const random = seededRandom(seed);
  const lines: string[] = [];
  for (let u = 1; u <= users; u++) {
    const start = Math.floor(random() * items);
    const length = 5 + Math.floor(random() * 4);
    const seq = Array.from({ length }, (_, t) => ((start + t) % items) + 1);
    lines.push(`${u} ${seq.join(' ')}`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Chain.txt'), `${lines.join('\n')}\n`);
  // Content: neighbouring items share an attribute, so content carries some signal about the chain.
  const attributes = Object.fromEntries(Array.from({ length: items }, (_, i) => [String(i + 1), [1 + Math.floor(i / 2), 100 + (i % 3)]]));
  writeFileSync(join(dir, 'Chain_item2attributes.json'), JSON.stringify(attributes));
  return dir;
}

/**
 * Options of a tiny, fast training run on a dataset written by writeChainDataset (tests only): a 16-dim model,
 * 8 epochs, 16 negatives, wasm. `extra` overrides anything, e.g. the model's Caser settings or `test`.
 */
export function tinyTrainingOptions(datasetDir: string, out: string, extra: Partial<RunTrainingOptions> = {}): RunTrainingOptions {
  return {
    datasetDir,
    format: 's3rec',
    kind: 'sasrec',
    out,
    model: { dim: 16, maxLen: 10, dropout: 0, blocks: 1, heads: 2 },
    epochs: 8,
    batchSize: 32,
    learningRate: 0.01,
    negatives: 16,
    popularityShare: 0.5,
    patience: 3,
    seed: 1,
    holdout: 2,
    backend: 'wasm',
    validUsers: 0,
    test: false,
    coldItems: 0,
    log: () => {},
    ...extra,
  };
}
