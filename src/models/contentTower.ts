import * as tf from '@tensorflow/tfjs-core';
import { matMul } from './layers.js';

/**
 * Content tower (`reshelf train --content-tower <k>`): during training every item's embedding is its own free row
 * plus a shared linear map of its content vector,
 *
 *   e_i = E[i] + c_i W        (c_i: the item's k-dimensional content vector, W: k x D, trained)
 *
 * Content initialisation (`--init-items content`) only starts E at the content vectors; the free rows then drift
 * and the text is forgotten for every item with enough interactions, and rare items keep a start they cannot
 * improve. With the tower the text stays part of every item's representation, through one W learned from all
 * items together, and k can exceed the model's width D: a 256-dimensional content vector can feed a 64-wide
 * model, whose encoding in the browser costs what a 64-wide model costs.
 *
 * The saved model is an ordinary one: at export `item_embedding` holds E + C W (materialise), so bundles, eval
 * and the worker need nothing new.
 */
export interface ContentTower {
  /** [(itemCount + 1) x k], row 0 (the padding token) zero. */
  content: tf.Tensor2D;
  /** [k x D], trained with the model. */
  projection: tf.Variable;
}

export const CONTENT_PROJECTION = 'content_projection';

/** `vectors` [itemCount x k] in dataset order. W starts small (std 0.1 / sqrt(k)): the tower adds to E, it does not replace it. */
export function createContentTower(vectors: Float32Array, itemCount: number, k: number, dim: number, seed: number): ContentTower {
  if (!(Number.isInteger(k) && k > 0)) throw new Error(`MODEL_BAD_OPTION: the content tower needs a whole number of content dimensions > 0 (got ${k}).`);
  if (vectors.length !== itemCount * k) throw new Error(`MODEL_BAD_OPTION: the content tower got ${vectors.length} values for ${itemCount} items x ${k}.`);
  const padded = new Float32Array((itemCount + 1) * k);
  padded.set(vectors, k);
  const projection = tf.tidy(() => tf.variable(tf.randomNormal([k, dim], 0, 0.1 / Math.sqrt(k), 'float32', seed), true, CONTENT_PROJECTION));
  return { content: tf.tensor2d(padded, [itemCount + 1, k]), projection };
}

/** E + C W: the item table the model trains and scores with. */
export function towerItemTable(itemEmbedding: tf.Tensor, tower: ContentTower): tf.Tensor2D {
  return tf.add(itemEmbedding, matMul(tower.content, tower.projection)) as tf.Tensor2D;
}

/** The parameters with `item_embedding` replaced by E + C W (a new tensor; the caller disposes it, or runs in a tidy). */
export function withTowerTable(params: Record<string, tf.Tensor>, tower: ContentTower | undefined): Record<string, tf.Tensor> {
  if (!tower) return params;
  const table = params.item_embedding;
  if (!table) throw new Error('item_embedding is missing from the parameters.');
  return { ...params, item_embedding: towerItemTable(table, tower) };
}
