import { describe, expect, it } from 'vitest';
import { ATTENTION_KINDS, type AttentionItem } from '../../../main/api/contract';
import { translator } from '../i18n/test-translator';
import { attentionDestination, attentionText } from './attention';

const item = (kind: AttentionItem['kind'], extra: Partial<AttentionItem> = {}): AttentionItem => ({
  kind,
  severity: 'error',
  count: 2,
  sourceId: 3,
  name: 'Salon de Lyon',
  at: '2026-03-10T09:00:00Z',
  target: { place: 'runs', runId: 7 },
  ...extra,
});

describe('an attention tile', () => {
  it('says every kind in both languages, with no key left untranslated', async () => {
    for (const language of ['en', 'fr'] as const) {
      const t = await translator(language);
      for (const kind of ATTENTION_KINDS) {
        for (const count of [1, 2, 1500]) {
          for (const role of ['steward', 'auditor'] as const) {
            const text = attentionText(t, item(kind, { count }), role, language);
            for (const part of Object.values(text)) expect(part, `${language} ${kind}`).not.toMatch(/overview\.|\{\{/);
          }
        }
      }
      expect(attentionText(t, item('connectorOverdue', { at: null }), 'steward', language).text).not.toMatch(/overview\./);
    }
  });

  it('says a 100 %-rejected import plainly, and offers auditors the history instead of the rows', async () => {
    const en = await translator('en');
    const text = attentionText(en, item('runRejectedAll'), 'steward', 'en');
    expect(text.title).toBe('Import rejected every row');
    expect(text.text).toMatch(/^Salon de Lyon, .+: all 2 rows were rejected, nothing was imported\.$/);
    expect(text.action).toBe('Open the rejected rows');
    expect(attentionText(en, item('runRejectedAll'), 'auditor', 'en').action).toBe('Open Import history');
    const fr = await translator('fr');
    expect(attentionText(fr, item('flaggedRecords', { count: 1500 }), 'steward', 'fr').text).toBe(
      'Salon de Lyon\u00a0: 1\u00a0500 fiches à examiner dans Qualité des données.',
    );
  });

  it('leads to where each item is put right', () => {
    expect(attentionDestination(item('runRejectedAll'))).toEqual({ area: 'sources', focus: { tab: 'runs', runId: 7 } });
    expect(attentionDestination(item('connectorFailing', { target: { place: 'connectors', sourceId: 3 } }))).toEqual({
      area: 'sources',
      focus: { tab: 'connectors', sourceId: 3 },
    });
    expect(attentionDestination(item('flaggedRecords', { target: { place: 'quality', sourceId: 3 } }))).toEqual({ area: 'quality', focus: { sourceId: 3 } });
    expect(attentionDestination(item('identityReview', { sourceId: null, target: { place: 'identity', view: 'review' } }))).toEqual({
      area: 'identity',
      focus: { identityView: 'review' },
    });
    expect(attentionDestination(item('consentDisagree', { sourceId: null, target: { place: 'consent', finding: 'disagree' } }))).toEqual({
      area: 'consent',
      focus: { consentFinding: 'disagree' },
    });
    expect(attentionDestination(item('consentExpiring', { sourceId: null, target: { place: 'consent', finding: 'expiring' } }))).toEqual({
      area: 'consent',
      focus: { consentFinding: 'expiring' },
    });
    expect(attentionDestination(item('heldRecords', { sourceId: null, target: { place: 'held' } }))).toEqual({
      area: 'profiles',
      focus: { profilesView: 'held' },
    });
    const retention = { sourceId: null, target: { place: 'retention' } } as const;
    expect(attentionDestination(item('retentionDue', retention))).toEqual({ area: 'retention', focus: { retentionView: 'due' } });
    expect(attentionDestination(item('retentionReview', retention))).toEqual({ area: 'retention', focus: { retentionView: 'due', retentionAction: 'review' } });
    expect(attentionDestination(item('sweepsRefused', retention))).toEqual({ area: 'retention', focus: { retentionView: 'sweeps' } });
  });

  it('says records held for a lawful basis, and tells auditors a steward settles them', async () => {
    const en = await translator('en');
    const held = item('heldRecords', { count: 3, severity: 'warning', sourceId: null, name: '', at: null, target: { place: 'held' } });
    expect(attentionText(en, held, 'steward', 'en')).toMatchObject({ title: 'Held for a lawful basis', action: 'Open the held records' });
    expect(attentionText(en, held, 'steward', 'en').text).toMatch(/^3 records were imported from a source that relies on consent/);
    expect(attentionText(en, held, 'auditor', 'en').action).toBe('A steward releases or deletes them');
    const fr = await translator('fr');
    expect(attentionText(fr, held, 'steward', 'fr').text).toMatch(/au dossier\u00a0: elles sont retenues/);
  });
});
