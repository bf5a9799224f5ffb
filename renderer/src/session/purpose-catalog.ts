/**
 * The purpose catalog, read once for the unlocked session (PurposeCatalogProvider): the declaration fields
 * offer its purposes wherever a source is declared (the import wizard, a connector, the Sources editor), and
 * saving a purpose in Settings reads it again. Outside a provider (a static test) the catalog is unknown.
 * Apart from the provider, so that components using it never load the API client.
 */
import { createContext, useContext } from 'react';
import type { Purpose } from '../../../main/api/contract';

export interface PurposeCatalog {
  readonly purposes: readonly Purpose[] | null;
  readonly reload: () => void;
}

export const PurposeCatalogContext = createContext<PurposeCatalog>({ purposes: null, reload: () => undefined });

export function usePurposeCatalog(): PurposeCatalog {
  return useContext(PurposeCatalogContext);
}
