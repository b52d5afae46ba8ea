// `npm run check:package`: packs the npm package as it would be published and lints the tarball itself:
// publint (exports, files, types) and @arethetypeswrong/cli (profile esm-only) must report nothing; the
// script-tag loader must contain no eval / new Function and no tfjs. Writes the tarball to e2e/.output/pack/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = new URL('../../', import.meta.url).pathname;
const out = join(root, 'e2e/.output/pack');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: root, encoding: 'utf8' }));
const tarball = join(out, packed.filename);
console.log(`packed ${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KB`);

const problems = [];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { messages } = await publint({ pack: { tarball: readFileSync(tarball).buffer }, strict: true });
for (const message of messages) problems.push(`publint ${message.type}: ${formatMessage(message, pkg) ?? message.code}`);

try {
  execFileSync(join(root, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], { stdio: 'pipe', encoding: 'utf8' });
} catch (error) {
  problems.push(`attw: ${error.stdout || error.message}`);
}

const loader = readFileSync(join(root, 'dist/reshelf.js'), 'utf8');
if (/\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(/.test(loader)) problems.push('dist/reshelf.js contains eval or new Function');
if (/tensorflow|tfjs/i.test(loader)) problems.push('dist/reshelf.js contains tfjs: it must load lazily in the worker');

const files = packed.files.map((f) => f.path);
for (const required of ['dist/reshelf.js', 'dist/reshelf/worker.js', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/lib/worker/worker.js', 'dist/lib/react/index.js']) {
  if (!files.includes(required)) problems.push(`the tarball lacks ${required}`);
}
if (files.some((f) => f.startsWith('dist/demo/'))) problems.push('the tarball contains the demo');

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`publint, attw (esm-only) and loader checks: no problems (${tarball})`);
