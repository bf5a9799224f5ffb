/**
 * The register as a file for an auditor or a regulator: CSV (one line per extract, headers in the reader's
 * language, cells a spreadsheet could run written as text) or PDF (the report writer of main/requests).
 * Times are written in UTC in the CSV (a machine reads it) and in the vault's zone in the PDF (a person does).
 */
import Papa from 'papaparse';
import { guardedCell as guarded } from '../../platform/csv-cell';
import { reportPdf, type ReportBlock, type Translate } from '../../requests/index';
import type { RegisterEntry, RegisterFilter } from '../contract';

export const CSV_COLUMNS = ['at', 'by', 'agreement', 'partner', 'purposes', 'people', 'fields', 'fileName', 'sha256'] as const;

const by = (entry: RegisterEntry, t: Translate): string =>
  entry.scheduleId === null ? (entry.user ?? t('partners.register.unknownUser')) : t('partners.register.bySchedule', { id: entry.scheduleId });

/** Pages of entries in, one CSV text out; the byte-order mark lets Excel read the accents. */
export function registerCsv(pages: Iterable<readonly RegisterEntry[]>, t: Translate): { text: string; entries: number } {
  const lines = [Papa.unparse([CSV_COLUMNS.map((column) => t(`partners.register.columns.${column}`))], { newline: '\r\n' })];
  let entries = 0;
  for (const page of pages) {
    entries += page.length;
    const rows = page.map((entry) => [
      entry.at,
      guarded(by(entry, t)),
      guarded(entry.agreementTitle),
      guarded(entry.partnerName),
      guarded(entry.purposes.join(', ')),
      entry.people,
      entry.fields.join(', '),
      guarded(entry.fileName),
      entry.sha256,
    ]);
    if (rows.length > 0) lines.push(Papa.unparse(rows, { newline: '\r\n' }));
  }
  return { text: `\ufeff${lines.join('\r\n')}\r\n`, entries };
}

export interface PdfContext {
  readonly organisation: string;
  readonly timeZone: string;
  readonly language: string;
  readonly filter: RegisterFilter;
  /** Names for the filter's ids, so the reader sees who rather than a number. */
  readonly partnerName: string | null;
  readonly agreementTitle: string | null;
}

function periodText(filter: RegisterFilter, t: Translate): string {
  if (filter.from !== undefined && filter.to !== undefined) return t('partners.register.pdf.period', { from: filter.from, to: filter.to });
  if (filter.from !== undefined) return t('partners.register.pdf.periodFrom', { from: filter.from });
  if (filter.to !== undefined) return t('partners.register.pdf.periodTo', { to: filter.to });
  return t('partners.register.pdf.wholeRegister');
}

export function registerBlocks(entries: readonly RegisterEntry[], context: PdfContext, t: Translate): ReportBlock[] {
  const format = new Intl.DateTimeFormat(context.language === 'fr' ? 'fr-CA' : 'en-CA', {
    timeZone: context.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const people = entries.reduce((sum, entry) => sum + entry.people, 0);
  const rows: string[][] = [
    [t('partners.register.pdf.organisation'), context.organisation === '' ? '—' : context.organisation],
    [t('partners.register.pdf.periodLabel'), periodText(context.filter, t)],
  ];
  if (context.partnerName !== null) rows.push([t('partners.register.columns.partner'), context.partnerName]);
  if (context.agreementTitle !== null) rows.push([t('partners.register.columns.agreement'), context.agreementTitle]);
  if (context.filter.profileId !== undefined) rows.push([t('partners.register.pdf.profile'), String(context.filter.profileId)]);
  rows.push([t('partners.register.pdf.extracts'), String(entries.length)], [t('partners.register.pdf.people'), String(people)]);
  const blocks: ReportBlock[] = [
    { kind: 'title', text: t('partners.register.pdf.title') },
    { kind: 'paragraph', text: t('partners.register.pdf.intro') },
    { kind: 'table', columns: ['', ''], rows },
    { kind: 'paragraph', text: t('partners.register.pdf.timeZone', { timeZone: context.timeZone }) },
  ];
  if (entries.length === 0) return [...blocks, { kind: 'paragraph', text: t('partners.register.pdf.none') }];
  // Nine columns do not fit a page: each cell holds two of them, one above the other.
  return [
    ...blocks,
    {
      kind: 'table',
      columns: [
        t('partners.register.pdf.whenBy'),
        t('partners.register.pdf.partnerAgreement'),
        t('partners.register.pdf.purposesFields'),
        t('partners.register.columns.people'),
        t('partners.register.pdf.file'),
      ],
      rows: entries.map((entry) => [
        `${format.format(new Date(entry.at))}\n${by(entry, t)}`,
        `${entry.partnerName}\n${entry.agreementTitle}`,
        `${entry.purposes.join(', ')}\n${entry.fields.join(', ')}`,
        String(entry.people),
        `${entry.fileName}\n${entry.sha256}`,
      ]),
    },
  ];
}

export function registerPdf(entries: readonly RegisterEntry[], context: PdfContext, t: Translate): Promise<Buffer> {
  return reportPdf(registerBlocks(entries, context, t), t('partners.register.pdf.title'));
}
