/** A seeded random source (the engine's mulberry32), so the demo history is the same on every first start. */
import { seededRandom } from '../engine';

export interface Rng {
  /** [0, 1) */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** A number in [min, max). */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Skewed towards `min`: most waits are short, a few are long. */
  skewed(min: number, max: number): number;
}

export function createRng(seed: number): Rng {
  const random = seededRandom(seed);
  const next = () => random.next();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    skewed: (min, max) => min + (max - min) * next() ** 2.5,
  };
}
