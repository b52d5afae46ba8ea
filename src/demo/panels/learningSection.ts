import type { ReshelfStatus } from '../../index.js';
import { el } from '../shop/format.js';
import { dataTable, row, section } from './controls.js';

/**
 * What `status().online` reports (src/fusion/online/onlineStatus.ts): on-device learning of how much each signal
 * counts for this shopper. Read structurally: a build without it hides the section.
 */
export interface OnlineReport {
  enabled: boolean;
  active: boolean;
  clicks: number;
  multipliers: Partial<Record<string, number>>;
}

export function onlineOf(status: ReshelfStatus | undefined): OnlineReport | undefined {
  if (status?.state !== 'ready') return undefined;
  return (status as { online?: OnlineReport }).online;
}

/**
 * "Learning from your clicks": the per-signal multipliers learned on this device, or why none apply yet.
 * `labels` names the signals as the ranking controls do.
 */
export function createLearningSection(labels: (signal: string) => string): { root: HTMLElement; render: (status: ReshelfStatus | undefined) => void } {
  const root = section('Learning from your clicks');
  const summary = el('p', 'note');
  const table = dataTable('multipliers', 'How much more or less each signal counts for you than in the shipped settings', ['Signal', 'Counts for you']);
  root.append(
    summary,
    table.root,
    el('p', 'note', 'Learned in this browser from which shown products you open, stored with your history, and erased by Forget everything (Privacy tab).'),
  );

  function render(status: ReshelfStatus | undefined): void {
    const online = onlineOf(status);
    root.hidden = !online;
    if (!online) return;
    const entries = Object.entries(online.multipliers).filter((e): e is [string, number] => typeof e[1] === 'number');
    summary.textContent = !online.enabled
      ? 'Turned off by this page: every shelf uses the shipped weights.'
      : online.active
        ? `Learned from ${online.clicks} click${online.clicks === 1 ? '' : 's'} on shown products: each signal\u2019s weight is multiplied by the factor below.`
        : `${online.clicks} informative click${online.clicks === 1 ? '' : 's'} so far: the shelves use the shipped weights until a few more clicks show what you prefer.`;
    table.body.replaceChildren(...entries.sort(([, a], [, b]) => b - a).map(([signal, factor]) => row([labels(signal), [`\u00d7${factor.toFixed(2)}`, 'num']])));
    table.root.hidden = !online.enabled || entries.length === 0;
  }
  return { root, render };
}
