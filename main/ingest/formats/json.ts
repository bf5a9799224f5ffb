/**
 * JSON and NDJSON readers.
 *
 * JSON: stream-json's tokenizer → `pick` (when the records sit at `recordsPath`) → `streamArray`, one
 * array element at a time, so a multi-gigabyte export costs one element of memory. We call stream-json's
 * stream-agnostic core functions directly on each decoded chunk rather than wiring Node streams:
 * pulling chunks from our own loop gives backpressure and cancellation for free, and it lets us run
 * stream-json's verifier in the same loop. The verifier is what makes malformed JSON recoverable: it
 * reports the exact offset, line and column of the first error, and the parser then receives only the
 * text before that offset — so every element that was complete before the error is still delivered
 * (a tokenizer that throws mid-chunk would lose the elements earlier in that chunk).
 *
 * NDJSON: one JSON document per line, each parsed on its own, so a bad line costs only that line.
 */
import { jsonParser } from 'stream-json/core/parser.js';
import pick from 'stream-json/core/filters/pick.js';
import streamArray from 'stream-json/core/streamers/stream-array.js';
import { jsonVerifier } from 'stream-json/core/utils/verifier.js';
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

function elementItem(index: number, value: unknown): ReadItem {
  if (isRecord(value)) return { kind: 'row', row: { line: index + 1, values: value } };
  const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
  return { kind: 'problem', problem: { line: index + 1, reason: `element is ${kind}, not an object`, raw: truncateRaw(JSON.stringify(value) ?? String(value)) } };
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

export async function* readJson(path: string, options: JsonReadOptions): AsyncGenerator<ReadItem[]> {
  const { signal, recordsPath } = options;
  const out = new Batcher(options.batchSize);
  const verify = jsonVerifier() as unknown as Stage;
  const parse = jsonParser({ streamValues: false }) as unknown as Stage;
  const picker = recordsPath ? (pick({ filter: recordsPath, once: true }) as unknown as Stage) : null;
  const elements = streamArray() as unknown as Stage;
  let nextIndex = 0;
  let found = !recordsPath;
  let stopped = false; // pick found its array and passed it whole, or a stage failed: ignore further tokens
  let broken = false; // the verifier found an error: no more text is read
  // `as`, not a type annotation: the closures below assign it, and TypeScript would otherwise narrow it to null.
  let failure = null as { reason: string; raw: string } | null;
  let fed = 0; // characters given to the verifier so far
  let tail = ''; // the last characters before the current chunk, for error context

  const onElement = (item: unknown): void => {
    const { key, value } = item as { key: number; value: unknown };
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
  /** Runs a stage, turning stream-json's errors into the single problem that ends the document. */
  const guard = (run: () => void): void => {
    try {
      run();
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      const where = recordsPath ? `"${recordsPath}"` : 'the top level';
      const reason = /should be an array/.test(error.message) ? `expected an array of records at ${where}` : `malformed JSON: ${error.message}`;
      failure ??= { reason, raw: truncateRaw(tail.slice(-CONTEXT_CHARS)) };
      stopped = true;
    }
  };
  const fail = (error: VerifierError, context: string, contextStart: number): void => {
    const at = error.offset - contextStart;
    const raw = context.slice(Math.max(0, at - CONTEXT_CHARS), at + CONTEXT_CHARS);
    failure = { reason: `malformed JSON at line ${error.line}, column ${error.pos}: ${verifierReason(error)}`, raw: truncateRaw(raw) };
  };

  for await (const text of readText(path, options.encoding, signal)) {
    let good = text;
    try {
      verify(text);
    } catch (error) {
      if (!isVerifierError(error)) throw error;
      fail(error, tail + text, fed - tail.length);
      // Only the valid prefix reaches the parser, so every element completed before the error is kept.
      good = text.slice(0, Math.max(0, error.offset - fed));
      broken = true;
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
    try {
      verify(NONE);
    } catch (error) {
      if (!isVerifierError(error)) throw error;
      fail(error, tail, fed - tail.length);
    }
    if (!failure) guard(() => forEachOutput(parse(NONE), onToken));
  }
  if (failure) {
    out.add({ kind: 'problem', problem: { line: nextIndex + 1, reason: failure.reason, raw: failure.raw } });
  } else if (!found) {
    out.add({ kind: 'problem', problem: { line: 1, reason: `no array of records at "${recordsPath}"`, raw: '' } });
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
    return { kind: 'problem', problem: { line, reason: `malformed JSON: ${(error as Error).message}`, raw: truncateRaw(text) } };
  }
  if (isRecord(value)) return { kind: 'row', row: { line, values: value } };
  return { kind: 'problem', problem: { line, reason: 'line is not a JSON object', raw: truncateRaw(text) } };
}

export async function* readNdjson(path: string, options: Omit<JsonReadOptions, 'recordsPath'>): AsyncGenerator<ReadItem[]> {
  const { signal } = options;
  const out = new Batcher(options.batchSize);
  for await (const { line, text, tooLong } of lines(readText(path, options.encoding, signal))) {
    if (tooLong) out.add({ kind: 'problem', problem: { line, reason: `line longer than ${MAX_RECORD_CHARS / 1024 / 1024} MiB`, raw: truncateRaw(text) } });
    else if (text.trim() !== '') out.add(ndjsonItem(line, text));
    while (out.ready.length > 0) {
      yield out.ready.shift()!;
      throwIfAborted(signal);
    }
  }
  const rest = out.rest();
  if (rest.length > 0) yield rest;
}
