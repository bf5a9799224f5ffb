/**
 * A set of row ids as a bit array: one bit per id up to the largest added. A run over a till export
 * meets millions of stored events; as numbers in a Set they took tens of megabytes, as bits an eighth
 * of a byte each.
 */
export class IdSet {
  private bits = new Uint8Array(1024);

  add(id: number): void {
    const byte = id >>> 3;
    if (byte >= this.bits.length) {
      let length = this.bits.length * 2;
      while (length <= byte) length *= 2;
      const grown = new Uint8Array(length);
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[byte]! |= 1 << (id & 7);
  }

  has(id: number): boolean {
    const byte = id >>> 3;
    return byte < this.bits.length && (this.bits[byte]! & (1 << (id & 7))) !== 0;
  }
}
