/**
 * Who the organisation is (the access package's report introduces it) and the vault's time zone (the calendar
 * days deadlines are counted in, the times reports show). Administrators change them; the others read them.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Notice } from '../../components/alert';
import { SelectField, TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';

/** The zones this runtime knows (Intl), the saved one first if it were missing. */
function zones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

interface Saved {
  readonly organisationName: string;
  readonly timeZone: string;
  readonly timeZoneFromComputer: boolean;
}

/** The form, started from what the vault holds (remounted when that changes). */
function SettingsForm({ saved, canChange, onSaved }: { readonly saved: Saved; readonly canChange: boolean; readonly onSaved: () => void }): ReactNode {
  const { t } = useTranslation();
  const save = useApiAction('requests.saveSettings');
  const [organisation, setOrganisation] = useState(saved.organisationName);
  const [timeZone, setTimeZone] = useState(saved.timeZone);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = await save.run({ organisationName: organisation.trim(), timeZone });
    if (result.ok) onSaved();
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('requests.settings.title')} data-testid="requests-settings">
      <TextField
        label={t('requests.settings.organisation')}
        hint={t('requests.settings.organisationHint')}
        value={organisation}
        maxLength={200}
        disabled={!canChange || save.busy}
        onChange={(event) => setOrganisation(event.target.value)}
      />
      <SelectField
        label={t('requests.settings.timeZone')}
        hint={saved.timeZoneFromComputer ? t('requests.settings.timeZoneFromComputer') : t('requests.settings.timeZoneHint')}
        value={timeZone}
        disabled={!canChange || save.busy}
        onChange={(event) => setTimeZone(event.target.value)}
      >
        {zones(timeZone).map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={save.error} />
      {canChange ? (
        <div className="form-actions start">
          <SubmitButton
            busy={save.busy}
            disabled={organisation.trim() === saved.organisationName && timeZone === saved.timeZone && !saved.timeZoneFromComputer}
          >
            {t('common.save')}
          </SubmitButton>
        </div>
      ) : null}
    </form>
  );
}

export function RequestsSettingsSection({ canChange }: { readonly canChange: boolean }): ReactNode {
  const { t } = useTranslation();
  const settings = useApiData('requests.settings', {});
  const [done, setDone] = useState(false);
  const data = settings.data;
  return (
    <Section title={t('requests.settings.title')} description={t('requests.settings.description')} id="requests-settings">
      {data === null ? null : (
        <SettingsForm
          key={`${data.organisationName}\u0000${data.timeZone}\u0000${String(data.timeZoneFromComputer)}`}
          saved={data}
          canChange={canChange}
          onSaved={() => {
            setDone(true);
            settings.reload();
          }}
        />
      )}
      <ErrorAlert error={settings.error} />
      {done ? <Notice tone="success">{t('requests.settings.saved')}</Notice> : null}
    </Section>
  );
}
