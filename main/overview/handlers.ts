/** The overview methods: each capability's items and figures, gathered. */
import type { SliceHandlers } from '../core/handlers';
import { consentAttention, heldAttention } from '../consent/index';
import { identityAttention } from '../identity/index';
import { ingestAttention, ingestFigures } from '../ingest/index';
import { requestAttention } from '../requests/index';
import { erasureAttention } from '../erasure/index';
import { partnersAttention } from '../partners/index';
import { retentionAttention } from '../retention/index';
import type { CapabilityContext } from '../vault/index';
import type { overviewMethods } from './contract';

export const overviewHandlers: SliceHandlers<typeof overviewMethods, CapabilityContext> = {
  'overview.attention': (_input, { vaults, now }) => {
    const vault = vaults.current();
    // Flagged values and pairs of records are personal data: auditors cannot open them, so no tile leads there.
    const personal = vault.user.role !== 'auditor';
    // Requests first: a legal deadline is the first thing a steward sees after unlocking (stable sort below).
    // The consent review's counts name no one: everyone sees them (the lists behind them are for stewards).
    const items = [
      ...requestAttention(vault.db, now()),
      ...ingestAttention(vault.db, now(), { flags: personal }),
      ...(personal ? identityAttention(vault.db) : []),
      ...heldAttention(vault.db),
      ...consentAttention(vault.db, now()),
      ...erasureAttention(vault.db, now()),
      ...partnersAttention(vault.db, now()),
      ...retentionAttention(vault.db, now()),
    ];
    const order = { error: 0, warning: 1, info: 2 } as const;
    // Stable: within a severity, requests' items first, then ingest's as it ordered them, then identity's.
    return items.sort((a, b) => order[a.severity] - order[b.severity]);
  },
  'overview.figures': (_input, { vaults, now }) => ingestFigures(vaults.current().db, now()),
};
