/**
 * JSON and NDJSON readers.
 *
 * JSON: stream-json's tokenizer → our packer → `pick` (when the records sit at `recordsPath`) → our
 * element limiter → `streamArray`, one array element at a time, so a multi-gigabyte export costs one
 * element of memory, and an element (or a single value) longer than MAX_RECORD_CHARS costs no more than
 * that: it is reported and skipped like an over-long CSV or NDJSON line. We call stream-json's
 * stream-agnostic core functions directly on each decoded chunk rather than wiring Node streams:
 * pulling chunks from our own loop gives backpressure and cancellation for free, and it lets us run
 * stream-json's verifier in the same loop when the document turns out to be malformed (see readJson):
 * the verifier reports the exact line and column of the first error, and the tokenizer then receives
 * only the text before it, so every element that was complete before the error is still delivered.
 *
 * NDJSON: one JSON document per line, each parsed on its own, so a bad line costs only that line.
 */
import { jsonParser } from 'stream-json/core/parser.js';
import pick from 'stream-json/core/filters/pick.js';
import streamArray from 'stream-json/core/streamers/stream-array.js';
import { jsonVerifier } from 'stream-json/core/utils/verifier.js';
import type { ReasonDetail } from '../reasons';
import type { ReadItem } from '../types';
import { MAX_RECORD_CHARS, readText, throwIfAborted, truncateRaw } from './text';

export interface JsonReadOptions {
  readonly encoding: string;
  readonly batchSize: number;
  /** Dotted path of the records array, e.g. "data.customers"; the top-level array when absent. */
  readonly recordsPath?: string;
  readonly signal?: AbortSignal;
}

// stream-json's functions speak stream-chain's protocol: results may be a value, `none` (no output),
// `many(values)` or `stop`. The protocol's markers are registered symbols (Symbol.for), so we can
// recognise them without depending on stream-chain ourselves.
const NONE = Symbol.for('object-stream.none');
const STOP = Symbol.for('object-stream.stop');
const MANY = Symbol.for('object-stream.many');

type Stage = (input: unknown) => unknown;

function isMany(value: unknown): value is { values: unknown[] } {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MANY] === 1;
}

