/** The connector methods of the contract; the work is in service.ts and sync.ts. */
import type { SliceHandlers } from '../../core/handlers';
import type { CapabilityContext } from '../../vault/index';
import type { connectorMethods } from './contract';
import { addConnector, connectorList, removeConnectorNamed, testConnector, updateConnectorNamed } from './service';
import { syncConnectors } from './sync';

export const connectorHandlers: SliceHandlers<typeof connectorMethods, CapabilityContext> = {
  'connectors.list': (_input, { vaults }) => connectorList(vaults.current().db),
  'connectors.add': (input, { vaults, now }) => addConnector(vaults, input, now),
  'connectors.update': (input, { vaults, now }) => updateConnectorNamed(vaults, input, now),
  'connectors.remove': ({ name }, { vaults }) => {
    removeConnectorNamed(vaults, name);
    return {};
  },
  'connectors.test': (input, { vaults }) => testConnector(vaults, input),
  'connectors.sync': async (input, { vaults, now }, job) => {
    const vault = vaults.current();
    // A sync is a bulk write: it never writes into a vault file whose pages fail their check.
    await vaults.pages.assertIntact(vault);
    return syncConnectors(vault, input, now, job);
  },
};
