/** Reads the purpose catalog for the session's screens (see purpose-catalog.ts). */
import { useMemo, type ReactNode } from 'react';
import { useApiData } from '../hooks/use-api-data';
import { PurposeCatalogContext } from './purpose-catalog';

export function PurposeCatalogProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const { data, reload } = useApiData('purposes.list', {});
  const value = useMemo(() => ({ purposes: data, reload }), [data, reload]);
  return <PurposeCatalogContext.Provider value={value}>{children}</PurposeCatalogContext.Provider>;
}
