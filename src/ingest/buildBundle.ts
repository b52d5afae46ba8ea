import type { CleaningReport } from '../catalog/bundleManifest.js';
import type { CatalogModel, Coupon } from '../catalog/catalogModel.js';
import { writeBundleFiles } from '../catalog/writeBundle.js';
import type { BundleModelInput } from '../models/modelBundleSection.js';
import { interactionCount, type Dataset } from '../datasets/dataset.js';
import { DEFAULT_CF_SIGNAL, foldInUser } from '../signals/cfFoldInSignal.js';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from '../training/buildCatalogModel.js';
import { buildContentVectors } from '../training/contentVectors.js';
import { buildCooccurrence, type Cooccurrence } from '../training/cooccurrence.js';
import { buildEaseNeighbours } from '../training/ease.js';
import { trainImplicitAls, type AlsFactors, type AlsOptions } from '../training/implicitAls.js';
import { buildInteractionMatrix, type InteractionMatrix } from '../training/interactionMatrix.js';
import { buildItemNeighbours } from '../training/itemNeighbours.js';
import { buildPopularity } from '../training/popularity.js';
import { buildPrototypes } from '../training/prototypes.js';
import { buildTransitions } from '../training/transitions.js';
import type { SparkFactors } from './readSparkFactors.js';

/** Sections a build may leave out (`reshelf build --skip`); items and popularity are always built. */
export const OPTIONAL_SECTIONS = ['content', 'cf', 'cosine', 'pearson', 'ease', 'transitions', 'prototypes'] as const;
export type OptionalSection = (typeof OPTIONAL_SECTIONS)[number];

export interface BundleBuildOptions {
  training: TrainingOptions;
  skip: ReadonlySet<OptionalSection>;
  /** Imported item factors (Spark ALS) with the fold-in parameters they were trained with; replace local ALS. */
  imported?: { factors: SparkFactors; regularization: number; alpha: number | undefined; source: string };
  vectorDtype: 'int8' | 'float32';
  config?: Record<string, unknown>;
  /** Trained sequence models already aligned to the dataset's items (`reshelf build --model a[,b...]`); several = an ensemble. */
  sequenceModelFiles?: BundleModelInput | readonly BundleModelInput[];
  coupons?: readonly Coupon[];
  cleaning?: CleaningReport;
  /** Written into the manifest's `build` (input description, options). */
  describe: Record<string, unknown>;
  /**
   * Runs ALS; the CLI passes one that uses a worker thread so ALS overlaps with the other steps. It is started
   * right after the interaction matrix and awaited when the CF section is due. Default: inline.
   */
  trainAls?: (matrix: InteractionMatrix, options: AlsOptions) => Promise<AlsFactors>;
}

export const DEFAULT_BUNDLE_BUILD_OPTIONS: BundleBuildOptions = {
  training: DEFAULT_TRAINING_OPTIONS,
  skip: new Set(),
  vectorDtype: 'int8',
  describe: {},
};

export interface BundleBuildResult {
  files: Map<string, Uint8Array>;
  /** Milliseconds per step, in the order they ran (a parallel ALS step counts only the wait for it). */
  timings: [step: string, ms: number][];
  /** Wall time of ALS from its start in the worker thread to its result, when it ran in parallel. */
  parallelAlsMs?: number;
  model: Omit<CatalogModel, 'version'>;
}

/** Called before each step with its name and position, so a CLI can draw progress. */
export type StepListener = (step: string, done: number, total: number) => void;

/**
 * From a dataset (a shop export after cleaning, or a research set) to bundle files: every section is computed
 * by the shared builders in src/training (the same code `reshelf eval` trains with), then serialised by
 * writeBundleFiles. Imported CF factors replace local ALS; shopper prototypes are then built from user vectors
 * folded in against the imported factors with the on-device fold-in, so they live in the same space the
 * browser computes. Steps are synchronous; the loop yields between them so a progress bar can redraw.
 */
