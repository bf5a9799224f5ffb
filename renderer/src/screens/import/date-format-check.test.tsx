import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { testI18n } from '../../i18n/test-translator';
import { draftFromMapping, type Mapping } from '../../lib/mapping';
import { adoptDetected, DateFormatCheck, TimeZoneSelect } from './date-format-check';

async function render(language: 'en' | 'fr', node: ReactNode): Promise<string> {
  return renderToStaticMarkup(<I18nextProvider i18n={await testI18n(language)}>{node}</I18nextProvider>);
}

const mapping = (dateFormat: Mapping['dateFormat'], defaultCountry = 'FR'): Mapping => ({
  version: 1,
  columns: [
    { column: 'no_carte', field: 'sourceRecordId' },
    { column: 'date_achat', field: 'event.at' },
  ],
  recordKey: 'no_carte',
  dateFormat,
  birthDateFormat: 'YYYY-MM-DD',
  defaultCountry,
});
const draftOf = (dateFormat: Mapping['dateFormat'], defaultCountry?: string) => draftFromMapping(['no_carte', 'date_achat'], mapping(dateFormat, defaultCountry));
const rows = (...dates: string[]) => dates.map((date, index) => ({ line: index + 2, values: { no_carte: `C-${index}`, date_achat: date } }));
const noop = () => undefined;

describe('the date format check of the mapping step', () => {
  const till = rows('28/07/2012 13:25', '02/08/2012 9:05', '03/08/2012');

  it('says how many sample values the chosen format rejects, and offers the one the values fit', async () => {
    const html = await render('en', <DateFormatCheck rows={till} draft={draftOf('DD/MM/YYYY')} onChange={noop} />);
    expect(html).toContain('date_achat: 2 of 3 sample values do not fit DD/MM/YYYY, for example “28/07/2012 13:25”.');
    expect(html).toContain('The values look like DD/MM/YYYY HH:MM, which fits every one of them.');
    expect(html).toContain('>Use DD/MM/YYYY HH:MM</button>');
    expect(html).toContain('class="alert alert-warning"');
  });

  it('confirms a format that fits, in French with its typography', async () => {
    const html = await render('fr', <DateFormatCheck rows={till} draft={draftOf('DD/MM/YYYY HH:MM')} onChange={noop} />);
    expect(html).toContain('date_achat\u00a0: les 3 valeurs d’exemple correspondent au format JJ/MM/AAAA HH:MM.');
    expect(html).not.toContain('<button');
    expect(html).toContain('class="alert alert-info"');
  });

  it('says when day and month are ambiguous, and whether the order follows the country', async () => {
    const ambiguous = rows('03/04/2024 10:00', '05/06/2024 11:00');
    expect(await render('en', <DateFormatCheck rows={ambiguous} draft={draftOf('DD/MM/YYYY HH:MM', 'CA')} onChange={noop} />)).toContain(
      'Day and month are ambiguous in every sample: read as day/month because the source’s country is Canada.',
    );
    const against = await render('en', <DateFormatCheck rows={ambiguous} draft={draftOf('MM/DD/YYYY HH:MM', 'FR')} onChange={noop} />);
    expect(against).toContain('Day and month are ambiguous in every sample, and France usually writes day/month: check that this order is right.');
    expect(against).toContain('>Use DD/MM/YYYY HH:MM</button>');
    expect(against).not.toContain('look like');
  });

  it('puts the offered format in the setting the column follows', () => {
    const draft = draftOf('DD/MM/YYYY');
    expect(adoptDetected(draft, { kind: 'event', detected: 'DD/MM/YYYY HH:MM' })).toMatchObject({ dateFormat: 'DD/MM/YYYY HH:MM', birthDateFormat: 'YYYY-MM-DD' });
    expect(adoptDetected(draft, { kind: 'birth', detected: 'DD.MM.YYYY' })).toMatchObject({ dateFormat: 'DD/MM/YYYY', birthDateFormat: 'DD.MM.YYYY' });
  });

  it('shows nothing without date columns or without sample rows', async () => {
    expect(await render('en', <DateFormatCheck rows={[]} draft={draftOf('DD/MM/YYYY')} onChange={noop} />)).toBe('');
    const noDates = draftFromMapping(['no_carte'], { ...mapping('iso'), columns: [{ column: 'no_carte', field: 'sourceRecordId' }] });
    expect(await render('en', <DateFormatCheck rows={till} draft={noDates} onChange={noop} />)).toBe('');
  });

  it('offers the country’s main zone first, and a saved zone the list lacks', async () => {
    const html = await render('en', <TimeZoneSelect draft={draftOf('iso', 'FR')} onChange={noop} />);
    expect(html).toContain('<option value="" selected="">Main zone of the country (Europe/Paris)</option>');
    expect(html).toContain('<option value="America/Toronto">America/Toronto</option>');
    const odd = await render('fr', <TimeZoneSelect draft={{ ...draftOf('iso'), timeZone: 'Etc/GMT+5' }} onChange={noop} />);
    expect(odd).toContain('<option value="Etc/GMT+5" selected="">Etc/GMT+5</option>');
    expect(odd).toContain('Fuseau principal du pays (Europe/Paris)');
  });
});
