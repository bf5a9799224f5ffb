/**
 * The smallest group statistics may keep an erased person in (k): below it, their events are dropped rather
 * than kept as counts someone could single them out of. Administrators change it; the others read it.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/alert';
import { TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { ErasureErrorAlert } from './erasure-error';

const K_MIN = 2;
const K_MAX = 100;

function KForm({ saved, canChange, onSaved }: { readonly saved: number; readonly canChange: boolean; readonly onSaved: () => void }): ReactNode {
  const { t } = useTranslation();
  const save = useApiAction('erasure.saveSettings');
  const [text, setText] = useState(String(saved));
  const k = /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
  const valid = k !== null && k >= K_MIN && k <= K_MAX;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!valid) return;
    const result = await save.run({ k });
    if (result.ok) onSaved();
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('erasure.settings.title')} data-testid="erasure-settings">
      <TextField
        type="number"
        min={K_MIN}
        max={K_MAX}
        label={t('erasure.settings.k')}
        hint={t('erasure.settings.kHint', { min: K_MIN, max: K_MAX })}
        value={text}
        disabled={!canChange || save.busy}
        onChange={(event) => setText(event.target.value)}
        error={text.trim() !== '' && !valid ? t('erasure.settings.kInvalid', { min: K_MIN, max: K_MAX }) : null}
        name="k"
      />
      <ErasureErrorAlert error={save.error} />
      {canChange ? (
        <div className="form-actions start">
          <SubmitButton busy={save.busy} disabled={!valid || k === saved}>
            {t('common.save')}
          </SubmitButton>
        </div>
      ) : null}
    </form>
  );
}

export function ErasureSettingsSection({ canChange }: { readonly canChange: boolean }): ReactNode {
  const { t } = useTranslation();
  const settings = useApiData('erasure.settings', {});
  const [done, setDone] = useState(false);
  return (
    <Section title={t('erasure.settings.title')} description={t('erasure.settings.description')} id="erasure-settings">
      {settings.data === null ? null : (
        <KForm
          key={settings.data.k}
          saved={settings.data.k}
          canChange={canChange}
          onSaved={() => {
            setDone(true);
            settings.reload();
          }}
        />
      )}
      <ErasureErrorAlert error={settings.error} />
      {done ? <Notice tone="success">{t('erasure.settings.saved')}</Notice> : null}
    </Section>
  );
}
