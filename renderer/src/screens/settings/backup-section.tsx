import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { TextField } from '../../components/field';
import { JobStatus } from '../../components/job-status';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useJob } from '../../hooks/use-job';
import { defaultBackupFile } from '../../lib/file-paths';
import { formatBytes } from '../../lib/format';
import { useSession } from '../../session/session-context';

/** A backup is the encrypted vault in one file: useless without a passphrase, so it can live on a USB stick. */
export function BackupSection(): ReactNode {
  const { t, i18n } = useTranslation();
  const { status } = useSession();
  const [outFile, setOutFile] = useState(() => defaultBackupFile(status.suggestedExportDir));
  const job = useJob('vault.backup');

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (outFile.trim() === '') return;
    await job.start({ outFile: outFile.trim(), overwrite: false });
  }

  const result = job.state.kind === 'completed' ? job.state.value : null;
  // A file of that name is replaced only once the administrator says so.
  const existing =
    job.state.kind === 'failed' && job.state.error.code === 'CONFLICT' && job.state.error.params?.reason === 'fileExists'
      ? String(job.state.error.params.path)
      : null;
  return (
    <Section title={t('settings.backup.title')} description={t('settings.backup.description')} id="backup">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('settings.backup.title')}>
        <TextField
          label={t('settings.backup.file')}
          hint={t('settings.backup.fileHint')}
          spellCheck={false}
          value={outFile}
          disabled={job.running}
          onChange={(event) => setOutFile(event.target.value)}
          error={outFile.trim() === '' ? t('validation.fileRequired') : null}
        />
        <div className="form-actions start">
          <SubmitButton busy={job.running} disabled={outFile.trim() === ''}>
            {t('settings.backup.run')}
          </SubmitButton>
        </div>
      </form>
      {existing === null ? <JobStatus job={job} label={t('settings.backup.running')} /> : null}
      <ConfirmDialog
        open={existing !== null}
        title={t('settings.backup.replaceTitle')}
        confirmLabel={t('settings.backup.replace')}
        danger
        onConfirm={() => void job.start({ outFile: outFile.trim(), overwrite: true })}
        onCancel={job.reset}
      >
        <p>{t('settings.backup.replaceText', { file: existing ?? '' })}</p>
      </ConfirmDialog>
      {result ? (
        <div className="result result-ok" data-testid="backup-result">
          <p className="result-title">{t('settings.backup.done', { size: formatBytes(result.bytes, i18n.language) })}</p>
          <dl className="facts compact">
            <div>
              <dt>{t('settings.backup.fileLabel')}</dt>
              <dd>
                <code>{result.file}</code>
              </dd>
            </div>
            <div>
              <dt>SHA-256</dt>
              <dd>
                <code className="wrap">{result.sha256}</code>
              </dd>
            </div>
          </dl>
        </div>
      ) : null}
    </Section>
  );
}
