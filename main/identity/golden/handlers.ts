/** The golden record's methods; identity's handler table includes them. */
import { AppError } from '../../core/errors';
import type { SliceHandlers } from '../../core/handlers';
import { currentProfileId } from '../../profiles/index';
import { sql } from '../../store/sql';
import type { CapabilityContext } from '../../vault/index';
import type { goldenMethods } from './contract';
import { goldenRecord, renameAllFromGolden } from './golden-record';
import { readRules, writeRules } from './rule-store';
import { defaultSurvivorship } from './survivorship';

type Saved = { rules: ReturnType<typeof readRules>; changed: ReturnType<typeof writeRules>; renamed: number };

export const goldenHandlers: SliceHandlers<typeof goldenMethods, CapabilityContext> = {
  'identity.golden': ({ profileId }, { vaults }) => {
    const { db } = vaults.current();
    const id = currentProfileId(db, profileId);
    const profile = db.get<{ display_name: string; status: string }>(sql`SELECT display_name, status FROM profile WHERE id = ${id}`);
    if (profile === undefined || profile.status !== 'active') throw new AppError('NOT_FOUND', `There is no profile ${profileId}.`);
    return { profileId: id, redirectedFrom: id === profileId ? null : profileId, displayName: profile.display_name, fields: goldenRecord(db, id) };
  },
  'identity.survivorship': (_input, { vaults }) => {
    const { db } = vaults.current();
    return {
      rules: readRules(db),
      defaults: defaultSurvivorship(),
      sources: db.all<{ id: number; name: string }>(sql`SELECT id, name FROM source ORDER BY name_folded, id`),
    };
  },
  'identity.saveSurvivorship': ({ rules }, { vaults, now }) =>
    vaults.mutate<Saved>(
      (result) => ({ action: 'identity.survivorship_changed', details: { changed: result.changed, renamed: result.renamed } }),
      ({ db, user }) => {
        const stamp = now().toISOString();
        const known = new Set(db.all<{ id: number }>(sql`SELECT id FROM source`).map((row) => row.id));
        for (const rule of Object.values(rules)) {
          const unknown = rule.sources.find((id) => !known.has(id));
          if (unknown !== undefined) throw new AppError('INVALID_INPUT', `There is no source ${unknown}.`);
        }
        const changed = writeRules(db, rules, user.id, stamp);
        return { rules: readRules(db), changed, renamed: renameAllFromGolden(db, stamp) };
      },
    ),
};
