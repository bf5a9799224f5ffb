/** Main's own translator reads the capabilities' namespaces as the window does, in both languages. */
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../audit/actions';
import { createTranslator, translator } from './translator';

describe('translator', () => {
  it('translates an error code in English and French', () => {
    expect(translator('en')('errors.LOCKED')).toBe('The vault is locked. Unlock it to continue.');
    expect(translator('fr')('errors.LOCKED')).toBe('Le coffre est verrouillé. Déverrouillez-le pour continuer.');
  });

  it('translates an audit action in English and French, though its namespace is not the default one', () => {
    expect(translator('en')('auditActions.vault.created')).toBe('Vault created');
    expect(translator('fr')('auditActions.vault.created')).toBe('Coffre créé');
    // And every action the log can hold, in both languages (a key it lacks comes back as itself).
    for (const language of ['en', 'fr'] as const) {
      const t = translator(language);
      for (const action of AUDIT_ACTIONS) expect(t(`auditActions.${action}`), `${language}: ${action}`).not.toBe(`auditActions.${action}`);
    }
  });

  it('keeps French typography and plural forms', () => {
    const t = translator('fr');
    expect(t('errors.INVALID_INPUT_secretMoved')).toContain('\u00a0:');
    expect(t('profiles.count', { count: 2, formatted: '2' })).toBe('2 personnes dans le coffre');
    expect(translator('en')('profiles.count', { count: 1, formatted: '1' })).toBe('1 person in the vault');
  });

  it('is ready when created, and a key can name its namespace', () => {
    const instance = createTranslator('en');
    expect(instance.isInitialized).toBe(true);
    expect(instance.t('audit:auditActions.vault.created')).toBe('Vault created');
    // A `t` fixed to one namespace still reads the others, the default one included.
    const audit = instance.getFixedT('en', 'audit');
    expect(audit('errors.LOCKED')).toBe('The vault is locked. Unlock it to continue.');
    expect(audit('roles.auditor')).toBe('Auditor');
  });
});
