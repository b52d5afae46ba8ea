/**
 * Corrupt-bundle fuzzing with a fixed seed: at least 500 corrupted bundles per run, each of which the loader
 * must reject with a BundleError carrying the code the corruption calls for (never another exception, never a
 * model), plus valid controls that must load unchanged. Cases come from e2e/reliability/bundleMutations.ts,
 * which discovers sections from the manifest, so sections added to the format are fuzzed without edits here.
 * RESHELF_FUZZ_SEED / RESHELF_FUZZ_CASES explore other seeds or more cases.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundle } from './loadBundle.js';
import { writeBundleFiles } from './writeBundle.js';
import { BundleError } from './bundleError.js';
import { sampleBundleInput } from './testing/bundleFixtures.js';
import { CORRUPTION_CLASSES, mutate, Rng, seededRandom, serve, type Files } from '../../e2e/reliability/bundleMutations.js';

const SEED = Number(process.env.RESHELF_FUZZ_SEED ?? 20260115);
const CASES = Number(process.env.RESHELF_FUZZ_CASES ?? 600);
/** One case in CONTROL_EVERY is an untouched bundle that must load. */
const CONTROL_EVERY = 10;
const MANIFEST_URL = 'https://shop.example/reshelf/manifest.json';

/** Valid ids a hostile or careless shop might use: markup, unicode, Object.prototype names (all legal). */
function shopIds(rng: Rng, n: number): string[] {
  const shapes = [(i: number) => `sku-${i}`, (i: number) => `<img src=x onerror=alert(${i})>`, (i: number) => `商品-${i}`, (i: number) => `toString${i}`, (i: number) => `"quoted" ${i}`, (i: number) => `🛒${i}`];
  const ids = Array.from({ length: n }, (_, i) => rng.pick(shapes)(i));
  if (n > 1) ids[rng.int(0, n - 1)] = 'hasOwnProperty';
  return ids;
}

async function baseBundles(rng: Rng): Promise<{ files: Files; ids: string[] }[]> {
  const bases: { files: Files; ids: string[] }[] = [];
  for (let b = 0; b < 8; b++) {
    const ids = shopIds(rng, rng.int(2, 40));
    const input = b % 4 === 3 ? { ids, attributes: ids.map((id) => ({ title: `<script>alert("${id}")</script>` })) } : { ...sampleBundleInput(ids), vectorDtype: rng.pick(['int8', 'float32'] as const) };
    bases.push({ files: await writeBundleFiles(input), ids });
  }
  return bases;
}

describe(`corrupt bundles, fuzzed (seed ${SEED}, ${CASES} cases)`, () => {
  it('rejects every corruption with its code and loads every untouched control', { timeout: 120_000 }, async () => {
    const rng = new Rng(seededRandom(SEED));
    const bases = await baseBundles(rng);
    const failures: string[] = [];
    const byCode: Record<string, number> = {};
    const byClass: Record<string, number> = {};
    let controls = 0;
    for (let i = 0; i < CASES; i++) {
      const base = rng.pick(bases);
      if (i % CONTROL_EVERY === 0) {
        controls++;
        try {
          const model = await loadBundle(MANIFEST_URL, { fetch: serve(base.files) });
          if (JSON.stringify(model.ids) !== JSON.stringify(base.ids)) failures.push(`case ${i} control: ids changed`);
        } catch (error) {
          failures.push(`case ${i} control rejected: ${(error as Error).message}`);
        }
        continue;
      }
      const mutation = await mutate(base.files, rng, i);
      byClass[mutation.kind] = (byClass[mutation.kind] ?? 0) + 1;
      const controller = new AbortController();
      const timer = mutation.delivery?.failure === 'hang' ? setTimeout(() => controller.abort(), 5) : undefined;
      try {
        await loadBundle(MANIFEST_URL, { fetch: serve(mutation.files, mutation.delivery), signal: controller.signal });
        failures.push(`case ${i} (${mutation.kind}: ${mutation.name}) was accepted`);
      } catch (error) {
        const code = (error as BundleError).code;
        byCode[code] = (byCode[code] ?? 0) + 1;
        if (!(error instanceof BundleError)) failures.push(`case ${i} (${mutation.kind}: ${mutation.name}) threw a ${(error as Error)?.name}: ${(error as Error)?.message}`);
        else if (mutation.expect !== 'load' && !mutation.expect.includes(code)) failures.push(`case ${i} (${mutation.kind}: ${mutation.name}) rejected with ${code}, expected ${mutation.expect.join(' or ')}: ${error.message}`);
      } finally {
        clearTimeout(timer);
      }
    }
    const corrupted = CASES - controls;
    const summary = { seed: SEED, cases: CASES, corrupted, controls, classes: CORRUPTION_CLASSES.length, classesHit: Object.keys(byClass).length, rejectedWithExpectedCode: corrupted - failures.filter((f) => !f.includes('control')).length, failures: failures.length, byCode, byClass };
    mkdirSync('e2e/.output/reliability', { recursive: true });
    writeFileSync('e2e/.output/reliability/fuzz.json', `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`bundle fuzz: seed ${SEED}, ${corrupted} corrupted bundles in ${summary.classesHit} classes, ${summary.rejectedWithExpectedCode} rejected with the expected code, ${controls} controls; by code ${JSON.stringify(byCode)}`);
    expect(failures.slice(0, 15)).toEqual([]);
    expect(corrupted).toBeGreaterThanOrEqual(500);
    expect(summary.classesHit).toBe(CORRUPTION_CLASSES.length);
  });
});
