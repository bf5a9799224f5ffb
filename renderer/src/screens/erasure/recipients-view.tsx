/**
 * The partners an erased person's data had gone to: in the preview, who will have to be told; on the
 * certificate, each with its notice of erasure (GDPR Art. 19) to download and send.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErasureCertificate, ErasurePreview } from '../../../../main/api/contract';

type Recipients = ErasurePreview['recipients'] | ErasureCertificate['recipients'];

/** `letter` draws the download of one agreement's notice (the certificate view passes it; the preview has none yet). */
export function RecipientsView({ recipients, letter }: { readonly recipients: Recipients; readonly letter?: (agreementId: number) => ReactNode }): ReactNode {
  const { t } = useTranslation();
  if (recipients.length === 0) {
    return (
      <p className="muted" data-testid="erasure-recipients" data-count={0}>
        {t('erasure.recipients.none')}
      </p>
    );
  }
  return (
    <div className="stack" data-testid="erasure-recipients" data-count={recipients.length}>
      <p>
        {letter === undefined
          ? t('erasure.recipients.willNotify', { count: recipients.length })
          : t('erasure.recipients.notify', { count: recipients.length })}
      </p>
      <table className="table">
        <caption className="visually-hidden">{t('erasure.certificate.recipientsHeading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('erasure.certificate.partner')}</th>
            <th scope="col">{t('erasure.certificate.agreement')}</th>
            <th scope="col">{t('erasure.certificate.extracts')}</th>
            {letter === undefined ? null : <th scope="col">{t('erasure.recipients.letter')}</th>}
          </tr>
        </thead>
        <tbody>
          {recipients.map((recipient) => (
            <tr key={recipient.agreementId} data-testid={`erasure-recipient-${recipient.agreementId}`}>
              <td>{recipient.partnerName}</td>
              <td>
                {recipient.agreementId} — {recipient.agreementTitle}
              </td>
              <td>{recipient.extracts}</td>
              {letter === undefined ? null : <td>{letter(recipient.agreementId)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
