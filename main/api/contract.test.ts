/**
 * The composed contract: each capability's slice adds its own methods and no one else's, every method has
 * exactly one handler, and every method says what it leaves in the audit trail.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../audit/actions';
import { auditHandlers } from '../audit/handlers';
import { consentHandlers } from '../consent/handlers';
import { contactHandlers } from '../contact/handlers';
import { handlers } from '../backend/handlers';
import { connectorHandlers } from '../ingest/connectors/handlers';
import { ingestHandlers } from '../ingest/handlers';
import { qualityHandlers } from '../ingest/quality/handlers';
import { jobHandlers } from '../jobs/handlers';
import { overviewHandlers } from '../overview/handlers';
import { profileHandlers } from '../profiles/handlers';
import { requestHandlers } from '../requests/handlers';
import { suppressionHandlers } from '../suppression/handlers';
import { erasureHandlers } from '../erasure/handlers';
import { partnersHandlers } from '../partners/handlers';
import { retentionHandlers } from '../retention/handlers';
import { processingHandlers } from '../processing/handlers';
import { identityHandlers } from '../identity/handlers';
import { userHandlers } from '../users/handlers';
import { vaultHandlers } from '../vault/handlers';
import { contract, CONTRACT_SLICES } from './contract';

const HANDLER_TABLES = [
  vaultHandlers,
  userHandlers,
  auditHandlers,
  ingestHandlers,
  connectorHandlers,
  qualityHandlers,
  overviewHandlers,
  profileHandlers,
  identityHandlers,
  consentHandlers,
  contactHandlers,
  requestHandlers,
  suppressionHandlers,
  erasureHandlers,
  partnersHandlers,
  retentionHandlers,
  processingHandlers,
  jobHandlers,
];

describe('the composed contract', () => {
  it('takes each method from exactly one slice', () => {
    const names = Object.values(CONTRACT_SLICES).flatMap((slice) => Object.keys(slice));
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(Object.keys(contract).sort());
  });

  it('has exactly one handler for every method, and no handler without a method', () => {
    const handled = HANDLER_TABLES.flatMap((table) => Object.keys(table));
    expect(new Set(handled).size).toBe(handled.length);
    expect(handled.sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('says for every method what it audits, in the audit trail’s own vocabulary, or why nothing', () => {
    const known = new Set<string>(AUDIT_ACTIONS);
    for (const [name, spec] of Object.entries(contract)) {
      const effect = spec.audit;
      if (typeof effect === 'string') {
        expect(effect === 'read-only' || /^unaudited: \S.{10,}/.test(effect), `${name}: ${effect}`).toBe(true);
      } else {
        expect(effect.length, name).toBeGreaterThan(0);
        for (const action of effect) expect(known.has(action), `${name} audits ${action}`).toBe(true);
      }
    }
  });

  it('keeps each slice’s methods in its capability’s name space', () => {
    const prefixes: Record<string, readonly string[]> = {
      vault: ['vault.', 'preferences.'],
      users: ['users.'],
      audit: ['audit.'],
      ingest: ['sources.', 'import.'],
      connectors: ['connectors.'],
      quality: ['quality.'],
      overview: ['overview.'],
      profiles: ['profiles.'],
      identity: ['identity.'],
      consent: ['purposes.', 'consent.'],
      contact: ['contact.'],
      requests: ['requests.'],
      suppression: ['suppression.'],
      erasure: ['erasure.'],
      partners: ['partners.', 'agreements.', 'extracts.', 'schedules.', 'register.'],
      retention: ['retention.'],
      processing: ['processing.'],
      jobs: ['jobs.'],
    };
    for (const [capability, slice] of Object.entries(CONTRACT_SLICES)) {
      for (const name of Object.keys(slice))
        expect(
          prefixes[capability]!.some((prefix) => name.startsWith(prefix)),
          `${capability}: ${name}`,
        ).toBe(true);
    }
  });
});
