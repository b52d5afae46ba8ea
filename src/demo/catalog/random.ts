import { seededRandom } from '../../training/random.js';

/** The demo catalog uses the builders' seeded PRNG, so it is identical on every machine and every run. */
export { seededRandom };

export function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}
