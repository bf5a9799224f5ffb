/**
 * Export for auditors: CSV and JSON of the entries plus a checkpoint file to keep outside the vault.
 * The folder is typed, not picked: browser mode has no native folder dialog, and the path is on the
 * machine running the backend.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../../../../main/api/contract';
import { Notice } from '../../components/alert';
import { TextField } from '../../components/field';
import { JobStatus } from '../../components/job-status';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiData } from '../../hooks/use-api-data';
import { useJob } from '../../hooks/use-job';
import { filterSummary } from '../../lib/audit-labels';
import { formatNumber, shortHash } from '../../lib/format';
import { useSession } from '../../session/session-context';
import { SigningKeyPanel } from './signing-key-panel';

interface Props {
  readonly filter: AuditFilter;
  readonly filtered: boolean;
  readonly onFinished: () => void;
}

/** What the export will hold, said before it runs: a filter must never narrow it silently. */
function ExportScope({ filter, filtered }: { readonly filter: AuditFilter; readonly filtered: boolean }): ReactNode {
  const { t, i18n } = useTranslation();
  const count = useApiData('audit.list', { filter, limit: 1 });
  const users = useApiData('users.list', {});
  const userNames = Object.fromEntries((users.data ?? []).map((user) => [user.id, user.name]));
  const total = count.data?.total;
  return (
    <div className="form-note" data-testid="export-scope" aria-live="polite">
      <p className="export-scope">
        {total === undefined
          ? t('audit.export.counting')
          : t(filtered ? 'audit.export.scopeFiltered' : 'audit.export.scopeAll', {
              count: total,
              formatted: formatNumber(total, i18n.language),
              filters: filterSummary(filter, userNames, t, i18n.language),
            })}
      </p>
      <p>{t('audit.export.scopeNote')}</p>
    </div>
  );
}

export function ExportPanel({ filter, filtered, onFinished }: Props): ReactNode {
  const { t } = useTranslation();
  const { status, user } = useSession();
  const [outDir, setOutDir] = useState(status.suggestedExportDir);
  const job = useJob('audit.export');
  // Decided once: after the key is created the session says canSign, but the panel stays to show its fingerprint.
  const [offerSigningKey] = useState(user.role === 'auditor' && !user.canSign);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (outDir.trim() === '') return;
    await job.start({ outDir: outDir.trim(), filter });
    onFinished();
  }

  const result = job.state.kind === 'completed' ? job.state.value : null;
  return (
    <div className="stack">
      <Section title={t('audit.export.title')} description={t('audit.export.description')} id="export">
        <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('audit.export.title')}>
          <TextField
            label={t('audit.export.folder')}
            hint={t('audit.export.folderHint')}
            value={outDir}
            spellCheck={false}
            disabled={job.running}
            onChange={(event) => setOutDir(event.target.value)}
            error={outDir.trim() === '' ? t('validation.folderRequired') : null}
          />
          <ExportScope filter={filter} filtered={filtered} />
          {!user.canSign ? <p className="form-note">{t(user.role === 'auditor' ? 'audit.export.unsignedAuditor' : 'audit.export.unsignedOther')}</p> : null}
          <div className="form-actions start">
            <SubmitButton busy={job.running} disabled={outDir.trim() === ''}>
              {t('audit.export.run')}
            </SubmitButton>
          </div>
        </form>
        <JobStatus job={job} label={t('audit.export.running')} />
        {result ? (
          <div className="result result-ok" data-testid="export-result">
            <p className="result-title">{t('audit.export.done', { count: result.entries })}</p>
            <ul className="file-list">
              {result.files.map((file) => (
                <li key={file}>
                  <code>{file}</code>
                </li>
              ))}
            </ul>
            <p className="result-detail">
              {t('audit.export.checkpoint', { seq: result.checkpoint.seq })}{' '}
              <code title={result.checkpoint.headHash}>{shortHash(result.checkpoint.headHash, 16)}</code> ·{' '}
              {result.checkpoint.signature ? t('audit.export.signedBy', { fingerprint: result.checkpoint.signature.fingerprint }) : t('audit.export.notSigned')}
            </p>
            <Notice tone="info">{t('audit.export.keepOutside')}</Notice>
          </div>
        ) : null}
      </Section>
      {offerSigningKey ? <SigningKeyPanel /> : null}
    </div>
  );
}
