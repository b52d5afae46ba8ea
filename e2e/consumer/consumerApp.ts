import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as audited } from '../fixtures/privacyAudit';
import { buildDemoBundle } from '../../src/demo/catalog/demoBundle.js';
import { generateShopCatalog } from '../../src/demo/catalog/generateShopCatalog.js';

/**
 * The consumer app fixture shared by the vite (consumer.spec.ts) and webpack 5 (webpackConsumer.spec.ts) apps:
 * `npm pack` once, a fresh app directory outside this repository installs the tarball (its dependencies from the
 * npm registry/cache), and one local server serves the shop's product list, the demo catalog bundle under
 * /reshelf/, the vite build (dist/) at / and the webpack build (dist-webpack/) under /webpack/. Worker-scoped:
 * when both specs run in one Playwright worker, the tarball is packed and installed once.
 */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.wasm': 'application/wasm' };

export interface ConsumerApp {
  origin: string;
  dir: string;
  departments: Map<string, string>;
}

export function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
}

function staticFile(dir: string, root: string, path: string): Buffer | undefined {
  const base = join(dir, root);
  const file = normalize(join(base, path === '/' ? 'index.html' : path));
  return file.startsWith(base) && existsSync(file) && !file.endsWith('/') ? readFileSync(file) : undefined;
}

export const test = audited.extend<{}, { app: ConsumerApp }>({
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
        const webpack = path === '/webpack' || path.startsWith('/webpack/');
        const body = bundled ?? (webpack ? staticFile(dir, 'dist-webpack', path.slice('/webpack'.length) || '/') : staticFile(dir, 'dist', path));
        const type = TYPES[extname(path)] ?? (path.endsWith('/') ? 'text/html' : 'application/octet-stream');
        res.writeHead(body ? 200 : 404, { 'Content-Type': type });
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
