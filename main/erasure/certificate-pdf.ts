/**
 * The certificate as a PDF for the requester and the regulator, in their language. It holds what the
 * certificate holds (ids, counts, hashes) and says in words what was done; the report's PDF writer
 * (main/requests) draws it.
 */
import { reportPdf, type ReportBlock, type Translate } from '../requests/index';
import type { ErasureCertificate } from './contract';
import { REMOVED_KINDS } from './contract';

let plugged: ((language: string) => Translate) | null = null;

/** main/i18n is above the capabilities: the backend plugs the translator in at start. */
export function setCertificateTranslator(translatorFor: ((language: string) => Translate) | null): void {
  plugged = translatorFor;
}

export function translatorFor(language: string): Translate {
  if (plugged === null) throw new Error('No translator is plugged into the erasure certificate (main/backend does it at start).');
  return plugged(language);
}

export function certificateBlocks(certificate: ErasureCertificate, organisation: string, t: Translate): ReportBlock[] {
  const yes = t('erasure.certificate.yes');
  const no = t('erasure.certificate.no');
  const scan = certificate.scan;
  const blocks: ReportBlock[] = [
    { kind: 'title', text: t('erasure.certificate.title', { id: certificate.id }) },
    { kind: 'paragraph', text: t('erasure.certificate.statement', { organisation: organisation || '—', erasedAt: certificate.erasedAt }) },
    {
      kind: 'table',
      columns: ['', ''],
      rows: [
        [t('erasure.certificate.fields.certificate'), String(certificate.id)],
        [t('erasure.certificate.fields.request'), certificate.requestId === null ? '—' : String(certificate.requestId)],
        [t('erasure.certificate.fields.reason'), t(`erasure.reasons.${certificate.reason}`)],
        [t('erasure.certificate.fields.erasedAt'), certificate.erasedAt],
        [t('erasure.certificate.fields.erasedBy'), certificate.erasedBy],
        [t('erasure.certificate.fields.profile'), String(certificate.profileId)],
        [t('erasure.certificate.fields.k'), String(certificate.k)],
      ],
    },
    { kind: 'heading', text: t('erasure.certificate.removedHeading') },
    {
      kind: 'table',
      columns: [t('erasure.certificate.what'), t('erasure.certificate.count')],
      rows: REMOVED_KINDS.map((kind) => [t(`erasure.removed.${kind}`), String(certificate.removed[kind] ?? 0)]),
    },
    { kind: 'heading', text: t('erasure.certificate.generalizedHeading') },
    {
      kind: 'paragraph',
      text:
        certificate.generalized.events > 0
          ? t('erasure.certificate.generalizedKept', { events: certificate.generalized.events, rows: certificate.generalized.rows, k: certificate.k })
          : t('erasure.certificate.generalizedNone', { dropped: certificate.generalized.dropped, k: certificate.k }),
    },
  ];
  if (certificate.kept.length > 0) {
    blocks.push(
      { kind: 'heading', text: t('erasure.certificate.keptHeading') },
      {
        kind: 'table',
        columns: [t('erasure.certificate.hold'), t('erasure.certificate.count'), t('erasure.certificate.until')],
        rows: certificate.kept.map((kept) => [String(kept.holdId), String(kept.records), kept.until ?? '—']),
      },
    );
  }
  if (certificate.recipients.length > 0) {
    blocks.push(
      { kind: 'heading', text: t('erasure.certificate.recipientsHeading') },
      { kind: 'paragraph', text: t('erasure.certificate.recipientsNote', { count: certificate.recipients.length }) },
      {
        kind: 'table',
        columns: [t('erasure.certificate.partner'), t('erasure.certificate.agreement'), t('erasure.certificate.extracts')],
        rows: certificate.recipients.map((recipient) => [
          recipient.partnerName,
          `${recipient.agreementId} — ${recipient.agreementTitle}`,
          String(recipient.extracts),
        ]),
      },
    );
  }
  blocks.push(
    { kind: 'heading', text: t('erasure.certificate.suppressionHeading') },
    { kind: 'paragraph', text: t('erasure.certificate.suppression', { count: certificate.suppressionEntries }) },
    { kind: 'heading', text: t('erasure.certificate.scanHeading') },
  );
  if (scan === null) blocks.push({ kind: 'paragraph', text: t('erasure.certificate.notScanned') });
  else {
    blocks.push({
      kind: 'table',
      columns: ['', ''],
      rows: [
        [t('erasure.certificate.scan.clean'), scan.clean ? yes : no],
        [t('erasure.certificate.scan.tables'), String(scan.tablesScanned)],
        [t('erasure.certificate.scan.rows'), String(scan.rowsScanned)],
        [t('erasure.certificate.scan.pages'), String(scan.pagesScanned)],
        [t('erasure.certificate.scan.files'), String(scan.filesScanned)],
        [t('erasure.certificate.scan.hits'), String(scan.tableHits + scan.pageHits + scan.fileHits)],
        [t('erasure.certificate.scan.shared'), String(scan.shared)],
        [t('erasure.certificate.scan.at'), certificate.scannedAt ?? '—'],
      ],
    });
  }
  if (certificate.backups.length > 0) {
    blocks.push(
      { kind: 'heading', text: t('erasure.certificate.backupsHeading') },
      { kind: 'paragraph', text: t('erasure.certificate.backups', { count: certificate.backups.length }) },
    );
  }
  blocks.push({ kind: 'heading', text: t('erasure.certificate.hashHeading') }, { kind: 'paragraph', text: certificate.hash });
  return blocks;
}

export function certificatePdf(certificate: ErasureCertificate, organisation: string, language: string): Promise<Buffer> {
  const t = translatorFor(language);
  return reportPdf(certificateBlocks(certificate, organisation, t), t('erasure.certificate.title', { id: certificate.id }));
}
