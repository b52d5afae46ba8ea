import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '../../training/random.js';
import { dense, matMul } from '../layers.js';

/**
 * A conditional GAN that generates item embeddings for items that have content but no interactions:
 * generator G(c) = MLP(content) -> embedding; discriminator D(c, e) -> logit "e is the real embedding of an item
 * with content c". G minimises  adversarial BCE(D(c, G(c)) -> real) + reconstruction * ||G(c) - e||^2  over warm
 * items (whose real embeddings the sequence model learnt); D minimises BCE(real pairs -> 1, generated -> 0).
 * The reconstruction term anchors G to the right region; the adversarial term pushes generated vectors onto the
 * distribution of real ones (norms, directions) instead of the shrunken mean a pure regression yields.
 */
export interface GanOptions {
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Weight of the reconstruction (MSE) term relative to the adversarial term. */
  reconstruction: number;
  seed: number;
}

export const DEFAULT_GAN_OPTIONS: GanOptions = { hidden: 256, epochs: 60, batchSize: 256, learningRate: 0.001, reconstruction: 10, seed: 17 };

export interface Generator {
  weights: Record<string, tf.Tensor>;
}

function glorot(shape: [number, number], seed: number): tf.Variable {
  const limit = Math.sqrt(6 / (shape[0] + shape[1]));
  return tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', seed));
}

export function generate(generator: Generator, content: tf.Tensor2D): tf.Tensor2D {
  const w = generator.weights;
  return dense(tf.relu(dense(content, w.g1!, w.b1)), w.g2!, w.b2) as tf.Tensor2D;
}

function discriminate(w: Record<string, tf.Variable>, content: tf.Tensor2D, embedding: tf.Tensor2D): tf.Tensor {
  const h = tf.relu(tf.add(tf.add(matMul(content, w.dc!), matMul(embedding, w.de!)), w.db1!));
  return tf.reshape(dense(h, w.d2!, w.db2), [-1]);
}

/** Trains on the given warm rows; content [n, p] and embeddings [n, d] hold every item, rows select the warm ones. */
export async function trainEmbeddingGan(
  content: Float32Array,
  embeddings: Float32Array,
  rows: readonly number[],
  inputDim: number,
  outputDim: number,
  options: GanOptions = DEFAULT_GAN_OPTIONS,
  log: (line: string) => void = () => {},
): Promise<Generator> {
  const h = options.hidden;
  const s = options.seed;
  const g: Record<string, tf.Variable> = {
    g1: glorot([inputDim, h], s),
    b1: tf.variable(tf.zeros([h])),
    g2: glorot([h, outputDim], s + 1),
    b2: tf.variable(tf.zeros([outputDim])),
  };
  const d: Record<string, tf.Variable> = {
    dc: glorot([inputDim, h], s + 2),
    de: glorot([outputDim, h], s + 3),
    db1: tf.variable(tf.zeros([h])),
    d2: glorot([h, 1], s + 4),
    db2: tf.variable(tf.zeros([1])),
  };
  const gOptimizer = tf.train.adam(options.learningRate, 0.5);
  const dOptimizer = tf.train.adam(options.learningRate, 0.5);
  const random = seededRandom(s);
  const order = [...rows];
  const bce = (logits: tf.Tensor, label: number) => tf.losses.sigmoidCrossEntropy(tf.fill(logits.shape, label), logits);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let dSum = 0;
    let gSum = 0;
    let batches = 0;
    for (let from = 0; from < order.length; from += options.batchSize) {
      const batch = order.slice(from, from + options.batchSize);
      const c = tf.tensor2d(Float32Array.from(batch.flatMap((r) => Array.from(content.subarray(r * inputDim, (r + 1) * inputDim)))), [batch.length, inputDim]);
      const e = tf.tensor2d(Float32Array.from(batch.flatMap((r) => Array.from(embeddings.subarray(r * outputDim, (r + 1) * outputDim)))), [batch.length, outputDim]);
      const dLoss = dOptimizer.minimize(() => {
        const fake = tf.tidy(() => generate({ weights: g }, c));
        return tf.add(bce(discriminate(d, c, e), 1), bce(discriminate(d, c, fake), 0)) as tf.Scalar;
      }, true, Object.values(d))!;
      const gLoss = gOptimizer.minimize(() => {
        const fake = generate({ weights: g }, c);
        const reconstruction = tf.mean(tf.sum(tf.square(tf.sub(fake, e)), 1));
        return tf.add(bce(discriminate(d, c, fake), 1), tf.mul(reconstruction, options.reconstruction)) as tf.Scalar;
      }, true, Object.values(g))!;
      dSum += (await dLoss.data())[0]!;
      gSum += (await gLoss.data())[0]!;
      batches++;
      tf.dispose([dLoss, gLoss, c, e]);
    }
    if (epoch === 1 || epoch % 10 === 0 || epoch === options.epochs) {
      log(`  gan epoch ${epoch}/${options.epochs} discriminator ${(dSum / batches).toFixed(4)} generator ${(gSum / batches).toFixed(4)}`);
    }
  }
  tf.dispose(Object.values(d));
  gOptimizer.dispose();
  dOptimizer.dispose();
  return { weights: g };
}
