/** Communication authorisations behind the contract. */
import type { SliceHandlers } from '../core/handlers';
import type { CapabilityContext } from '../vault/index';
import type { contactMethods } from './contract';
import { recordContact } from './ledger';
import { profileContact } from './show';

export const contactHandlers: SliceHandlers<typeof contactMethods, CapabilityContext> = {
  'contact.show': ({ profileId }, { vaults }) => profileContact(vaults.current().db, profileId),
  'contact.record': (input, { vaults, now }) => {
    const recorded = vaults.mutate<{ profileId: number; entryIds: number[] }>(
      // Ids only: what the person chose is their personal data, kept in the ledger, not in the audit trail.
      ({ profileId, entryIds }) => ({ action: 'contact.recorded', objectType: 'profile', objectId: profileId, details: { entryIds } }),
      ({ db, user }) => recordContact(db, input, user.id, now()),
    );
    return { ...recorded, shown: profileContact(vaults.current().db, recorded.profileId) };
  },
};
