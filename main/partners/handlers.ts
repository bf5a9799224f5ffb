/** Partners, agreements, extracts, schedules and the register behind the contract. */
import { vaultTimeZone } from '../requests/index';
import type { SliceHandlers } from '../core/handlers';
import type { CapabilityContext } from '../vault/index';
import type { partnersMethods } from './contract';
import { addAgreement, getLease, listLeases, renewAgreement, setAgreementStatus, toAgreement } from './agreements';
import { extractHandlers } from './extract/handlers';
import { addPartner, getPartner, listPartners, updatePartner } from './partners';
import { registerHandlers } from './register/handlers';
import { scheduleHandlers } from './schedule/handlers';

type Handlers = SliceHandlers<typeof partnersMethods, CapabilityContext>;

function agreementOf(context: CapabilityContext, id: number) {
  const { db } = context.vaults.current();
  return toAgreement(db, getLease(db, id), context.now(), vaultTimeZone(db));
}

const agreementHandlers: Pick<Handlers, `agreements.${string}` & keyof Handlers> = {
  'agreements.list': ({ partnerId }, context) => {
    const { db } = context.vaults.current();
    const zone = vaultTimeZone(db);
    return listLeases(db, partnerId ?? null).map((lease) => toAgreement(db, lease, context.now(), zone));
  },
  'agreements.get': ({ id }, context) => agreementOf(context, id),
  'agreements.add': (input, context) => {
    const id = context.vaults.mutate<number>(
      (agreementId) => ({
        action: 'partners.agreement_added',
        objectType: 'agreement',
        objectId: agreementId,
        details: {
          partnerId: input.partnerId,
          purposes: input.purposes,
          fields: input.fields,
          validFrom: input.validFrom,
          validTo: input.validTo,
          delivery: input.delivery.kind,
        },
      }),
      ({ db, user }) => addAgreement(db, input, user.id, context.now(), vaultTimeZone(db)),
    );
    return agreementOf(context, id);
  },
  'agreements.renew': ({ id, validTo, reason }, context) => {
    context.vaults.mutate(
      () => ({ action: 'partners.agreement_renewed', objectType: 'agreement', objectId: id, details: { validTo } }),
      ({ db, user }) => renewAgreement(db, id, validTo, reason ?? null, user.id, context.now()),
    );
    return agreementOf(context, id);
  },
  'agreements.suspend': ({ id, reason }, context) => {
    context.vaults.mutate(
      () => ({ action: 'partners.agreement_suspended', objectType: 'agreement', objectId: id }),
      ({ db, user }) => setAgreementStatus(db, id, 'suspended', reason, user.id, context.now()),
    );
    return agreementOf(context, id);
  },
  'agreements.resume': ({ id, reason }, context) => {
    context.vaults.mutate(
      () => ({ action: 'partners.agreement_resumed', objectType: 'agreement', objectId: id }),
      ({ db, user }) => setAgreementStatus(db, id, 'active', reason ?? null, user.id, context.now()),
    );
    return agreementOf(context, id);
  },
  'agreements.revoke': ({ id, reason }, context) => {
    context.vaults.mutate(
      () => ({ action: 'partners.agreement_revoked', objectType: 'agreement', objectId: id }),
      ({ db, user }) => setAgreementStatus(db, id, 'revoked', reason, user.id, context.now()),
    );
    return agreementOf(context, id);
  },
};

export const partnersHandlers: Handlers = {
  'partners.list': (_input, context) => listPartners(context.vaults.current().db),
  'partners.add': (input, context) => {
    const id = context.vaults.mutate<number>(
      (partnerId) => ({
        action: 'partners.partner_added',
        objectType: 'partner',
        objectId: partnerId,
        details: { role: input.role, country: input.country, assessed: input.assessmentDate !== undefined },
      }),
      ({ db, user }) => addPartner(db, input, user.id, context.now()),
    );
    return getPartner(context.vaults.current().db, id);
  },
  'partners.update': ({ id, ...input }, context) => {
    context.vaults.mutate(
      () => ({
        action: 'partners.partner_updated',
        objectType: 'partner',
        objectId: id,
        details: { role: input.role, country: input.country, assessed: input.assessmentDate !== undefined },
      }),
      ({ db }) => updatePartner(db, id, input, context.now()),
    );
    return getPartner(context.vaults.current().db, id);
  },
  ...agreementHandlers,
  ...extractHandlers,
  ...scheduleHandlers,
  ...registerHandlers,
};
