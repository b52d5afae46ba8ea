import type { RankOutcome, Reshelf } from '../../index.js';
import { ATTR_CONTEXT, ATTR_ITEM } from '../../dom/attributes.js';
import { emit } from '../state/demoEvents.js';
import { setExplanation } from './productCard.js';
import { setWidgetStatus, type WidgetFrame } from './widget.js';

export interface RankShelfOptions {
  ignoreHistory: boolean;
  /** A shelf that is the same for every shopper by design (Trending). */
  sameForEveryone?: boolean;
  /** What this shelf is called in the panels. */
  name: string;
  /** Fusion overrides from the Engine panel (undefined: the bundle's shipped configuration). */
  config?: Record<string, unknown> | undefined;
}

/** reshelf's own reason for the item now at `position` (explanations are aligned with the ranked order). */
function reasonFor(outcome: RankOutcome, position: number): string | undefined {
  return outcome.applied ? outcome.explanations?.[position] : undefined;
}

function fallbackReason(outcome: RankOutcome, position: number, total: number, ignoreHistory: boolean, sameForEveryone: boolean, hasContext: boolean): string {
  const place = `#${position + 1} of ${total}`;
  if (outcome.applied && sameForEveryone) return `${place} by popularity with all shoppers. This shelf is the same for everyone: your history is not used.`;
  if (!outcome.applied) return `Shop's own order: reshelf kept it (${outcome.reason?.code ?? 'unknown reason'}).`;
  if (outcome.personalised && ignoreHistory) return `${place}, ordered from the product on this page only: as a new shopper, your history is not used.`;
  const from = hasContext ? 'this page\u2019s product and your history on this device' : 'your history on this device';
  if (outcome.personalised) return `${place}: listed after reshelf's suggestions from ${from}, because you have already seen it (or the catalog does not know it).`;
  return ignoreHistory
    ? `${place} as a new shopper sees it: by popularity with all shoppers, without your history.`
    : `${place} by popularity with all shoppers (no history yet).`;
}

/**
 * Ranks one shelf in place through the public API, then labels it: the widget status line, and each card's
 * "why here" note (reshelf's own explanation when it gives one, otherwise what the outcome says, honestly).
 */
export async function rankShelf(reshelf: Reshelf, frame: WidgetFrame, options: RankShelfOptions): Promise<RankOutcome> {
  setWidgetStatus(frame, 'waiting', 'Ranking on this device…');
  const started = performance.now();
  const outcome = await reshelf.rank(frame.section, { ignoreHistory: options.ignoreHistory, ...(options.config ? { config: options.config } : {}) });
  const ms = performance.now() - started;
  const cards = Array.from(frame.list.querySelectorAll(`[${ATTR_ITEM}]`));
  cards.forEach((card, position) => {
    setExplanation(card, reasonFor(outcome, position) ?? fallbackReason(outcome, position, cards.length, options.ignoreHistory, options.sameForEveryone === true, frame.section.hasAttribute(ATTR_CONTEXT)));
  });
  const state = !outcome.applied ? 'original' : outcome.personalised ? 'personalised' : 'popular';
  if (state === 'original') setWidgetStatus(frame, 'original', `Shop order: reshelf kept it (${outcome.reason?.code ?? 'unknown'})`);
  else if (state === 'personalised') setWidgetStatus(frame, 'personalised', options.ignoreHistory ? 'As a new shopper sees it: from this page only' : 'Reordered for you, in this browser');
  else if (options.sameForEveryone) setWidgetStatus(frame, 'popular', 'Same for everyone: by popularity');
  else setWidgetStatus(frame, 'popular', options.ignoreHistory ? 'As a new shopper sees it: by popularity' : 'By popularity (no history yet)');
  emit('ranked', {
    widget: options.name,
    ms,
    ...(outcome.workerMs !== undefined ? { workerMs: outcome.workerMs } : {}),
    state,
    items: cards.length,
    ...(outcome.reason ? { reason: outcome.reason.code } : {}),
    at: Date.now(),
  });
  return outcome;
}
