/**
 * The readable report of an access package, as blocks (headings, paragraphs, tables) that the HTML and the
 * PDF writers both draw, so the two say exactly the same thing. It answers what GDPR Art. 15(1) (a)–(h),
 * Quebec's Law 25 s. 27 and the CCPA's right to know ask: what is held, by category and source, for which
 * purposes on which basis, the consent history, the recipients, how long it is kept, where it came from,
 * whether automated decisions are made, the person's rights and the authority to complain to.
 *
 * Nothing in it depends on the clock or the machine: built twice from the same vault state it is the same.
 */
import type { CollectedPerson } from './collect';
import type { PackageRange } from './range';

export type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string;

export type Jurisdiction = 'quebec' | 'eu' | 'california' | 'other';

export interface PackageMeta {
  readonly requestId: number;
  /** The request's type as the requester reads it (already translated by the caller). */
  readonly requestType: string;
  readonly receivedOn: string;
  readonly jurisdiction: Jurisdiction;
  readonly range: PackageRange;
  readonly timeZone: string;
  readonly language: string;
  /** The organisation's name; empty when the vault has none. */
  readonly organisation: string;
  /** The person's erasures, when the vault erased them (the package then says so and holds nothing else). */
  readonly erasures?: readonly { readonly certificateId: number; readonly erasedAt: string; readonly hash: string }[];
}

export type Block =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'subheading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** A stored UTC time as a person in the vault's zone reads it. */
export function timeFormatter(language: string, timeZone: string): (iso: string | null) => string {
  const format = new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => (iso === null ? '—' : format.format(new Date(iso)));
}

const cell = (value: string | number | null | undefined): string => (value === null || value === undefined || value === '' ? '—' : String(value));

function periodText(range: PackageRange, t: Translate): string {
  if (range.from !== null && range.to !== null) return t('accessPackage.request.range', { from: range.from, to: range.to });
  if (range.from !== null) return t('accessPackage.request.rangeFrom', { from: range.from });
  if (range.to !== null) return t('accessPackage.request.rangeTo', { to: range.to });
  return t('accessPackage.request.wholeHistory');
}

const IDENTITY_FIELDS = ['givenName', 'familyName', 'fullName'] as const;
/**
 * The report lists the most recent events only: a till's ten thousand purchases make a 250-page PDF nobody
 * reads. Every event is in events.csv and data.json, which the report says.
 */
export const REPORT_EVENTS = 200;
const ADDRESS_FIELDS = ['street', 'city', 'postalCode', 'region', 'country'] as const;

/** Items per category and source: what the summary table and the CSVs both count. */
export function categoryCounts(person: CollectedPerson): { category: string; source: string; count: number }[] {
  const counts = new Map<string, number>();
  const add = (category: string, source: string, count: number): void => {
    if (count > 0) counts.set(`${category}\u0000${source}`, (counts.get(`${category}\u0000${source}`) ?? 0) + count);
  };
  const sourceOf = new Map(person.records.map((record) => [record.id, record.source]));
  for (const record of person.records) {
    add('identity', record.source, IDENTITY_FIELDS.filter((field) => record.fields[field] != null).length);
    add('address', record.source, ADDRESS_FIELDS.filter((field) => record.fields[field] != null).length);
    add('birthDate', record.source, record.fields.birthDate == null ? 0 : 1);
    add('nationalId', record.source, record.fields.nationalId == null ? 0 : 1);
  }
  for (const identifier of person.identifiers) add('contact', sourceOf.get(identifier.recordId) ?? '', 1);
  for (const event of person.events) add('events', event.source, 1);
  for (const event of person.consentEvents) add('consents', event.source ?? sourceOf.get(event.recordId) ?? '', 1);
  const order = ['identity', 'contact', 'address', 'birthDate', 'nationalId', 'events', 'consents'];
  return [...counts.entries()]
    .map(([key, count]) => {
      const [category, source] = key.split('\u0000') as [string, string];
      return { category, source, count };
    })
    .sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category) || a.source.localeCompare(b.source));
}

