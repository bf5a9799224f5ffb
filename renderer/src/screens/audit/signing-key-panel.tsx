/**
 * An auditor's own Ed25519 key signs the checkpoints they export, so a checkpoint proves who took it.
 * The key is sealed with the auditor's passphrase; if an administrator chose that passphrase, the
 * administrator could sign too, hence the advice to change it first.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Notice } from '../../components/alert';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { useSession } from '../../session/session-context';
import { PassphraseField } from '../../components/passphrase-field';

export function SigningKeyPanel(): ReactNode {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [passphrase, setPassphrase] = useState('');
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const create = useApiAction('users.createSigningKey');

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (passphrase === '') return;
    const result = await create.run({ passphrase });
    setPassphrase('');
    if (!result.ok) return;
    setFingerprint(result.value.fingerprint);
    await refresh();
  }

  if (fingerprint) {
    return (
      <Notice tone="success" testId="signing-key-created">
        {t('audit.signingKey.created')} <code>{fingerprint}</code>
      </Notice>
    );
  }
  return (
    <Section title={t('audit.signingKey.title')} description={t('audit.signingKey.description')} id="signing-key">
      <p className="form-note">{t('audit.signingKey.changeFirst')}</p>
      <form className="form inline-form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('audit.signingKey.title')}>
        <PassphraseField
          label={t('audit.signingKey.passphrase')}
          autoComplete="current-password"
          value={passphrase}
          disabled={create.busy}
          onChange={(event) => setPassphrase(event.target.value)}
        />
        <SubmitButton busy={create.busy} disabled={passphrase === ''}>
          {t('audit.signingKey.submit')}
        </SubmitButton>
      </form>
      <ErrorAlert error={create.error} overrides={{ WRONG_PASSPHRASE: t('settings.passphrase.wrongCurrent') }} />
    </Section>
  );
}
