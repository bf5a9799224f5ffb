/** The overview methods: each capability's items and figures, gathered. */
import type { SliceHandlers } from '../core/handlers';
import { ingestAttention, ingestFigures } from '../ingest/index';
import type { CapabilityContext } from '../vault/index';
import type { overviewMethods } from './contract';

export const overviewHandlers: SliceHandlers<typeof overviewMethods, CapabilityContext> = {
  'overview.attention': (_input, { vaults, now }) => {
    const vault = vaults.current();
    // Flagged values are personal data as sent: auditors cannot open them, so no tile leads there.
    return ingestAttention(vault.db, now(), { flags: vault.user.role !== 'auditor' });
  },
  'overview.figures': (_input, { vaults, now }) => ingestFigures(vaults.current().db, now()),
};
