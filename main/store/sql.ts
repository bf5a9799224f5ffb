/**
 * Raw SQL through a tagged template: `sql\`SELECT … WHERE id = ${id}\`` yields the text with `?`
 * placeholders and the parameters in order; fragments compose, so dynamic filters stay injection-free.
 * Statements are prepared once per distinct text and reused.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export type SqlValue = string | number | bigint | null | Buffer | Uint8Array;

export interface SqlFragment {
  readonly text: string;
  readonly params: readonly SqlValue[];
}

const FRAGMENT = Symbol('sql-fragment');
type TaggedFragment = SqlFragment & { readonly [FRAGMENT]: true };

function fragment(text: string, params: readonly SqlValue[]): TaggedFragment {
  return { text, params, [FRAGMENT]: true };
}

function isFragment(value: unknown): value is TaggedFragment {
  return typeof value === 'object' && value !== null && FRAGMENT in value;
}

export function sql(strings: TemplateStringsArray, ...values: ReadonlyArray<SqlValue | SqlFragment>): SqlFragment {
  let text = strings[0] ?? '';
  const params: SqlValue[] = [];
  values.forEach((value, index) => {
    if (isFragment(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value as SqlValue);
    }
    text += strings[index + 1] ?? '';
  });
  return fragment(text, params);
}

/** Joins fragments with a separator, e.g. the conditions of a WHERE clause. */
export function joinSql(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return fragment(
    parts.map((part) => part.text).join(separator),
    parts.flatMap((part) => part.params),
  );
}

export const emptySql: SqlFragment = fragment('', []);

/** A table or column name chosen by our code (never by a user): checked to be a plain identifier, then inlined. */
export function sqlIdentifier(name: string): SqlFragment {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  return fragment(name, []);
}

/** A connection wrapper that caches prepared statements by their text. */
export class SqlRunner {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly raw: Database.Database) {}

  statement(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.raw.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  all<T>(query: SqlFragment): T[] {
    return this.statement(query.text).all(...query.params) as T[];
  }

  get<T>(query: SqlFragment): T | undefined {
    return this.statement(query.text).get(...query.params) as T | undefined;
  }

  run(query: SqlFragment): Database.RunResult {
    return this.statement(query.text).run(...query.params);
  }

  iterate<T>(query: SqlFragment): IterableIterator<T> {
    return this.statement(query.text).iterate(...query.params) as IterableIterator<T>;
  }

  /** One transaction per mutation: the work and its audit entry commit together or not at all. */
  transaction<T>(work: () => T): T {
    return this.raw.transaction(work).immediate();
  }
}
