import * as tf from '@tensorflow/tfjs-core';
import { caserEncode, caserParamShapes } from './caserEncoder.js';
import { gruEncode, gruParamShapes } from './gruEncoder.js';
import type { Params } from './layers.js';
import type { SequenceModelConfig } from './modelSpec.js';
import { sasrecEncode, sasrecParamShapes } from './sasrecEncoder.js';

/**
 * One entry point over the three architectures. Every model shares the tied item embedding table
 * (`item_embedding`, [itemCount + 1, D], row 0 = padding): the encoder's output at a position is scored against
 * rows 1..itemCount by dot product, in training (softmax) and in the shop (the bundle's item table).
 */
export function paramShapes(config: SequenceModelConfig): Record<string, number[]> {
  const shared = { item_embedding: [config.itemCount + 1, config.dim] };
  if (config.kind === 'sasrec') return { ...shared, ...sasrecParamShapes(config) };
  if (config.kind === 'gru') return { ...shared, ...gruParamShapes(config) };
  return { ...shared, ...caserParamShapes(config) };
}

/** Hidden state at every position of left-padded token rows: [B, L] int32 -> [B, L, D]. */
export function encodePositions(params: Params, config: SequenceModelConfig, tokens: tf.Tensor2D, training: boolean): tf.Tensor3D {
  if (config.kind === 'sasrec') return sasrecEncode(params, config, tokens, training);
  if (config.kind === 'gru') return gruEncode(params, config, tokens, training);
  return caserEncode(params, config, tokens, training);
}

/** The state after the last position: [B, L] -> [B, D] (the user vector). */
export function encodeLast(params: Params, config: SequenceModelConfig, tokens: tf.Tensor2D): tf.Tensor2D {
  const states = encodePositions(params, config, tokens, false);
  const [batch, length, dim] = states.shape;
  return tf.reshape(tf.slice(states, [0, length - 1, 0], [batch, 1, dim]), [batch, dim]);
}

/**
 * Fresh trainable weights: layer-norm gains 1, biases 0, embeddings N(0, 1/D) (unit-variance rows once scaled by
 * sqrt(D) in sasrec), dense weights Glorot-uniform. Deterministic for a given seed. Variables stay unnamed:
 * tfjs names must be unique per process and two models may live side by side (tests, GAN).
 */
export function initParams(config: SequenceModelConfig, seed: number): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  let s = seed;
  for (const [name, shape] of Object.entries(paramShapes(config))) {
    s += 1;
    let value: tf.Tensor;
    if (name.endsWith('/gamma')) value = tf.ones(shape);
    else if (name.endsWith('/beta') || name.endsWith('/b') || /\/b[a-z0-9]*$/.test(name)) value = tf.zeros(shape);
    else if (name === 'item_embedding' || name === 'position_embedding') value = tf.randomNormal(shape, 0, 1 / Math.sqrt(config.dim), 'float32', s);
    else {
      const limit = Math.sqrt(6 / (shape[0]! + shape[shape.length - 1]!));
      value = tf.randomUniform(shape, -limit, limit, 'float32', s);
    }
    out[name] = tf.variable(value, true);
    value.dispose();
  }
  return out;
}
