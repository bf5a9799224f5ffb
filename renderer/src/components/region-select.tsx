/**
 * Chooses how dates, times, numbers, amounts and addresses are written, at once and on this workstation
 * (public like the language: the lock screen formats too). An example under the list shows the choice.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { REGIONS, type Region } from '../../../main/api/contract';
import { api, type ClientError } from '../api/client';
import { applyRegion } from '../i18n';
import { formatAmount, formatWhen } from '../lib/format';
import { currentRegion } from '../lib/region';
import { ErrorAlert } from './alert';
import { SelectField } from './field';

/** The money an example amount is shown in; `other` shows a plain number (the system names no currency). */
const CURRENCIES: Readonly<Record<Region, string | null>> = { CA: 'CAD', FR: 'EUR', PL: 'PLN', US: 'USD', other: null };

/** A fixed moment, so the example does not change while one looks at it: 7 December 2026, 14:30. */
const EXAMPLE_AT = new Date(2026, 11, 7, 14, 30).toISOString();

export function RegionSelect(): ReactNode {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const region = currentRegion();

  async function choose(next: Region): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await api.call('preferences.setRegion', { region: next });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    applyRegion(next);
  }

  const example = t('settings.region.example', {
    date: formatWhen(EXAMPLE_AT, i18n.language),
    amount: formatAmount(1234.56, CURRENCIES[region], i18n.language),
  });
  return (
    <div className="region-select">
      <SelectField
        label={t('settings.region.label')}
        hint={<span data-testid="region-example">{example}</span>}
        value={region}
        disabled={busy}
        onChange={(event) => void choose(event.target.value as Region)}
      >
        {REGIONS.map((choice) => (
          <option key={choice} value={choice}>
            {t(`settings.region.names.${choice}`)}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={error} />
    </div>
  );
}
