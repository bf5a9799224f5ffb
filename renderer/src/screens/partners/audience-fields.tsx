/** The audience of an extract or a schedule: countries, languages, sources, latest activity, a consent state for a purpose, the channel used, and a day the people must still be kept on. */
import type { ReactNode } from 'react';
import { CONTACT_CHANNELS, type ContactChannel } from '../../../../main/api/contract';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/field';
import { useApiData } from '../../hooks/use-api-data';
import { COMMON_LANGUAGES, languageEndonym } from '../../lib/languages';
import { purposeName } from '../../lib/purpose-name';
import { usePurposeCatalog } from '../../session/purpose-catalog';
import { audienceOf, CONSENT_STATES, type AudienceDraft } from './partners-text';

export function AudienceFields({
  value,
  onChange,
  disabled,
}: {
  readonly value: AudienceDraft;
  readonly onChange: (draft: AudienceDraft) => void;
  readonly disabled: boolean;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const sources = useApiData('sources.list', {});
  const { purposes } = usePurposeCatalog();
  const checked = audienceOf(value);
  const invalid = 'invalid' in checked ? checked.invalid : null;
  const set = (change: Partial<AudienceDraft>): void => onChange({ ...value, ...change });
  // A language ticked elsewhere (a schedule's audience written by the CLI) stays shown, so it can be unticked.
  const offered = [...new Set<string>([...COMMON_LANGUAGES, ...value.languages])];

  return (
    <fieldset className="choice-group" data-testid="audience-fields">
      <legend>{t('partners.screens.audience.title')}</legend>
      <p className="muted small">{t('partners.screens.audience.hint')}</p>
      <TextField
        label={t('partners.screens.audience.countries')}
        hint={t('partners.screens.audience.countriesHint')}
        value={value.countries}
        spellCheck={false}
        onChange={(event) => set({ countries: event.target.value })}
        disabled={disabled}
        name="countries"
        error={invalid === 'countries' ? t('partners.screens.audience.countriesInvalid') : null}
      />
      <fieldset className="choice-group" data-testid="audience-languages">
        <legend>{t('partners.screens.audience.languages')}</legend>
        <p className="muted small">{t('partners.screens.audience.languagesHint')}</p>
        {offered.map((code) => (
          <label key={code} className="checkbox">
            <input
              type="checkbox"
              value={code}
              checked={value.languages.includes(code)}
              onChange={(event) => set({ languages: event.target.checked ? [...value.languages, code] : value.languages.filter((entry) => entry !== code) })}
              disabled={disabled}
            />
            <span lang={code}>{languageEndonym(code)}</span>
          </label>
        ))}
        <TextField
          label={t('partners.screens.audience.otherLanguages')}
          hint={t('partners.screens.audience.otherLanguagesHint')}
          value={value.otherLanguages}
          spellCheck={false}
          onChange={(event) => set({ otherLanguages: event.target.value })}
          disabled={disabled}
          name="otherLanguages"
          error={invalid === 'languages' ? t('partners.screens.audience.languagesInvalid') : null}
        />
      </fieldset>
      {(sources.data ?? []).length > 0 ? (
        <fieldset className="choice-group">
          <legend>{t('partners.screens.audience.sources')}</legend>
          {(sources.data ?? []).map((source) => (
            <label key={source.id} className="checkbox">
              <input
                type="checkbox"
                checked={value.sourceIds.includes(source.id)}
                onChange={(event) =>
                  set({ sourceIds: event.target.checked ? [...value.sourceIds, source.id] : value.sourceIds.filter((id) => id !== source.id) })
                }
                disabled={disabled}
              />
              <span>{source.name}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="field-row">
        <TextField
          type="date"
          label={t('partners.screens.audience.activeFrom')}
          value={value.activeFrom}
          onChange={(event) => set({ activeFrom: event.target.value })}
          disabled={disabled}
          name="activeFrom"
        />
        <TextField
          type="date"
          label={t('partners.screens.audience.activeTo')}
          value={value.activeTo}
          onChange={(event) => set({ activeTo: event.target.value })}
          disabled={disabled}
          name="activeTo"
          error={invalid === 'dates' ? t('partners.screens.audience.datesInvalid') : null}
        />
      </div>
      <SelectField
        label={t('partners.screens.audience.consentPurpose')}
        value={value.purpose}
        onChange={(event) => set({ purpose: event.target.value })}
        disabled={disabled}
        name="consentPurpose"
      >
        <option value="">{t('partners.screens.audience.anyConsent')}</option>
        {(purposes ?? []).map((purpose) => (
          <option key={purpose.code} value={purpose.code}>
            {purposeName(purpose, purpose.code, i18n.language)}
          </option>
        ))}
      </SelectField>
      {value.purpose !== '' ? (
        <fieldset className="choice-group">
          <legend>{t('partners.screens.audience.consentStates')}</legend>
          {CONSENT_STATES.map((state) => (
            <label key={state} className="checkbox">
              <input
                type="checkbox"
                checked={value.states.includes(state)}
                onChange={(event) => set({ states: event.target.checked ? [...value.states, state] : value.states.filter((entry) => entry !== state) })}
                disabled={disabled}
              />
              <span>{t(`partners.screens.audience.states.${state}`)}</span>
            </label>
          ))}
          {invalid === 'consent' ? <p className="field-error">{t('partners.screens.audience.consentInvalid')}</p> : null}
        </fieldset>
      ) : null}
      <SelectField
        label={t('partners.screens.audience.channel')}
        hint={t('partners.screens.audience.channelHint')}
        value={value.channel}
        onChange={(event) => set({ channel: event.target.value as ContactChannel | '' })}
        disabled={disabled}
        name="channel"
      >
        <option value="">{t('partners.screens.audience.anyChannel')}</option>
        {CONTACT_CHANNELS.map((channel) => (
          <option key={channel} value={channel}>
            {t(`contact.channels.${channel}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        type="date"
        label={t('partners.screens.audience.keptOn')}
        hint={t('partners.screens.audience.keptOnHint')}
        value={value.keptOn}
        onChange={(event) => set({ keptOn: event.target.value })}
        disabled={disabled}
        name="keptOn"
      />
    </fieldset>
  );
}
