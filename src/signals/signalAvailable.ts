import type { CatalogModel } from '../catalog/catalogModel.js';
import type { SignalName } from './registry.js';

/** Whether the catalog model has what `signal` needs (tuning searches only these; eval reports only these by default; the ranking bench times only these). */
export function signalAvailable(model: CatalogModel, signal: SignalName): boolean {
  switch (signal) {
    case 'pop':
      return !!model.popularity;
    case 'content':
      return !!model.content;
    case 'cf':
      return !!model.cf;
    case 'knn':
      return !!model.neighbours?.cosine;
    case 'pearson':
      return !!model.neighbours?.pearson;
    case 'ease':
      return !!model.neighbours?.learned;
    case 'sequence':
      return !!model.transitions;
    case 'prototypes':
      return !!model.prototypes && model.prototypes.centroids.count > 0;
    case 'contentKnn':
      return !!model.neighbours?.content;
    case 'model':
      return !!model.sequenceModel;
  }
}
