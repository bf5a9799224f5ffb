/**
 * Adding, changing, removing and testing connectors: each change and its audit entry in one transaction.
 * Audit details hold ids, kinds and counts: never a host, a user name, a password or a URL.
 */
import type { z } from 'zod';
import type { LawfulBasis } from '../../consent/contract';
import type { Connector } from './contract';
import { followBasis, type PurposeGiven } from '../contract';
import { describeZodError } from '../../core/validation';
import { AppError } from '../../core/errors';
import type { SqlRunner } from '../../store/sql';
import type { OpenVault, VaultService } from '../../vault/index';
import type { Mapping } from '../mapping/fields';
import { saveSourceAudited } from '../source-audit';
import { findSource, inDeclaredCountry } from '../sources';
import { CONFIG_SCHEMAS, MASK, type ConnectorKind, type ConnectorSpec } from './config';
import { keepSecrets, maskSpec } from './mask';
import { probeConnector, type ProbeResult } from './probe';
import { connectorNamed } from './sync';
import { deleteConnector, findConnector, insertConnector, listConnectors, updateConnector, type StoredConnector } from './store';

export interface AddInput {
  readonly name: string;
  readonly purposes: readonly PurposeGiven[];
  readonly lawfulBasis: LawfulBasis;
  readonly defaultCountry: string | null;
  readonly scheduleMinutes: number | null;
  readonly mapping?: Mapping | null;
  readonly kind: ConnectorKind;
  readonly config: ConnectorSpec['config'];
}

export interface UpdateInput {
  readonly name: string;
  readonly purposes?: readonly PurposeGiven[];
  readonly lawfulBasis?: LawfulBasis;
  readonly defaultCountry?: string | null;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly scheduleMinutes?: number | null;
  readonly enabled?: boolean;
  readonly mapping?: Mapping | null;
}

/** The connector as it may leave the backend: secrets masked. */
export function toConnector(connector: StoredConnector): Connector {
  const { source } = connector;
  return {
    id: connector.id,
    name: source.name,
    sourceId: source.id,
    kind: connector.spec.kind,
    purposes: source.purposes,
    lawfulBasis: source.lawfulBasis,
    defaultCountry: source.defaultCountry,
    config: { ...maskSpec(connector.spec).config },
    scheduleMinutes: connector.scheduleMinutes,
    enabled: connector.enabled,
    consecutiveFailures: connector.consecutiveFailures,
    nextAttemptAt: connector.nextAttemptAt,
    lastSuccessAt: connector.lastSuccessAt,
    lastError: connector.lastError,
    lastErrorDetail: connector.lastErrorDetail,
    createdAt: connector.createdAt,
    updatedAt: connector.updatedAt,
    lastRun: source.lastRun,
  };
}

export function connectorList(db: SqlRunner): Connector[] {
  return listConnectors(db).map(toConnector);
}

function parseConfig(kind: ConnectorKind, config: unknown): ConnectorSpec {
  const parsed = (CONFIG_SCHEMAS[kind] as z.ZodType).safeParse(config);
  if (!parsed.success) throw new AppError('INVALID_INPUT', `config: ${describeZodError(parsed.error)}`);
  return { kind, config: parsed.data } as ConnectorSpec;
}

/**
 * A configuration sent without its secret (no password, no authentication header) keeps the stored one.
 * `authHeader: null` is the one way to say "send no header any more": leaving it out cannot mean that.
 */
function withStoredSecrets(raw: Readonly<Record<string, unknown>>, current: ConnectorSpec): Record<string, unknown> {
  switch (current.kind) {
    case 'postgres':
    case 'mysql':
      return 'password' in raw ? { ...raw } : { ...raw, password: MASK };
    case 'rest': {
      if (raw.authHeader === null) return Object.fromEntries(Object.entries(raw).filter(([key]) => key !== 'authHeader'));
      return 'authHeader' in raw || !current.config.authHeader ? { ...raw } : { ...raw, authHeader: { name: current.config.authHeader.name, value: MASK } };
    }
    case 'folder':
      return { ...raw };
  }
}

