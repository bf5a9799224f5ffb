/**
 * Cuts decoded CSV text into records with papaparse's own Parser, fed chunk by chunk, and bounds what a
 * single record may cost.
 *
 * Why not `Papa.parse(stream, { step })`: its streamer keeps the unfinished record ("partial line") and
 * re-parses it from the start with every new chunk, without limit — an unterminated quote or a 300 MB
 * field makes that quadratic and unbounded in memory — and it does not expose the raw text of a record,
 * which a ReadProblem must carry. So we drive `Papa.Parser` exactly as papaparse's streamer does
 * (`parse(text, 0, ignoreLastRow = true)`, keep the unfinished tail, prepend it to the next chunk) and add
 * the guard around it: an unfinished record may not grow beyond MAX_RECORD_CHARS. All field splitting,
 * quoting and unescaping is papaparse's.
 *
 * When a record cannot be finished (too long, or a quote is never closed), we resynchronise at a line
 * break, so one bad line does not swallow the rest of the file:
 * - a single physical line longer than the limit is reported and skipped up to its end;
 * - a quoted field spanning lines that never closes (typically a stray `"`) is reported for its first line
 *   only, and parsing resumes on the next line. Each such recovery re-parses up to 1 MiB, so they are
 *   rationed (RECOVERY_BUDGET_RATIO): past the budget the whole stuck block is reported as one problem. This
 *   keeps the cost linear even for a file with a stray quote on every line.
 */
import Papa from 'papaparse';
import type { ReasonDetail } from '../reasons';
import { MAX_RECORD_CHARS, truncateRaw } from './text';

export interface CsvRecord {
  /** Physical line where the record starts (1-based). */
  readonly line: number;
  /** The fields, or null when the record could not be parsed at all. */
  readonly fields: string[] | null;
  /** The record's text without its final line break, truncated to MAX_RAW_CHARS. */
  readonly raw: string;
  /** Why the record is a problem, or null when papaparse read it cleanly. */
  readonly problem: string | null;
  /** The problem as a code the interface translates; null exactly when `problem` is. */
  readonly detail: ReasonDetail | null;
}

interface Problem {
  readonly reason: string;
  readonly detail: ReasonDetail;
}

const MAX_RECORD_MIB = MAX_RECORD_CHARS / 1024 / 1024;
const UNTERMINATED_QUOTE: Problem = { reason: 'unterminated quote', detail: { code: 'unterminatedQuote', params: {} } };
const QUOTE_NOT_CLOSED: Problem = {
  reason: 'quoted field not closed within 1 MiB (unterminated quote?)',
  detail: { code: 'quoteNotClosed', params: { maxMiB: MAX_RECORD_MIB } },
};

/**
 * What papaparse splits records on. CRLF files are parsed with "\n" and the "\r" left at the end of the
 * last field is removed: unlike telling papaparse "\r\n", this also reads files whose line endings are
 * mixed (a CRLF export with rows appended by a Unix tool), which are common.
 */
type Newline = '\n' | '\r';

interface Step {
  readonly fields: string[];
  readonly codes: readonly string[];
  readonly end: number;
}

/** Re-parsing allowance for line recoveries, in characters per character read (plus a fixed start). */
const RECOVERY_BUDGET_RATIO = 4;

function quoteProblem(codes: readonly string[]): Problem | null {
  if (codes.includes('MissingQuotes')) return UNTERMINATED_QUOTE;
  if (codes.includes('InvalidQuotes'))
    return { reason: 'malformed quote (a quote inside a quoted field must be doubled)', detail: { code: 'malformedQuote', params: {} } };
  return codes.length > 0 ? { reason: 'malformed record', detail: { code: 'unreadableRecord', params: {} } } : null;
}

export class CsvScanner {
  /** Guessed from the text itself once it has a line break (see guessNewline). */
  private newline: Newline | null = null;
  /** The character that ends a physical line: '\n' (LF and CRLF files) or '\r' (old Mac files). */
  private breakChar = '\n';
  private parser: Papa.Parser | null = null;
  private steps: Step[] = [];
  /** Text received but not yet turned into records: the start of an unfinished record. */
  private pending = '';
  /** Line on which `pending` starts. */
  private line = 1;
  /** Discarding the rest of a physical line that exceeded the limit. */
  private skipping = false;
  private budget = RECOVERY_BUDGET_RATIO * MAX_RECORD_CHARS;

  constructor(private readonly delimiter: string) {}

  /** Feeds the next piece of text; complete records are appended to `out`. */
  push(chunk: string, out: CsvRecord[]): void {
    let text = chunk;
    this.budget += RECOVERY_BUDGET_RATIO * text.length;
    if (this.skipping) {
      const at = text.indexOf(this.breakChar);
      if (at === -1) return;
      text = text.slice(at + 1);
      this.line += 1;
      this.skipping = false;
    }
    text = this.pending + text;
    this.pending = '';
    if (!this.newline) {
      const newline = guessNewline(text, false) ?? (text.length > MAX_RECORD_CHARS ? '\n' : null);
      if (!newline) {
        this.pending = text;
        return;
      }
      this.start(newline);
    }
    this.parseOpen(text, out);
  }

  /** End of input: the unfinished record, if any, is parsed as the last one. */
  end(out: CsvRecord[]): void {
    const text = this.pending;
    this.pending = '';
    if (this.skipping || text === '') return;
    if (!this.newline) this.start(guessNewline(text, true) ?? '\n');
    this.parseFinal(text, out);
  }

