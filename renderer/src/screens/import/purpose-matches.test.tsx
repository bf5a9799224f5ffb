import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Purpose } from '../../../../main/api/contract';
import { testI18n } from '../../i18n/test-translator';
import { draftFromMapping, mappingFromDraft, type Mapping } from '../../lib/mapping';
import { PurposeCatalogContext } from '../../session/purpose-catalog';
import { PurposeMatches, withAlias } from './purpose-matches';

function purpose(code: string, nameEn: string, nameFr: string): Purpose {
  return {
    id: 1,
    code,
    nameEn,
    nameFr,
    descriptionEn: '',
    descriptionFr: '',
    bases: ['consent'],
    expressConsent: false,
    saleOrSharing: false,
    retentionDays: null,
    noticeVersion: 1,
    sources: 0,
    events: 0,
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const CATALOG = [purpose('email_marketing', 'Email marketing', 'Prospection par courriel'), purpose('sms_marketing', 'SMS marketing', 'Prospection par SMS')];

const MAPPING: Mapping = {
  version: 1,
  columns: [
    { column: 'id', field: 'sourceRecordId' },
    { column: 'consents[].purpose', field: 'consent.purpose' },
    { column: 'consents[].granted', field: 'consent.granted' },
  ],
  recordKey: 'id',
  dateFormat: 'YYYY-MM-DD',
  birthDateFormat: 'YYYY-MM-DD',
  defaultCountry: 'FR',
  consentsPath: 'consents',
};

const ROWS = [
  {
    values: {
      id: 1,
      consents: [
        { purpose: 'Club Fidélité', granted: 'yes' },
        { purpose: 'newsletter', granted: 'yes' },
      ],
    },
  },
  {
    values: {
      id: 2,
      consents: [
        { purpose: 'Horoscope', granted: 'no' },
        { purpose: 'club fidelite', granted: 'yes' },
      ],
    },
  },
];

async function render(language: 'en' | 'fr', node: ReactNode): Promise<string> {
  return renderToStaticMarkup(
    <I18nextProvider i18n={await testI18n(language)}>
      <PurposeCatalogContext.Provider value={{ purposes: CATALOG, reload: () => undefined }}>{node}</PurposeCatalogContext.Provider>
    </I18nextProvider>,
  );
}

describe('the purposes of a file the catalog does not know', () => {
  it('lists each unmatched text once, to map to a catalog purpose or, for administrators, to add', async () => {
    const draft = draftFromMapping(['id', 'consents'], MAPPING);
    const html = await render('en', <PurposeMatches rows={ROWS} draft={draft} onChange={() => undefined} onAddPurpose={async () => true} />);
    expect(html).toContain('Purposes the catalog does not know');
    expect(html).toContain('2 are still unmatched');
    expect(html).toContain('aria-label="Catalog purpose for “Club Fidélité”"');
    expect(html).toContain('aria-label="Catalog purpose for “Horoscope”"');
    // `newsletter` is a word the vault matches by itself; `club fidelite` is the same text folded.
    expect(html).not.toContain('“newsletter”');
    expect(html).not.toContain('“club fidelite”');
    expect(html).toContain('Add “Horoscope” to the catalog');
    // Without the right to add purposes, only the match is offered.
    expect(await render('en', <PurposeMatches rows={ROWS} draft={draft} onChange={() => undefined} />)).not.toContain('to the catalog');
  });

  it('keeps the match in the mapping, and says the consents are flagged, in French too', async () => {
    const draft = withAlias(draftFromMapping(['id', 'consents'], MAPPING), 'Club Fidélité', 'email_marketing');
    expect(mappingFromDraft(draft).purposeAliases).toEqual({ 'Club Fidélité': 'email_marketing' });
    expect(mappingFromDraft(withAlias(draft, 'club fidelite', '')).purposeAliases).toBeUndefined();
    const html = await render('fr', <PurposeMatches rows={ROWS} draft={draft} onChange={() => undefined} />);
    expect(html).toContain('Finalités que le catalogue ne connaît pas');
    expect(html).toContain('une n’est pas encore associée');
    expect(html).toContain('Non associée\u00a0: signaler ses consentements');
  });
});
