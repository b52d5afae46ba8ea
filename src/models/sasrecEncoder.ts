import * as tf from '@tensorflow/tfjs-core';
import { dense, embed, layerNorm, matMul, maybeDropout, param, swapLastAxes, type Params } from './layers.js';
import type { SequenceModelConfig } from './modelSpec.js';

/**
 * SASRec-style encoder (Kang & McAuley 2018): item + learned position embeddings, pre-norm causal self-attention
 * blocks with a point-wise feed-forward, final layer norm. Returns the hidden state at every position [B, L, D];
 * position t only sees items 0..t, so one pass trains every next-item prediction of a sequence.
 */
const NEG = -1e9;

export function sasrecParamShapes(config: SequenceModelConfig): Record<string, number[]> {
  const d = config.dim;
  const shapes: Record<string, number[]> = { position_embedding: [config.maxLen, d], 'final_ln/gamma': [d], 'final_ln/beta': [d] };
  for (let b = 0; b < config.blocks; b++) {
    for (const m of ['q', 'k', 'v', 'o']) {
      shapes[`block${b}/attn/${m}/w`] = [d, d];
      shapes[`block${b}/attn/${m}/b`] = [d];
    }
    shapes[`block${b}/ffn/w1`] = [d, d];
    shapes[`block${b}/ffn/b1`] = [d];
    shapes[`block${b}/ffn/w2`] = [d, d];
    shapes[`block${b}/ffn/b2`] = [d];
    for (const ln of ['ln1', 'ln2']) {
      shapes[`block${b}/${ln}/gamma`] = [d];
      shapes[`block${b}/${ln}/beta`] = [d];
    }
  }
  return shapes;
}

/** Additive attention mask [B, 1, L, L]: a query never sees later positions nor padding keys. */
function attentionMask(tokens: tf.Tensor2D): tf.Tensor {
  const length = tokens.shape[1];
  const causal = new Float32Array(length * length);
  for (let i = 0; i < length; i++) for (let j = i + 1; j < length; j++) causal[i * length + j] = NEG;
  const padding = tf.mul(tf.cast(tf.equal(tokens, 0), 'float32'), NEG); // [B, L]
  return tf.add(tf.tensor2d(causal, [length, length]), tf.reshape(padding, [tokens.shape[0], 1, 1, length]));
}

function splitHeads(x: tf.Tensor, heads: number): tf.Tensor4D {
  const [batch, length, d] = x.shape as [number, number, number];
  return tf.transpose(tf.reshape(x, [batch, length, heads, d / heads]), [0, 2, 1, 3]) as tf.Tensor4D;
}

export function sasrecEncode(params: Params, config: SequenceModelConfig, tokens: tf.Tensor2D, training: boolean): tf.Tensor3D {
  const [batch, length] = tokens.shape;
  const d = config.dim;
  const mask = tf.expandDims(tf.cast(tf.notEqual(tokens, 0), 'float32'), -1);
  const positions = tf.slice(param(params, 'position_embedding'), [config.maxLen - length, 0], [length, d]);
  let x = tf.mul(tf.add(tf.mul(embed(param(params, 'item_embedding'), tokens), Math.sqrt(d)), positions), mask);
  x = maybeDropout(x, config.dropout, training);
  const additiveMask = attentionMask(tokens);
  const headDim = d / config.heads;
  for (let b = 0; b < config.blocks; b++) {
    const p = (name: string) => param(params, `block${b}/${name}`);
    const normed = layerNorm(x, p('ln1/gamma'), p('ln1/beta'));
    const q = splitHeads(dense(normed, p('attn/q/w'), p('attn/q/b')), config.heads);
    const k = splitHeads(dense(normed, p('attn/k/w'), p('attn/k/b')), config.heads);
    const v = splitHeads(dense(normed, p('attn/v/w'), p('attn/v/b')), config.heads);
    const scores = tf.add(tf.div(matMul(q, swapLastAxes(k)), Math.sqrt(headDim)), additiveMask);
    const weights = maybeDropout(tf.softmax(scores), config.dropout, training);
    const context = tf.reshape(tf.transpose(matMul(weights, v), [0, 2, 1, 3]), [batch, length, d]);
    x = tf.add(x, maybeDropout(dense(context, p('attn/o/w'), p('attn/o/b')), config.dropout, training));
    const normed2 = layerNorm(x, p('ln2/gamma'), p('ln2/beta'));
    const hidden = maybeDropout(tf.relu(dense(normed2, p('ffn/w1'), p('ffn/b1'))), config.dropout, training);
    x = tf.mul(tf.add(x, maybeDropout(dense(hidden, p('ffn/w2'), p('ffn/b2')), config.dropout, training)), mask);
  }
  return layerNorm(x, param(params, 'final_ln/gamma'), param(params, 'final_ln/beta')) as tf.Tensor3D;
}
