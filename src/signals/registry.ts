import type { CatalogModel } from '../catalog/catalogModel.js';
import { DEFAULT_CF_SIGNAL, scoreCf, type CfSignalOptions } from './cfFoldInSignal.js';
import { DEFAULT_CONTENT_SIGNAL, scoreContent, type ContentSignalOptions } from './contentSignal.js';
import type { ShopperHistory } from './history.js';
import { DEFAULT_CONTENT_KNN_SIGNAL, DEFAULT_EASE_SIGNAL, DEFAULT_ITEM_KNN, scoreItemKnn, type ItemKnnOptions } from './itemKnnSignal.js';
import { DEFAULT_POPULARITY_SIGNAL, scorePopularity, type PopularitySignalOptions } from './popularitySignal.js';
import { DEFAULT_PROTOTYPE_SIGNAL, scorePrototypes, type PrototypeSignalOptions } from './prototypeSignal.js';
import { DEFAULT_SEQUENCE, scoreSequence, type SequenceOptions } from './sequenceSignal.js';
import { scoreSequenceModel } from '../models/sequenceQueries.js';

/**
 * Every on-device signal under one name, so fusion, the worker and `reshelf eval` address them alike.
 * `knn` and `ease` are the same item-based CF module over two neighbour tables (cosine vs learned weights);
 * `pearson` the same over Pearson neighbours, `contentKnn` over the exact content neighbours (the optional
 * bundle section neighbours.content; abstains without it). `model` is a trained deep sequence model (src/models, issue 8):
 * it needs the catalog's `sequenceModel` and a user vector computed before ranking, else it abstains.
 */
export const SIGNAL_NAMES = ['pop', 'content', 'cf', 'knn', 'pearson', 'ease', 'sequence', 'prototypes', 'contentKnn', 'model'] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

export interface SignalOptions {
  pop: PopularitySignalOptions;
  content: ContentSignalOptions;
  cf: CfSignalOptions;
  knn: ItemKnnOptions;
  pearson: ItemKnnOptions;
  ease: ItemKnnOptions;
  sequence: SequenceOptions;
  prototypes: PrototypeSignalOptions;
  /** Optional so configurations written before this signal existed stay complete; absent = DEFAULT_CONTENT_KNN_SIGNAL. */
  contentKnn?: ItemKnnOptions;
}

export const DEFAULT_SIGNAL_OPTIONS: SignalOptions = {
  pop: DEFAULT_POPULARITY_SIGNAL,
  content: DEFAULT_CONTENT_SIGNAL,
  cf: DEFAULT_CF_SIGNAL,
  knn: DEFAULT_ITEM_KNN,
  pearson: { ...DEFAULT_ITEM_KNN, neighbours: 'pearson' },
  ease: DEFAULT_EASE_SIGNAL,
  sequence: DEFAULT_SEQUENCE,
  prototypes: DEFAULT_PROTOTYPE_SIGNAL,
  contentKnn: DEFAULT_CONTENT_KNN_SIGNAL,
};

/** Scores every item into `out` (length = catalog size). Returns false when the signal abstains. */
export function computeSignal(name: SignalName, model: CatalogModel, history: ShopperHistory, options: SignalOptions, out: Float32Array): boolean {
  switch (name) {
    case 'pop':
      return scorePopularity(model, options.pop, out);
    case 'content':
      return scoreContent(model, history, options.content, out);
    case 'cf':
      return scoreCf(model, history, options.cf, out);
    case 'knn':
      return scoreItemKnn(model, history, options.knn, out);
    case 'pearson':
      return scoreItemKnn(model, history, options.pearson, out);
    case 'ease':
      return scoreItemKnn(model, history, options.ease, out);
    case 'sequence':
      return scoreSequence(model, history, options.sequence, out);
    case 'prototypes':
      return scorePrototypes(model, history, options.prototypes, out);
    case 'contentKnn':
      return scoreItemKnn(model, history, { ...(options.contentKnn ?? DEFAULT_CONTENT_KNN_SIGNAL), neighbours: 'content' }, out);
    case 'model':
      return scoreSequenceModel(model, history, out);
  }
}

/** Signals that score only items linked to the history (most items 0): a 0 there means "no opinion". */
export const SPARSE_SIGNALS: ReadonlySet<SignalName> = new Set<SignalName>(['knn', 'pearson', 'ease', 'sequence', 'contentKnn']);
