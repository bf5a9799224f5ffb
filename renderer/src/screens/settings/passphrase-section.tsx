import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Notice } from '../../components/alert';
import { EMPTY_PASSPHRASE, NewPassphraseFields, newPassphraseProblem } from '../../components/new-passphrase-fields';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { PassphraseField } from '../../components/passphrase-field';

/** Everyone changes their own passphrase; a new user should do so right after receiving the initial one. */
export function PassphraseSection({ onChanged }: { readonly onChanged?: () => void } = {}): ReactNode {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState(EMPTY_PASSPHRASE);
  const [submitted, setSubmitted] = useState(false);
  const [done, setDone] = useState(false);
  const change = useApiAction('vault.changePassphrase');

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSubmitted(true);
    setDone(false);
    if (current === '' || newPassphraseProblem(next)) return;
    const result = await change.run({ currentPassphrase: current, newPassphrase: next.passphrase });
    setCurrent('');
    if (!result.ok) return;
    setNext(EMPTY_PASSPHRASE);
    setSubmitted(false);
    setDone(true);
    onChanged?.();
  }

  return (
    <Section title={t('settings.passphrase.title')} description={t('settings.passphrase.description')} id="passphrase">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('settings.passphrase.title')}>
        <PassphraseField
          label={t('settings.passphrase.current')}
          autoComplete="current-password"
          value={current}
          disabled={change.busy}
          onChange={(event) => setCurrent(event.target.value)}
          error={submitted && current === '' && !change.error ? t('validation.passphraseRequired') : null}
        />
        <NewPassphraseFields value={next} onChange={setNext} showErrors={submitted} disabled={change.busy} />
        <ErrorAlert error={change.error} overrides={{ WRONG_PASSPHRASE: t('settings.passphrase.wrongCurrent') }} />
        {done ? <Notice tone="success">{t('settings.passphrase.done')}</Notice> : null}
        <div className="form-actions start">
          <SubmitButton busy={change.busy}>{t('settings.passphrase.submit')}</SubmitButton>
        </div>
      </form>
    </Section>
  );
}
