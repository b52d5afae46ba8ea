import type { ReshelfApplications } from './applicationMethods.js';

type Result<K extends keyof ReshelfApplications> = Awaited<ReturnType<ReshelfApplications[K]>>;

/**
 * What each application answers when it cannot answer (next to a `reason`): nothing ranked, nothing imported.
 * Its own file, so the script-tag loader's stand-in (src/embed/lazyApplications.ts) answers the same way.
 */
export function emptyApplicationResult<K extends keyof ReshelfApplications>(name: K): Result<K> {
  const empty: { [N in keyof ReshelfApplications]: Result<N> } = {
    newArrivals: { items: [], scores: [], personalised: false },
    shops: { shops: [], personalised: false },
    coupons: { coupons: [], personalised: false },
    exportProfile: {},
    importProfile: { imported: 0 },
  };
  return empty[name];
}
