/**
 * Searching many forms at once. A bulk erasure scans the vault once for thousands of people (a dozen forms
 * each): one search per form would read every row and every page as many times as there are forms (about
 * 6 s a person at a million profiles). Here every form is keyed by a rolling hash of one of its
 * five-character windows (no form is shorter: MIN_FORM_LENGTH), the one the fewest other forms share: a
 * phone's "+1514" or an email's ".ca" would send every phone or address of the vault to be compared with
 * thousands of forms. The text is read once, its windows hashed as it goes, a bit filter rejects almost
 * every window at once, and the few left are compared whole where the form would start.
 * The cost grows with the text, hardly with the number of forms. Few forms are searched one by one (the
 * native search of each is faster than a pass in JavaScript).
 */
const WINDOW = 5;
const BASE = 0x01000193;
/** BASE to the power WINDOW - 1, modulo 2^32: what the character leaving the window weighed. */
const BASE_OUT = [1, 2, 3, 4].reduce((power) => Math.imul(power, BASE), 1);
const FILTER_BITS = 1 << 22;
const FILTER_MASK = FILTER_BITS - 1;
/** Under this many forms, one native search per form is faster than one pass in JavaScript. */
export const MULTI_MATCH_FROM = 16;

function windowHash(codes: (index: number) => number, from: number): number {
  let hash = 0;
  for (let index = from; index < from + WINDOW; index += 1) hash = (Math.imul(hash, BASE) + codes(index)) | 0;
  return hash;
}

interface Candidate {
  readonly form: number;
  /** Where the window lies in the form. */
  readonly offset: number;
}

class WindowIndex {
  private readonly filter = new Uint32Array(FILTER_BITS / 32);
  private readonly candidates = new Map<number, Candidate[]>();

  /** Keys each form (its characters by `codes(form)`) by its window shared with the fewest other forms. */
  constructor(lengths: readonly number[], codes: (form: number) => (index: number) => number) {
    const windows = lengths.map((length, form) => {
      const at = codes(form);
      return Array.from({ length: Math.max(0, length - WINDOW + 1) }, (_, offset) => windowHash(at, offset));
    });
    const shared = new Map<number, number>();
    for (const hashes of windows) for (const hash of new Set(hashes)) shared.set(hash, (shared.get(hash) ?? 0) + 1);
    windows.forEach((hashes, form) => {
      if (hashes.length === 0) return;
      let best = 0;
      for (let offset = 1; offset < hashes.length; offset += 1) if (shared.get(hashes[offset]!)! < shared.get(hashes[best]!)!) best = offset;
      this.add(hashes[best]!, { form, offset: best });
    });
  }

  private add(hash: number, candidate: Candidate): void {
    const slot = hash & FILTER_MASK;
    this.filter[slot >>> 5]! |= 1 << (slot & 31);
    const list = this.candidates.get(hash);
    if (list) list.push(candidate);
    else this.candidates.set(hash, [candidate]);
  }

  /** The forms keyed by a window that hashes so, or undefined (almost always, and cheaply). */
  at(hash: number): Candidate[] | undefined {
    const slot = hash & FILTER_MASK;
    if ((this.filter[slot >>> 5]! & (1 << (slot & 31))) === 0) return undefined;
    return this.candidates.get(hash);
  }
}

/** Lower-case strings searched in lower-case text (the table scan's values). */
export class TextMatcher {
  private readonly index: WindowIndex;
  private readonly short: number[] = [];

  constructor(private readonly keys: readonly string[]) {
    keys.forEach((key, position) => {
      if (key.length < WINDOW) this.short.push(position);
    });
    this.index = new WindowIndex(
      keys.map((key) => (key.length < WINDOW ? 0 : key.length)),
      (form) => (at) => keys[form]!.charCodeAt(at),
    );
  }

  /** The positions of the keys found in `text`, each once, or null. */
  match(text: string): number[] | null {
    let found: Set<number> | null = null;
    for (const position of this.short) if (text.includes(this.keys[position]!)) (found ??= new Set()).add(position);
    if (text.length >= WINDOW) {
      let hash = windowHash((at) => text.charCodeAt(at), 0);
      for (let start = 0; ; start += 1) {
        const candidates = this.index.at(hash);
        if (candidates) {
          for (const { form, offset } of candidates) if (start >= offset && text.startsWith(this.keys[form]!, start - offset)) (found ??= new Set()).add(form);
        }
        const next = start + WINDOW;
        if (next >= text.length) break;
        hash = (Math.imul(hash - Math.imul(text.charCodeAt(start), BASE_OUT), BASE) + text.charCodeAt(next)) | 0;
      }
    }
    return found === null ? null : [...found];
  }
}

/** Byte strings counted in a byte buffer (the page scan's decrypted, lower-cased pages). */
export class BytesMatcher {
  private readonly index: WindowIndex;
  private readonly short: number[] = [];

  constructor(private readonly needles: readonly Buffer[]) {
    needles.forEach((needle, position) => {
      if (needle.length < WINDOW) this.short.push(position);
    });
    this.index = new WindowIndex(
      needles.map((needle) => (needle.length < WINDOW ? 0 : needle.length)),
      (form) => (at) => needles[form]![at]!,
    );
  }

  /** Adds to `counts[form]` each place a form starts in `haystack`. */
  count(haystack: Buffer, counts: number[]): void {
    for (const position of this.short) {
      const needle = this.needles[position]!;
      for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) counts[position]! += 1;
    }
    const length = haystack.length;
    if (length < WINDOW) return;
    let hash = windowHash((at) => haystack[at]!, 0);
    for (let start = 0; ; start += 1) {
      const candidates = this.index.at(hash);
      if (candidates) {
        for (const { form, offset } of candidates) {
          const needle = this.needles[form]!;
          const from = start - offset;
          if (from >= 0 && from + needle.length <= length && haystack.compare(needle, 0, needle.length, from, from + needle.length) === 0) counts[form]! += 1;
        }
      }
      const next = start + WINDOW;
      if (next >= length) break;
      hash = (Math.imul(hash - Math.imul(haystack[start]!, BASE_OUT), BASE) + haystack[next]!) | 0;
    }
  }
}
