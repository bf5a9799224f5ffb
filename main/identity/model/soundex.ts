/** Phonetic keys shared by blocking and the household features (its own module: both import it, neither imports the other). */

/** American Soundex of the first word (letters only); '' when there is no letter. Cheap and typo-tolerant. */
export function soundex(value: string): string {
  const CODES = '01230120022455012623010202'; // a..z
  let code = '';
  let last = '';
  for (const char of value) {
    const index = char.charCodeAt(0) - 97;
    if (char === ' ') break;
    if (index < 0 || index > 25) continue;
    const digit = CODES[index] as string;
    if (code === '') {
      code = char;
      last = digit;
      continue;
    }
    if (digit !== '0' && digit !== last) code += digit;
    // h and w do not separate two equal codes; vowels do.
    if (char !== 'h' && char !== 'w') last = digit;
    if (code.length === 4) break;
  }
  return code === '' ? '' : code.padEnd(4, '0');
}
