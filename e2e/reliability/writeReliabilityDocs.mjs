// Turns the last reliability run (e2e/.output/reliability/summary.json, written by reliabilityReporter.ts) into
// docs/reliability.json, docs/reliability.md and the table in README.md's "Reliability" section.
// Run through `npm run reliability`, which runs the fuzz test and the browser scenarios first.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const summary = JSON.parse(readFileSync(join(root, 'e2e/.output/reliability/summary.json'), 'utf8'));
const { scenarios, events, fuzz, ratios, privacyAudit } = summary;
if (!fuzz) throw new Error('no fuzz counts: run `npx vitest run --project node src/catalog/bundle.fuzz.test.ts` first');
if (scenarios.failed > 0) throw new Error(`${scenarios.failed} reliability scenarios failed; not publishing`);

const rows = [
  ['browser scenarios (e2e/reliability)', `${scenarios.passed} of ${scenarios.total} passed${scenarios.skipped?.length ? `; ${scenarios.skipped.length} skipped (known gaps): ${scenarios.skipped.join('; ')}` : ''}`],
  ['events written in durability scenarios', String(events.written)],
  ['events lost', String(events.lost)],
  ['events stored twice', String(events.duplicated)],
  ['over quota (on purpose, reported): oldest events dropped / new events refused', `${events.droppedForQuota} / ${events.notStoredOverQuota}`],
  [`corrupt bundles (seed ${fuzz.seed}, ${fuzz.classes} corruption classes)`, `${fuzz.rejectedWithExpectedCode} of ${fuzz.corrupted} rejected with their code`],
  ['untouched control bundles', `${fuzz.controls} loaded`],
  ['rejections by code', Object.entries(fuzz.byCode).sort().map(([code, n]) => `${code} ${n}`).join(', ')],
  ['ranking a 10,000-item widget vs the browser reordering it once (time ratio)', String(ratios.rankVsDomReorder10k)],
  ['ranking 10,000 ids vs 1,000 ids (time ratio)', String(ratios.rank10kVs1k)],
  ['e2e tests run under the privacy audit (this run)', String(privacyAudit.tests)],
];
const table = ['| what | count |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');

mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'docs/reliability.json'), `${JSON.stringify(summary, null, 2)}\n`);
writeFileSync(join(root, 'docs/reliability.md'), `# Reliability run\n\nWritten by \`npm run reliability\` from its own output; do not edit by hand.\n\n${table}\n\nScenarios per spec file: ${Object.entries(scenarios.byFile).map(([f, n]) => `${f} ${n}`).join(', ')}.\n`);
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const begin = '<!-- reliability:begin -->';
const end = '<!-- reliability:end -->';
if (readme.includes(begin) && readme.includes(end)) {
  writeFileSync(readmePath, `${readme.slice(0, readme.indexOf(begin) + begin.length)}\n${table}\n${readme.slice(readme.indexOf(end))}`);
}
console.log(table);
