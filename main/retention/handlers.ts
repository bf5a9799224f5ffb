/** Retention behind the contract: rules are audited changes, reads refresh the dates first, sweeps run as jobs. */
import type { SliceHandlers } from '../core/handlers';
import { requireRule } from '../consent/index';
import { sql } from '../store/sql';
import type { CapabilityContext } from '../vault/index';
import type { retentionMethods } from './contract';
import { dueList, mayKeep, profileRetention } from './due';
import { refreshRetention } from './refresh';
import { addRule, getRule, listAnchorTypes, listRules, retireRule, setAnchorTypes } from './rules';
import { approveSweep, cancelSweep, getSweep, listSweeps, previewSweep, runSweep, vaultDay } from './sweep';

type Handlers = SliceHandlers<typeof retentionMethods, CapabilityContext>;

/** The dates as they stand now: the marked profiles refreshed (a rebuild after a rule change). */
function fresh(context: CapabilityContext): string | null {
  const { db } = context.vaults.current();
  refreshRetention(db, context.now());
  return db.get<{ at: string | null }>(sql`SELECT refreshed_at AS at FROM retention_meta WHERE id = 1`)?.at ?? null;
}

export const retentionHandlers: Handlers = {
  'retention.rules': ({ includeRetired }, context) => listRules(context.vaults.current().db, includeRetired),
  'retention.addRule': (input, context) => {
    const id = context.vaults.mutate<number>(
      (ruleId) => ({
        action: 'retention.rule_added',
        objectType: 'retention_rule',
        objectId: ruleId,
        details: {
          purpose: input.purpose,
          keep: input.keep,
          anchor: input.anchor,
          action: input.action,
          obligation: input.obligation,
          replaces: input.replaces ?? null,
        },
      }),
      ({ db, user }) => addRule(db, input, user.id, context.now()),
    );
    return getRule(context.vaults.current().db, id);
  },
  'retention.retireRule': ({ id }, context) => {
    context.vaults.mutate(
      () => ({ action: 'retention.rule_retired', objectType: 'retention_rule', objectId: id }),
      ({ db, user }) => retireRule(db, id, user.id, context.now()),
    );
    return getRule(context.vaults.current().db, id);
  },
  'retention.anchorTypes': (_input, context) => listAnchorTypes(context.vaults.current().db),
  'retention.setAnchorTypes': (input, context) => {
    context.vaults.mutate(
      () => ({
        action: 'retention.anchor_types_changed',
        objectType: 'retention_anchor',
        objectId: input.anchor,
        details: { eventTypes: input.eventTypes.length },
      }),
      ({ db }) => setAnchorTypes(db, input),
    );
    return listAnchorTypes(context.vaults.current().db);
  },
  'retention.refresh': async ({ rebuild }, context, job) => {
    job.progress('refresh', 0, null);
    return refreshRetention(context.vaults.current().db, context.now(), { rebuild });
  },
  'retention.profile': ({ profileId }, context) => {
    fresh(context);
    const { db } = context.vaults.current();
    return profileRetention(db, profileId, vaultDay(db, context.now()));
  },
  'retention.due': ({ on, purpose, action, limit, offset }, context) => {
    const refreshedAt = fresh(context);
    const { db } = context.vaults.current();
    const purposeId = purpose === undefined ? undefined : requireRule(db, purpose).id;
    return dueList(db, { on: on ?? vaultDay(db, context.now()), purposeId, action, limit, offset }, refreshedAt);
  },
  'retention.mayKeep': ({ purpose, on, limit, offset }, context) => {
    fresh(context);
    const { db } = context.vaults.current();
    return mayKeep(db, requireRule(db, purpose).id, on, limit, offset);
  },
  'retention.sweeps': (_input, context) => listSweeps(context.vaults.current().db),
  'retention.previewSweep': async ({ on }, context, job) => previewSweep(context, on, job),
  'retention.approveSweep': ({ id, token, runAt }, context) => {
    context.vaults.mutate(
      () => ({ action: 'retention.sweep_approved', objectType: 'retention_sweep', objectId: id, details: { runAt: runAt ?? null } }),
      ({ db, user }) => approveSweep(db, id, token, runAt ?? null, user.id, context.now()),
    );
    return getSweep(context.vaults.current().db, id);
  },
  'retention.runSweep': ({ id }, context, job) => runSweep(context, id, job),
  'retention.cancelSweep': ({ id }, context) => {
    context.vaults.mutate(
      () => ({ action: 'retention.sweep_cancelled', objectType: 'retention_sweep', objectId: id }),
      ({ db }) => cancelSweep(db, id, context.now()),
    );
    return getSweep(context.vaults.current().db, id);
  },
};
