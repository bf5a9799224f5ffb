/**
 * The report as a file: a PDF for a person (the report writer of main/requests, sections with headings and
 * tables) or a CSV for a spreadsheet (one row per line item, its `section` first; cells a spreadsheet could
 * run written as text; a byte-order mark so Excel reads the accents). Both in the report's language, both
 * from the same lines, so the two never say different things.
 */
import Papa from 'papaparse';
import { guardedCell as guarded } from '../platform/csv-cell';
import { reportPdf, type ReportBlock, type Translate } from '../requests/index';
import type { ProcessingReport, ReportAgreement, ReportRecipient, ReportRetention, ReportSource } from './contract';

export const CSV_COLUMNS = [
  'section',
  'reference',
  'name',
  'description',
  'basis',
  'purposes',
  'sources',
  'data',
  'location',
  'period',
  'status',
  'count',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
type Line = Partial<Record<Column, string | number>> & { section: Section };

export const SECTIONS = ['report', 'purpose', 'source', 'recipient', 'agreement', 'retention', 'security'] as const;
type Section = (typeof SECTIONS)[number];

const list = (items: readonly string[]): string => items.join('; ');

export function fieldLabel(field: string, t: Translate): string {
  return field === 'profileId' ? t('partners.screens.fields.profileId') : t(`fields.${field.replace('.', '_')}`);
}

const location = (recipient: Pick<ReportRecipient, 'country' | 'subdivision'>): string =>
  recipient.subdivision === null ? recipient.country : `${recipient.country}-${recipient.subdivision}`;

function flags(purpose: ProcessingReport['purposes'][number], t: Translate): string[] {
  return [
    ...(purpose.expressConsent ? [t('processing.purposes.expressConsent')] : []),
    ...(purpose.saleOrSharing ? [t('processing.purposes.saleOrSharing')] : []),
  ];
}

/** `label: value`, with the punctuation of the language (French puts a space before the colon). */
const pair = (label: string, value: string, t: Translate): string => t('processing.pair', { label, value });

function categoryLines(source: ReportSource, t: Translate): string[] {
  if (source.categories === null) return [t('processing.sources.noMapping')];
  if (source.categories.length === 0) return [t('processing.sources.noCategory')];
  return source.categories.map((entry) => pair(t(`processing.categories.${entry.category}`), entry.fields.map((field) => fieldLabel(field, t)).join(', '), t));
}

function assessmentText(recipient: ReportRecipient, t: Translate): string {
  if (recipient.assessment === 'notNeeded') return t('processing.recipients.assessmentNotNeeded');
  if (recipient.assessment === 'missing') return t('processing.recipients.assessmentMissing');
  return recipient.assessmentRef === null
    ? t('processing.recipients.assessmentOnFile', { date: recipient.assessmentDate ?? '' })
    : t('processing.recipients.assessmentOnFileRef', { date: recipient.assessmentDate ?? '', ref: recipient.assessmentRef });
}

function agreementStatus(agreement: ReportAgreement, t: Translate): string {
  return t(`partners.screens.states.${agreement.state}`);
}

function ruleTexts(entry: ReportRetention, t: Translate): string[] {
  const texts = entry.rules.map((rule) =>
    t(rule.action === 'anonymize' ? 'processing.retention.ruleAnonymize' : 'processing.retention.ruleReview', {
      keep: t(`retention.units.${rule.keepUnit}`, { count: rule.keepCount }),
      anchor: t(`retention.anchors.${rule.anchor}`),
    }),
  );
  if (texts.length > 0) return texts;
  return [entry.defaultDays === null ? t('processing.retention.none') : t('processing.retention.catalogDefault', { count: entry.defaultDays })];
}

function ruleReferences(entry: ReportRetention, t: Translate): string[] {
  return entry.rules.map((rule) =>
    rule.legalRef === null ? '' : rule.obligation ? t('processing.retention.obligation', { ref: rule.legalRef }) : rule.legalRef,
  );
}

/** Every line item of the report, in the report's order: the CSV's rows. */
export function reportLines(report: ProcessingReport, t: Translate): Line[] {
  const lines: Line[] = [
    { section: 'report', reference: 'organisation', name: report.organisation },
    { section: 'report', reference: 'generatedAt', name: report.generatedAt },
    { section: 'report', reference: 'timeZone', name: report.timeZone },
    { section: 'report', reference: 'language', name: report.language },
  ];
  for (const purpose of report.purposes)
    lines.push({
      section: 'purpose',
      reference: purpose.code,
      name: purpose.name,
      description: purpose.description,
      basis: list(purpose.bases.map((basis) => t(`lawfulBasis.${basis}`))),
      sources: list(purpose.sources.map((entry) => `${entry.source} (${t(`lawfulBasis.${entry.basis}`)})`)),
      data: list(flags(purpose, t)),
      count: purpose.people,
    });
  for (const source of report.sources)
    lines.push({
      section: 'source',
      reference: source.id,
      name: source.name,
      description: t(`sources.kinds.${source.kind}`),
      purposes: list(source.purposes.map((entry) => `${entry.code} (${t(`lawfulBasis.${entry.basis}`)})`)),
      data: list(categoryLines(source, t)),
      count: source.records,
    });
  for (const recipient of report.recipients) {
    lines.push({
      section: 'recipient',
      reference: recipient.id,
      name: recipient.name,
      description: t(`partners.screens.roles.${recipient.role}`),
      location: location(recipient),
      status: assessmentText(recipient, t),
      period: recipient.assessmentDate ?? '',
      count: recipient.agreements.length,
    });
    for (const agreement of recipient.agreements)
      lines.push({
        section: 'agreement',
        reference: agreement.id,
        name: agreement.title,
        description: recipient.name,
        basis: t(`lawfulBasis.${agreement.basis}`),
        purposes: list(agreement.purposes),
        data: agreement.fields.map((field) => fieldLabel(field, t)).join(', '),
        location: location(recipient),
        period: t('processing.recipients.validity', { from: agreement.validFrom, to: agreement.validTo }),
        status: agreementStatus(agreement, t),
      });
  }
  for (const entry of report.retention) {
    const references = ruleReferences(entry, t);
    ruleTexts(entry, t).forEach((text, index) =>
      lines.push({ section: 'retention', reference: entry.code, name: entry.name, description: text, data: references[index] ?? '' }),
    );
  }
  for (const measure of report.security)
    lines.push({ section: 'security', reference: measure.code, name: t(`processing.securityTitles.${measure.code}`), description: measure.text });
  return lines;
}

export function processingCsv(report: ProcessingReport, t: Translate): { text: string; items: number } {
  const lines = reportLines(report, t);
  const rows = lines.map((line) =>
    CSV_COLUMNS.map((column) => {
      if (column === 'section') return t(`processing.csv.sections.${line.section}`);
      const value = line[column] ?? '';
      return typeof value === 'number' ? value : guarded(value);
    }),
  );
  const header = CSV_COLUMNS.map((column) => t(`processing.csv.columns.${column}`));
  return { text: `\ufeff${Papa.unparse([header, ...rows], { newline: '\r\n' })}\r\n`, items: lines.length };
}

function generatedText(report: ProcessingReport): string {
  return new Intl.DateTimeFormat(report.language === 'fr' ? 'fr-CA' : 'en-CA', { timeZone: report.timeZone, dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(report.generatedAt),
  );
}

function purposeBlocks(report: ProcessingReport, t: Translate): ReportBlock[] {
  if (report.purposes.length === 0) return [{ kind: 'paragraph', text: t('processing.purposes.none') }];
  return [
    {
      kind: 'table',
      columns: [
        t('processing.purposes.purpose'),
        t('processing.purposes.description'),
        t('processing.purposes.bases'),
        t('processing.purposes.declaredBy'),
        t('processing.purposes.people'),
      ],
      rows: report.purposes.map((purpose) => [
        [`${purpose.name}\n(${purpose.code})`, ...flags(purpose, t)].join('\n'),
        purpose.description === '' ? '—' : purpose.description,
        purpose.bases.map((basis) => t(`lawfulBasis.${basis}`)).join('\n') || '—',
        purpose.sources.map((entry) => pair(entry.source, t(`lawfulBasis.${entry.basis}`), t)).join('\n') || '—',
        String(purpose.people),
      ]),
    },
  ];
}

function sourceBlocks(report: ProcessingReport, t: Translate): ReportBlock[] {
  if (report.sources.length === 0) return [{ kind: 'paragraph', text: t('processing.sources.none') }];
  return [
    {
      kind: 'table',
      columns: [t('processing.sources.source'), t('processing.sources.records'), t('processing.sources.categories'), t('processing.sources.purposes')],
      rows: report.sources.map((source) => [
        `${source.name}\n${t(`sources.kinds.${source.kind}`)}`,
        String(source.records),
        categoryLines(source, t).join('\n'),
        source.purposes.map((entry) => pair(entry.code, t(`lawfulBasis.${entry.basis}`), t)).join('\n') || '—',
      ]),
    },
  ];
}

function recipientBlocks(report: ProcessingReport, t: Translate): ReportBlock[] {
  if (report.recipients.length === 0) return [{ kind: 'paragraph', text: t('processing.recipients.none') }];
  const agreements = report.recipients.flatMap((recipient) => recipient.agreements.map((agreement) => ({ recipient, agreement })));
  return [
    {
      kind: 'table',
      columns: [
        t('processing.recipients.partner'),
        t('processing.recipients.role'),
        t('processing.recipients.location'),
        t('processing.recipients.assessment'),
      ],
      rows: report.recipients.map((recipient) => [
        recipient.name,
        t(`partners.screens.roles.${recipient.role}`),
        location(recipient),
        assessmentText(recipient, t),
      ]),
    },
    { kind: 'subheading', text: t('processing.recipients.agreements') },
    agreements.length === 0
      ? { kind: 'paragraph', text: t('processing.recipients.noAgreement') }
      : {
          kind: 'table',
          columns: [
            t('processing.recipients.agreement'),
            t('processing.recipients.purposesBasis'),
            t('processing.recipients.fields'),
            t('processing.recipients.valid'),
            t('processing.recipients.status'),
          ],
          rows: agreements.map(({ recipient, agreement }) => [
            `${recipient.name}\n${agreement.title}`,
            `${agreement.purposes.join(', ')}\n${t(`lawfulBasis.${agreement.basis}`)}`,
            agreement.fields.map((field) => fieldLabel(field, t)).join(', '),
            t('processing.recipients.validity', { from: agreement.validFrom, to: agreement.validTo }),
            agreementStatus(agreement, t),
          ]),
        },
  ];
}

function retentionBlocks(report: ProcessingReport, t: Translate): ReportBlock[] {
  if (report.retention.length === 0) return [{ kind: 'paragraph', text: t('processing.purposes.none') }];
  return [
    {
      kind: 'table',
      columns: [t('processing.retention.purpose'), t('processing.retention.period'), t('processing.retention.legalRef')],
      rows: report.retention.map((entry) => [
        `${entry.name}\n(${entry.code})`,
        ruleTexts(entry, t).join('\n'),
        ruleReferences(entry, t)
          .filter((text) => text !== '')
          .join('\n') || '—',
      ]),
    },
  ];
}

export function processingBlocks(report: ProcessingReport, t: Translate): ReportBlock[] {
  return [
    { kind: 'title', text: t('processing.title') },
    { kind: 'paragraph', text: t('processing.intro') },
    {
      kind: 'table',
      columns: ['', ''],
      rows: [
        [t('processing.organisation'), report.organisation === '' ? '—' : report.organisation],
        [t('processing.generated'), generatedText(report)],
        [t('processing.timeZone'), report.timeZone],
      ],
    },
    { kind: 'heading', text: t('processing.purposes.title') },
    { kind: 'paragraph', text: t('processing.purposes.intro') },
    ...purposeBlocks(report, t),
    { kind: 'heading', text: t('processing.sources.title') },
    { kind: 'paragraph', text: t('processing.sources.intro') },
    ...sourceBlocks(report, t),
    { kind: 'heading', text: t('processing.recipients.title') },
    { kind: 'paragraph', text: t('processing.recipients.intro') },
    ...recipientBlocks(report, t),
    { kind: 'heading', text: t('processing.retention.title') },
    { kind: 'paragraph', text: t('processing.retention.intro') },
    ...retentionBlocks(report, t),
    { kind: 'heading', text: t('processing.securityTitle') },
    ...report.security.map((measure): ReportBlock => ({ kind: 'paragraph', text: pair(t(`processing.securityTitles.${measure.code}`), measure.text, t) })),
  ];
}

/** The PDF, and as many line items as the CSV would have rows: the export's count, whichever the format. */
export async function processingPdf(report: ProcessingReport, t: Translate): Promise<{ bytes: Buffer; items: number }> {
  return { bytes: await reportPdf(processingBlocks(report, t), t('processing.title')), items: reportLines(report, t).length };
}
