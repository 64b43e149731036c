// Deterministic randomness: every decision is a hash of (seed, what, keys), never Math.random,
// so a run against the simulator is reproducible request by request.

/** 53-bit string hash (cyrb53): fast, well mixed, good enough for rates and choices. */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A uniform number in [0, 1) decided by the seed and the keys. */
export function unit(seed: number, ...keys: (string | number)[]): number {
  return hash53(keys.join('\u0001'), seed | 0) / 2 ** 53;
}

/** An integer in [0, n) decided by the seed and the keys. */
export function pickIndex(n: number, seed: number, ...keys: (string | number)[]): number {
  return Math.min(n - 1, Math.floor(unit(seed, ...keys) * n));
}

/** A small fast PRNG for long texts, seeded from a hash. */
export { mulberry32 as prng } from '../../random.ts';
