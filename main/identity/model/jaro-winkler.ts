/**
 * Jaro-Winkler similarity, the same arithmetic as the `jaro-winkler` package (its quirks included: the match
 * window, the transposition count, a 0.1 prefix bonus over at most four characters once the score passes 0.7),
 * so every level and weight stays as it was. The package allocates two arrays and an options object per call;
 * this one reuses byte flags and reads char codes, which matters at tens of millions of calls per resolution.
 */
let leftMatched = new Uint8Array(64);
let rightMatched = new Uint8Array(64);

export function jaroWinkler(s1: string, s2: string): number {
  const length1 = s1.length;
  const length2 = s2.length;
  if (length1 === 0 || length2 === 0) return 0;
  if (s1 === s2) return 1;
  if (length1 > leftMatched.length) leftMatched = new Uint8Array(length1 * 2);
  if (length2 > rightMatched.length) rightMatched = new Uint8Array(length2 * 2);
  leftMatched.fill(0, 0, length1);
  rightMatched.fill(0, 0, length2);
  const range = Math.floor(Math.max(length1, length2) / 2) - 1;
  let m = 0;
  for (let i = 0; i < length1; i += 1) {
    const low = i >= range ? i - range : 0;
    const high = i + range <= length2 - 1 ? i + range : length2 - 1;
    const code = s1.charCodeAt(i);
    for (let j = low; j <= high; j += 1) {
      if (rightMatched[j] === 0 && code === s2.charCodeAt(j)) {
        m += 1;
        leftMatched[i] = 1;
        rightMatched[j] = 1;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < length1; i += 1) {
    if (leftMatched[i] === 0) continue;
    let j = k;
    for (; j < length2; j += 1) {
      if (rightMatched[j] === 1) {
        k = j + 1;
        break;
      }
    }
    if (s1.charCodeAt(i) !== s2.charCodeAt(j)) transpositions += 1;
  }
  let weight = (m / length1 + m / length2 + (m - transpositions / 2) / m) / 3;
  if (weight > 0.7) {
    let l = 0;
    while (l < 4 && s1.charCodeAt(l) === s2.charCodeAt(l)) l += 1;
    weight = weight + l * 0.1 * (1 - weight);
  }
  return weight;
}
