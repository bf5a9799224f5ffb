/**
 * What the partner commands (`partners`, `agreements`, `extract`, `schedules`, `register`) share: their option
 * parsers, the partner found by name, the audience read from a file, and refusals said in words.
 */
import { InvalidArgumentError } from 'commander';
import { Audience, EXTRACT_FIELDS, type ExtractField, type Partner } from '../../api/contract';
import type { Backend } from '../../backend/backend';
import { unwrap } from '../../backend/run-job';
import { AppError, isAppError } from '../../core/errors';
import { translator } from '../../i18n/translator';
import { CliError } from '../errors';
import { readJsonInput } from '../json-input';
import type { CliIo } from '../output';

export function parseId(what: string): (value: string) => number {
  return (value) => {
    const id = Number(value.replace(/^#/, ''));
    if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError(`expected ${what} number.`);
    return id;
  };
}

export function parseDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected a date written YYYY-MM-DD.');
  return value;
}

export function parseCount(max: number): (value: string) => number {
  return (value) => {
    const count = Number(value);
    if (!Number.isInteger(count) || count < 0 || count > max) throw new InvalidArgumentError(`expected a whole number from 0 to ${max}.`);
    return count;
  };
}

/** `--purpose a b`, `--purpose a,b` and `--purpose a --purpose b` all add up. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  ];
}

export function parseFields(value: string, previous: ExtractField[] = []): ExtractField[] {
  const fields = collectList(value);
  const unknown = fields.filter((field) => !(EXTRACT_FIELDS as readonly string[]).includes(field));
  if (unknown.length > 0 || fields.length === 0)
    throw new InvalidArgumentError(`${unknown.join(', ') || 'no field'}: expected fields among ${EXTRACT_FIELDS.join(', ')}, separated by commas.`);
  return [...previous, ...(fields as ExtractField[])];
}

/** Names are unique regardless of case (the vault refuses a second "envoi"), so typing it in any case finds it. */
export async function partnerNamed(backend: Backend, name: string): Promise<Partner> {
  const wanted = name.trim().toLocaleLowerCase();
  const partner = unwrap(await backend.call('partners.list', {})).find((candidate) => candidate.name.toLocaleLowerCase() === wanted);
  if (partner === undefined) throw new CliError('NOT_FOUND', `No partner is named “${name}”: custodia partners list shows them.`);
  return partner;
}

/** Read before the vault is unlocked, so a mistyped file costs no passphrase. */
export async function readAudience(file: string | undefined, io: CliIo): Promise<Audience | undefined> {
  if (file === undefined) return undefined;
  const parsed = Audience.safeParse(await readJsonInput(file, 'audience', io));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      'INVALID_INPUT',
      `The audience in ${file} is not valid: ${issue?.path.join('.') || 'its value'}: ${issue?.message ?? 'unexpected shape'}.`,
    );
  }
  return parsed.data;
}

/** The app's English words for a key, or `fallback` where it has none. */
export function say(key: string, fallback: string, params: Record<string, string | number> = {}): string {
  const text = translator('en')(key, params);
  return text === key ? fallback : text;
}

/**
 * A refusal carries its reason (`CONFLICT` + `leaseExpired`): the sentence the app shows for it says more than
 * the English message made where it was thrown, so the CLI prints that sentence with the same code.
 */
export function inWords(error: unknown): unknown {
  if (!isAppError(error) || typeof error.params?.reason !== 'string') return error;
  const sentence = say(`errors.${error.code}_${error.params.reason}`, error.message, { ...error.params });
  return sentence === error.message ? error : new AppError(error.code, sentence, error.params);
}

export async function sayingWhy<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw inWords(error);
  }
}
