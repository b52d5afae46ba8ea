// Runs before `npm test`: makes sure a Chromium exists, installing Debian's package when we are allowed to.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

const found = findChromium();
if (found) {
  console.log(`browser tests use Chromium at ${found}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.error(
    'No Chromium found for the browser tests.\n' +
      '  Debian/Ubuntu: sudo apt-get install -y chromium\n' +
      '  elsewhere:     set RESHELF_CHROMIUM=/path/to/chrome',
  );
  process.exit(1);
}

console.log('No Chromium found: installing Debian\'s `chromium` package with apt-get (about 20 s)...');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
} catch {
  // A fresh machine may have empty package lists.
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
}
const installed = findChromium();
if (!installed) {
  console.error('apt-get finished but no Chromium executable was found.');
  process.exit(1);
}
console.log(`installed Chromium at ${installed}`);