/** Calls `each` for every value in a stage's result; returns false when the stage asked to stop. */
function forEachOutput(result: unknown, each: (value: unknown) => void): boolean {
  if (result === NONE || result === undefined) return true;
  if (result === STOP) return false;
  if (isMany(result)) {
    for (const value of result.values) {
      if (value === STOP) return false;
      each(value);
    }
    return true;
  }
  each(result);
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Batcher {
  private batch: ReadItem[] = [];
  readonly ready: ReadItem[][] = [];
  constructor(private readonly size: number) {}
  add(item: ReadItem): void {
    this.batch.push(item);
    if (this.batch.length >= this.size) {
      this.ready.push(this.batch);
      this.batch = [];
    }
  }
  rest(): ReadItem[] {
    const rest = this.batch;
    this.batch = [];
    return rest;
  }
}

/** What a JSON value is, in JSON's own terms (typeof says "object" for null and arrays). */
function jsonKind(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

function elementItem(index: number, value: unknown): ReadItem {
  if (isRecord(value)) return { kind: 'row', row: { line: index + 1, values: value } };
  const found = jsonKind(value);
  const kind = found === 'null' ? found : `${found === 'array' ? 'an' : 'a'} ${found}`;
  return {
    kind: 'problem',
    problem: {
      line: index + 1,
      reason: `element is ${kind}, not an object`,
      raw: truncateRaw(JSON.stringify(value) ?? String(value)),
      detail: { code: 'elementNotObject', params: { found } },
    },
  };
}

const MALFORMED_JSON: ReasonDetail = { code: 'malformedJson', params: {} };

const MAX_RECORD_MIB = MAX_RECORD_CHARS / 1024 / 1024;

interface Token {
  readonly name: string;
  readonly value?: unknown;
  /** Set by the packer on a string, key or number longer than MAX_RECORD_CHARS: its value is then empty. */
  readonly tooLong?: true;
}

const PACKED: Readonly<Record<string, string>> = { endString: 'stringValue', endKey: 'keyValue', endNumber: 'numberValue' };

/**
 * Joins the tokenizer's chunks of strings, keys and numbers into whole values, as stream-json's own
 * packing does, but stops keeping a value past MAX_RECORD_CHARS: the tokenizer's packing would hold a
 * 300 MB string whole. Its output is the tokenizer's with `packValues` and without `streamValues`.
 */
function packer(): (token: Token) => Token | null {
  let text = '';
  let tooLong = false;
  return (token) => {
    switch (token.name) {
      case 'startString':
      case 'startKey':
      case 'startNumber':
        text = '';
        tooLong = false;
        return null;
      case 'stringChunk':
      case 'numberChunk':
        if (tooLong) return null;
        text += token.value as string;
        if (text.length > MAX_RECORD_CHARS) {
          text = '';
          tooLong = true;
        }
        return null;
      case 'endString':
      case 'endKey':
      case 'endNumber': {
        const packed: Token = tooLong ? { name: PACKED[token.name]!, value: '', tooLong } : { name: PACKED[token.name]!, value: text };
        text = '';
        return packed;
      }
      default:
        return token;
    }
  };
}

/** About how many characters of JSON text a packed token stands for (its value, quotes, punctuation). */
function tokenChars(token: Token): number {
  switch (token.name) {
    case 'stringValue':
      return (token.value as string).length + 3;
    case 'keyValue':
      return (token.value as string).length + 3;
    case 'numberValue':
      return (token.value as string).length + 1;
    case 'falseValue':
      return 6;
    case 'trueValue':
    case 'nullValue':
      return 5;
    default:
      return 1;
  }
}

const CLOSER: Readonly<Record<string, string>> = { startObject: 'endObject', startArray: 'endArray' };

/**
 * Sits before `streamArray` and measures each element of the records array as its tokens pass. When an
 * element grows past MAX_RECORD_CHARS, it closes the element's open objects and arrays at once (so
 * `streamArray` delivers what it holds, which `onOverLong` turns into a problem) and drops the rest of
 * the element's tokens; the elements after it are read as usual.
 */
function elementLimiter(forward: (token: Token) => void, onOverLong: (index: number) => void): (token: Token) => void {
  let depth = 0; // 1 inside the records array
  let index = -1; // the current element's
  let size = 0;
  let open: string[] = []; // closers of the current element's open objects and arrays
  let skipping = false;
  return (token) => {
    const closer = CLOSER[token.name];
    const closing = token.name === 'endObject' || token.name === 'endArray';
    if (skipping) {
      if (closer) depth++;
      else if (closing && --depth === 1) skipping = false;
      return;
    }
    if (depth === 1 && !closing) {
      index++;
      size = 0;
      open = [];
    }
    const inElement = depth > 1 || (depth === 1 && !closing); // not the records array's own end
    if (inElement) size += tokenChars(token);
    const over = inElement && (token.tooLong === true || size > MAX_RECORD_CHARS);
    if (over && depth === 1 && !closer) {
      // A scalar element too long on its own: stands in as null, reported by its index.
      onOverLong(index);
      forward({ name: 'nullValue', value: null });
      return;
    }
    if (over) {
      onOverLong(index);
      for (const end of open.reverse()) forward({ name: end });
      open = [];
      if (closer) depth++;
      else if (closing) depth--;
      skipping = depth > 1;
      return;
    }
    if (closer) {
      if (depth >= 1) open.push(closer);
      depth++;
    } else if (closing) {
      depth--;
      if (depth >= 1) open.pop();
    }
    forward(token);
  };
}

function overLongItem(index: number, partial: unknown): ReadItem {
  return {
    kind: 'problem',
    problem: {
      line: index + 1,
      reason: `element longer than ${MAX_RECORD_MIB} MiB`,
      raw: truncateRaw(JSON.stringify(partial) ?? ''),
      detail: { code: 'elementTooLong', params: { maxMiB: MAX_RECORD_MIB } },
    },
  };
}

interface VerifierError extends Error {
  readonly line: number;
  readonly pos: number;
  readonly offset: number;
}

function isVerifierError(error: unknown): error is VerifierError {
  return error instanceof Error && typeof (error as Partial<VerifierError>).offset === 'number';
}

/** "Verifier cannot parse input: expected ':'" → "expected ':'". */
function verifierReason(error: Error): string {
  return error.message.replace(/^ERROR at \d+ \(\d+, \d+\): /, '').replace(/^Verifier (cannot parse input: |has )/, '');
}

/** Characters kept around an error position for ReadProblem.raw. */
const CONTEXT_CHARS = 1_000;

interface PassResult {
  /** Index of the element after the last one delivered. */
  readonly nextIndex: number;
  /** Whether `recordsPath` was found (always true without one). */
  readonly found: boolean;
  readonly failure: { readonly reason: string; readonly raw: string; readonly detail: ReasonDetail } | null;
  /** The tokenizer rejected the text, and this pass could not say exactly where. */
  readonly syntaxError: boolean;
  /** A fast pass read more than MAX_RECORD_CHARS without completing an element, and stopped there. */
  readonly overLong: boolean;
}

interface PassMode {
  /** Run stream-json's verifier in lockstep, to say exactly where the text is malformed. */
  readonly verify: boolean;
  /**
   * Measure every value and element (packer and elementLimiter): a little slower than letting the
   * tokenizer pack values, which is why the first pass does not, and stops instead when too much text
   * goes by without an element (its memory stays bounded by that much).
   */
  readonly limit: boolean;
}

/**
 * One pass over the document. Elements with an index below `emitFrom` are parsed but not delivered
 * (they were delivered by the previous pass). With `verify`, stream-json's verifier runs in lockstep and
 * only the text before its first error reaches the tokenizer.
 */
async function* jsonPass(path: string, options: JsonReadOptions, out: Batcher, mode: PassMode, emitFrom: number): AsyncGenerator<ReadItem[], PassResult> {
  const { signal, recordsPath } = options;
  const { verify } = mode;
  const verifier = verify ? (jsonVerifier() as unknown as Stage) : null;
  // Unpacked when limiting: the tokenizer would hold a long string whole; `packer` joins the chunks with a limit.
  const parse = jsonParser(mode.limit ? { packValues: false } : { streamValues: false }) as unknown as Stage;
  const pack = mode.limit ? packer() : null;
  const picker = recordsPath ? (pick({ filter: recordsPath, once: true }) as unknown as Stage) : null;
  const elements = streamArray() as unknown as Stage;
  let overLong = -1; // the index of the element the limiter just cut short
  let nextIndex = emitFrom;
  let found = !recordsPath;
  let stopped = false; // pick has passed its whole array, or a stage failed: ignore further tokens
  let broken = false; // the verifier found an error: read no further
  let syntaxError = false;
  // `as`, not a type annotation: the closures below assign it, and TypeScript would otherwise narrow it to null.
  let failure = null as { reason: string; raw: string; detail: ReasonDetail } | null;
  let fed = 0; // characters read so far
  let completedAt = 0; // characters read before the chunk in which the last element was completed
  let tail = ''; // the last characters before the current chunk, for error context

  const onElement = (item: unknown): void => {
    const { key, value } = item as { key: number; value: unknown };
    completedAt = fed;
    if (key < emitFrom) return;
    nextIndex = key + 1;
    out.add(key === overLong ? overLongItem(key, value) : elementItem(key, value));
  };
  const toElements = (token: Token): void => void forEachOutput(elements(token), onElement);
  const limit = mode.limit ? elementLimiter(toElements, (index) => (overLong = index)) : toElements;
  const onToken = (raw: unknown): void => {
    if (stopped) return;
    const token = pack ? pack(raw as Token) : (raw as Token);
    if (token === null) return;
    if (!picker) {
      limit(token);
      return;
    }
    const more = forEachOutput(picker(token), (picked) => {
      found = true;
      limit(picked as Token);
    });
    if (!more) stopped = true;
  };
  /** Runs the tokenizer and the streamers; their errors end the document with one problem. */
  const guard = (run: () => void): void => {
    try {
      run();
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      const where = recordsPath ? `"${recordsPath}"` : 'the top level';
      const shape = /should be an array/.test(error.message);
      syntaxError = !shape && error.message.startsWith('Parser');
      const notArray: ReasonDetail = recordsPath ? { code: 'recordsPathNotArray', params: { path: recordsPath } } : { code: 'recordsNotArray', params: {} };
      failure ??= {
        reason: shape ? `expected an array of records at ${where}` : `malformed JSON: ${error.message}`,
        raw: truncateRaw(tail.slice(-CONTEXT_CHARS)),
        detail: shape ? notArray : MALFORMED_JSON,
      };
      stopped = true;
    }
  };
  const fail = (error: VerifierError, context: string, contextStart: number): void => {
    const at = error.offset - contextStart;
    const raw = context.slice(Math.max(0, at - CONTEXT_CHARS), at + CONTEXT_CHARS);
    failure = {
      reason: `malformed JSON at line ${error.line}, column ${error.pos}: ${verifierReason(error)}`,
      raw: truncateRaw(raw),
      detail: { code: 'malformedJsonAt', params: { line: error.line, character: error.pos } },
    };
  };

  for await (const text of readText(path, options.encoding, signal)) {
    let good = text;
    if (verifier) {
      try {
        verifier(text);
      } catch (error) {
        if (!isVerifierError(error)) throw error;
        fail(error, tail + text, fed - tail.length);
        // Only the valid prefix reaches the tokenizer, so every element completed before the error is kept.
        good = text.slice(0, Math.max(0, error.offset - fed));
        broken = true;
      }
    }
    if (good) guard(() => forEachOutput(parse(good), onToken));
    fed += text.length;
    tail = (tail + text).slice(-CONTEXT_CHARS);
    while (out.ready.length > 0) {
      yield out.ready.shift()!;
      throwIfAborted(signal);
    }
    if (stopped || broken) break;
    // Even without this chunk, more than a record's worth of text since the last element: the tokenizer
    // may be packing one huge value. Stop while that costs little; a limiting pass takes over from here.
    if (!mode.limit && fed - text.length - completedAt > MAX_RECORD_CHARS) {
      return { nextIndex, found, failure: null, syntaxError: false, overLong: true };
    }
  }
  if (!stopped && !broken) {
    if (verifier) {
      try {
        verifier(NONE);
      } catch (error) {
        if (!isVerifierError(error)) throw error;
        fail(error, tail, fed - tail.length);
      }
    }
    if (!failure) guard(() => forEachOutput(parse(NONE), onToken));
  }
  return { nextIndex, found, failure, syntaxError: syntaxError && !verify, overLong: false };
}

/**
 * The first pass runs the tokenizer alone (the verifier would double the cost), letting it pack values.
 * If more than a record's worth of text goes by without an element, the first pass stops and a limiting
 * pass reads the file again, delivering from where it stopped, measuring each element and skipping one
 * that is too long. If the tokenizer rejects the text, it throws for a whole chunk at once: the elements
 * earlier in that chunk are lost and its message has no position. Only then a last pass reads the file
 * again with the verifier in lockstep, delivering the elements the first could not, and reporting the
 * exact line and column.
 */
export async function* readJson(path: string, options: JsonReadOptions): AsyncGenerator<ReadItem[]> {
  const out = new Batcher(options.batchSize);
  let result = yield* jsonPass(path, options, out, { verify: false, limit: false }, 0);
  if (result.overLong) result = yield* jsonPass(path, options, out, { verify: false, limit: true }, result.nextIndex);
  if (result.syntaxError) result = yield* jsonPass(path, options, out, { verify: true, limit: true }, result.nextIndex);
  if (result.failure) {
    const { reason, raw, detail } = result.failure;
    out.add({ kind: 'problem', problem: { line: result.nextIndex + 1, reason, raw, detail } });
  } else if (!result.found) {
    const path = options.recordsPath ?? '';
    out.add({
      kind: 'problem',
      problem: { line: 1, reason: `no array of records at "${path}"`, raw: '', detail: { code: 'recordsPathMissing', params: { path } } },
    });
  }
  for (const full of out.ready) yield full;
  const rest = out.rest();
  if (rest.length > 0) yield rest;
}

/** How far `findRecordsPaths` reads: the start of a records array is what it looks for, not its end. */
const PATHS_SCAN_CHARS = 8 * 1024 * 1024;
/** Keys deep at most: `data.customers` is common, `response.data.customers.items` is rare. */
const PATHS_MAX_DEPTH = 4;
const PATHS_MAX = 20;
/** A records path is at most this long (ReadOptions.recordsPath in the API). */
const PATH_MAX_CHARS = 200;

interface PathFrame {
  readonly array: boolean;
  /** The dotted path of this object or array when reachable by object keys alone; null otherwise. */
  readonly path: string | null;
  /** Object: the key of the value that comes next (null when it cannot be part of a path). Array: elements seen. */
  key: string | null;
  count: number;
}

/**
 * Where the records may be when the document's top level is an object, as recordsPath values: the dotted
 * paths of arrays whose first element is an object, reached through object keys only, in document order.
 * Empty when the top level is not an object. Reads at most the first 8 MiB, keeping no value in memory,
 * so an array that starts beyond that (after a huge one) is not offered; it can still be typed.
 */
export async function findRecordsPaths(path: string, encoding: string, signal?: AbortSignal): Promise<string[]> {
  const parse = jsonParser({ packValues: false }) as unknown as Stage;
  const found: string[] = [];
  const stack: PathFrame[] = [];
  let key: string | null = null; // the key being read, null when none is or when it cannot be in a path
  let inKey = false;
  let done = false;
  let read = 0;

  const childPath = (parent: PathFrame | undefined): string | null => {
    if (!parent) return '';
    if (parent.array || parent.path === null || parent.key === null) return null;
    const child = parent.path === '' ? parent.key : `${parent.path}.${parent.key}`;
    return child.split('.').length > PATHS_MAX_DEPTH || child.length > PATH_MAX_CHARS ? null : child;
  };
  const onToken = (raw: unknown): void => {
    const token = raw as Token;
    if (done) return;
    const parent = stack.at(-1);
    switch (token.name) {
      case 'startKey':
        inKey = true;
        key = '';
        return;
      case 'stringChunk':
        if (inKey && key !== null) key = key.length + (token.value as string).length > PATH_MAX_CHARS ? null : key + (token.value as string);
        return;
      case 'endKey':
        inKey = false;
        // A dot would be read as a separator, and an empty key cannot be written in a path.
        if (parent) parent.key = key === null || key === '' || key.includes('.') ? null : key;
        return;
      case 'endObject':
      case 'endArray':
        stack.pop();
        done = stack.length === 0;
        return;
      case 'endString':
      case 'numberChunk':
      case 'endNumber':
        return;
    }
    // The start of a value.
    if (!parent && token.name !== 'startObject') {
      done = true;
      return;
    }
    if (parent?.array) {
      if (parent.count === 0 && parent.path !== null && token.name === 'startObject') {
        found.push(parent.path);
        done = found.length >= PATHS_MAX;
      }
      parent.count++;
    }
    if (token.name === 'startObject' || token.name === 'startArray') {
      stack.push({ array: token.name === 'startArray', path: childPath(parent), key: null, count: 0 });
    }
  };

  try {
    for await (const text of readText(path, encoding, signal)) {
      forEachOutput(parse(text), onToken);
      read += text.length;
      if (done || read >= PATHS_SCAN_CHARS) break;
    }
  } catch (error) {
    // Malformed text ends the search: what was found before it is still worth offering.
    if (!(error instanceof Error) || !error.message.startsWith('Parser')) throw error;
  }
  return found;
}

/**
 * Lines of the decoded text without their line breaks, each with its 1-based number. A line longer than
 * MAX_RECORD_CHARS is returned as `tooLong` with its beginning only, and the rest of it is skipped
 * without being buffered (node:readline would hold the whole line in memory).
 */
async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<{ line: number; text: string; tooLong: boolean }> {
  let pending = '';
  let line = 1;
  let skipping = false;
  for await (const chunk of chunks) {
    let start = 0;
    for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', start)) {
      if (skipping) skipping = false;
      else yield { line, text: stripCr(pending + chunk.slice(start, at)), tooLong: false };
      pending = '';
      line++;
      start = at + 1;
    }
    if (skipping) continue;
    pending += chunk.slice(start);
    if (pending.length > MAX_RECORD_CHARS) {
      yield { line, text: pending.slice(0, MAX_RECORD_CHARS), tooLong: true };
      pending = '';
      skipping = true;
    }
  }
  if (!skipping && pending !== '') yield { line, text: stripCr(pending), tooLong: false };
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/** One NDJSON line → a row, or a problem saying why not. */
function ndjsonItem(line: number, text: string): ReadItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'problem', problem: { line, reason: `malformed JSON: ${(error as Error).message}`, raw: truncateRaw(text), detail: MALFORMED_JSON } };
  }
  if (isRecord(value)) return { kind: 'row', row: { line, values: value } };
  return { kind: 'problem', problem: { line, reason: 'line is not a JSON object', raw: truncateRaw(text), detail: { code: 'lineNotObject', params: {} } } };
}

export async function* readNdjson(path: string, options: Omit<JsonReadOptions, 'recordsPath'>): AsyncGenerator<ReadItem[]> {
  const { signal } = options;
  const out = new Batcher(options.batchSize);
  for await (const { line, text, tooLong } of lines(readText(path, options.encoding, signal))) {
    if (tooLong) {
      const maxMiB = MAX_RECORD_CHARS / 1024 / 1024;
      out.add({
        kind: 'problem',
        problem: { line, reason: `line longer than ${maxMiB} MiB`, raw: truncateRaw(text), detail: { code: 'lineTooLong', params: { maxMiB } } },
      });
    } else if (text.trim() !== '') out.add(ndjsonItem(line, text));
    while (out.ready.length > 0) {
      yield out.ready.shift()!;
      throwIfAborted(signal);
    }
  }
  const rest = out.rest();
  if (rest.length > 0) yield rest;
}
