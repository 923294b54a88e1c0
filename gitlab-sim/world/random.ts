// The world's randomness: content/random.ts's generator, except `hex`, which draws one digit at
// a time where content's draws eight. Every seeded sha (commits, pipelines) was made that way, so
// the two stay apart: the same seed must keep giving the same world.
import { createRng, type Rng } from '../content/random.ts';

export { hashString } from '../content/random.ts';
export type Random = Rng;

/** mulberry32: small, fast and deterministic; the same seed gives the same world. */
export function createRandom(seed: number): Random {
  const rng = createRng(seed);
  return {
    ...rng,
    hex: (length) => {
      let s = '';
      while (s.length < length) s += Math.floor(rng.next() * 16).toString(16);
      return s;
    },
  };
}
