import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FusionConfig } from '../fusion/fusionConfig.js';
import type { TrainingOptions } from '../training/buildCatalogModel.js';
import type { EvaluationResult } from './evaluate.js';
import { CUTOFFS } from './metrics.js';
import { barChart, lineChart } from './svgCharts.js';
import type { TuningResult } from './tuning/tune.js';

/** The report.json contract (issue 5); later issues add methods and sections, never rename these. */
export interface EvalReport {
  dataset: string;
  format: string;
  split: string;
  users: number;
  items: number;
  trainInteractions: number;
  metrics: Record<string, Record<string, number>>;
  /** NDCG@10 per user group (history length, target popularity) per method. */
  groups: Record<string, Record<string, { users: number; 'NDCG@10': number }>>;
  config: FusionConfig;
  /** Server-side training options the model was built with. */
  training: TrainingOptions;
  trainingMs: Record<string, number>;
  tuning?: TuningResult;
  seconds: number;
  command: string;
}

export function buildReport(
  base: Omit<EvalReport, 'metrics' | 'groups' | 'users' | 'items' | 'trainInteractions' | 'trainingMs'>,
  result: EvaluationResult,
): EvalReport {
  const metrics: EvalReport['metrics'] = {};
  const groups: EvalReport['groups'] = {};
  for (const [name, r] of Object.entries(result.methods)) {
    metrics[name] = r.metrics;
    groups[name] = r.groups;
  }
  return {
    dataset: base.dataset,
    format: base.format,
    split: base.split,
    users: result.users,
    items: result.items,
    trainInteractions: result.trainInteractions,
    metrics,
    groups,
    config: base.config,
    training: base.training,
    trainingMs: Object.fromEntries(Object.entries(result.trainingMs).map(([k, v]) => [k, Math.round(v)])),
    ...(base.tuning ? { tuning: base.tuning } : {}),
    seconds: base.seconds,
    command: base.command,
  };
}

const f4 = (x: number | undefined): string => (x === undefined ? '–' : x.toFixed(4));

/** Writes report.json, report.md and the SVG charts it links into `dir`. */
export function writeReport(dir: string, report: EvalReport): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const methods = Object.keys(report.metrics);
  const charts: [string, string][] = [];
  for (const metric of ['NDCG', 'HR'] as const) {
    charts.push([
      `${metric.toLowerCase()}-at-k.svg`,
      lineChart(`${metric}@k, ${report.dataset} (${report.split})`, 'k', `${metric}@k`, methods.map((m) => ({ name: m, points: CUTOFFS.map((k) => [k, report.metrics[m]![`${metric}@${k}`] ?? 0] as [number, number]) }))),
    ]);
  }
  const historyGroups = ['history 1-3', 'history 4-7', 'history 8+'].filter((g) => methods.some((m) => report.groups[m]?.[g]));
  charts.push(['ndcg-by-history.svg', barChart(`NDCG@10 by history length, ${report.dataset}`, 'NDCG@10', historyGroups.map((g) => g.replace('history ', '')), methods.map((m) => ({ name: m, values: historyGroups.map((g) => report.groups[m]?.[g]?.['NDCG@10'] ?? 0) })))]);
  const popularityGroups = ['target head', 'target torso', 'target tail'];
  charts.push(['ndcg-by-target-popularity.svg', barChart(`NDCG@10 by target popularity, ${report.dataset}`, 'NDCG@10', popularityGroups.map((g) => g.replace('target ', '')), methods.map((m) => ({ name: m, values: popularityGroups.map((g) => report.groups[m]?.[g]?.['NDCG@10'] ?? 0) })))]);
  if (report.tuning) {
    charts.push(['tuning.svg', lineChart(`Tuning (${report.tuning.strategy}) on validation: best so far`, 'trial', 'NDCG@10 (validation)', [{ name: 'best so far', points: report.tuning.trials.map((t, i) => [i + 1, t.bestSoFar] as [number, number]) }, { name: 'trial', points: report.tuning.trials.map((t, i) => [i + 1, t.score] as [number, number]) }])]);
  }
  for (const [file, svg] of charts) writeFileSync(join(dir, file), `${svg}\n`);
  writeFileSync(join(dir, 'report.md'), renderMarkdown(report, charts.map(([file]) => file)));
}

