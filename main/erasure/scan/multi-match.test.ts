import { describe, expect, it } from 'vitest';
import { BytesMatcher, TextMatcher } from './multi-match';

/** A deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('searching many forms at once', () => {
  it('finds exactly what one search per form finds, in text and in bytes', () => {
    const next = random(42);
    const word = (length: number) => Array.from({ length }, () => 'abcdeé@.+0123456789'[Math.floor(next() * 19)]).join('');
    const keys = [...new Set(Array.from({ length: 300 }, () => word(5 + Math.floor(next() * 12))))];
    keys.push('abc');
    const texts = Array.from({ length: 400 }, () => word(Math.floor(next() * 300)));
    // Plant some keys, at the start, in the middle and at the very end.
    texts[0] = keys[0]! + texts[0];
    texts[1] = texts[1] + keys[1]!;
    texts[2] = `${texts[2]!.slice(0, 10)}${keys[2]}${texts[2]!.slice(10)}`;
    const matcher = new TextMatcher(keys);
    for (const text of texts) {
      const expected = keys.flatMap((key, position) => (text.includes(key) ? [position] : []));
      expect((matcher.match(text) ?? []).sort((a, b) => a - b)).toEqual(expected);
    }
    const needles = keys.map((key) => Buffer.from(key, 'utf8'));
    const haystack = Buffer.from(texts.join('\u0000'), 'utf8');
    const counts = new Array<number>(needles.length).fill(0);
    new BytesMatcher(needles).count(haystack, counts);
    const found = counts.map((count) => count > 0);
    expect(found).toEqual(needles.map((needle) => haystack.includes(needle)));
    expect(counts[0]).toBeGreaterThan(0);
  });
});
