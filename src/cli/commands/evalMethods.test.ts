import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseCommandArgs } from '../command.js';
import { evalCommand } from './eval.js';

const root = mkdtempSync(join(tmpdir(), 'reshelf-eval-methods-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An s3rec dataset of two product lines (items 1-4 and 5-8, attribute ids as content tags). */
const data = join(root, 'lines');
mkdirSync(data);
const lines = ['1 2 3 4', '2 3 4 1', '3 4 1 2', '4 1 2 3', '5 6 7 8', '6 7 8 5', '7 8 5 6', '8 5 6 7', '1 3 2 4', '5 7 6 8'];
writeFileSync(join(data, 'Lines.txt'), lines.map((items, u) => `${u + 1} ${items}`).join('\n'));
writeFileSync(join(data, 'Lines_item2attributes.json'), JSON.stringify(Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((i) => [String(i), i <= 4 ? [1, 10 + (i % 2)] : [2, 20 + (i % 2)]]))));

const run = async (name: string, training?: object): Promise<string[]> => {
  const out = join(root, name);
  const argv = [data, '--format', 's3rec', '--out', out];
  if (training) {
    writeFileSync(join(root, `${name}.json`), JSON.stringify(training));
    argv.push('--training', join(root, `${name}.json`));
  }
  const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await evalCommand.run(parseCommandArgs(evalCommand, argv))).toBe(0);
  } finally {
    quiet.mockRestore();
  }
  return Object.keys(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).metrics);
};

describe('reshelf eval: default methods', () => {
  it('report contentKnn only when the training options build the content neighbour table (else it would repeat popularity)', async () => {
    const plain = await run('plain', { content: { dim: 4 }, als: { factors: 2 } });
    expect(plain).toContain('content');
    expect(plain).toContain('fused');
    expect(plain).not.toContain('contentKnn');
    const withTable = await run('table', { content: { dim: 4, neighbours: 3 }, als: { factors: 2 } });
    expect(withTable).toContain('contentKnn');
  });
});
