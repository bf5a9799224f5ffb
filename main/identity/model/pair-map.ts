/**
 * Scores by record pair, for the clustering's cache of pairs it scored on demand. A JS Map of i·n+j numbers
 * holds at most 2^24 entries at ~80 bytes each, and a million records' clustering may ask for more; this
 * open-addressing table keeps keys and values in two typed arrays (16 bytes a slot, at most half full).
 */
const EMPTY = -1;

export class PairMap {
  private keys: Float64Array;
  private values: Float64Array;
  private used = 0;

  constructor(
    private readonly n: number,
    expected = 1024,
  ) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.values = new Float64Array(capacity);
  }

  get size(): number {
    return this.used;
  }

  /** The value of the unordered pair {i, j}, or undefined. */
  get(i: number, j: number): number | undefined {
    const key = this.key(i, j);
    const slot = this.find(key);
    return this.keys[slot] === key ? this.values[slot] : undefined;
  }

  set(i: number, j: number, value: number): void {
    const key = this.key(i, j);
    let slot = this.find(key);
    if (this.keys[slot] !== key) {
      if ((this.used + 1) * 2 > this.keys.length) {
        this.grow();
        slot = this.find(key);
      }
      this.keys[slot] = key;
      this.used += 1;
    }
    this.values[slot] = value;
  }

  private key(i: number, j: number): number {
    return i < j ? i * this.n + j : j * this.n + i;
  }

  /** The slot holding `key`, or the empty slot where it would go (linear probing). */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    // Mixes both halves of the key: i·n+j exceeds 32 bits from 65,536 records on.
    let slot = (Math.imul((key % 4_294_967_296) ^ Math.floor(key / 4_294_967_296), 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const found = this.keys[slot] as number;
      if (found === key || found === EMPTY) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2).fill(EMPTY);
    this.values = new Float64Array(keys.length * 2);
    for (let slot = 0; slot < keys.length; slot += 1) {
      const key = keys[slot] as number;
      if (key === EMPTY) continue;
      const target = this.find(key);
      this.keys[target] = key;
      this.values[target] = values[slot] as number;
    }
  }
}
