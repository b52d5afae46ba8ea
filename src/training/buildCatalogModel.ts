import type { CatalogModel } from '../catalog/catalogModel.js';
import type { DatasetItem, UserSequence } from '../datasets/dataset.js';
import { buildContentNeighbours } from './contentNeighbours.js';
import { DEFAULT_CONTENT_OPTIONS, buildContentVectors, type ContentOptions } from './contentVectors.js';
import { fillColdItemFactors } from './coldItemFactors.js';
import { buildCooccurrence } from './cooccurrence.js';
import { DEFAULT_EASE_OPTIONS, buildEaseNeighbours, type EaseOptions } from './ease.js';
import { DEFAULT_ALS_OPTIONS, trainImplicitAls, type AlsOptions } from './implicitAls.js';
import { buildInteractionMatrix } from './interactionMatrix.js';
import { DEFAULT_NEIGHBOURS_PER_ITEM, buildItemNeighbours } from './itemNeighbours.js';
import { DEFAULT_POPULARITY_OPTIONS, buildPopularity, type PopularityOptions } from './popularity.js';
import { DEFAULT_PROTOTYPE_OPTIONS, buildPrototypes, type PrototypeOptions } from './prototypes.js';
import { DEFAULT_TRANSITION_OPTIONS, buildTransitions, type TransitionOptions } from './transitions.js';

export interface TrainingOptions {
  popularity: PopularityOptions;
  neighboursPerItem: number;
  ease: EaseOptions;
  transitions: TransitionOptions;
  als: AlsOptions;
  content: ContentOptions;
  prototypes: PrototypeOptions;
  /** Which sections to build (all by default); a bundle may leave some out. */
  sections: { content: boolean; cf: boolean; neighbours: boolean; pearson: boolean; ease: boolean; transitions: boolean; prototypes: boolean };
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  popularity: DEFAULT_POPULARITY_OPTIONS,
  neighboursPerItem: DEFAULT_NEIGHBOURS_PER_ITEM,
  ease: DEFAULT_EASE_OPTIONS,
  transitions: DEFAULT_TRANSITION_OPTIONS,
  als: DEFAULT_ALS_OPTIONS,
  content: DEFAULT_CONTENT_OPTIONS,
  prototypes: DEFAULT_PROTOTYPE_OPTIONS,
  sections: { content: true, cf: true, neighbours: true, pearson: true, ease: true, transitions: true, prototypes: true },
};

/** Time spent per section, for reports (ms). */
export type TrainingTimings = Record<string, number>;

/**
 * Builds every server-side section of a CatalogModel from TRAINING interactions only (the caller passes the
 * training part of a split, or a shop's whole log). Pure: same inputs, same model. Each section is also
 * available as its own builder for `reshelf build`, which may replace some (e.g. imported Spark ALS factors).
 */
export function buildCatalogModel(
  items: readonly DatasetItem[],
  train: readonly UserSequence[],
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
  timings: TrainingTimings = {},
): CatalogModel {
  const n = items.length;
  const time = <T>(name: string, build: () => T): T => {
    const start = performance.now();
    const result = build();
    timings[name] = performance.now() - start;
    return result;
  };
  const sections = options.sections;
  const model: CatalogModel = {
    version: 'training',
    ids: items.map((item) => item.id),
    attributes: items.map((item) => item.attributes),
    popularity: time('popularity', () => buildPopularity(train, n, options.popularity)),
  };
  const matrix = time('matrix', () => buildInteractionMatrix(train, n));
  if (sections.neighbours || sections.pearson || sections.ease) {
    const co = time('cooccurrence', () => buildCooccurrence(matrix));
    model.neighbours = {};
    if (sections.neighbours) model.neighbours.cosine = time('cosine', () => buildItemNeighbours(matrix, co, { similarity: 'cosine', k: options.neighboursPerItem }));
    if (sections.pearson) model.neighbours.pearson = time('pearson', () => buildItemNeighbours(matrix, co, { similarity: 'pearson', k: options.neighboursPerItem }));
    if (sections.ease) model.neighbours.learned = time('ease', () => buildEaseNeighbours(matrix, co, options.ease));
  }
  if (sections.transitions) model.transitions = time('transitions', () => buildTransitions(train, n, options.transitions));
  if (sections.content) {
    model.content = time('content', () => buildContentVectors(items, options.content));
    const k = options.content.neighbours ?? 0;
    if (k > 0) model.neighbours = { ...model.neighbours, content: time('contentNeighbours', () => buildContentNeighbours(items, k, options.content)) };
  }
  if (sections.cf || sections.prototypes) {
    const factors = time('als', () => trainImplicitAls(matrix, options.als));
    if (model.content) {
      const hasFactor = new Uint8Array(n);
      for (let i = 0; i < n; i++) hasFactor[i] = matrix.itemStart[i + 1]! > matrix.itemStart[i]! ? 1 : 0;
      time('coldItems', () => fillColdItemFactors(model.content!, factors.items, factors.factors, hasFactor));
    }
    model.cf = { dtype: 'float32', count: n, dim: factors.factors, values: factors.items, regularization: options.als.regularization, confidence: options.als.alpha };
    if (sections.prototypes) model.prototypes = time('prototypes', () => buildPrototypes(factors.users, factors.factors, options.prototypes));
  }
  return model;
}
