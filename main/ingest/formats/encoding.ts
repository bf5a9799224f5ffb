/**
 * Text encoding detection for imported files. Order of evidence, strongest first: a byte-order mark;
 * the sample being valid UTF-8 (pure ASCII included); UTF-16 without a BOM (every other byte NUL);
 * chardet's statistical guess, mapped to the encodings that office software actually writes. A guess
 * we cannot trust throws ENCODING_UNKNOWN so that the steward picks the encoding, rather than
 * importing mojibake into the vault.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { AppError } from '../../core/errors';

export interface DetectedEncoding {
  /** iconv-lite name. */
  readonly encoding: string;
  /** Length of the byte-order mark at the start of the file (0 when there is none). */
  readonly bomLength: number;
}

/** Named in ENCODING_UNKNOWN messages: the encodings a steward is likely to need. */
const SUGGESTED = 'UTF-8, Windows-1252 (Western Europe, e.g. French Excel), Windows-1250 (Central Europe, e.g. Polish Excel), ISO-8859-2 or UTF-16';

/** chardet's confidence is 0–100; below this it is guessing between unrelated scripts. */
const MIN_CONFIDENCE = 10;

export function detectBom(head: Uint8Array): DetectedEncoding | null {
  const [b0, b1, b2, b3] = head;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  // UTF-32LE's BOM starts with UTF-16LE's: test the longer one first.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { encoding: 'utf-32le', bomLength: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', bomLength: 4 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return null;
}

/**
 * UTF-16 without a BOM (some exporters write it): Latin text then has a NUL in every other byte. Only
 * that regular pattern counts; NULs scattered anywhere else mean a binary file.
 */
export function detectBomlessUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.7 && evenNul <= pairs * 0.02) return 'utf-16le';
  if (evenNul >= pairs * 0.7 && oddNul <= pairs * 0.02) return 'utf-16be';
  return null;
}

/** True when the bytes are valid UTF-8; `complete` says whether they are the whole file (else a cut character at the end is fine). */
export function isValidUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    // stream: true keeps an incomplete sequence at the end of a sample pending instead of failing on it.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

export function assertKnownEncoding(encoding: string): void {
  if (!iconv.encodingExists(encoding)) {
    throw new AppError('INVALID_INPUT', `Unknown text encoding "${encoding}". Choose one of: ${SUGGESTED}.`, { encoding });
  }
}

/** Characters that never occur in real text: replacement characters and control codes other than tab, line breaks and form feed. */
function countGarbage(text: string): number {
  let garbage = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c <= 0x9f)) garbage++;
  }
  return garbage;
}

/** Share of the non-ASCII characters that decode to letters: how we tell Windows-1250 from ISO-8859-2 (same letters, different bytes). */
function letterScore(sample: Uint8Array, encoding: string): number {
  const text = iconv.decode(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength), encoding);
  let score = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    if (/\p{L}/u.test(char)) score++;
    else if (countGarbage(char) > 0) score -= 5;
  }
  return score;
}

/**
 * Valid multi-byte UTF-8 sequences for Latin letters (lead byte C3–C5, e.g. "Ã©" for é) inside a file that
 * is not valid UTF-8: the file mixes UTF-8 with a legacy encoding (rows pasted from two exports). No
 * single encoding reads it correctly, so the steward has to fix the file.
 */
function countUtf8Latin(sample: Uint8Array): number {
  let found = 0;
  for (let i = 0; i + 1 < sample.length; i++) {
    const lead = sample[i]!;
    const next = sample[i + 1]!;
    if (lead >= 0xc3 && lead <= 0xc5 && next >= 0x80 && next <= 0xbf) {
      const code = ((lead & 0x1f) << 6) | (next & 0x3f);
      // The byte after the pair must not be another continuation byte, or it was not a 2-byte sequence.
      const after = sample[i + 2];
      if (code >= 0xc0 && (after === undefined || after < 0x80 || after > 0xbf) && /\p{L}/u.test(String.fromCharCode(code))) found++;
      i++;
    }
  }
  return found;
}

/** The Turkish code pages differ from Windows-1252 only in these six bytes (Ğ İ Ş ğ ı ş). */
const TURKISH_ONLY = new Set([0xd0, 0xdd, 0xde, 0xf0, 0xfd, 0xfe]);

/** chardet name → the iconv-lite encoding we read with, or null when chardet's answer is not usable. */
function mapChardet(name: string, lang: string | undefined, sample: Uint8Array): string | null {
  switch (name) {
    case 'ASCII':
    case 'UTF-8':
      return null; // The sample is not valid UTF-8, or we would not be here.
    // Latin-1 and Windows-1252 agree on every letter; Windows-1252 also has €, œ, Ÿ and curly quotes in
    // 0x80–0x9F, where Latin-1 has only control codes. French (and any Western) Excel writes Windows-1252.
    case 'ISO-8859-1':
    case 'windows-1252':
      return 'windows-1252';
    case 'ISO-8859-9':
    case 'windows-1254': {
      // chardet calls short Western samples Turkish; only the Turkish letters decide it.
      const turkish = lang === 'tr' && sample.some((byte) => TURKISH_ONLY.has(byte));
      return turkish ? 'windows-1254' : 'windows-1252';
    }
    case 'ISO-8859-2':
    case 'windows-1250':
      // Polish Excel writes Windows-1250; ISO-8859-2 puts ą, ś, ź on other bytes. The one that decodes
      // more of the sample to letters wins, and a tie goes to Windows-1250.
      return letterScore(sample, 'iso-8859-2') > letterScore(sample, 'windows-1250') ? 'iso-8859-2' : 'windows-1250';
    default: {
      const lower = name.toLowerCase();
      return iconv.encodingExists(lower) ? lower : null;
    }
  }
}

function unknownEncoding(reason: string): AppError {
  return new AppError('ENCODING_UNKNOWN', `${reason} Choose the encoding yourself: ${SUGGESTED}.`);
}

/**
 * The encoding of a sample that has no BOM and is not valid UTF-8. Throws ENCODING_UNKNOWN when no
 * candidate decodes the sample cleanly.
 */
export function guessLegacyEncoding(sample: Uint8Array): string {
  if (countUtf8Latin(sample) >= 2) {
    throw unknownEncoding('This file mixes UTF-8 text with another encoding, so it cannot be read correctly as a whole.');
  }
  const buffer = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength);
  for (const match of chardet.analyse(sample)) {
    if (match.confidence < MIN_CONFIDENCE) break; // Results are sorted by confidence.
    const encoding = mapChardet(match.name, match.lang, sample);
    if (!encoding) continue;
    const text = iconv.decode(buffer, encoding);
    // A candidate that turns the sample into control codes or replacement characters is wrong.
    if (countGarbage(text) <= Math.max(2, text.length * 0.002)) return encoding;
  }
  throw unknownEncoding('Could not tell which text encoding this file uses.');
}
