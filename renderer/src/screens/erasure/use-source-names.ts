/** Source names by number: certificates and holds name sources by number, people read them by name. */
import { useApiData } from '../../hooks/use-api-data';

export function useSourceNames(): ReadonlyMap<number, string> {
  const sources = useApiData('sources.list', {});
  return new Map((sources.data ?? []).map((source) => [source.id, source.name]));
}