function renderMarkdown(report: EvalReport, chartFiles: string[]): string {
  const methods = Object.keys(report.metrics);
  const lines: string[] = [
    `# reshelf eval: ${report.dataset} (${report.split} split)`,
    '',
    `${report.users} users, ${report.items} items, ${report.trainInteractions} training interactions. ` +
      'Leave-one-out, full ranking over all items, history masked, every statistic built from training data only ' +
      '(quality-protocol.md). `fused` is the configuration below; `pop-leaky` counts held-out items and exists only as a protocol check.',
    '',
    `Command: \`${report.command}\` (${report.seconds.toFixed(0)} s).`,
    '',
    '## Accuracy',
    '',
    '| method | HR@5 | NDCG@5 | HR@10 | NDCG@10 | MRR@10 | HR@20 | NDCG@20 |',
    '|---|---|---|---|---|---|---|---|',
    ...methods.map((m) => {
      const x = report.metrics[m]!;
      return `| ${m} | ${['HR@5', 'NDCG@5', 'HR@10', 'NDCG@10', 'MRR@10', 'HR@20', 'NDCG@20'].map((k) => f4(x[k])).join(' | ')} |`;
    }),
    '',
    '## Beyond accuracy (top 10)',
    '',
    '| method | P@10 | R@10 | F1@10 | MAP@10 | coverage | intra-list diversity | ARP (mean train count) | popularity percentile |',
    '|---|---|---|---|---|---|---|---|---|',
    ...methods.map((m) => {
      const x = report.metrics[m]!;
      return `| ${m} | ${['P@10', 'R@10', 'F1@10', 'MAP@10', 'Coverage@10', 'ILD@10'].map((k) => f4(x[k])).join(' | ')} | ${(x['ARP@10'] ?? 0).toFixed(1)} | ${f4(x['PopBias@10'])} |`;
    }),
    '',
    '## NDCG@10 by group',
    '',
  ];
  const groupNames = [...new Set(methods.flatMap((m) => Object.keys(report.groups[m] ?? {})))].sort();
  lines.push(`| method | ${groupNames.map((g) => `${g} (${report.groups[methods[0]!]?.[g]?.users ?? 0} users)`).join(' | ')} |`);
  lines.push(`|---|${groupNames.map(() => '---').join('|')}|`);
  for (const m of methods) lines.push(`| ${m} | ${groupNames.map((g) => f4(report.groups[m]?.[g]?.['NDCG@10'])).join(' | ')} |`);
  lines.push('', '## Charts', '');
  for (const file of chartFiles) lines.push(`![${file.replace('.svg', '')}](${file})`, '');
  if (report.tuning) {
    const t = report.tuning;
    lines.push('## Tuning', '', `Strategy \`${t.strategy}\`, ${t.trials.length} trials on the validation target of ${t.users} users${t.folds > 1 ? `, ${t.folds} user folds` : ''}; best validation NDCG@10 ${f4(t.bestScore)}.`);
    if (t.crossValidated !== undefined) lines.push('', `Cross-validated estimate (best trial chosen on the other folds, scored on the held-out fold, averaged): ${f4(t.crossValidated)}.`);
    lines.push('');
  }
  lines.push('## Configuration', '', 'Fusion (what `fused` ranks with):', '', '```json', JSON.stringify(report.config, null, 2), '```', '', 'Training (server-side builders):', '', '```json', JSON.stringify(report.training, null, 2), '```', '');
  return `${lines.join('\n')}\n`;
}

/**
 * The README quality table, generated from report.json files (one column per dataset): never typed by hand.
 * Rows: every method present in any report; cells: NDCG@10 (HR@10).
 */
/**
 * Every report's methods in one list that keeps each report's own order: a method only one report has (e.g.
 * contentKnn, built for one dataset) goes right after the method it follows there, not to the end of the table.
 */
export function mergedMethodOrder(lists: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const list of lists) {
    let after = -1;
    for (const name of list) {
      const at = out.indexOf(name);
      if (at >= 0) {
        after = at;
        continue;
      }
      out.splice(after + 1, 0, name);
      after++;
    }
  }
  return out;
}

export function qualityTable(reports: readonly EvalReport[]): string {
  const methods = mergedMethodOrder(reports.map((r) => Object.keys(r.metrics)));
  const lines = [
    `| method | ${reports.map((r) => `${r.dataset} NDCG@10 (HR@10)`).join(' | ')} |`,
    `|---|${reports.map(() => '---').join('|')}|`,
    ...methods.map((m) => `| ${m} | ${reports.map((r) => (r.metrics[m] ? `${f4(r.metrics[m]!['NDCG@10'])} (${f4(r.metrics[m]!['HR@10'])})` : '–')).join(' | ')} |`),
    '',
    `Test split, leave-one-out, full ranking (${reports.map((r) => `${r.dataset}: ${r.users} users, ${r.items} items`).join('; ')}). Generated by \`npx reshelf eval --table\` from report.json.`,
  ];
  return lines.join('\n');
}
