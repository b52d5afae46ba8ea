/**
 * Linear regression from content vectors to item embeddings (the baseline the GAN must beat):
 * W = argmin ||C W - E||^2 + lambda ||W||^2 over warm items, solved in closed form (normal equations,
 * Cholesky in float64). With a bias column. C: [n, p] content rows, E: [n, d] embedding rows.
 */
export interface LinearMapper {
  inputDim: number;
  outputDim: number;
  /** [(inputDim + 1), outputDim] row-major; the last row is the bias. */
  weights: Float64Array;
}

export function fitRidgeMapper(content: Float32Array, embeddings: Float32Array, rows: readonly number[], inputDim: number, outputDim: number, lambda: number): LinearMapper {
  const p = inputDim + 1;
  const gram = new Float64Array(p * p);
  const cross = new Float64Array(p * outputDim);
  const x = new Float64Array(p);
  for (const r of rows) {
    for (let i = 0; i < inputDim; i++) x[i] = content[r * inputDim + i]!;
    x[inputDim] = 1;
    for (let i = 0; i < p; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      for (let j = 0; j < p; j++) gram[i * p + j]! += xi * x[j]!;
      for (let k = 0; k < outputDim; k++) cross[i * outputDim + k]! += xi * embeddings[r * outputDim + k]!;
    }
  }
  for (let i = 0; i < inputDim; i++) gram[i * p + i]! += lambda; // the bias is not penalised
  gram[inputDim * p + inputDim]! += 1e-9;
  // Cholesky: gram = L L^T, then solve for every output column.
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = gram[i * p + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j * p + j]!;
    }
  }
  const weights = new Float64Array(p * outputDim);
  const y = new Float64Array(p);
  for (let k = 0; k < outputDim; k++) {
    for (let i = 0; i < p; i++) {
      let sum = cross[i * outputDim + k]!;
      for (let j = 0; j < i; j++) sum -= l[i * p + j]! * y[j]!;
      y[i] = sum / l[i * p + i]!;
    }
    for (let i = p - 1; i >= 0; i--) {
      let sum = y[i]!;
      for (let j = i + 1; j < p; j++) sum -= l[j * p + i]! * weights[j * outputDim + k]!;
      weights[i * outputDim + k] = sum / l[i * p + i]!;
    }
  }
  return { inputDim, outputDim, weights };
}

/** Maps one content row to an embedding. */
export function applyMapper(mapper: LinearMapper, content: Float32Array, row: number): Float32Array {
  const { inputDim, outputDim, weights } = mapper;
  const out = new Float32Array(outputDim);
  for (let k = 0; k < outputDim; k++) {
    let sum = weights[inputDim * outputDim + k]!;
    for (let i = 0; i < inputDim; i++) sum += content[row * inputDim + i]! * weights[i * outputDim + k]!;
    out[k] = sum;
  }
  return out;
}
