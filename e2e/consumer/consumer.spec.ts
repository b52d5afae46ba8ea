import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '../fixtures/privacyAudit';
import { ROOT, run, test } from './consumerApp';
import { expectPersonalisedList } from './consumerScenario';

/**
 * The npm package as an app gets it: `npm pack`, a fresh app outside this repository installs the tarball
 * (from the npm registry/cache for its dependencies), type-checks against the published declarations,
 * imports it in plain Node (SSR), builds with vite and, in Chromium, tracks, ranks and renders a list.
 * (The webpack 5 app: webpackConsumer.spec.ts, same fixture and scenario.)
 */
test('the packed package type-checks, imports in Node (inert), and builds with vite into an app with its worker', async ({ app }) => {
  test.setTimeout(180_000); // tsc, a Node import and a vite build of the app on a shared 2-core machine
  // Type tests against the published .d.ts (e2e/consumer/src/publicTypes.test-d.ts, with @ts-expect-error cases).
  run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app.dir);
  const ssr = JSON.parse(run(process.execPath, ['ssrCheck.mjs'], app.dir)) as { touchedOnImport: string[]; status: { state: string; reason: { code: string; message: string } } };
  expect(ssr.touchedOnImport).toEqual([]);
  expect(ssr.status.reason.code).toBe('NOT_IN_BROWSER');
  expect(ssr.status.reason.message).toContain('inert');
  run(process.execPath, [join(app.dir, 'node_modules/vite/bin/vite.js'), 'build'], app.dir);
  const assets = readdirSync(join(app.dir, 'dist/assets'));
  expect(assets.some((name) => /^worker-.*\.js$/.test(name))).toBe(true);
});

test('in Chromium the app tracks, ranks and renders a personalised list', async ({ page, app, requests }) => {
  test.skip(!existsSync(join(app.dir, 'dist/index.html')), 'needs the build of the previous test');
  await page.goto('/');
  // The worker the app's bundler emitted was loaded from the app's own origin.
  await expectPersonalisedList(page, app, requests, /^\/assets\/worker-.*\.js$/);
});
