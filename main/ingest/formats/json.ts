/**
 * JSON and NDJSON readers.
 *
 * JSON: stream-json's tokenizer → `pick` (when the records sit at `recordsPath`) → `streamArray`, one
 * array element at a time, so a multi-gigabyte export costs one element of memory. We call stream-json's
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
}

/**
 * One pass over the document. Elements with an index below `emitFrom` are parsed but not delivered
 * (they were delivered by the previous pass). With `verify`, stream-json's verifier runs in lockstep and
 * only the text before its first error reaches the tokenizer.
 */
async function* jsonPass(path: string, options: JsonReadOptions, out: Batcher, verify: boolean, emitFrom: number): AsyncGenerator<ReadItem[], PassResult> {
  const { signal, recordsPath } = options;
  const verifier = verify ? (jsonVerifier() as unknown as Stage) : null;
  const parse = jsonParser({ streamValues: false }) as unknown as Stage;
  const picker = recordsPath ? (pick({ filter: recordsPath, once: true }) as unknown as Stage) : null;
  const elements = streamArray() as unknown as Stage;
  let nextIndex = emitFrom;
  let found = !recordsPath;
  let stopped = false; // pick has passed its whole array, or a stage failed: ignore further tokens
  let broken = false; // the verifier found an error: read no further
  let syntaxError = false;
  // `as`, not a type annotation: the closures below assign it, and TypeScript would otherwise narrow it to null.
  let failure = null as { reason: string; raw: string; detail: ReasonDetail } | null;
  let fed = 0; // characters read so far
  let tail = ''; // the last characters before the current chunk, for error context

  const onElement = (item: unknown): void => {
    const { key, value } = item as { key: number; value: unknown };
    if (key < emitFrom) return;
    nextIndex = key + 1;
    out.add(elementItem(key, value));
  };
  const onToken = (token: unknown): void => {
    if (stopped) return;
    if (!picker) {
      forEachOutput(elements(token), onElement);
      return;
    }
    const more = forEachOutput(picker(token), (picked) => {
      found = true;
      forEachOutput(elements(picked), onElement);
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
    fed += text.length;
    if (good) guard(() => forEachOutput(parse(good), onToken));
    tail = (tail + text).slice(-CONTEXT_CHARS);
    while (out.ready.length > 0) {
      yield out.ready.shift()!;
      throwIfAborted(signal);
    }
    if (stopped || broken) break;
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
  return { nextIndex, found, failure, syntaxError: syntaxError && !verify };
}

/**
 * The first pass runs the tokenizer alone (the verifier would double the cost). If the tokenizer rejects
 * the text, it throws for a whole chunk at once: the elements earlier in that chunk are lost and its
 * message has no position. Only then a second pass reads the file again with the verifier in lockstep,
 * delivering the elements the first pass could not, and reporting the exact line and column.
 */
export async function* readJson(path: string, options: JsonReadOptions): AsyncGenerator<ReadItem[]> {
  const out = new Batcher(options.batchSize);
  let result = yield* jsonPass(path, options, out, false, 0);
  if (result.syntaxError) result = yield* jsonPass(path, options, out, true, result.nextIndex);
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
