/** Test helpers: people imported with consents from a JSON export, as a web shop or a newsletter sends them. */
import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { ok, tempDir } from '../test-support/temp-vault';

export interface TestPerson {
  readonly id: number;
  readonly first: string;
  readonly last: string;
  readonly email: string;
  readonly consents?: readonly { readonly purpose: string; readonly granted: unknown; readonly date?: string }[];
}

/** Imports the people into `source`; the source is declared for customer relationship on contract unless said otherwise. */
export async function importPeople(
  backend: Backend,
  source: string,
  people: readonly TestPerson[],
  declaration?: { purposes: (string | { purpose: string; basis: string })[]; lawfulBasis: string },
) {
  const file = path.join(tempDir(), `${source}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      people.map((person) => ({
        customer: { id: person.id, first_name: person.first, last_name: person.last, email: person.email },
        consents: person.consents ?? [],
      })),
    ),
  );
  const preview = await ok(backend, 'import.preview', { file });
  return unwrap(
    await runJob(backend, 'import.file', {
      file,
      source,
      options: {},
      mapping: { ...preview.mapping, defaultCountry: 'FR' },
      ...(declaration === undefined ? {} : { declaration: { ...declaration, defaultCountry: 'FR' } }),
    }),
  );
}

export async function profileOf(backend: Backend, query: string): Promise<number> {
  const [hit] = (await ok(backend, 'profiles.search', { query })).hits;
  if (hit === undefined) throw new Error(`nobody found for ${query}`);
  return hit.id;
}
