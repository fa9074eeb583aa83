import { useCallback, useEffect, useState } from 'react';
import { type ApiError, api, isAbortError, toApiError } from './api';

interface ApiGetState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

/**
 * Loads a GET endpoint and reloads it when `path` changes or `reload()` is called.
 * The previous data stays visible while reloading, so polling and paging do not flicker.
 * Pass `null` to skip the request (e.g. missing permission).
 */
export function useApiGet<T>(path: string | null) {
  const [state, setState] = useState<ApiGetState<T>>({ data: null, error: null, loading: path !== null });
  const [request, setRequest] = useState({ path, attempt: 0 });

  if (request.path !== path) setRequest({ path, attempt: 0 });

  useEffect(() => {
    if (request.path === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    api.get<T>(request.path, controller.signal).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (isAbortError(error) || controller.signal.aborted) return;
        setState((previous) => ({ data: previous.data, error: toApiError(error), loading: false }));
      },
    );
    return () => controller.abort();
  }, [request]);

  const reload = useCallback(
    () => setRequest((previous) => ({ ...previous, attempt: previous.attempt + 1 })),
    [],
  );

  return { ...state, reload };
}
