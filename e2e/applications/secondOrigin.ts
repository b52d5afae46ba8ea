import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A second origin for the applications' e2e tests: the same production build of the demo (dist/demo, made by
 * `npm run build`) served by a plain static server on its own port, beside the `vite preview` server of
 * playwright.config.ts. Two ports are two origins: separate IndexedDB, separate everything.
 */
const ROOT = fileURLToPath(new URL('../../dist/demo/', import.meta.url));
const TYPES: Record<string, string> = { js: 'text/javascript', json: 'application/json', html: 'text/html; charset=utf-8', css: 'text/css', wasm: 'application/wasm', svg: 'image/svg+xml' };

export interface SecondOrigin {
  origin: string;
  close(): Promise<void>;
}

/** A fixed port beside the e2e server's, so the privacy audit can list the origin before the test starts. */
export const SECOND_PORT = Number(process.env.RESHELF_E2E_PORT ?? 4317) + 11;
export const SECOND_ORIGIN = `http://127.0.0.1:${SECOND_PORT}`;

export async function startSecondOrigin(): Promise<SecondOrigin> {
  if (!existsSync(join(ROOT, 'index.html'))) throw new Error('dist/demo is missing: run `npm run build` before the e2e tests');
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(ROOT, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(ROOT)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(SECOND_PORT, '127.0.0.1', resolve);
  });
  return { origin: SECOND_ORIGIN, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
