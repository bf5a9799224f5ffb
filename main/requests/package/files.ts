/**
 * The machine-readable copy (portability): data.json with everything, and one CSV per category. Each list is
 * in a stable order and each object's keys in a fixed order, so the same vault state gives the same bytes.
 */
import Papa from 'papaparse';
import type { CollectedPerson } from './collect';
import type { PackageMeta } from './report';

export interface PackageFile {
  readonly name: string;
  readonly bytes: Buffer;
}

const csv = (fields: readonly string[], rows: readonly (readonly unknown[])[]): Buffer =>
  // A byte-order mark so that Excel, which most requesters will open it with, reads the accents.
  Buffer.from(
    `\ufeff${Papa.unparse({ fields: [...fields], data: rows.map((row) => row.map((value) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : value))) }, { newline: '\r\n' })}\r\n`,
    'utf8',
  );

export function dataFiles(person: CollectedPerson, meta: PackageMeta): PackageFile[] {
  const data = {
    request: { id: meta.requestId, receivedOn: meta.receivedOn, jurisdiction: meta.jurisdiction, range: meta.range, timeZone: meta.timeZone },
    profileIds: person.profileIds,
    profile: person.golden.map(({ field, value, source }) => ({ field, value, source })),
    records: person.records,
    identifiers: person.identifiers,
    valuesKeptAsSent: person.flags,
    events: person.events,
    consent: { states: person.consentStates.map(({ purpose, state, basis, since }) => ({ purpose, state, basis, since })), events: person.consentEvents },
    purposes: person.declarations,
    recordsHeldForABasis: person.heldRecords,
    disclosures: person.disclosures,
    withheldThirdPartyValues: person.withheld,
    erasures: meta.erasures ?? [],
  };
  return [
    { name: 'data.json', bytes: Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8') },
    {
      name: 'profile.csv',
      bytes: csv(
        ['field', 'value', 'source'],
        person.golden.map((value) => [value.field, value.value, value.source]),
      ),
    },
    {
      name: 'source-records.csv',
      bytes: csv(
        ['record_id', 'source', 'source_record_id', 'received_at', 'updated_at', ...Object.keys(person.records[0]?.fields ?? {}), 'raw'],
        person.records.map((record) => [
          record.id,
          record.source,
          record.externalId,
          record.receivedAt,
          record.updatedAt,
          ...Object.values(record.fields),
          record.raw,
        ]),
      ),
    },
    {
      name: 'identifiers.csv',
      bytes: csv(
        ['record_id', 'kind', 'value', 'as_received'],
        person.identifiers.map((identifier) => [identifier.recordId, identifier.kind, identifier.value, identifier.raw]),
      ),
    },
    {
      name: 'values-kept-as-sent.csv',
      bytes: csv(
        ['record_id', 'field', 'column', 'reason', 'value'],
        person.flags.map((flag) => [flag.recordId, flag.field, flag.column, flag.reason, flag.raw]),
      ),
    },
    {
      name: 'events.csv',
      bytes: csv(
        ['event_id', 'record_id', 'source', 'type', 'at', 'amount', 'currency', 'place', 'raw'],
        person.events.map((event) => [event.id, event.recordId, event.source, event.type, event.at, event.amount, event.currency, event.place, event.raw]),
      ),
    },
    {
      name: 'consents.csv',
      bytes: csv(
        ['event_id', 'record_id', 'purpose', 'kind', 'at', 'recorded_at', 'source', 'method', 'notice_version', 'evidence', 'expires_at'],
        person.consentEvents.map((event) => [
          event.id,
          event.recordId,
          event.purpose,
          event.kind,
          event.at,
          event.recordedAt,
          event.source,
          event.method,
          event.noticeVersion,
          event.evidence,
          event.expiresAt,
        ]),
      ),
    },
    {
      name: 'consent-state.csv',
      bytes: csv(
        ['purpose', 'state', 'basis', 'since'],
        person.consentStates.map((state) => [state.purpose, state.state, state.basis, state.since]),
      ),
    },
    {
      name: 'purposes.csv',
      bytes: csv(
        ['source', 'purpose', 'basis'],
        person.declarations.map((declaration) => [declaration.source, declaration.purpose, declaration.basis]),
      ),
    },
    {
      name: 'held-records.csv',
      bytes: csv(
        ['record_id', 'source', 'source_record_id', 'received_at', ...Object.keys(person.heldRecords[0]?.fields ?? person.records[0]?.fields ?? {}), 'raw'],
        person.heldRecords.map((record) => [record.id, record.source, record.externalId, record.receivedAt, ...Object.values(record.fields), record.raw]),
      ),
    },
    {
      name: 'disclosures.csv',
      bytes: csv(
        ['extract_id', 'at', 'partner', 'role', 'country', 'agreement', 'purposes', 'fields', 'file_sha256'],
        person.disclosures.map((disclosure) => [
          disclosure.extractId,
          disclosure.at,
          disclosure.partner,
          disclosure.role,
          disclosure.country,
          disclosure.agreement,
          disclosure.purposes.join(', '),
          disclosure.fields.join(', '),
          disclosure.sha256,
        ]),
      ),
    },
  ];
}
