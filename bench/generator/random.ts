/**
 * A small seeded PRNG (sfc32, seeded through cyrb128) so the same seed always gives the same bytes, on
 * every platform and Node version: no Math.random, no clock, no locale-dependent formatting.
 */

/** 128 bits of seed material from any string (cyrb128). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = h2 ^ Math.imul(h1 ^ code, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ code, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ code, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ code, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** 32-bit FNV-1a: a cheap stable hash for per-key decisions (which rows a mutation touches). */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  // final avalanche (murmur3 fmix32) so nearby keys spread over the whole range
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    [this.a, this.b, this.c, this.d] = cyrb128(`custodia-generator:${String(seed)}`);
    for (let index = 0; index < 12; index += 1) this.next();
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return probability > 0 && this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Skewed pick: the first items are the most common (surnames, cities), as in real populations. */
  pickSkewed<T>(items: readonly T[], skew: 1.5 | 2 = 2): T {
    const draw = this.float();
    return items[Math.floor((skew === 2 ? draw * draw : draw * Math.sqrt(draw)) * items.length)] as T;
  }

  /** Pick from a table built once with `weights()`. */
  weighted<T>(table: Weighted<T>): T {
    const draw = this.float() * table.total;
    const { cumulative, items } = table;
    for (let index = 0; index < cumulative.length; index += 1) if (draw < cumulative[index]!) return items[index] as T;
    return items[items.length - 1] as T;
  }

  /** `count` random decimal digits (count ≤ 9). */
  digits(count: number): string {
    return String(this.next() % 10 ** count).padStart(count, '0');
  }
}

export interface Weighted<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
  readonly total: number;
}

/** A weighted table, built once (module level) and drawn from with `rng.weighted()`. */
export function weights<T>(table: readonly (readonly [T, number])[]): Weighted<T> {
  const cumulative = new Float64Array(table.length);
  let total = 0;
  table.forEach(([, weight], index) => {
    total += weight;
    cumulative[index] = total;
  });
  return { items: table.map(([item]) => item), cumulative, total };
}
