import { test, expect } from '../fixtures/privacyAudit';
import type { BrowserContext, Page } from '@playwright/test';
import { configure, DEMO_CATALOG, demoBundleFromDisk, demoIdsFromDisk, FIXTURE_PAGE, openFixture, rankFreshWidget, recordPageErrors, recordWarnings, type WidgetOutcome } from './fixturePage';
import { CORRUPTION_CLASSES, mutate, Rng, seededRandom } from './bundleMutations';

/**
 * Every way the environment can fail reshelf: the page keeps the order it rendered, reshelf prints exactly one
 * warning, status() says why with a stable code, and nothing throws into the page.
 */
const IDS = demoIdsFromDisk(24);

export async function run(page: Page, timeoutMs = 10_000): Promise<{ outcome: WidgetOutcome; warnings: string[]; errors: string[] }> {
  const warnings = recordWarnings(page);
  const errors = recordPageErrors(page);
  await configure(page, { catalog: DEMO_CATALOG, timeoutMs });
  await openFixture(page);
  const outcome = await rankFreshWidget(page, IDS);
  return { outcome, warnings, errors };
}

export function expectFallback(result: Awaited<ReturnType<typeof run>>, codes: string[]): void {
  const { outcome, warnings, errors } = result;
  expect(outcome.order, 'the page keeps its order').toEqual(IDS);
  expect(outcome.applied).toBe(false);
  expect(outcome.status.state).toBe('unavailable');
  expect(codes, JSON.stringify(outcome.status)).toContain(outcome.status.state === 'unavailable' ? outcome.status.reason.code : 'none');
  expect(warnings, 'exactly one warning').toHaveLength(1);
  expect(errors).toEqual([]);
}

export function expectPersonalised(result: Awaited<ReturnType<typeof run>>): void {
  expect(result.outcome.status.state, JSON.stringify(result.outcome.status)).toBe('ready');
  expect(result.outcome.applied).toBe(true);
  // The clicked item (last on the page) now leads its department's items: the order changed.
  expect(result.outcome.order).not.toEqual(IDS);
  expect(result.warnings).toEqual([]);
  expect(result.errors).toEqual([]);
}

async function withHeader(context: BrowserContext, csp: string): Promise<void> {
  await context.route(`**${FIXTURE_PAGE}`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.describe('the worker cannot run', () => {
  test('worker script blocked by the network', async ({ page, context }) => {
    await context.route('**/assets/worker-*.js', (route) => route.abort('blockedbyclient'));
    expectFallback(await run(page), ['WORKER_CRASHED']);
  });

  test('Worker constructor throws (an extension or a hardened browser)', async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { Worker: unknown }).Worker = class {
        constructor() {
          throw new DOMException('Workers are disabled', 'SecurityError');
        }
      };
    });
    expectFallback(await run(page), ['WORKER_UNAVAILABLE']);
  });

  test("a CSP whose worker-src forbids the worker (worker-src 'none')", async ({ page, context }) => {
    await withHeader(context, "default-src 'self'; worker-src 'none'");
    expectFallback(await run(page), ['WORKER_UNAVAILABLE', 'WORKER_CRASHED']);
  });

  test("a CSP without worker-src: it falls back to script-src 'self', and reshelf works", async ({ page, context }) => {
    await withHeader(context, "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'");
    expectPersonalised(await run(page));
  });
});

test.describe('the bundle cannot be had', () => {
  for (const [what, status] of [
    ['manifest 404', 404],
    ['manifest 500', 500],
  ] as const) {
    test(what, async ({ page, context }) => {
      await context.route('**/demo-catalog/manifest.json', (route) => route.fulfill({ status, body: 'no' }));
      expectFallback(await run(page), ['BUNDLE_FETCH_FAILED']);
    });
  }

  test('a data file 500', async ({ page, context }) => {
    await context.route('**/demo-catalog/items.*', (route) => route.fulfill({ status: 500, body: 'boom' }));
    expectFallback(await run(page), ['BUNDLE_FETCH_FAILED']);
  });

  test('the manifest never arrives: timeout, and the late answer changes nothing', async ({ page, context }) => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/demo-catalog/manifest.json', async (route) => {
      await released;
      await route.continue().catch(() => {});
    });
    const result = await run(page, 1_500);
    expectFallback(result, ['WORKER_TIMEOUT']);
    release();
    await delay(1_000);
    expect(await page.evaluate(() => window.reshelf.status().state)).toBe('unavailable');
    expect(result.warnings).toHaveLength(1);
  });

  test('a slow network within the timeout: reshelf waits and personalises, no warning', async ({ page, context }) => {
    await context.route('**/demo-catalog/**', async (route) => {
      await delay(700);
      await route.continue();
    });
    expectPersonalised(await run(page, 10_000));
  });

  test('a slow network past the timeout: one warning, the order kept', async ({ page, context }) => {
    await context.route('**/demo-catalog/**', async (route) => {
      await delay(2_500);
      await route.continue().catch(() => {});
    });
    const result = await run(page, 1_000);
    expectFallback(result, ['WORKER_TIMEOUT']);
    await delay(3_000);
    expect(result.warnings).toHaveLength(1);
    expect(await page.evaluate(() => window.reshelf.status().state)).toBe('unavailable');
  });
});

test.describe('a corrupt bundle, one per rejection code: the page keeps its order', () => {
  // The same seeded corruptions as the node fuzzer, applied to the real demo bundle and served to a real page.
  const CLASSES = ['truncated file', 'changed byte', 'garbage manifest', 'unsupported version', 'section names an unlisted file', 'duplicate id', 'hostile id', 'items not JSON (hash fixed)', 'huge manifest', 'wrong item count', 'non-finite count', 'negative count'];
  for (const kind of CLASSES) {
    test(kind, async ({ page, context }) => {
      const rng = new Rng(seededRandom(CLASSES.indexOf(kind) + 1));
      const mutation = await mutate(demoBundleFromDisk(), rng, CORRUPTION_CLASSES.indexOf(kind));
      expect(mutation.kind).toBe(kind);
      await context.route('**/demo-catalog/*', async (route) => {
        const name = new URL(route.request().url()).pathname.split('/').pop() as string;
        const bytes = mutation.files.get(name);
        await (bytes ? route.fulfill({ body: Buffer.from(bytes), contentType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream' }) : route.fulfill({ status: 404 }));
      });
      expectFallback(await run(page), mutation.expect === 'load' ? [] : mutation.expect);
    });
  }
});
