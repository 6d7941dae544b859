import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { ApiRefusal } from '../api/client';

// Loads what a screen shows and keeps it fresh: again when its inputs change, and every
// `refreshMs` while the tab is visible (workflows move on their own: timers fire, the ladder
// climbs), so lists follow the engine without a reload. A hidden tab does not poll; it loads again
// as soon as it is shown. `updatedAt` is when the data shown was answered (<UpdatedAt>).
export function useApi<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  options: { refreshMs?: number } = {},
): {
  data: T | undefined;
  error: ApiRefusal | Error | undefined;
  loading: boolean;
  updatedAt: Date | undefined;
  reload: () => void;
} {
  const [data, setData] = useState<T>();
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const [error, setError] = useState<ApiRefusal | Error>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    const call = ++latest.current;
    setLoading(true);
    load()
      .then((d) => {
        if (call !== latest.current) return;
        setData(d);
        setUpdatedAt(new Date());
        setError(undefined);
      })
      .catch(
        (e: unknown) => call === latest.current && setError(e instanceof Error ? e : new Error(String(e))),
      )
      .finally(() => call === latest.current && setLoading(false));
  }, [...deps, tick]);

  useEffect(() => {
    if (!options.refreshMs) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, options.refreshMs);
    const shown = () => document.visibilityState === 'visible' && reload();
    document.addEventListener('visibilitychange', shown);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', shown);
    };
  }, [options.refreshMs, reload]);

  return { data, error, loading, updatedAt, reload };
}
