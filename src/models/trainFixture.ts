import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../training/random.js';

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