export async function buildBundle(dataset: Dataset, options: BundleBuildOptions, onStep: StepListener = () => {}): Promise<BundleBuildResult> {
  const { training, skip } = options;
  const n = dataset.items.length;
  const train = dataset.users;
  const wants = (section: OptionalSection) => !skip.has(section);
  const timings: [string, number][] = [];
  const plan: string[] = ['popularity', 'interaction matrix'];
  if (wants('cosine') || wants('pearson') || wants('ease')) plan.push('co-occurrence');
  if (wants('cosine')) plan.push('cosine neighbours');
  if (wants('pearson')) plan.push('pearson neighbours');
  if (wants('ease')) plan.push('EASE neighbours');
  if (wants('transitions')) plan.push('transitions');
  if (wants('content')) plan.push('content vectors');
  if (wants('cf') || wants('prototypes')) plan.push(options.imported ? 'user fold-in (imported CF)' : options.trainAls ? 'CF vectors (implicit ALS, parallel)' : 'CF vectors (implicit ALS)');
  if (wants('prototypes')) plan.push('shopper prototypes');
  plan.push('write bundle');
  let done = 0;
  const step = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    onStep(name, done, plan.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const start = performance.now();
    const result = await work();
    timings.push([name, performance.now() - start]);
    done++;
    return result;
  };

  const model: Omit<CatalogModel, 'version'> = { ids: dataset.items.map((item) => item.id), attributes: dataset.items.map((item) => item.attributes) };
  const popularity = await step('popularity', () => buildPopularity(train, n, training.popularity));
  const matrix: InteractionMatrix = await step('interaction matrix', () => buildInteractionMatrix(train, n));
  const alsStarted = performance.now();
  let parallelAlsMs: number | undefined;
  const localAls = !options.imported && (wants('cf') || wants('prototypes')) && options.trainAls ? options.trainAls(matrix, training.als) : undefined;
  // A failure surfaces where the result is awaited; do not let it count as unhandled meanwhile.
  localAls?.catch(() => {});
  let co: Cooccurrence | undefined;
  if (wants('cosine') || wants('pearson') || wants('ease')) co = await step('co-occurrence', () => buildCooccurrence(matrix));
  const neighbours: NonNullable<CatalogModel['neighbours']> = {};
  if (co && wants('cosine')) neighbours.cosine = await step('cosine neighbours', () => buildItemNeighbours(matrix, co, { similarity: 'cosine', k: training.neighboursPerItem }));
  if (co && wants('pearson')) neighbours.pearson = await step('pearson neighbours', () => buildItemNeighbours(matrix, co, { similarity: 'pearson', k: training.neighboursPerItem }));
  if (co && wants('ease')) neighbours.learned = await step('EASE neighbours', () => buildEaseNeighbours(matrix, co, training.ease));
  if (Object.keys(neighbours).length > 0) model.neighbours = neighbours;
  if (wants('transitions')) model.transitions = await step('transitions', () => buildTransitions(train, n, { ...training.transitions, k: training.neighboursPerItem }));
  // The truncated SVD finds at most one dimension per item: a catalog smaller than the requested dimension
  // gets vectors of its own size (the builder would otherwise leave the extra columns undefined).
  const content = { ...training.content, dim: Math.max(1, Math.min(training.content.dim, n)) };
  if (wants('content')) model.content = await step('content vectors', () => buildContentVectors(dataset.items, content));

  if (wants('cf') || wants('prototypes')) {
    if (options.imported) {
      const { factors, regularization, alpha } = options.imported;
      const cf: NonNullable<CatalogModel['cf']> = { ...factors.table, regularization, ...(alpha !== undefined ? { confidence: alpha } : {}) };
      if (wants('cf')) model.cf = cf;
      if (wants('prototypes')) {
        const users = await step('user fold-in (imported CF)', () => foldInUsers(dataset, cf));
        model.prototypes = await step('shopper prototypes', () => buildPrototypes(users, cf.dim, training.prototypes));
      }
    } else {
      const als = localAls
        ? await step('CF vectors (implicit ALS, parallel)', async () => {
            const factors = await localAls;
            parallelAlsMs = performance.now() - alsStarted;
            return factors;
          })
        : await step('CF vectors (implicit ALS)', () => trainImplicitAls(matrix, training.als));
      if (wants('cf')) model.cf = { dtype: 'float32', count: n, dim: als.factors, values: als.items, regularization: training.als.regularization, confidence: training.als.alpha };
      if (wants('prototypes')) model.prototypes = await step('shopper prototypes', () => buildPrototypes(als.users, als.factors, training.prototypes));
    }
  }

  const decayedTo = latestTimestamp(dataset);
  const files = await step('write bundle', () =>
    writeBundleFiles({
      ...model,
      popularity: { ...popularity, halfLifeDays: training.popularity.halfLifeDays, decayedTo },
      vectorDtype: options.vectorDtype,
      ...(options.config ? { config: options.config } : {}),
      ...(options.sequenceModelFiles ? { sequenceModelFiles: options.sequenceModelFiles } : {}),
      ...(options.coupons ? { coupons: options.coupons } : {}),
      ...(options.cleaning ? { cleaning: options.cleaning } : {}),
      build: {
        ...options.describe,
        users: train.length,
        interactions: interactionCount(train),
        cf: options.imported
          ? { source: options.imported.source, dim: options.imported.factors.table.dim, matchedItems: options.imported.factors.matched, unmatchedRows: options.imported.factors.unmatched, files: options.imported.factors.files.length }
          : { source: 'implicit ALS (reshelf build)', ...training.als },
        skipped: [...skip],
        options: { neighboursPerItem: training.neighboursPerItem, ease: training.ease, content: training.content, prototypes: training.prototypes, popularity: training.popularity },
      },
    }),
  );
  model.popularity = popularity;
  return { files, timings, model, ...(parallelAlsMs !== undefined ? { parallelAlsMs } : {}) };
}

function latestTimestamp(dataset: Dataset): number | null {
  let latest = -Infinity;
  for (const user of dataset.users) if (user.timestamps) for (const t of user.timestamps) if (t > latest) latest = t;
  return Number.isFinite(latest) ? latest : null;
}

/** Every training user's vector against fixed item factors, by the same fold-in the browser runs. */
function foldInUsers(dataset: Dataset, cf: NonNullable<CatalogModel['cf']>): Float32Array {
  const model: CatalogModel = { version: 'build', ids: [], attributes: [], cf };
  const out = new Float32Array(dataset.users.length * cf.dim);
  const options = { ...DEFAULT_CF_SIGNAL, window: Number.MAX_SAFE_INTEGER };
  dataset.users.forEach((user, u) => {
    const events = Array.from(user.items, (item, p) => ({ item, ...(user.types ? { type: user.types[p]! } : {}) }));
    const vector = foldInUser(model, { events }, options);
    if (vector) out.set(vector, u * cf.dim);
  });
  return out;
}
