// Finds the Chromium that every browser test uses (vitest browser mode and Playwright).
// `npx playwright install` cannot download browsers on closed networks, so we look, in order, at:
//   1. RESHELF_CHROMIUM (an explicit path), 2. Debian's /usr/bin/chromium, 3. Playwright's own cache.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const DEBIAN_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function playwrightCacheChromium() {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return undefined;
  for (const dir of readdirSync(cache).filter((d) => d.startsWith('chromium')).sort().reverse()) {
    for (const bin of ['chrome-linux64/chrome', 'chrome-linux/chrome']) {
      const candidate = join(cache, dir, bin);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Absolute path of a Chromium executable, or undefined when none is installed. */
export function findChromium() {
  const explicit = process.env.RESHELF_CHROMIUM;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`RESHELF_CHROMIUM=${explicit} does not exist.`);
    return explicit;
  }
  return DEBIAN_PATHS.find((p) => existsSync(p)) ?? playwrightCacheChromium();
}

/** Flags for headless Chromium on a closed network (see README: testing). WebGPU is opt-in in Chromium. */
export const chromiumArgs = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

/** The path, or an error naming the command that fixes it. */
export function requireChromium() {
  const found = findChromium();
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. Install one with `sudo apt-get install -y chromium` ' +
        '(or set RESHELF_CHROMIUM=/path/to/chrome). `npm test` installs it itself when run as root on Debian/Ubuntu.',
    );
  }
  return found;
}
