// Type tests of the published declarations (checked by `tsc` against the installed tarball; never run).
import { createReshelf, EVENT_TYPES, type Reshelf, type RankOutcome, type ReshelfStatus, type ReshelfErrorCode, type TrackEvent } from 'reshelf';
import { useRankedIds, useReshelf, type RankedIds } from 'reshelf/react';

const reshelf: Reshelf = createReshelf({ catalog: '/reshelf/manifest.json', storage: 'memory', timeoutMs: 5000 });
reshelf.track({ type: 'add_to_cart', itemId: 'sku-1', value: 2 });
// @ts-expect-error: not an event type
reshelf.track({ type: 'like', itemId: 'sku-1' });
// @ts-expect-error: itemId is required
reshelf.track({ type: 'click' });
// @ts-expect-error: catalog is required
createReshelf({});
const event: TrackEvent = { type: EVENT_TYPES[0], itemId: 'x' };
const outcome: Promise<RankOutcome> = reshelf.rank(['a', 'b'], { context: ['a'] });
const status: ReshelfStatus = reshelf.status();
if (status.state === 'unavailable') {
  const code: ReshelfErrorCode = status.reason.code;
  const consent: ReshelfErrorCode = 'NO_CONSENT';
  void code;
  void consent;
}
if (status.state === 'ready') {
  const items: number = status.catalog.items;
  void items;
}
// @ts-expect-error: catalog exists only when ready
void status.catalog;
const hook: Reshelf | undefined = useReshelf({ catalog: '/x' });
const ranked: RankedIds = useRankedIds(hook, ['a']);
const first: string | undefined = ranked.items[0];
void event;
void outcome;
void first;
