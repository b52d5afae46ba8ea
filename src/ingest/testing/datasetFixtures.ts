/**
 * Tiny datasets in the exact on-disk layouts `reshelf build` reads, written by tests into temporary directories:
 * S3-Rec (amazon-beauty), UniSRec/RecBole atomic files (amazon-scientific) and Spark MLlib's
 * `itemFactors.write.json(path)` output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDirectory } from './shopExport.js';

/** User u's sequence over items 1..items (numeric ids, as in S3-Rec), preferring one third of the catalog. */
export function sequences(users: number, items: number, length = 6): number[][] {
  return Array.from({ length: users }, (_, u) => Array.from({ length }, (_, p) => 1 + ((u % 3) + 3 * ((u * 7 + p * 5) % Math.floor(items / 3))) % items));
}

export function writeS3Rec(users = 60, items = 24): string {
  const dir = tempDirectory();
  const lines = sequences(users, items).map((seq, u) => `${u + 1} ${seq.join(' ')}`);
  writeFileSync(join(dir, 'Shop.txt'), `${lines.join('\n')}\n`);
  const attributes: Record<string, number[]> = {};
  for (let i = 1; i <= items; i++) attributes[String(i)] = [i % 3, 10 + (i % 5)];
  writeFileSync(join(dir, 'Shop_item2attributes.json'), JSON.stringify(attributes));
  return dir;
}

export function writeUniSRec(users = 60, items = 24): string {
  const dir = tempDirectory();
  const asin = (i: number) => `B${String(i).padStart(9, '0')}`;
  writeFileSync(join(dir, 'Lab.item2index'), Array.from({ length: items }, (_, i) => `${asin(i)}\t${i}`).join('\n') + '\n');
  const text = Array.from({ length: items }, (_, i) => `${asin(i)}\t${['Glass', 'Steel', 'Paper'][i % 3]} beaker ${i}. Lab Supplies Glassware. Brand${i % 4}. `);
  writeFileSync(join(dir, 'Lab.text'), ['item_id:token\ttext:token_seq', ...text].join('\n') + '\n');
  const header = 'user_id:token\titem_id_list:token_seq\titem_id:token';
  const train = [header];
  const valid = [header];
  const test = [header];
  sequences(users, items + 1).forEach((raw, u) => {
    const seq = raw.map((i) => i % items);
    for (let end = seq.length - 3; end >= 1; end--) train.push(`${u}\t${seq.slice(0, end).join(' ')}\t${seq[end]}`);
    valid.push(`${u}\t${seq.slice(0, -2).join(' ')}\t${seq[seq.length - 2]}`);
    test.push(`${u}\t${seq.slice(0, -1).join(' ')}\t${seq[seq.length - 1]}`);
  });
  writeFileSync(join(dir, 'Lab.train.inter'), train.join('\n') + '\n');
  writeFileSync(join(dir, 'Lab.valid.inter'), valid.join('\n') + '\n');
  writeFileSync(join(dir, 'Lab.test.inter'), test.join('\n') + '\n');
  return dir;
}

/**
 * Spark's layout for `itemFactors.write.json(dir)`: part files named part-NNNNN-<uuid>-c000.json holding one
 * `{"id":<int>,"features":[...]}` per line, a `_SUCCESS` marker and hidden `.crc` checksum files beside them.
 */
export function writeSparkFactors(rows: { id: number; features: number[] }[], parts = 2): string {
  const dir = join(tempDirectory(), 'itemFactors');
  mkdirSync(dir);
  const uuid = '3f1c2a9e-7b4d-4c1e-9a55-0d2f6b8e1c47';
  for (let p = 0; p < parts; p++) {
    const name = `part-${String(p).padStart(5, '0')}-${uuid}-c000.json`;
    const lines = rows.filter((_, r) => r % parts === p).map((row) => JSON.stringify({ id: row.id, features: row.features.map((f) => Math.fround(f)) }));
    writeFileSync(join(dir, name), lines.join('\n') + '\n');
    writeFileSync(join(dir, `.${name}.crc`), 'crc\u0000\u0000\u0000\u0001');
  }
  writeFileSync(join(dir, '_SUCCESS'), '');
  writeFileSync(join(dir, '._SUCCESS.crc'), 'crc\u0000');
  return dir;
}
