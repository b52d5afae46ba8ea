import type { ReshelfStatus } from '../../index.js';
import type { OnlineFusionStatus } from '../../fusion/online/onlineStatus.js';
import { el } from '../shop/format.js';
import { dataTable, row, section } from './controls.js';

/** What on-device learning of the fusion weights reports (status().online), when personalisation runs. */
export function onlineOf(status: ReshelfStatus | undefined): OnlineFusionStatus | undefined {
  return status?.state === 'ready' ? status.online : undefined;
}

/**
 * "Learning from your clicks": the per-signal multipliers learned on this device, or why none apply yet.
 * `labels` names the signals as the ranking controls do.
 */
export function createLearningSection(labels: (signal: string) => string): { root: HTMLElement; render: (status: ReshelfStatus | undefined) => void } {
  const root = section('Learning from your clicks');
  const summary = el('p', 'note');
  const table = dataTable('multipliers', 'How much more or less each signal counts for you than in the shipped settings', ['Signal', 'Factor']);
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
    const clicks = `${online.clicks} click${online.clicks === 1 ? '' : 's'}`;
    summary.textContent = !online.enabled
      ? 'Turned off by this page: every shelf uses the shipped weights.'
      : online.active
        ? `Learned from ${clicks} on products reshelf showed you: each signal\u2019s weight is multiplied by its factor below.`
        : online.clicks === 0
          ? 'Nothing learned yet: open a product from For you or Similar items, and reshelf notes which signals put it where you found it.'
          : `Learned from ${clicks} so far. The shelves keep the shipped weights until a few more clicks confirm what you prefer.`;
    table.body.replaceChildren(...entries.sort(([, a], [, b]) => b - a).map(([signal, factor]) => row([labels(signal), [`\u00d7${factor.toFixed(2)}`, 'num']])));
    table.root.hidden = !online.active || entries.length === 0;
  }
  return { root, render };
}
