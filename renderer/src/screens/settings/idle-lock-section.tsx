import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Notice } from '../../components/alert';
import { TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { useSession } from '../../session/session-context';

const MAX_MINUTES = 24 * 60;

/** The vault locks itself after this much inactivity, for every user of this vault. */
export function IdleLockSection(): ReactNode {
  const { t } = useTranslation();
  const { status, refresh } = useSession();
  const [minutes, setMinutes] = useState(String(status.idleLockMinutes ?? ''));
  const [done, setDone] = useState(false);
  const save = useApiAction('vault.setIdleLock');
  const value = Number(minutes);
  const valid = Number.isInteger(value) && value >= 1 && value <= MAX_MINUTES;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setDone(false);
    if (!valid) return;
    const result = await save.run({ minutes: value });
    if (!result.ok) return;
    setDone(true);
    await refresh();
  }

  return (
    <Section title={t('settings.idle.title')} description={t('settings.idle.description')} id="idle-lock">
      <form className="form inline-form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('settings.idle.title')}>
        <TextField
          label={t('settings.idle.minutes')}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_MINUTES}
          step={1}
          className="narrow"
          value={minutes}
          disabled={save.busy}
          onChange={(event) => {
            setMinutes(event.target.value);
            setDone(false);
          }}
          error={minutes !== '' && !valid ? t('settings.idle.invalid', { max: MAX_MINUTES }) : null}
        />
        <SubmitButton busy={save.busy} disabled={!valid || value === status.idleLockMinutes}>
          {t('common.save')}
        </SubmitButton>
      </form>
      <ErrorAlert error={save.error} />
      {done ? <Notice tone="success">{t('settings.idle.done', { count: value })}</Notice> : null}
    </Section>
  );
}
