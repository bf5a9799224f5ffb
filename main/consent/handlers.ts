/** The purpose catalog and the consent ledger, behind the contract. */
import type { SliceHandlers } from '../core/handlers';
import type { CapabilityContext } from '../vault/index';
import { addPurpose, requirePurpose, listPurposes, updatePurpose } from './catalog';
import type { consentMethods, Purpose } from './contract';
import { deleteHeld, listHeld, releaseHeld } from './held';
import { recordConsent } from './record';
import { reviewHandlers } from './review-handlers';
import { mayUse, profileConsent } from './state';

export const consentHandlers: SliceHandlers<typeof consentMethods, CapabilityContext> = {
  'purposes.list': (_input, { vaults }) => listPurposes(vaults.current().db),
  'purposes.get': ({ code }, { vaults }) => requirePurpose(vaults.current().db, code),
  'purposes.add': (input, { vaults, now }) =>
    vaults.mutate<Purpose>(
      (purpose) => ({ action: 'purpose.created', objectType: 'purpose', objectId: purpose.id, details: { purposeCode: purpose.code, bases: purpose.bases } }),
      ({ db, user }) => addPurpose(db, input, user.id, now().toISOString()),
    ),
  'purposes.update': (input, { vaults, now }) =>
    vaults.mutate<{ purpose: Purpose; changed: string[] }>(
      ({ purpose, changed }) => ({
        action: 'purpose.updated',
        objectType: 'purpose',
        objectId: purpose.id,
        details: { purposeCode: purpose.code, changed, noticeVersion: purpose.noticeVersion },
      }),
      ({ db, user }) => updatePurpose(db, input, user.id, now().toISOString()),
    ).purpose,
  'consent.show': ({ profileId }, { vaults, now }) => profileConsent(vaults.current().db, profileId, now()),
  'consent.record': (input, { vaults, now }) => {
    const clock = now();
    const recorded = vaults.mutate<{ profileId: number; eventId: number }>(
      // Ids only: which way the person decided is their personal data, kept in the ledger, not the audit trail.
      ({ profileId, eventId }) => ({ action: 'consent.recorded', objectType: 'profile', objectId: profileId, details: { eventId } }),
      ({ db, user }) => recordConsent(db, input, user.id, clock),
    );
    const state = profileConsent(vaults.current().db, recorded.profileId, clock).purposes.find((entry) => entry.purpose === input.purpose)!;
    return { ...recorded, state };
  },
  'consent.mayUse': ({ profileId, purpose }, { vaults, now }) => mayUse(vaults.current().db, profileId, purpose, now()),
  'consent.held': (input, { vaults }) => listHeld(vaults.current().db, input),
  'consent.release': (input, { vaults, now }) =>
    vaults.mutate<{ released: number; profileIds: number[] }>(
      // Ids and counts: which records, the basis attached, never the people's values nor the evidence text.
      ({ released, profileIds }) => ({
        action: 'consent.released',
        objectType: 'source_record',
        objectId: input.recordIds.length === 1 ? input.recordIds[0]! : null,
        details: {
          records: released,
          recordIds: input.recordIds.slice(0, 100),
          profileIds: profileIds.slice(0, 100),
          basis: input.basis,
          purposeCode: input.purpose ?? null,
        },
      }),
      ({ db, user }) => releaseHeld(db, input, user.id, now()),
    ),
  'consent.deleteHeld': ({ recordIds }, { vaults }) =>
    vaults.mutate<{ deleted: number; kept: number }>(
      ({ deleted, kept }) => ({
        action: 'consent.held_deleted',
        objectType: 'source_record',
        objectId: recordIds.length === 1 ? recordIds[0]! : null,
        details: { records: deleted, kept, recordIds: recordIds.slice(0, 100) },
      }),
      ({ db }) => deleteHeld(db, recordIds),
    ),
  ...reviewHandlers,
};
