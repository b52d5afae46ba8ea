import type { VectorTable } from '../catalog/catalogModel.js';
import type { DatasetItem } from '../datasets/dataset.js';
import { orthonormalizeColumns, symmetricEigen } from './linalg.js';
import { gaussianSource, seededRandom } from './random.js';
import { tokenize } from './tokenize.js';

export interface ContentOptions {
  /** Output dimension (the bundle's content vector size). */
  dim: number;
  /** Weight of categorical tags (brand, attribute ids) relative to words of the free text. */
  tagWeight: number;
  /** Power iterations of the randomized SVD (more = closer to the exact top singular vectors). */
  powerIterations: number;
  seed: number;
  /**
   * Terms found in fewer items than this are left out of the vectors (after each row is normalised with all its
   * terms, so the cosine of two items is unchanged). A term of one item only never adds to the similarity of two
   * different items, but a truncated SVD spends dimensions on it; 2 keeps every shared term. Optional: 1 (keep
   * all) when absent.
   */
  minDocumentFrequency?: number;
  /**
   * When > 0, also a content neighbour table (`model.neighbours.content`, src/training/contentNeighbours.ts): each
   * item's `neighbours` most similar items by exact TF-IDF cosine, which the `contentKnn` signal scores through
   * (beside the content signal over the reduced vectors). Optional: absent or 0 builds none.
   */
  neighbours?: number;
}

export const DEFAULT_CONTENT_OPTIONS: ContentOptions = { dim: 128, tagWeight: 1, powerIterations: 2, seed: 11 };

/** TF-IDF rows (CSR), each L2-normalised over all its terms; `vocabulary` = the number of columns kept. */
export interface SparseRows {
  start: Int32Array;
  columns: Int32Array;
  values: Float64Array;
  vocabulary: number;
}

/**
 * Content vectors: TF-IDF over each item's words (Intl.Segmenter) and tags, rows L2-normalised, reduced to
 * `dim` dimensions by truncated SVD (randomized range finder, Halko et al. 2011): item i's vector is its
 * row of U_k S_k, i.e. its coordinates in the top-k latent semantic space, then L2-normalised so that a dot
 * product is a cosine. SVD rather than random projection because it keeps the directions that carry the
 * most variance; at 128 dimensions random projection distorts cosines of a 10k-word vocabulary visibly.
 * When the vocabulary is not larger than `dim`, the normalised TF-IDF rows are used as they are (zero padded).
 */
export function buildContentVectors(items: readonly DatasetItem[], options: ContentOptions = DEFAULT_CONTENT_OPTIONS): VectorTable {
  const tfidf = buildTfIdf(items, options.tagWeight, options.minDocumentFrequency ?? 1);
  const n = items.length;
  if (tfidf.vocabulary <= options.dim) {
    const dim = options.dim;
    const values = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) {
      for (let p = tfidf.start[i]!; p < tfidf.start[i + 1]!; p++) values[i * dim + tfidf.columns[p]!] = tfidf.values[p]!;
    }
    return { dtype: 'float32', count: n, dim, values };
  }
  return { dtype: 'float32', count: n, dim: options.dim, values: truncatedSvdRows(tfidf, n, options) };
}

/** Sublinear TF x smoothed IDF over an item's words (`text`) and tags (x `tagWeight`), rows L2-normalised. */
export function buildTfIdf(items: readonly DatasetItem[], tagWeight: number, minDocumentFrequency = 1): SparseRows {
  const vocabulary = new Map<string, number>();
  const documentFrequency: number[] = [];
  const bags = items.map((item) => {
    const bag = new Map<number, number>();
    const add = (token: string, weight: number): void => {
      let id = vocabulary.get(token);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(token, id);
        documentFrequency.push(0);
      }
      bag.set(id, (bag.get(id) ?? 0) + weight);
    };
    for (const word of tokenize(item.text)) add(`w:${word}`, 1);
    for (const tag of item.tags) add(`t:${tag}`, tagWeight);
    for (const id of bag.keys()) documentFrequency[id]!++;
    return bag;
  });
  const n = items.length;
  // Kept terms get dense column ids in first-seen order (all terms when minDocumentFrequency <= 1).
  const column = new Int32Array(documentFrequency.length).fill(-1);
  let kept = 0;
  for (let id = 0; id < documentFrequency.length; id++) if (documentFrequency[id]! >= minDocumentFrequency) column[id] = kept++;
  const start = new Int32Array(n + 1);
  const columns: number[] = [];
  const values: number[] = [];
  bags.forEach((bag, i) => {
    let norm = 0;
    const row: [number, number][] = [];
    for (const [id, tf] of bag) {
      const weight = (1 + Math.log(tf)) * Math.log((1 + n) / (1 + documentFrequency[id]!)) + 1e-9;
      row.push([id, weight]);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    row.sort((a, b) => a[0] - b[0]);
    for (const [id, weight] of row) {
      if (column[id]! < 0) continue;
      columns.push(column[id]!);
      values.push(weight / norm);
    }
    start[i + 1] = columns.length;
  });
  return { start, columns: Int32Array.from(columns), values: Float64Array.from(values), vocabulary: kept };
}

