/** The request register, behind the contract. One transaction per change, with its audit entry (ids and counts only). */
import type { SliceHandlers } from '../core/handlers';
import type { CapabilityContext } from '../vault/index';
import type { requestMethods } from './contract';
import { requestPackages, runPackageJob } from './package/job';
import { readRequestSettings, saveRequestSettings } from './settings';
import { closeRequest, extendRequest, getRequest, listRequests, matchProfiles, openRequest, requestStats, verifyRequest, type Reader } from './register';

function readerOf(context: CapabilityContext): Reader {
  return { personal: context.vaults.current().user.role !== 'auditor' };
}

export const requestHandlers: SliceHandlers<typeof requestMethods, CapabilityContext> = {
  'requests.list': (input, context) => listRequests(context.vaults.current().db, input, context.now(), readerOf(context)),
  'requests.get': ({ id }, context) => getRequest(context.vaults.current().db, id, context.now(), readerOf(context)),
  'requests.stats': (_input, { vaults, now }) => requestStats(vaults.current().db, now()),
  'requests.open': (input, context) => {
    const clock = context.now();
    const id = context.vaults.mutate<number>(
      // The type and the law are not personal data; the requester's name stays in the register.
      (requestId) => ({
        action: 'request.opened',
        objectType: 'request',
        objectId: requestId,
        details: { requestType: input.type, jurisdiction: input.jurisdiction },
      }),
      ({ db, user }) => openRequest(db, input, user.id, clock),
    );
    return getRequest(context.vaults.current().db, id, clock, readerOf(context));
  },
  'requests.extend': ({ id, reason }, context) => {
    const clock = context.now();
    context.vaults.mutate<{ extendedDays: number }>(
      ({ extendedDays }) => ({ action: 'request.extended', objectType: 'request', objectId: id, details: { extendedDays } }),
      ({ db, user }) => extendRequest(db, id, reason, user.id, clock),
    );
    return getRequest(context.vaults.current().db, id, clock, readerOf(context));
  },
  'requests.verify': ({ id, profileIds, ...verification }, context) => {
    const clock = context.now();
    context.vaults.mutate<{ verificationId: number }>(
      ({ verificationId }) => ({
        action: 'request.verified',
        objectType: 'request',
        objectId: id,
        details: { verificationId, identifiers: verification.identifiers.length },
      }),
      (vault) => {
        const verified = verifyRequest(vault.db, id, verification, vault.user.id, clock);
        if (profileIds.length > 0) {
          const matched = matchProfiles(vault.db, id, profileIds, vault.user.id, clock);
          // Inside the same transaction: the match stands or falls with the verification.
          vault.audit.append({
            action: 'request.matched',
            actorId: vault.user.id,
            objectType: 'request',
            objectId: id,
            details: { profileIds: matched.profileIds, profiles: matched.profiles, records: matched.records },
          });
        }
        return verified;
      },
    );
    return getRequest(context.vaults.current().db, id, clock, readerOf(context));
  },
  'requests.match': ({ id, profileIds }, context) => {
    const clock = context.now();
    context.vaults.mutate<{ profileIds: number[]; profiles: number; records: number }>(
      (matched) => ({
        action: 'request.matched',
        objectType: 'request',
        objectId: id,
        details: { profileIds: matched.profileIds, profiles: matched.profiles, records: matched.records },
      }),
      ({ db, user }) => matchProfiles(db, id, profileIds, user.id, clock),
    );
    return getRequest(context.vaults.current().db, id, clock, readerOf(context));
  },
  'requests.settings': (_input, { vaults }) => readRequestSettings(vaults.current().db),
  'requests.saveSettings': (input, { vaults }) => {
    vaults.mutate<string[]>(
      // Which settings changed, not to what: an organisation's name is no secret, but the rule is ids and names only.
      (changed) => ({ action: 'request.settings_changed', objectType: null, objectId: null, details: { changed } }),
      ({ db }) => saveRequestSettings(db, input),
    );
    return readRequestSettings(vaults.current().db);
  },
  'requests.package': (input, context, job) => runPackageJob(input, context, job),
  'requests.packages': ({ id }, context) => requestPackages(context.vaults.current().db, id),
  'requests.close': ({ id, outcome, note }, context) => {
    const clock = context.now();
    context.vaults.mutate<{ daysToClose: number }>(
      ({ daysToClose }) => ({ action: 'request.closed', objectType: 'request', objectId: id, details: { outcome, daysToClose } }),
      ({ db, user }) => closeRequest(db, id, outcome, note, user.id, clock),
    );
    return getRequest(context.vaults.current().db, id, clock, readerOf(context));
  },
};
