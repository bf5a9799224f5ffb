/**
 * The keys one run has accepted, with the line where each was first seen: how a duplicate key inside a
 * file is told apart from a record of an earlier run. A run can bring millions of keys, so they are not
 * kept as strings in a Map (about 70 bytes a key on the heap, 80 MB at a million, all of it scanned by
 * every garbage collection) but as a 64-bit digest and a line number in typed arrays: 12 bytes a slot,
 * outside the heap.
 *
 * Two keys with the same 64-bit digest would be taken for one (odds about 3 in 100 million at a million
 * keys). The caller looks the record up by its real key afterwards, so the worst outcome is a changed
 * record reported as a duplicate line, kept with the rejects where a steward sees it; nothing is lost.
 */

const EMPTY = 0;
const MAX_LOAD = 0.6;

/** Two independent 32-bit FNV-1a style digests of the UTF-16 code units. */
function digests(key: string): [number, number] {
  let first = 0x811c9dc5;
  let second = 0x01000193 ^ key.length;
  for (let index = 0; index < key.length; index += 1) {
    const unit = key.charCodeAt(index);
    first = Math.imul(first ^ unit, 0x01000193);
    second = Math.imul(second ^ unit, 0x5bd1e995);
    second ^= second >>> 15;
  }
  return [first >>> 0, second >>> 0];
}

export class FirstLines {
  private capacity: number;
  private count = 0;
  /** Per slot: first digest, second digest. */
  private digestsBySlot: Uint32Array;
  /** Per slot: the line (≥ 1), or EMPTY. */
  private lines: Uint32Array;

  constructor(initialCapacity = 1 << 14) {
    this.capacity = initialCapacity;
    this.digestsBySlot = new Uint32Array(initialCapacity * 2);
    this.lines = new Uint32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  get(key: string): number | undefined {
    const [first, second] = digests(key);
    const slot = this.find(first, second);
    const line = this.lines[slot]!;
    return line === EMPTY ? undefined : line;
  }

  /** Keeps the first line given for a key; later calls for the same key change nothing. */
  add(key: string, line: number): void {
    this.firstOr(key, line);
  }

  /** The line a key was first seen on; a key not seen yet is recorded with `line` (one lookup for both). */
  firstOr(key: string, line: number): number | undefined {
    if (line < 1 || line > 0xffffffff) throw new RangeError(`line out of range: ${line}`);
    const [first, second] = digests(key);
    const slot = this.find(first, second);
    const earlier = this.lines[slot]!;
    if (earlier !== EMPTY) return earlier;
    this.digestsBySlot[slot * 2] = first;
    this.digestsBySlot[slot * 2 + 1] = second;
    this.lines[slot] = line;
    this.count += 1;
    if (this.count > this.capacity * MAX_LOAD) this.grow();
    return undefined;
  }

  /** The slot holding these digests, or the empty slot where they would go (linear probing). */
  private find(first: number, second: number): number {
    const mask = this.capacity - 1;
    for (let slot = first & mask; ; slot = (slot + 1) & mask) {
      if (this.lines[slot] === EMPTY) return slot;
      if (this.digestsBySlot[slot * 2] === first && this.digestsBySlot[slot * 2 + 1] === second) return slot;
    }
  }

  private grow(): void {
    const oldDigests = this.digestsBySlot;
    const oldLines = this.lines;
    this.capacity *= 2;
    this.digestsBySlot = new Uint32Array(this.capacity * 2);
    this.lines = new Uint32Array(this.capacity);
    for (let slot = 0; slot < oldLines.length; slot += 1) {
      const line = oldLines[slot]!;
      if (line === EMPTY) continue;
      const target = this.find(oldDigests[slot * 2]!, oldDigests[slot * 2 + 1]!);
      this.digestsBySlot[target * 2] = oldDigests[slot * 2]!;
      this.digestsBySlot[target * 2 + 1] = oldDigests[slot * 2 + 1]!;
      this.lines[target] = line;
    }
  }
}
