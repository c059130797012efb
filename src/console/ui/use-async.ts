/**
 * Loads data for a screen: `data` (kept while a reload runs, so live lists do not flicker),
 * `error` as an ApiFailure-derived message, `loading`, and `reload()`. A response that arrives
 * after a newer request started is ignored, so fast typing in a search box cannot show stale
 * results.
 *
 * Example: const users = useAsync(() => api.users(query), [query.search, query.startIndex]);
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiFailure } from '../api/http.ts';

export interface Async<T> {
  data: T | undefined;
  error: ApiFailure | Error | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  /** When the data last arrived. */
  loadedAt: Date | undefined;
}

export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): Async<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiFailure | Error>();
  const [loading, setLoading] = useState(true);
  const [loadedAt, setLoadedAt] = useState<Date>();
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const value = await loader.current();
      if (ticket !== latest.current) return;
      setData(value);
      setError(undefined);
      setLoadedAt(new Date());
    } catch (failure) {
      if (ticket !== latest.current) return;
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, []);

  // The caller's deps decide when to load: compared by value, so a new array each render is fine.
  const key = JSON.stringify(deps);
  useEffect(() => {
    void key;
    void reload();
  }, [key, reload]);

  return { data, error, loading, reload, loadedAt };
}
