import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as audited, expect } from '../fixtures/privacyAudit';
import { buildDemoBundle } from '../../src/demo/catalog/demoBundle.js';
import { generateShopCatalog } from '../../src/demo/catalog/generateShopCatalog.js';

/**
 * The npm package as an app gets it: `npm pack`, a fresh app outside this repository installs the tarball
 * (from the npm registry/cache for its dependencies), type-checks against the published declarations,
 * imports it in plain Node (SSR), builds with vite and, in Chromium, tracks, ranks and renders a list.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.wasm': 'application/wasm' };

interface ConsumerApp {
  origin: string;
  dir: string;
  departments: Map<string, string>;
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
}

const test = audited.extend<{}, { app: ConsumerApp }>({
  app: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'reshelf-consumer-'));
      const [packed] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)) as { filename: string }[];
      for (const entry of ['package.json', 'index.html', 'src', 'tsconfig.json', 'vite.config.mjs', 'ssrCheck.mjs']) cpSync(join(ROOT, 'e2e/consumer', entry), join(dir, entry), { recursive: true });
      const manifest = readFileSync(join(dir, 'package.json'), 'utf8').replace('RESHELF_TARBALL', join(dir, packed?.filename as string));
      writeFileSync(join(dir, 'package.json'), manifest);
      // vite for the app's own build, the version this repository pins (already in the npm cache).
      const vite = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.vite as string;
      run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', `vite@${vite}`], dir);

      const products = generateShopCatalog({ shoppers: 0 }).products;
      const departments = [...new Set(products.map((p) => p.category[0] as string))];
      const listed = departments.flatMap((d) => products.filter((p) => p.category[0] === d).slice(0, 3));
      const bundle = await buildDemoBundle();
      const server: Server = createServer((req, res) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        if (path === '/products.json') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(listed.map((p) => ({ id: p.id, title: p.title, department: p.category[0] }))));
          return;
        }
        const bundled = path.startsWith('/reshelf/') ? bundle.get(path.slice('/reshelf/'.length)) : undefined;
        const file = normalize(join(dir, 'dist', path === '/' ? 'index.html' : path));
        const body = bundled ?? (file.startsWith(join(dir, 'dist')) && existsSync(file) ? readFileSync(file) : undefined);
        res.writeHead(body ? 200 : 404, { 'Content-Type': TYPES[extname(path)] ?? (path === '/' ? 'text/html' : 'application/octet-stream') });
        res.end(body ?? 'not found');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await use({ dir, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, departments: new Map(listed.map((p) => [p.id, p.category[0] as string])) });
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  baseURL: async ({ app }, use) => use(app.origin),
});

test('the packed package type-checks, imports in Node (inert), and builds with vite into an app with its worker', async ({ app }) => {
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
  const list = page.locator('#list');
  await expect(list).toHaveAttribute('data-ranked', 'false');
  const order = () => page.locator('#list li').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') as string));
  const before = await order();
  // Click two of the three products of the department the shop lists last.
  const department = app.departments.get(before[before.length - 1] as string);
  const liked = before.filter((id) => app.departments.get(id) === department);
  const clicked = liked.slice(0, 2);
  const unclicked = liked.filter((id) => !clicked.includes(id));
  for (const id of clicked) await page.locator(`#list li[data-id="${id}"] button`).click();
  await page.locator('#refresh').click();
  await expect(list).toHaveAttribute('data-ranked', 'true');
  const after = await order();
  expect(after).not.toEqual(before);
  // The department's product the shopper has not seen yet moves up into the top quarter of the sixteen unseen
  // products; the two already seen follow every new suggestion (the shipped rules keep seen items behind unseen).
  expect(after.indexOf(unclicked[0] as string)).toBeLessThan(Math.min(4, before.indexOf(unclicked[0] as string)));
  expect(after.slice(-clicked.length).sort()).toEqual([...clicked].sort());
  const stored = await page.evaluate(async () => (await (window as unknown as { app: { reshelf: import('../../src/index').Reshelf } }).app.reshelf.exportData()).events.length);
  expect(stored).toBe(clicked.length);
  // The worker the app's bundler emitted was loaded from the app's own origin.
  expect(requests.some((r) => /\/assets\/worker-.*\.js$/.test(r.url))).toBe(true);
});
