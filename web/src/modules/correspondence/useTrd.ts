import { useApiGet } from '../../app/useApiGet';
import { BASE } from './labels';
import type { TrdCatalogue } from './types';

/** The TRD with every dependencia of the entity (for selects and the TRD page). */
export function useTrd() {
  return useApiGet<TrdCatalogue>(`${BASE}/trd`);
}
