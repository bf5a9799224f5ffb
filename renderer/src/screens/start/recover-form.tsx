/**
 * Recovery: the code written down at creation resets an administrator's passphrase. The old code stops
 * working and a new one is shown once, like the first.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alert';
import { TextField } from '../../components/field';
import { EMPTY_PASSPHRASE, NewPassphraseFields, newPassphraseProblem } from '../../components/new-passphrase-fields';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';

interface Props {
  readonly initialUserName: string;
  readonly onRecovered: (newRecoveryCode: string) => void;
  readonly onBack: () => void;
}

export function RecoverForm({ initialUserName, onRecovered, onBack }: Props): ReactNode {
  const { t } = useTranslation();
  const [recoveryCode, setRecoveryCode] = useState('');
  const [userName, setUserName] = useState(initialUserName);
  const [passphrase, setPassphrase] = useState(EMPTY_PASSPHRASE);
  const [submitted, setSubmitted] = useState(false);
  const recover = useApiAction('vault.recover');

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    if (recoveryCode.trim() === '' || userName.trim() === '' || newPassphraseProblem(passphrase)) return;
    const result = await recover.run({ recoveryCode: recoveryCode.trim(), userName: userName.trim(), newPassphrase: passphrase.passphrase });
    if (result.ok) onRecovered(result.value.recoveryCode);
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('recover.title')}>
      <TextField
        label={t('recover.code')}
        hint={t('recover.codeHint')}
        autoComplete="off"
        spellCheck={false}
        autoFocus
        className="mono-input"
        value={recoveryCode}
        maxLength={200}
        disabled={recover.busy}
        onChange={(event) => setRecoveryCode(event.target.value)}
        error={submitted && recoveryCode.trim() === '' ? t('validation.codeRequired') : null}
      />
      <TextField
        label={t('recover.adminName')}
        autoComplete="username"
        value={userName}
        maxLength={64}
        disabled={recover.busy}
        onChange={(event) => setUserName(event.target.value)}
        error={submitted && userName.trim() === '' ? t('validation.nameRequired') : null}
      />
      <NewPassphraseFields value={passphrase} onChange={setPassphrase} showErrors={submitted} disabled={recover.busy} />
      <ErrorAlert
        error={recover.error}
        overrides={{ WRONG_PASSPHRASE: t('recover.wrongCode'), FORBIDDEN: t('recover.notAdmin'), NOT_FOUND: t('recover.noSuchUser') }}
      />
      <div className="form-actions spread">
        <button type="button" className="link-button" onClick={onBack}>
          {t('recover.back')}
        </button>
        <SubmitButton busy={recover.busy}>{t('recover.submit')}</SubmitButton>
      </div>
    </form>
  );
}
