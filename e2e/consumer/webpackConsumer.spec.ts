import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import webpack, { type Stats } from 'webpack';
import { expect } from '../fixtures/privacyAudit';
import { ROOT, test } from './consumerApp';
import { expectPersonalisedList } from './consumerScenario';
import { webpackConfig } from './webpackConfig';

/**
 * Issue 10: the packed package in a webpack 5 app (plain TypeScript: src/webpackMain.ts, webpackConfig.ts), installed from the same tarball
 * as the vite app (shared worker-scoped fixture). webpack must emit the worker itself, from the package's
 * `new Worker(new URL('../worker/worker.js', import.meta.url))`; in Chromium the app then tracks, ranks and
 * renders a personalised list, under the same privacy audit as every spec.
 */
let workerFile: string | undefined;

test('the packed package builds with webpack 5, which emits the worker from new URL(..., import.meta.url)', async ({ app }) => {
  test.setTimeout(180_000); // a full webpack build of the app, tfjs included, on a shared 2-core machine
  const config = webpackConfig({ appDir: app.dir, loaders: join(ROOT, 'node_modules') });
  const stats = await new Promise<Stats>((resolve, reject) => webpack(config, (error, result) => (error || !result ? reject(error ?? new Error('no stats')) : resolve(result))));
  const json = stats.toJson({ all: false, errors: true, warnings: true, chunks: true, chunkOrigins: true });
  expect(json.errors ?? [], 'webpack errors').toEqual([]);
  copyFileSync(join(ROOT, 'e2e/consumer/webpack.html'), join(app.dir, 'dist-webpack/index.html'));
  // The chunk webpack made for the package's worker reference: its origin is dist/lib/api/defaultWorker.js (the
  // `new Worker(new URL(...))` expression) and, being a worker's entry, it carries its own webpack runtime
  // (`entry`); chunks split off from it (shared modules, tfjs's lazy backends) do not.
  const fromWorker = (json.chunks ?? []).filter((chunk) => chunk.origins?.length && chunk.origins.every((origin) => /reshelf\/dist\/lib\/api\/defaultWorker\.js$/.test(origin.moduleName ?? '')));
  const workerChunks = fromWorker.filter((chunk) => chunk.entry);
  expect(workerChunks.length, `webpack made one entry chunk for the worker: ${JSON.stringify(fromWorker.map((c) => ({ names: c.names, files: c.files, entry: c.entry })))}`).toBe(1);
  const [file] = workerChunks[0]!.files ?? [];
  expect(file).toBeDefined();
  workerFile = file as string;
  expect(existsSync(join(app.dir, 'dist-webpack', workerFile))).toBe(true);
});

test('in Chromium the webpack app tracks, ranks and renders a personalised list', async ({ page, app, requests }) => {
  test.skip(workerFile === undefined, 'needs the webpack build of the previous test');
  await page.goto('/webpack/');
  // The worker Chromium ran is the file webpack emitted, from the app's own origin.
  const escaped = (workerFile as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expectPersonalisedList(page, app, requests, new RegExp(`^/webpack/${escaped}$`));
});
