/**
 * Unlock with a user name and passphrase. After repeated failures the backend imposes a growing delay;
 * the form counts it down instead of letting the user hammer the button.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../main/api/contract';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/alert';
import { TextField } from '../../components/field';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { useCountdown } from '../../hooks/use-countdown';
import { PassphraseField } from '../../components/passphrase-field';

interface Props {
  readonly initialUserName: string;
  readonly retryAfterSeconds: number | null;
  readonly onUnlocked: (user: SessionUser) => void;
  readonly onForgot: () => void;
}

export function UnlockForm({ initialUserName, retryAfterSeconds, onUnlocked, onForgot }: Props): ReactNode {
  const { t } = useTranslation();
  const [userName, setUserName] = useState(initialUserName);
  const [passphrase, setPassphrase] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const unlock = useApiAction('vault.unlock');
  const { remaining, startCountdown } = useCountdown(retryAfterSeconds ?? 0);
  const waiting = remaining > 0;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    if (userName.trim() === '' || passphrase === '' || waiting) return;
    const result = await unlock.run({ userName: userName.trim(), passphrase });
    if (result.ok) {
      onUnlocked(result.value);
      return;
    }
    setPassphrase('');
    const seconds = result.error.params?.seconds;
    if (result.error.code === 'RATE_LIMITED' && typeof seconds === 'number') {
      startCountdown(seconds);
      return;
    }
    // The failure that crosses the threshold does not say so itself: ask how long to wait now.
    const status = await api.call('vault.status', {});
    if (status.ok && status.value.retryAfterSeconds) startCountdown(status.value.retryAfterSeconds);
  }

  const error = waiting && unlock.error?.code === 'RATE_LIMITED' ? null : unlock.error;
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('unlock.title')}>
      <TextField
        label={t('unlock.userName')}
        autoComplete="username"
        autoFocus={initialUserName === ''}
        value={userName}
        maxLength={64}
        disabled={unlock.busy}
        onChange={(event) => setUserName(event.target.value)}
        error={submitted && userName.trim() === '' ? t('validation.nameRequired') : null}
      />
      <PassphraseField
        label={t('unlock.passphrase')}
        autoComplete="current-password"
        autoFocus={initialUserName !== ''}
        value={passphrase}
        disabled={unlock.busy}
        onChange={(event) => setPassphrase(event.target.value)}
        error={submitted && passphrase === '' && !unlock.error ? t('validation.passphraseRequired') : null}
      />
      <ErrorAlert error={error} overrides={{ FORBIDDEN: t('unlock.disabled') }} testId="unlock-error" />
      {waiting ? (
        <div className="alert alert-warning" role="alert" data-testid="unlock-wait">
          {t('unlock.tooManyAttempts')} <span role="timer">{t('unlock.retryIn', { count: remaining })}</span>
        </div>
      ) : null}
      <div className="form-actions spread">
        <button type="button" className="link-button" onClick={onForgot}>
          {t('unlock.forgot')}
        </button>
        <SubmitButton busy={unlock.busy} disabled={waiting}>
          {t('unlock.submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
