import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { formatNumber } from '../../lib/format';

type Restored = MethodOutput<'vault.restore'>;

/**
 * Restoring never overwrites the open vault: it writes a new vault folder from a backup of this vault,
 * which can then be opened on its own to inspect it or to switch over.
 */
export function RestoreSection(): ReactNode {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState('');
  const [targetDir, setTargetDir] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [restored, setRestored] = useState<Restored | null>(null);
  const restore = useApiAction('vault.restore');

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    setRestored(null);
    if (file.trim() === '' || targetDir.trim() === '') return;
    const result = await restore.run({ file: file.trim(), targetDir: targetDir.trim() });
    if (result.ok) setRestored(result.value);
  }

  return (
    <Section title={t('settings.restore.title')} description={t('settings.restore.description')} id="restore">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('settings.restore.title')}>
        <TextField
          label={t('settings.restore.file')}
          spellCheck={false}
          value={file}
          disabled={restore.busy}
          onChange={(event) => setFile(event.target.value)}
          error={submitted && file.trim() === '' ? t('validation.fileRequired') : null}
        />
        <TextField
          label={t('settings.restore.target')}
          hint={t('settings.restore.targetHint')}
          spellCheck={false}
          value={targetDir}
          disabled={restore.busy}
          onChange={(event) => setTargetDir(event.target.value)}
          error={submitted && targetDir.trim() === '' ? t('validation.folderRequired') : null}
        />
        <ErrorAlert error={restore.error} overrides={{ VAULT_EXISTS: t('settings.restore.targetHasVault'), NOT_FOUND: t('settings.restore.cannotOpen') }} />
        <div className="form-actions start">
          <SubmitButton busy={restore.busy}>{t('settings.restore.run')}</SubmitButton>
        </div>
      </form>
      {restored ? (
        <div className="result result-ok" data-testid="restore-result">
          <p className="result-title">{t('settings.restore.done', { entries: formatNumber(restored.auditEntries, i18n.language) })}</p>
          <dl className="facts compact">
            <div>
              <dt>{t('settings.restore.newFolder')}</dt>
              <dd>
                <code>{restored.vaultDir}</code>
              </dd>
            </div>
            <div>
              <dt>{t('settings.restore.backupHash')}</dt>
              <dd>
                <code className="wrap">{restored.backupSha256}</code>
              </dd>
            </div>
          </dl>
        </div>
      ) : null}
    </Section>
  );
}
