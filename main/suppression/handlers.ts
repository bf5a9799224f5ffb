/** The suppression list behind the contract: read-only, counts only. */
import type { SliceHandlers } from '../core/handlers';
import type { CapabilityContext } from '../vault/index';
import type { suppressionMethods } from './contract';
import { listSuppression } from './store';

export const suppressionHandlers: SliceHandlers<typeof suppressionMethods, CapabilityContext> = {
  'suppression.list': (_input, { vaults }) => {
    const erasures = listSuppression(vaults.current().db);
    return { total: erasures.reduce((sum, entry) => sum + entry.total, 0), erasures };
  },
};
