import { seededRandom } from '../../training/random.js';

/**
 * Search strategies over the unit cube [0, 1]^d (parameters are mapped to real values by the caller).
 * Each proposes the next point from the history of (point, score) pairs; higher scores are better.
 */
export type StrategyName = 'grid' | 'random' | 'bayes';

export interface Observation {
  point: number[];
  score: number;
}

export interface Strategy {
  next(history: readonly Observation[]): number[];
}

export function createStrategy(name: StrategyName, dims: number, budget: number, seed = 1): Strategy {
  if (name === 'grid') return gridStrategy(dims, budget);
  if (name === 'random') return randomStrategy(dims, seed);
  return tpeStrategy(dims, budget, seed);
}

/** Full factorial grid with floor(budget^(1/d)) levels per dimension (at least 2), visited in order. */
function gridStrategy(dims: number, budget: number): Strategy {
  const levels = Math.max(2, Math.floor(budget ** (1 / Math.max(dims, 1))));
  return {
    next(history) {
      let index = history.length;
      const point: number[] = [];
      for (let d = 0; d < dims; d++) {
        point.push((index % levels) / (levels - 1));
        index = Math.floor(index / levels);
      }
      return point;
    },
  };
}

function randomStrategy(dims: number, seed: number): Strategy {
  const random = seededRandom(seed);
  return { next: () => Array.from({ length: dims }, () => random()) };
}

/**
 * Tree-structured Parzen estimator (Bergstra et al., NeurIPS 2011): after `startup` random trials, split the
 * observations at the gamma-quantile of the score into good and bad; model each set per dimension with a
 * Parzen window (Gaussian kernels at the observed points plus a uniform prior component, bandwidth from the
 * distances to neighbouring points); draw candidates from the good model and take the one maximising
 * l(x) / g(x), i.e. the expected improvement under TPE's surrogate.
 */
function tpeStrategy(dims: number, budget: number, seed: number, gamma = 0.25, candidates = 32): Strategy {
  const random = seededRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  const startup = Math.max(5, Math.min(12, Math.floor(budget / 4)));
  return {
    next(history) {
      if (history.length < startup) return Array.from({ length: dims }, () => random());
      const sorted = [...history].sort((a, b) => b.score - a.score);
      const goodCount = Math.max(2, Math.ceil(gamma * sorted.length));
      const good = sorted.slice(0, goodCount).map((o) => o.point);
      const bad = sorted.slice(goodCount).map((o) => o.point);
      const goodModels = Array.from({ length: dims }, (_, d) => parzen(good.map((p) => p[d]!)));
      const badModels = Array.from({ length: dims }, (_, d) => parzen(bad.map((p) => p[d]!)));
      let best: number[] = [];
      let bestValue = -Infinity;
      for (let c = 0; c < candidates; c++) {
        const point = goodModels.map((model) => model.sample(random, normal));
        let value = 0;
        for (let d = 0; d < dims; d++) value += Math.log(goodModels[d]!.density(point[d]!)) - Math.log(badModels[d]!.density(point[d]!));
        if (value > bestValue) {
          bestValue = value;
          best = point;
        }
      }
      return best;
    },
  };
}

interface Parzen {
  density(x: number): number;
  sample(random: () => number, normal: () => number): number;
}

/** 1-D Parzen window on [0, 1]: kernels at `points` and one uniform prior component, equally weighted. */
function parzen(points: number[]): Parzen {
  const sorted = [...points].sort((a, b) => a - b);
  const widths = sorted.map((x, i) => {
    const left = i > 0 ? x - sorted[i - 1]! : x;
    const right = i < sorted.length - 1 ? sorted[i + 1]! - x : 1 - x;
    return Math.min(1, Math.max(Math.max(left, right), 0.05));
  });
  const components = sorted.length + 1;
  return {
    density(x) {
      let sum = 1; // uniform prior on [0, 1]
      sorted.forEach((mu, i) => {
        const s = widths[i]!;
        sum += Math.exp(-0.5 * ((x - mu) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
      });
      return sum / components;
    },
    sample(random, normal) {
      const pick = Math.floor(random() * components);
      if (pick === sorted.length) return random();
      for (let attempt = 0; attempt < 20; attempt++) {
        const x = sorted[pick]! + widths[pick]! * normal();
        if (x >= 0 && x <= 1) return x;
      }
      return Math.min(1, Math.max(0, sorted[pick]!));
    },
  };
}