export function reportBlocks(person: CollectedPerson, meta: PackageMeta, t: Translate): Block[] {
  const time = timeFormatter(meta.language, meta.timeZone);
  const purposeName = new Map(person.purposes.map((purpose) => [purpose.code, meta.language === 'fr' ? purpose.nameFr : purpose.nameEn]));
  const nameOf = (code: string): string => purposeName.get(code) ?? code;
  const basis = (code: string | null): string => (code === null ? '—' : t(`accessPackage.bases.${code}`));
  const sources = [...new Set(person.records.map((record) => record.source))];
  const blocks: Block[] = [
    { kind: 'title', text: t('accessPackage.title') },
    {
      kind: 'paragraph',
      text: t('accessPackage.intro', { organisation: meta.organisation === '' ? t('accessPackage.organisationUnnamed') : meta.organisation }),
    },
    { kind: 'heading', text: t('accessPackage.request.heading') },
    {
      kind: 'table',
      columns: ['', ''],
      rows: [
        [t('accessPackage.request.id'), String(meta.requestId)],
        [t('accessPackage.request.type'), meta.requestType],
        [t('accessPackage.request.received'), meta.receivedOn],
        [t('accessPackage.request.period'), periodText(meta.range, t)],
      ],
    },
    { kind: 'paragraph', text: t('accessPackage.request.timeZone', { timeZone: meta.timeZone }) },
    { kind: 'heading', text: t('accessPackage.summary.heading') },
    {
      kind: 'table',
      columns: ['', ''],
      rows: [
        [t('accessPackage.summary.records'), String(person.records.length)],
        [t('accessPackage.summary.sources'), String(sources.length)],
        [t('accessPackage.summary.identifiers'), String(person.identifiers.length)],
        [t('accessPackage.summary.events'), String(person.events.length)],
        [t('accessPackage.summary.consentEvents'), String(person.consentEvents.length)],
        [t('accessPackage.summary.held'), String(person.heldRecords.length)],
        [t('accessPackage.summary.withheld'), String(person.withheld)],
      ],
    },
  ];
  if (person.withheld > 0) blocks.push({ kind: 'paragraph', text: t('accessPackage.summary.withheldNote') });
  if ((meta.erasures ?? []).length > 0) {
    blocks.push(
      { kind: 'heading', text: t('accessPackage.erased.heading') },
      ...(meta.erasures ?? []).map((erasure): Block => ({
        kind: 'paragraph',
        text: t('accessPackage.erased.statement', { erasedAt: time(erasure.erasedAt), certificateId: erasure.certificateId, hash: erasure.hash }),
      })),
    );
  }

  blocks.push(
    { kind: 'heading', text: t('accessPackage.categories.heading') },
    {
      kind: 'table',
      columns: [t('accessPackage.categories.category'), t('accessPackage.categories.source'), t('accessPackage.categories.count')],
      rows: categoryCounts(person).map(({ category, source, count }) => [t(`accessPackage.categories.${category}`), cell(source), String(count)]),
    },
    { kind: 'heading', text: t('accessPackage.purposes.heading') },
  );
  blocks.push(
    person.declarations.length === 0
      ? { kind: 'paragraph', text: t('accessPackage.purposes.none') }
      : {
          kind: 'table',
          columns: [t('accessPackage.purposes.purpose'), t('accessPackage.purposes.basis'), t('accessPackage.purposes.source')],
          rows: person.declarations.map((declaration) => [nameOf(declaration.purpose), basis(declaration.basis), declaration.source]),
        },
  );

  blocks.push({ kind: 'heading', text: t('accessPackage.consent.heading') });
  const stated = person.consentStates.filter((state) => state.state !== 'none' || state.events.length > 0);
  if (stated.length === 0) blocks.push({ kind: 'paragraph', text: t('accessPackage.consent.none') });
  else
    blocks.push({
      kind: 'table',
      columns: [t('accessPackage.purposes.purpose'), t('accessPackage.consent.state'), t('accessPackage.purposes.basis'), t('accessPackage.consent.since')],
      rows: stated.map((state) => [nameOf(state.purpose), t(`accessPackage.consentStates.${state.state}`), basis(state.basis), time(state.since)]),
    });
  if (person.consentEvents.length > 0)
    blocks.push(
      { kind: 'subheading', text: t('accessPackage.consent.history') },
      {
        kind: 'table',
        columns: [
          t('accessPackage.consent.at'),
          t('accessPackage.purposes.purpose'),
          t('accessPackage.consent.kind'),
          t('accessPackage.data.source'),
          t('accessPackage.consent.method'),
          t('accessPackage.consent.evidence'),
        ],
        rows: person.consentEvents.map((event) => [
          time(event.at ?? event.recordedAt),
          nameOf(event.purpose),
          t(`accessPackage.consentKinds.${event.kind}`),
          event.source ?? t('accessPackage.consent.byStaff'),
          t(`accessPackage.consentMethods.${event.method}`, { defaultValue: event.method }),
          cell(event.evidence),
        ]),
      },
    );

  blocks.push({ kind: 'heading', text: t('accessPackage.recipients.heading') });
  if (person.disclosures.length === 0) blocks.push({ kind: 'paragraph', text: t('accessPackage.recipients.none') });
  else {
    const field = (name: string): string =>
      name === 'profileId' ? t('accessPackage.recipients.profileId') : t(`accessPackage.goldenFields.${name}`, { defaultValue: name });
    blocks.push(
      { kind: 'paragraph', text: t('accessPackage.recipients.intro', { count: person.disclosures.length }) },
      {
        kind: 'table',
        columns: [
          t('accessPackage.recipients.at'),
          t('accessPackage.recipients.partner'),
          t('accessPackage.recipients.agreement'),
          t('accessPackage.recipients.purposes'),
          t('accessPackage.recipients.fields'),
        ],
        rows: person.disclosures.map((disclosure) => [
          time(disclosure.at),
          t('accessPackage.recipients.partnerText', {
            name: disclosure.partner,
            role: t(`accessPackage.recipients.roles.${disclosure.role}`),
            country: disclosure.country,
          }),
          disclosure.agreement,
          disclosure.purposes.map(nameOf).join(', '),
          disclosure.fields.map(field).join(', '),
        ]),
      },
      { kind: 'paragraph', text: t('accessPackage.recipients.files') },
    );
  }

  const declared = [...new Set(person.declarations.map((declaration) => declaration.purpose))];
  blocks.push({ kind: 'heading', text: t('accessPackage.retention.heading') });
  blocks.push({
    kind: 'table',
    columns: [t('accessPackage.purposes.purpose'), ''],
    rows: declared.map((code) => {
      const days = person.purposes.find((purpose) => purpose.code === code)?.retentionDays ?? null;
      return [nameOf(code), days === null ? t('accessPackage.retention.notSet') : t('accessPackage.retention.days', { days })];
    }),
  });

  blocks.push({ kind: 'heading', text: t('accessPackage.sources.heading') });
  blocks.push({
    kind: 'table',
    columns: [t('accessPackage.sources.source'), t('accessPackage.sources.firstReceived'), t('accessPackage.sources.records')],
    rows: sources.map((source) => {
      const own = person.records.filter((record) => record.source === source);
      const first = own.map((record) => record.receivedAt).sort()[0] ?? null;
      return [source, time(first), String(own.length)];
    }),
  });

  blocks.push(
    { kind: 'heading', text: t('accessPackage.automated.heading') },
    { kind: 'paragraph', text: t('accessPackage.automated.text') },
    { kind: 'heading', text: t('accessPackage.rights.heading') },
    { kind: 'paragraph', text: t('accessPackage.rights.text') },
    { kind: 'table', columns: ['', ''], rows: [[t('accessPackage.rights.authority'), t(`accessPackage.rights.${meta.jurisdiction}`)]] },
  );

  blocks.push({ kind: 'heading', text: t('accessPackage.data.heading') });
  const golden = person.golden.filter((value) => value.value !== null);
  if (golden.length > 0)
    blocks.push(
      { kind: 'subheading', text: t('accessPackage.data.profile') },
      {
        kind: 'table',
        columns: [t('accessPackage.data.field'), t('accessPackage.data.value'), t('accessPackage.data.source')],
        rows: golden.map((value) => [t(`accessPackage.goldenFields.${value.field}`), cell(value.value), cell(value.source)]),
      },
    );
  blocks.push({ kind: 'subheading', text: t('accessPackage.data.records') });
  for (const record of person.records) {
    const identifiers = person.identifiers.filter((identifier) => identifier.recordId === record.id);
    blocks.push(
      {
        kind: 'paragraph',
        text: t('accessPackage.data.record', { id: record.id, source: record.source, externalId: record.externalId, receivedAt: time(record.receivedAt) }),
      },
      {
        kind: 'table',
        columns: [t('accessPackage.data.field'), t('accessPackage.data.value')],
        rows: [
          ...Object.entries(record.fields)
            .filter(([, value]) => value !== null)
            .map(([field, value]) => [t(`accessPackage.recordFields.${field}`), cell(value)]),
          ...identifiers.map((identifier) => [t(`accessPackage.goldenFields.${identifier.kind}`), identifier.value]),
        ],
      },
    );
  }
  const flags = person.flags;
  if (flags.length > 0)
    blocks.push(
      { kind: 'subheading', text: t('accessPackage.data.flags') },
      { kind: 'table', columns: [t('accessPackage.data.column'), t('accessPackage.data.value')], rows: flags.map((flag) => [flag.column, flag.raw]) },
    );
  blocks.push({ kind: 'subheading', text: t('accessPackage.data.events') });
  const earlier = Math.max(0, person.events.length - REPORT_EVENTS);
  if (earlier > 0) blocks.push({ kind: 'paragraph', text: t('accessPackage.data.earlierEvents', { count: earlier, shown: REPORT_EVENTS }) });
  blocks.push(
    person.events.length === 0
      ? { kind: 'paragraph', text: t('accessPackage.data.noEvents') }
      : {
          kind: 'table',
          columns: [
            t('accessPackage.data.at'),
            t('accessPackage.data.type'),
            t('accessPackage.data.amount'),
            t('accessPackage.data.place'),
            t('accessPackage.data.source'),
          ],
          rows: person.events
            .slice(earlier)
            .map((event) => [
              time(event.at),
              event.type,
              event.amount === null ? '—' : `${event.amount} ${event.currency ?? ''}`.trim(),
              cell(event.place),
              event.source,
            ]),
        },
  );
  blocks.push({ kind: 'paragraph', text: t('accessPackage.manifest') });
  return blocks;
}