  private start(newline: Newline): void {
    this.newline = newline;
    this.breakChar = newline;
    this.parser = new Papa.Parser({
      delimiter: this.delimiter,
      newline,
      quoteChar: '"',
      step: (results: Papa.ParseStepResult<string[]>) => {
        // The core Parser hands each row as a one-element array (ParseStepResult's type says otherwise).
        const data = results.data as unknown as string[][];
        this.steps.push({ fields: data[0] ?? [''], codes: results.errors.map((error) => error.code), end: results.meta.cursor });
      },
    });
  }

  /** Parses `text` except its unfinished last record, which stays pending (bounded by MAX_RECORD_CHARS). */
  private parseOpen(text: string, out: CsvRecord[]): void {
    let rest = text;
    for (;;) {
      const consumed = this.run(rest, false, out);
      rest = rest.slice(consumed);
      if (rest.length <= MAX_RECORD_CHARS) {
        this.pending = rest;
        return;
      }
      const firstBreak = rest.indexOf(this.breakChar);
      if (firstBreak === -1) {
        // One physical line beyond the limit: report it, drop what we have, skip to its end.
        out.push({
          line: this.line,
          fields: null,
          raw: truncateRaw(rest),
          problem: `record longer than ${MAX_RECORD_MIB} MiB`,
          detail: { code: 'lineTooLong', params: { maxMiB: MAX_RECORD_MIB } },
        });
        this.skipping = true;
        return;
      }
      rest = this.recover(rest, firstBreak, QUOTE_NOT_CLOSED, out);
    }
  }

  /** Parses the remaining text as the end of the file. */
  private parseFinal(text: string, out: CsvRecord[]): void {
    let rest = text;
    while (rest !== '') {
      const consumed = this.run(rest, true, out);
      rest = rest.slice(consumed);
    }
  }

  /**
   * Drops the first line of a record that cannot be finished and returns the text to parse next. Within
   * the budget only that line is lost; past it the whole block up to the last line break is.
   */
  private recover(text: string, firstBreak: number, problem: Problem, out: CsvRecord[]): string {
    if (this.budget >= text.length) {
      this.budget -= text.length;
      out.push({
        line: this.line,
        fields: null,
        raw: truncateRaw(stripNewline(text.slice(0, firstBreak + 1))),
        problem: problem.reason,
        detail: problem.detail,
      });
      this.line += 1;
      return text.slice(firstBreak + 1);
    }
    const lastBreak = text.lastIndexOf(this.breakChar);
    const block = text.slice(0, lastBreak + 1);
    const lines = countChar(block, this.breakChar);
    const last = this.line + lines - 1;
    out.push({
      line: this.line,
      fields: null,
      raw: truncateRaw(stripNewline(block)),
      problem: `${problem.reason}; lines ${this.line}–${last} skipped`,
      detail: { code: 'quoteBlockSkipped', params: { first: this.line, last } },
    });
    this.line += lines;
    return text.slice(lastBreak + 1);
  }

  /**
   * One papaparse pass. Returns how many characters became records. In final mode an unterminated quote
   * at the end of the file is recovered like an over-long record: its first line is reported and
   * parsing resumes after it (the returned count then stops after that line).
   */
  private run(text: string, final: boolean, out: CsvRecord[]): number {
    const parser = this.parser!;
    this.steps = [];
    const result = parser.parse(text, 0, !final) as Papa.ParseResult<string[]>;
    let start = 0;
    for (const step of this.steps) {
      const rawWithBreak = text.slice(start, step.end);
      // At the very end papaparse reports the nothing after the last line break as an empty row.
      if (rawWithBreak === '') continue;
      if (final && step.codes.includes('MissingQuotes')) {
        const firstBreak = rawWithBreak.indexOf(this.breakChar);
        if (firstBreak !== -1 && firstBreak < rawWithBreak.length - 1) {
          const rest = this.recover(rawWithBreak, firstBreak, UNTERMINATED_QUOTE, out);
          return text.length - rest.length;
        }
      }
      const problem = quoteProblem(step.codes);
      if (this.breakChar === '\n') dropCarriageReturn(step.fields, rawWithBreak);
      out.push({
        line: this.line,
        fields: step.fields,
        raw: truncateRaw(stripNewline(rawWithBreak)),
        problem: problem?.reason ?? null,
        detail: problem?.detail ?? null,
      });
      this.line += countChar(rawWithBreak, this.breakChar);
      start = step.end;
    }
    return final ? text.length : result.meta.cursor;
  }
}

/**
 * A CRLF line parsed with "\n" leaves "\r" at the end of its last field; remove it. Not when the field was
 * quoted and its text ends with "\r" (`"x\r"\r\n`): that "\r" is data, and papaparse already dropped the
 * one after the closing quote.
 */
function dropCarriageReturn(fields: string[], raw: string): void {
  const last = fields.length - 1;
  const field = fields[last];
  if (field !== undefined && field.endsWith('\r') && raw.endsWith('\r\n') && !raw.endsWith('\r"\r\n')) fields[last] = field.slice(0, -1);
}

function stripNewline(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n') || text.endsWith('\r')) return text.slice(0, -1);
  return text;
}

function countChar(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++;
  return count;
}

/**
 * "\r" for old Mac exports, whose first line break is a lone CR; "\n" for everything else (LF, CRLF,
 * mixed). Null while undecidable: no line break yet, or a CR at the very end of the text so far.
 */
export function guessNewline(text: string, complete: boolean): Newline | null {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr !== -1 && (lf === -1 || cr < lf)) {
    if (cr + 1 < text.length) return text[cr + 1] === '\n' ? '\n' : '\r';
    return complete ? '\r' : null;
  }
  if (lf !== -1) return '\n';
  return complete ? '\n' : null;
}
