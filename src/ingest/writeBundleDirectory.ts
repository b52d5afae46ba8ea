import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes bundle files into `out` all at once: everything goes to a temporary sibling directory first, which
 * is renamed into place only when complete, so a failed or interrupted build never leaves a partial bundle.
 * An existing `out` is replaced only when it is empty or holds a bundle (a manifest.json): a typo in `--out`
 * must not delete someone's home directory.
 */
export function writeBundleDirectory(out: string, files: ReadonlyMap<string, Uint8Array>): void {
  const target = resolve(out);
  if (existsSync(target)) {
    const entries = readdirSync(target);
    if (entries.length > 0 && !entries.includes('manifest.json')) {
      throw new Error(`${out} exists and is not a bundle directory (no manifest.json); choose another --out or empty it`);
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  const previous = join(dirname(target), `.${basename(target)}.old-${process.pid}`);
  const cleanUp = () => rmSync(staging, { recursive: true, force: true });
  process.once('exit', cleanUp);
  try {
    mkdirSync(staging);
    for (const [name, bytes] of files) writeFileSync(join(staging, name), bytes);
    if (existsSync(target)) renameSync(target, previous);
    renameSync(staging, target);
    rmSync(previous, { recursive: true, force: true });
  } finally {
    cleanUp();
    process.removeListener('exit', cleanUp);
  }
}

