import type { CatalogModel, NeighbourTable } from '../catalog/catalogModel.js';
import type { ShopperHistory } from '../signals/history.js';
import type { SignalName } from '../signals/registry.js';
import { vectorRow } from '../signals/scoreItemVectors.js';

/** Why an item is in the list: the signal that contributed most, and the history item behind it if any. */
export interface Explanation {
  signal: SignalName | 'rule';
  /** Dense index of the shopper's item that led here ("shoppers who liked X also liked this"). */
  because?: number;
  /** Short human-readable reason, e.g. "Similar to Rose Lip Balm". Plain text, never markup. */
  text: string;
}

function title(model: CatalogModel, item: number): string {
  return model.attributes[item]?.title ?? model.ids[item] ?? String(item);
}

function strongestSource(table: NeighbourTable | undefined, history: ShopperHistory, item: number): number | undefined {
  if (!table) return undefined;
  let best: number | undefined;
  let bestWeight = 0;
  for (const event of history.events) {
    for (let p = event.item * table.k; p < (event.item + 1) * table.k; p++) {
      if (table.items[p] === item && table.weights[p]! > bestWeight) {
        bestWeight = table.weights[p]!;
        best = event.item;
      }
    }
  }
  return best;
}

/** Builds the explanation for `item`, given the signal with the largest weighted contribution. */
export function explain(model: CatalogModel, history: ShopperHistory, item: number, signal: SignalName): Explanation {
  let because: number | undefined;
  switch (signal) {
    case 'knn':
      because = strongestSource(model.neighbours?.cosine, history, item);
      break;
    case 'pearson':
      because = strongestSource(model.neighbours?.pearson, history, item);
      break;
    case 'ease':
      because = strongestSource(model.neighbours?.learned, history, item);
      break;
    case 'sequence':
      because = strongestSource(model.transitions, history, item);
      break;
    case 'contentKnn':
      because = strongestSource(model.neighbours?.content, history, item);
      break;
    case 'content':
      if (model.content) {
        const target = vectorRow(model.content, item);
        let best = -Infinity;
        for (const event of history.events) {
          const v = vectorRow(model.content, event.item);
          let dot = 0;
          for (let d = 0; d < v.length; d++) dot += v[d]! * target[d]!;
          if (dot > best) {
            best = dot;
            because = event.item;
          }
        }
      }
      break;
    default:
      break;
  }
  if (because !== undefined) {
    const name = title(model, because);
    // Neighbour links (knn, pearson, ease) come from other shoppers' aggregate logs, not from the two items being
    // alike: say so, or an item from another department reads as a non sequitur.
    if (signal === 'sequence') return { signal, because, text: `Often chosen after ${name}` };
    if (signal === 'content' || signal === 'contentKnn') return { signal, because, text: `Similar to ${name}` };
    return { signal, because, text: `Shoppers who liked ${name} also liked this` };
  }
  if (signal === 'cf' || signal === 'prototypes') return { signal, text: 'Popular with shoppers like you' };
  if (signal === 'model') return { signal, text: 'Suggested by your recent items' };
  const category = model.attributes[item]?.category?.[0];
  return { signal, text: category ? `Popular in ${category}` : 'Popular right now' };
}
