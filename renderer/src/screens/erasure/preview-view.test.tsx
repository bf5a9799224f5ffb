import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { REMOVED_KINDS, type ErasurePreview, type LegalHold, type Removed } from '../../../../main/api/contract';
import { testI18n } from '../../i18n/test-translator';
import { PreviewView } from './preview-view';

async function render(language: 'en' | 'fr', node: ReactNode): Promise<string> {
  return renderToStaticMarkup(<I18nextProvider i18n={await testI18n(language)}>{node}</I18nextProvider>);
}

const removed = { ...(Object.fromEntries(REMOVED_KINDS.map((kind) => [kind, 0])) as Removed), records: 3, identifiers: 4, events: 12 };

const hold: LegalHold = {
  id: 7,
  kind: 'litigation',
  profileId: 42,
  sourceId: null,
  sourceName: null,
  reason: 'Dispute over invoice 118',
  reference: 'CASE-9',
  until: null,
  createdBy: 'Sam Steward',
  createdAt: '2026-11-01T10:00:00.000Z',
  releasedBy: null,
  releasedAt: null,
};

const preview: ErasurePreview = {
  profileId: 42,
  requestId: null,
  displayName: 'Ada Lovelace',
  removed,
  generalized: { events: 10, rows: 4, dropped: 2, region: 'H2X', ageBand: '30–39' },
  kept: [{ holdId: 3, sourceId: 5, records: 2, until: '2032-12-31' }],
  blockedBy: [],
  suppressionEntries: 3,
  recipients: [],
  sharedWith: 2,
  k: 5,
  backups: [{ at: '2026-11-20T08:00:00.000Z', auditSeq: 90 }],
  token: 'token',
};

const names = new Map([[5, 'Invoices']]);

describe('PreviewView', () => {
  it('shows every count with its label, what is kept, the shared people and the backups', async () => {
    const html = await render('en', <PreviewView preview={preview} sourceNames={names} />);
    expect(html).toContain('Source records');
    expect(html).toContain('data-testid="erasure-removed-total">19<');
    expect(html).toContain('10 events were kept as counts in 4 generalized rows');
    expect(html).toContain('Kept under region H2X and age band 30–39.');
    expect(html).toContain('2 records of Invoices kept under legal hold no. 3');
    expect(html).toContain('3 suppression entries');
    expect(html).toContain('2 other people share an email or a phone with this person and stay untouched.');
    expect(html).toContain('1 backup taken before now holds this person.');
    expect(html).not.toContain('erasure-blocked');
  });

  it('says which holds block the erasure', async () => {
    const html = await render('en', <PreviewView preview={{ ...preview, blockedBy: [hold] }} sourceNames={names} />);
    expect(html).toContain('data-testid="erasure-blocked"');
    expect(html).toContain('A litigation hold stops this erasure:');
    expect(html).toContain('Hold no. 7 (Litigation) · Person no. 42 · Dispute over invoice 118 · ref. CASE-9');
  });

  it('speaks French with its typography', async () => {
    const html = await render('fr', <PreviewView preview={{ ...preview, blockedBy: [hold, { ...hold, id: 8 }] }} sourceNames={names} />);
    expect(html).toContain('2 conservations pour litige bloquent cet effacement\u00a0:');
    expect(html).toContain('2 autres personnes partagent un courriel');
    expect(html).toContain('Enregistrements sources');
  });
});