/** Rows of U_k S_k for the sparse n x V matrix A, L2-normalised, as float32 n x k. */
function truncatedSvdRows(a: SparseRows, n: number, options: ContentOptions): Float32Array {
  const k = options.dim;
  const l = Math.min(k + 10, a.vocabulary, n);
  const normal = gaussianSource(seededRandom(options.seed));
  // Column-major n x l: Y = A * Omega.
  let omega: Float64Array = new Float64Array(a.vocabulary * l);
  for (let p = 0; p < omega.length; p++) omega[p] = normal();
  let y: Float64Array = multiplyA(a, n, omega, l);
  for (let q = 0; q < options.powerIterations; q++) {
    // One Gram-Schmidt pass suffices between power iterations; only the final basis needs full precision.
    orthonormalizeColumns(y, n, l, 1);
    omega = multiplyAT(a, n, y, l);
    orthonormalizeColumns(omega, a.vocabulary, l, 1);
    y = multiplyA(a, n, omega, l);
  }
  orthonormalizeColumns(y, n, l);
  // B = Q^T A (l x V); B B^T = (A^T Q)^T (A^T Q).
  const atq = multiplyAT(a, n, y, l); // column-major V x l
  const bbt = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    const ci = atq.subarray(i * a.vocabulary, (i + 1) * a.vocabulary);
    for (let j = i; j < l; j++) {
      const cj = atq.subarray(j * a.vocabulary, (j + 1) * a.vocabulary);
      let s = 0;
      for (let r = 0; r < a.vocabulary; r++) s += ci[r]! * cj[r]!;
      bbt[i * l + j] = s;
      bbt[j * l + i] = s;
    }
  }
  // B = W S V^T, so A ~ Q W S V^T and the item coordinates are Q W S = Q (B B^T eigenvectors) sqrt(eigenvalues).
  const { values, vectors } = symmetricEigen(bbt, l);
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < l; j++) s += y[j * n + i]! * vectors[j * l + c]!;
      s *= Math.sqrt(Math.max(values[c]!, 0));
      out[i * k + c] = s;
      norm += s * s;
    }
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < k; c++) out[i * k + c]! /= norm;
  }
  return out;
}

/** A (n x V sparse) times M (V x l, column-major) -> n x l column-major. */
function multiplyA(a: SparseRows, n: number, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(n * l);
  const v = a.vocabulary;
  for (let i = 0; i < n; i++) {
    for (let p = a.start[i]!; p < a.start[i + 1]!; p++) {
      const col = a.columns[p]!;
      const value = a.values[p]!;
      for (let j = 0; j < l; j++) out[j * n + i]! += value * m[j * v + col]!;
    }
  }
  return out;
}

/** A^T (V x n) times M (n x l, column-major) -> V x l column-major. */
function multiplyAT(a: SparseRows, n: number, m: Float64Array, l: number): Float64Array {
  const v = a.vocabulary;
  const out = new Float64Array(v * l);
  for (let i = 0; i < n; i++) {
    for (let p = a.start[i]!; p < a.start[i + 1]!; p++) {
      const col = a.columns[p]!;
      const value = a.values[p]!;
      for (let j = 0; j < l; j++) out[j * v + col]! += value * m[j * n + i]!;
    }
  }
  return out;
}
