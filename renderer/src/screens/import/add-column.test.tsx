import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { testI18n } from '../../i18n/test-translator';
import type { MappingDraft } from '../../lib/mapping';
import { AddColumn } from './add-column';

async function render(language: 'en' | 'fr', node: ReactNode): Promise<string> {
  return renderToStaticMarkup(<I18nextProvider i18n={await testI18n(language)}>{node}</I18nextProvider>);
}

const rows = [
  {
    line: 1,
    values: {
      customer_id: 'wsg_1',
      name: { given: 'Amélie', family: 'Tremblay' },
      orders: [{ order_id: 'o-1', placed_at: '2024-03-05T13:25:00-05:00', ship_to: { name: 'Jean Roy' } }],
    },
  },
];
const draft: MappingDraft = {
  rows: [
    { column: 'customer_id', field: 'sourceRecordId', purpose: '' },
    { column: 'name.family', field: 'familyName', purpose: '' },
  ],
  recordKey: 'customer_id',
  dateFormat: 'iso',
  birthDateFormat: 'YYYY-MM-DD',
  timeZone: '',
  defaultCountry: 'CA',
  decimal: '.',
  eventType: '',
};

describe('adding a column the suggestion left out', () => {
  it('offers the unlisted paths, a third party’s marked as such', async () => {
    const html = await render('en', <AddColumn rows={rows} draft={draft} onAdd={() => undefined} />);
    expect(html).toContain('Add a column found in the first rows');
    expect(html).toContain('<option value="name.given">name.given</option>');
    expect(html).toContain('<option value="orders[].placed_at">orders[].placed_at</option>');
    expect(html).toContain('<option value="orders[].ship_to.name">orders[].ship_to.name (someone else’s details)</option>');
    expect(html).not.toContain('value="name.family"');
    expect(html).toMatch(/<button type="button" class="button" disabled="">Add<\/button>/);
  });

  it('speaks French', async () => {
    const html = await render('fr', <AddColumn rows={rows} draft={draft} onAdd={() => undefined} />);
    expect(html).toContain('Ajouter une colonne trouvée dans les premières lignes');
    expect(html).toContain('orders[].ship_to.name (données d’une autre personne)');
  });

  it('is absent when every path has a line', async () => {
    expect(await render('en', <AddColumn rows={[]} draft={draft} onAdd={() => undefined} />)).toBe('');
  });
});
