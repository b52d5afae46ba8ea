/**
 * A small, deterministic shop export for tests: `items` and `events` rows in the documented columns, and
 * writers for CSV and JSON lines. Users prefer one of three categories, so neighbours and CF have structure.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ExportOptions {
  items?: number;
  users?: number;
  seed?: number;
}

export const START = Date.UTC(2026, 0, 1);

export function shopExport(options: ExportOptions = {}) {
  const itemCount = options.items ?? 30;
  const userCount = options.users ?? 80;
  let state = options.seed ?? 42;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const categories = ['Skin Care', 'Hair', 'Tools'];
  const items = Array.from({ length: itemCount }, (_, i) => ({
    item_id: `sku-${i}`,
    title: `${['Gentle', 'Bright', 'Daily'][i % 3]} ${categories[i % 3]} item ${i}`,
    brand: ['Acme', 'Zed'][i % 2]!,
    category: `Beauty > ${categories[i % 3]}`,
    price: String(5 + i),
    colour: ['red', 'blue'][i % 2]!,
  }));
  const events: { user_id: string; item_id: string; event: string; timestamp: string }[] = [];
  for (let u = 0; u < userCount; u++) {
    const favourite = u % 3;
    let time = START + Math.floor(random() * 30) * 86_400_000;
    for (let e = 0; e < 6; e++) {
      const pool = random() < 0.8 ? items.filter((_, i) => i % 3 === favourite) : items;
      const item = pool[Math.floor(random() * pool.length)]!;
      time += 60_000 + Math.floor(random() * 3_600_000);
      events.push({ user_id: `user-${u}`, item_id: item.item_id, event: random() < 0.2 ? 'add_to_cart' : 'view', timestamp: new Date(time).toISOString() });
    }
  }
  return { items, events };
}

function csvCell(value: unknown): string {
  const text = String(value ?? '');
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly Record<string, unknown>[], columns = Object.keys(rows[0] ?? {})): string {
  return [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\n') + '\n';
}

export function toJsonLines(rows: readonly Record<string, unknown>[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
}

/** A fresh temporary directory with the given files written into it. */
export function tempDirectory(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'reshelf-test-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
