import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evalCommand } from './eval.js';

const root = mkdtempSync(join(tmpdir(), 'reshelf-eval-table-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
// A committed report: the table is generated from it, never typed.
const report = join(process.cwd(), 'docs/reports/amazon-beauty/report.json');

describe('reshelf eval --table --write-table [--table-id]', () => {
  it('a named table replaces only its own markers, so one file can hold several generated tables', async () => {
    const file = join(root, 'README.md');
    const page = [
      '# title',
      '<!-- reshelf-quality-table:start -->',
      'main table, kept',
      '<!-- reshelf-quality-table:end -->',
      'between',
      '<!-- reshelf-quality-table:models:start -->',
      'old models table',
      '<!-- reshelf-quality-table:models:end -->',
      'after',
    ].join('\n');
    writeFileSync(file, page);
    expect(await evalCommand.run({ positionals: [report], values: { table: true, 'write-table': file, 'table-id': 'models' } })).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('main table, kept');
    expect(text).not.toContain('old models table');
    const models = text.slice(text.indexOf('models:start'), text.indexOf('models:end'));
    expect(models).toMatch(/\| fused \| 0\.\d{4} \(0\.\d{4}\) \|/);
    expect(text.endsWith('<!-- reshelf-quality-table:models:end -->\nafter')).toBe(true);
  });

  it('says which markers to add when the named table has none', async () => {
    const file = join(root, 'plain.md');
    writeFileSync(file, '<!-- reshelf-quality-table:start -->\n<!-- reshelf-quality-table:end -->\n');
    await expect(evalCommand.run({ positionals: [report], values: { table: true, 'write-table': file, 'table-id': 'models' } })).rejects.toThrow(
      /add the markers <!-- reshelf-quality-table:models:start -->/,
    );
  });
});
