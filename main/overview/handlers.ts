/** The overview methods: each capability's items and figures, gathered. */
import { consentAttention } from '../consent/index';
import type { SliceHandlers } from '../core/handlers';
import { identityAttention } from '../identity/index';
import { ingestAttention, ingestFigures } from '../ingest/index';
import type { CapabilityContext } from '../vault/index';
import type { overviewMethods } from './contract';

export const overviewHandlers: SliceHandlers<typeof overviewMethods, CapabilityContext> = {
  'overview.attention': (_input, { vaults, now }) => {
    const vault = vaults.current();
    // Flagged values and pairs of records are personal data: auditors cannot open them, so no tile leads there.
    const personal = vault.user.role !== 'auditor';
    // The consent review's counts name no one: everyone sees them (the lists behind them are for stewards).
    const items = [...ingestAttention(vault.db, now(), { flags: personal }), ...(personal ? identityAttention(vault.db) : []), ...consentAttention(vault.db, now())];
    const order = { error: 0, warning: 1, info: 2 } as const;
    // Stable: within a severity, ingest's items first, as it ordered them.
    return items.sort((a, b) => order[a.severity] - order[b.severity]);
  },
  'overview.figures': (_input, { vaults, now }) => ingestFigures(vaults.current().db, now()),
};
