/**
 * React bindings for reshelf (`import { useReshelf, useRankedIds } from 'reshelf/react'`). React is an optional
 * peer dependency: only this entry imports it. Under server-side rendering effects do not run, so no worker
 * starts and the original order is rendered; ranking happens after hydration.
 */
import { useEffect, useState } from 'react';
import { createReshelf, type RankOptions, type RankOutcome, type Reshelf } from '../api/createReshelf.js';
import type { ReshelfOptions } from '../api/options.js';

/**
 * Starts reshelf when the component mounts and closes it when it unmounts (or when the catalog URL changes).
 * Returns undefined until the effect has run, e.g. during server-side rendering and the first render.
 */
export function useReshelf(options: ReshelfOptions): Reshelf | undefined {
  const [instance, setInstance] = useState<Reshelf>();
  const catalog = String(options.catalog);
  useEffect(() => {
    const reshelf = createReshelf(options);
    setInstance(reshelf);
    return () => {
      reshelf.close();
      setInstance(undefined);
    };
    // Only the catalog identifies an instance; other options are read once, when it starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalog]);
  return instance;
}

/** What `useRankedIds` returns: the ids to render, in order, and how they were ordered. */
export interface RankedIds {
  /** The ids to render: the given order until ranking finishes (or when it keeps the original order). */
  items: string[];
  /** The ranking result once there is one. */
  outcome?: RankOutcome;
}

/**
 * Orders a list of item ids for this shopper, for components that render their own list (React must own its
 * DOM, so this ranks ids rather than moving elements). Re-ranks when the ids or the context change.
 */
export function useRankedIds(reshelf: Reshelf | undefined, ids: readonly string[], options: RankOptions = {}): RankedIds {
  const key = [ids.join("\u0000"), (options.context ?? []).join("\u0000"), options.ignoreHistory === true].join("\u0001");
  const [state, setState] = useState<{ key: string; result: RankedIds }>({ key, result: { items: [...ids] } });
  useEffect(() => {
    if (!reshelf) return;
    let current = true;
    void reshelf.rank([...ids], options).then((outcome) => {
      if (current) setState({ key, result: { items: outcome.items, outcome } });
    });
    return () => {
      current = false;
    };
    // `key` stands for ids and options.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reshelf, key]);
  return state.key === key ? state.result : { items: [...ids] };
}