export function addConnector(vaults: VaultService, input: AddInput, now: () => Date): Connector {
  const spec = { kind: input.kind, config: input.config } as ConnectorSpec;
  const stored = vaults.mutate<StoredConnector>(
    (connector) => ({
      action: 'connector.added',
      objectType: 'connector',
      objectId: connector.id,
      details: { sourceId: connector.source.id, kind: connector.spec.kind, scheduleMinutes: connector.scheduleMinutes },
    }),
    (vault) => {
      const { db } = vault;
      const stamp = now().toISOString();
      const existing = findSource(db, input.name);
      if (existing && findConnector(db, existing.id)) throw new AppError('CONFLICT', `There is already a connector named ${existing.name}.`);
      const source = saveSourceAudited(
        vault,
        {
          name: input.name,
          kind: input.kind,
          purposes: input.purposes,
          lawfulBasis: input.lawfulBasis,
          defaultCountry: input.defaultCountry,
          mapping: input.mapping === undefined ? undefined : inDeclaredCountry(input.mapping, input.defaultCountry),
        },
        stamp,
      );
      return insertConnector(db, source.id, spec, input.scheduleMinutes, stamp);
    },
  );
  return toConnector(stored);
}

export function updateConnectorNamed(vaults: VaultService, input: UpdateInput, now: () => Date): Connector {
  const changed: string[] = [];
  const stored = vaults.mutate<StoredConnector>(
    (connector) => ({ action: 'connector.updated', objectType: 'connector', objectId: connector.id, details: { sourceId: connector.source.id, changed } }),
    (vault) => {
      const { db } = vault;
      const stamp = now().toISOString();
      const current = connectorNamed(vault, input.name);
      const { source } = current;
      const declared = input.purposes !== undefined || input.lawfulBasis !== undefined || input.defaultCountry !== undefined;
      if (declared || input.mapping !== undefined) {
        if (declared) changed.push('declaration');
        if (input.mapping !== undefined) changed.push('mapping');
        const mapping = input.mapping === undefined ? source.mapping : input.mapping;
        saveSourceAudited(
          vault,
          {
            name: source.name,
            kind: source.kind,
            purposes: input.purposes ?? followBasis(source.purposes, source.lawfulBasis, input.lawfulBasis ?? source.lawfulBasis),
            lawfulBasis: input.lawfulBasis ?? source.lawfulBasis,
            defaultCountry: input.defaultCountry === undefined ? source.defaultCountry : input.defaultCountry,
            // A country declared again moves the mapping's too, as imports and sources.save do: a source's
            // rows are read in one country, the one it declares.
            mapping: input.defaultCountry === undefined ? mapping : inDeclaredCountry(mapping, input.defaultCountry),
          },
          stamp,
        );
      }
      const spec = input.config === undefined ? undefined : editedSpec(current.spec, input.config);
      if (spec !== undefined) changed.push('config');
      if (input.scheduleMinutes !== undefined) changed.push('schedule');
      if (input.enabled !== undefined) changed.push('enabled');
      return updateConnector(
        db,
        current.id,
        {
          ...(spec ? { spec } : {}),
          ...(input.scheduleMinutes !== undefined ? { scheduleMinutes: input.scheduleMinutes } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        },
        stamp,
      );
    },
  );
  return toConnector(stored);
}

export function removeConnectorNamed(vaults: VaultService, name: string): void {
  vaults.mutate<StoredConnector>(
    (connector) => ({
      action: 'connector.removed',
      objectType: 'connector',
      objectId: connector.id,
      details: { sourceId: connector.source.id, kind: connector.spec.kind },
    }),
    (vault) => {
      const connector = connectorNamed(vault, name);
      deleteConnector(vault.db, connector.id);
      return connector;
    },
  );
}

/** Tests a saved connector or a configuration not saved yet; the outcome (ok or failed, and how many rows) is audited either way. */
/** An edited configuration as connectors.update would store it: stored secrets kept, for the same server only. */
function editedSpec(current: ConnectorSpec, config: Readonly<Record<string, unknown>>): ConnectorSpec {
  return keepSecrets(parseConfig(current.kind, withStoredSecrets(config, current)), current);
}

export async function testConnector(
  vaults: VaultService,
  input: { readonly name: string; readonly config?: Readonly<Record<string, unknown>> } | ConnectorSpec,
): Promise<ProbeResult> {
  const vault: OpenVault = vaults.current();
  const saved = 'name' in input ? connectorNamed(vault, input.name) : null;
  // A configuration not saved yet was checked by the contract's schema on the way in.
  const spec: ConnectorSpec = 'name' in input ? (input.config === undefined ? saved!.spec : editedSpec(saved!.spec, input.config)) : input;
  const record = (result: 'ok' | 'failed', rows: number): void =>
    vaults.mutate(
      () => ({ action: 'connector.tested', objectType: 'connector', objectId: saved?.id ?? null, details: { kind: spec.kind, result, rows } }),
      () => undefined,
    );
  try {
    const result = await probeConnector(spec, saved?.source.mapping ?? null, saved?.source.defaultCountry ?? null);
    record('ok', result.rows.length);
    return result;
  } catch (error) {
    record('failed', 0);
    throw error;
  }
}
