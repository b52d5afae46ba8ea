import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints the reliability counts at the end of every Playwright run and writes them to
 * e2e/.output/reliability/summary.json (docs/reliability.* are made from it by writeReliabilityDocs.mjs):
 * scenarios run and failed, events written, lost and duplicated in the durability scenarios (from the specs'
 * `reliability` annotations), and the corrupt-bundle fuzz counts the node fuzz test wrote earlier in the run.
 */
const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '../.output/reliability');

export interface ReliabilitySummary {
  /** `skipped`: reliability tests marked fixme/skip, by title (a known gap must show in the report, not vanish). */
  scenarios: { total: number; passed: number; failed: number; byFile: Record<string, number>; skipped?: string[] };
  events: { written: number; lost: number; duplicated: number; droppedForQuota: number; notStoredOverQuota: number };
  ratios: Record<string, number>;
  fuzz?: { seed: number; corrupted: number; controls: number; classes: number; rejectedWithExpectedCode: number; failures: number; byCode: Record<string, number> };
  privacyAudit: { tests: number };
}

export default class ReliabilityReporter implements Reporter {
  private readonly summary: ReliabilitySummary = {
    scenarios: { total: 0, passed: 0, failed: 0, byFile: {} },
    events: { written: 0, lost: 0, duplicated: 0, droppedForQuota: 0, notStoredOverQuota: 0 },
    ratios: {},
    privacyAudit: { tests: 0 },
  };

  onTestEnd(test: TestCase, result: TestResult): void {
    const file = test.location.file.replace(/\\/g, '/');
    if (result.status === 'skipped') {
      if (file.includes('/e2e/reliability/')) (this.summary.scenarios.skipped ??= []).push(test.title);
      return;
    }
    // Every e2e test runs under the privacy audit (e2e/fixtures/privacyAudit.ts).
    this.summary.privacyAudit.tests++;
    if (!file.includes('/e2e/reliability/')) return;
    const s = this.summary.scenarios;
    s.total++;
    if (test.outcome() === 'expected' || test.outcome() === 'flaky') s.passed++;
    else s.failed++;
    const name = file.split('/').pop() as string;
    s.byFile[name] = (s.byFile[name] ?? 0) + 1;
    for (const annotation of test.annotations.filter((a) => a.type === 'reliability')) {
      const counts = JSON.parse(annotation.description ?? '{}') as Record<string, number>;
      this.summary.events.written += counts.eventsWritten ?? 0;
      this.summary.events.lost += counts.eventsLost ?? 0;
      this.summary.events.duplicated += counts.eventsDuplicated ?? 0;
      this.summary.events.droppedForQuota += counts.eventsDroppedForQuota ?? 0;
      this.summary.events.notStoredOverQuota += counts.eventsNotStoredOverQuota ?? 0;
      for (const [key, value] of Object.entries(counts)) if (!key.startsWith('events')) this.summary.ratios[key] = value;
    }
  }

  onEnd(_result: FullResult): void {
    if (this.summary.scenarios.total === 0) return;
    const fuzzFile = join(OUTPUT, 'fuzz.json');
    if (existsSync(fuzzFile)) this.summary.fuzz = JSON.parse(readFileSync(fuzzFile, 'utf8'));
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, 'summary.json'), `${JSON.stringify(this.summary, null, 2)}\n`);
    const { scenarios, events, fuzz } = this.summary;
    const lines = [
      '',
      'reliability:',
      `  browser scenarios   ${scenarios.passed}/${scenarios.total} passed (${Object.entries(scenarios.byFile).map(([f, n]) => `${f.replace('.spec.ts', '')} ${n}`).join(', ')})${scenarios.skipped ? `; ${scenarios.skipped.length} skipped: ${scenarios.skipped.join('; ')}` : ''}`,
      `  events              ${events.written} written, ${events.lost} lost, ${events.duplicated} duplicated; over quota (on purpose, reported): ${events.droppedForQuota} oldest dropped, ${events.notStoredOverQuota} refused`,
      fuzz ? `  corrupt bundles     ${fuzz.rejectedWithExpectedCode}/${fuzz.corrupted} rejected with their code (seed ${fuzz.seed}, ${fuzz.classes} classes), ${fuzz.controls} valid controls loaded` : '  corrupt bundles     (run the node fuzz test first: src/catalog/bundle.fuzz.test.ts)',
      `  privacy audit       ${this.summary.privacyAudit.tests} e2e tests audited`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  }

  printsToStdio(): boolean {
    return false;
  }
}
