/** What a verification found, in words an auditor can quote. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerifyReport } from '../../../../main/api/contract';
import { formatNumber, shortHash } from '../../lib/format';

function CheckpointOutcome({ checkpoint }: { readonly checkpoint: NonNullable<VerifyReport['checkpoint']> }): ReactNode {
  const { t } = useTranslation();
  const good = checkpoint.status === 'extends';
  return (
    <div className={`result ${good ? 'result-ok' : 'result-bad'}`} data-testid="checkpoint-result" data-status={checkpoint.status}>
      <p className="result-title">{t(`audit.checkpointStatus.${checkpoint.status}`, { seq: checkpoint.seq })}</p>
      <p className="result-detail">
        {checkpoint.signed && checkpoint.signer
          ? t(checkpoint.signerKnown ? 'audit.verify.signedKnown' : 'audit.verify.signedUnknown', { fingerprint: checkpoint.signer })
          : t('audit.verify.unsigned')}
      </p>
    </div>
  );
}

export function VerifyReportView({ report }: { readonly report: VerifyReport }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className="verify-report">
      {report.intact ? (
        <div className="result result-ok" data-testid="verify-result" data-intact="true" data-entries={report.entries}>
          <p className="result-title">{t('audit.verify.intact', { count: report.entries, formatted: formatNumber(report.entries, language) })}</p>
          <p className="result-detail">
            {t('audit.verify.head', { seq: report.headSeq })} <code title={report.headHash}>{shortHash(report.headHash, 16)}</code>
          </p>
        </div>
      ) : (
        <div className="result result-bad" data-testid="verify-result" data-intact="false" role="alert">
          <p className="result-title">
            {report.firstBroken
              ? t('audit.verify.broken', { seq: report.firstBroken.seq, reason: t(`audit.brokenReason.${report.firstBroken.reason}`) })
              : t('audit.verify.brokenUnknown')}
          </p>
          <p className="result-detail">{t('audit.verify.brokenAdvice')}</p>
        </div>
      )}
      {report.checkpoint ? <CheckpointOutcome checkpoint={report.checkpoint} /> : null}
    </div>
  );
}
