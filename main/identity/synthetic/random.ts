/**
 * The generator's dice: one seeded stream (Mulberry32, as the model's u sampling), so a seed gives the same
 * data on every machine and run.
 */
import { seededRandom } from '../model/fellegi-sunter';

/** Cumulative Zipf weights per list, built once per list. */
const ZIPF = new WeakMap<readonly unknown[], Float64Array>();

function zipfTable(length: number): Float64Array {
  const table = new Float64Array(length);
  let total = 0;
  for (let rank = 0; rank < length; rank += 1) table[rank] = total += 1 / (rank + 1);
  for (let rank = 0; rank < length; rank += 1) table[rank] = (table[rank] as number) / total;
  return table;
}

export class Dice {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** 0 ≤ value < n. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** min ≤ value ≤ max. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }

  /** A list item weighted by rank (first is most frequent), as names and streets are distributed. */
  zipf<T>(list: readonly T[]): T {
    let table = ZIPF.get(list);
    if (table === undefined) ZIPF.set(list, (table = zipfTable(list.length)));
    const draw = this.next();
    let low = 0;
    let high = list.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((table[middle] as number) < draw) low = middle + 1;
      else high = middle;
    }
    return list[low] as T;
  }

  digits(count: number): string {
    let text = '';
    for (let index = 0; index < count; index += 1) text += String(this.int(10));
    return text;
  }
}
