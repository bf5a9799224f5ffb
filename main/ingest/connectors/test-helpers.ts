/** Shared by the connector tests: customers with accents, and adding and syncing connectors through the API. */
import { expect } from 'vitest';
import type { Connector, SyncOutcome } from './contract';
import type { Backend } from '../../backend/backend';
import { runJob, unwrap } from '../../backend/run-job';
import { ok } from '../../test-support/temp-vault';

const GIVEN = ['Hélène', 'Łukasz', 'François', 'Zoë', 'Agnès', 'Jérôme', 'Małgorzata', 'Noël', 'Øyvind', 'Çağla'];
const FAMILY = ['Tremblay', 'Wiśniewski', 'Côté', 'Müller', 'Gagnon', 'Lévesque', 'Żółkiewska', 'Bouchard', 'Ødegård', 'Şahin'];
const CITIES = ['Montréal', 'Łódź', 'Québec', 'Zürich', 'Trois-Rivières', 'Lévis', 'Kraków', 'Gatineau', 'Tromsø', 'İzmir'];

export interface Customer {
  readonly id: number;
  readonly first_name: string;
  readonly last_name: string;
  readonly email: string;
  readonly city: string;
}

/** `count` distinct customers; their names are unique so that searches find exactly one. */
export function customers(count: number, from = 1): Customer[] {
  return Array.from({ length: count }, (_, index) => {
    const id = from + index;
    const given = GIVEN[id % GIVEN.length]!;
    const family = `${FAMILY[Math.floor(id / GIVEN.length) % FAMILY.length]!}${id >= 100 ? id : ''}`;
    return { id, first_name: given, last_name: family, email: `client${id}@exemple.ca`, city: CITIES[id % CITIES.length]! };
  });
}

export const DECLARATION = { purposes: ['customer relationship'], lawfulBasis: 'contract', defaultCountry: 'CA' } as const;

export async function addConnector(
  backend: Backend,
  name: string,
  kind: Connector['kind'],
  config: unknown,
  extra: Record<string, unknown> = {},
): Promise<Connector> {
  return ok(backend, 'connectors.add', { name, ...DECLARATION, kind, config, ...extra });
}

export async function sync(backend: Backend, name: string): Promise<SyncOutcome> {
  const { outcomes } = unwrap(await runJob(backend, 'connectors.sync', { name }));
  expect(outcomes).toHaveLength(1);
  return outcomes[0]!;
}

export async function profileCount(backend: Backend): Promise<number> {
  return (await ok(backend, 'profiles.count')).profiles;
}

export async function search(backend: Backend, query: string): Promise<string[]> {
  return (await ok(backend, 'profiles.search', { query })).hits.map((hit) => hit.displayName);
}

/** Minutes between `from` and an ISO time, rounded: what the retry delay came to. */
export function minutesAfter(iso: string | null, from: Date): number {
  expect(iso).not.toBeNull();
  return Math.round((Date.parse(iso!) - from.getTime()) / 60_000);
}
