/** The consent review behind the contract (review.ts); registered with the rest of the consent slice. */
import type { SliceHandlers } from '../core/handlers';
import { sql } from '../store/sql';
import type { CapabilityContext } from '../vault/index';
import { requireRule } from './catalog';
import type { consentReviewMethods } from './review-contract';
import { reviewAct, reviewList, reviewSummary, type BulkResult } from './review';

/** The derived table is written only while the vault may be written (a damaged page stops every write). */
function writable(vaults: CapabilityContext['vaults']): boolean {
  try {
    vaults.pages.assertWritable();
    return true;
  } catch {
    return false;
  }
}

export const reviewHandlers: SliceHandlers<typeof consentReviewMethods, CapabilityContext> = {
  'consent.review': ({ expiringDays, rebuild }, { vaults, now }) =>
    reviewSummary(vaults.current().db, now(), { expiringDays, rebuild, mayRefresh: writable(vaults) }),
  'consent.reviewList': (input, { vaults, now }) => reviewList(vaults.current().db, now(), input, writable(vaults)),
  'consent.reviewAct': (input, { vaults, now }) => {
    const clock = now();
    if (input.confirm !== true) {
      const vault = vaults.current();
      return reviewAct(vault.db, input, vault.user.id, clock, writable(vaults));
    }
    const purposeCode = input.purpose === undefined ? null : requireRule(vaults.current().db, input.purpose).code;
    return vaults.mutate<BulkResult>(
      // Ids and counts only: which way people decided stays in the ledger, not in the audit trail.
      (result) => ({
        action: 'consent.bulk_recorded',
        objectType: 'purpose',
        objectId: purposeCode,
        details: { finding: input.finding, count: result.count, people: result.people },
      }),
      (vault) => {
        const result = reviewAct(vault.db, input, vault.user.id, clock);
        const profiles = vault.db.all<{ eventId: number; profileId: number }>(
          // The event ids just written, each with its person, for one audit entry per person and event.
          sql`SELECT e.id AS eventId, m.profile_id AS profileId FROM consent_event e JOIN profile_member m ON m.source_record_id = e.source_record_id WHERE e.id IN (SELECT value FROM json_each(${JSON.stringify(result.eventIds)}))`,
        );
        for (const { eventId, profileId } of profiles)
          vault.audit.append({
            action: 'consent.recorded',
            actorId: vault.user.id,
            objectType: 'profile',
            objectId: profileId,
            details: { eventId, bulk: true },
          });
        return result;
      },
    );
  },
};
