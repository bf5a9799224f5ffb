/** First start: create the vault and its first administrator. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alert';
import { AuthLayout } from '../../components/auth-layout';
import { TextField } from '../../components/field';
import { EMPTY_PASSPHRASE, NewPassphraseFields, newPassphraseProblem } from '../../components/new-passphrase-fields';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';

interface Props {
  readonly vaultDir: string;
  readonly onCreated: (recoveryCode: string) => void;
}

export function CreateVaultScreen({ vaultDir, onCreated }: Props): ReactNode {
  const { t } = useTranslation();
  const [adminName, setAdminName] = useState('');
  const [passphrase, setPassphrase] = useState(EMPTY_PASSPHRASE);
  const [submitted, setSubmitted] = useState(false);
  const create = useApiAction('vault.create');

  const nameMissing = submitted && adminName.trim() === '';

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    if (adminName.trim() === '' || newPassphraseProblem(passphrase)) return;
    const result = await create.run({ adminName: adminName.trim(), passphrase: passphrase.passphrase });
    if (result.ok) onCreated(result.value.recoveryCode);
  }

  return (
    <AuthLayout title={t('create.title')} intro={t('create.intro')} vaultDir={vaultDir}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('create.title')}>
        <TextField
          label={t('create.adminName')}
          hint={t('create.adminNameHint')}
          autoComplete="username"
          autoFocus
          value={adminName}
          maxLength={64}
          disabled={create.busy}
          onChange={(event) => setAdminName(event.target.value)}
          error={nameMissing ? t('validation.nameRequired') : null}
        />
        <NewPassphraseFields value={passphrase} onChange={setPassphrase} showErrors={submitted} disabled={create.busy} label={t('passphrase.choose')} />
        <ErrorAlert error={create.error} />
        <div className="form-actions">
          <SubmitButton busy={create.busy}>{t('create.submit')}</SubmitButton>
        </div>
      </form>
    </AuthLayout>
  );
}
