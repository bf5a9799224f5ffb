/**
 * The letter that tells a partner of an erasure (GDPR Art. 19; CCPA §1798.105(c) for service providers): which
 * extracts it received held the person, and on which line of each file, so that it can find and erase them
 * without the vault keeping anything that names the person. Drawn by the access package's PDF writer.
 */
import { AppError } from '../core/errors';
import { reportPdf, type ReportBlock, type Translate } from '../requests/index';
import type { SqlRunner } from '../store/sql';
import { translatorFor } from './certificate-pdf';
import type { ErasureCertificate } from './contract';
import { noticeLines } from './recipients';

export function letterBlocks(
  certificate: ErasureCertificate,
  agreementId: number,
  lines: ReturnType<typeof noticeLines>,
  organisation: string,
  t: Translate,
): ReportBlock[] {
  const recipient = certificate.recipients.find((entry) => entry.agreementId === agreementId)!;
  return [
    { kind: 'title', text: t('erasure.letter.title') },
    {
      kind: 'paragraph',
      text: t('erasure.letter.to', { partner: recipient.partnerName, agreement: `${recipient.agreementId} — ${recipient.agreementTitle}` }),
    },
    {
      kind: 'paragraph',
      text: t('erasure.letter.statement', { organisation: organisation || '—', erasedAt: certificate.erasedAt, certificate: certificate.id }),
    },
    { kind: 'heading', text: t('erasure.letter.extractsHeading') },
    {
      kind: 'table',
      columns: [t('erasure.letter.file'), t('erasure.letter.sentAt'), t('erasure.letter.line'), 'SHA-256'],
      rows: lines.map((line) => [line.fileName, `${line.at.slice(0, 16).replace('T', ' ')} UTC`, line.line === null ? '—' : String(line.line), line.sha256]),
    },
    { kind: 'paragraph', text: t('erasure.letter.ask') },
    { kind: 'paragraph', text: t('erasure.letter.reference', { hash: certificate.hash }) },
  ];
}

export function recipientLetterPdf(
  db: SqlRunner,
  certificate: ErasureCertificate,
  agreementId: number,
  organisation: string,
  language: string,
): Promise<Buffer> {
  if (!certificate.recipients.some((entry) => entry.agreementId === agreementId)) {
    throw new AppError('NOT_FOUND', `Certificate ${certificate.id} names no partner under agreement ${agreementId}.`, {
      reason: 'noRecipient',
      certificateId: certificate.id,
      agreementId,
    });
  }
  const t = translatorFor(language);
  return reportPdf(letterBlocks(certificate, agreementId, noticeLines(db, certificate.id, agreementId), organisation, t), t('erasure.letter.title'));
}
