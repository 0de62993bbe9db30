/** Data hooks shared by the pages. */
import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiGet, type Query } from './api';
import type { Area } from './types';

/**
 * GET a JSON resource and keep it in state; re-fetches when the path or query changes, and on
 * reload(). Errors are already shown by api.ts; `error` lets a page render its empty state.
 */
export function useApiData<T>(path: string | null, query?: Query) {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(Boolean(path));
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(query ?? {});
  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoading(true);
    apiGet<T>(path, JSON.parse(key) as Query)
      .then((value) => {
        if (!live) return;
        setData(value);
        setError(null);
      })
      .catch((caught: Error) => live && setError(caught.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [path, key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, loading, error, reload, setData };
}

let areasPromise: Promise<Area[]> | null = null;

/** The areas (领域) list, fetched once per page load. */
export function useAreas(): Area[] {
  const [areas, setAreas] = useState<Area[]>([]);
  useEffect(() => {
    areasPromise ??= apiGet<Area[]>('/api/areas').catch((error) => {
      areasPromise = null;
      throw error;
    });
    areasPromise.then(setAreas).catch(() => undefined);
  }, []);
  return areas;
}

export function areaName(areas: Area[], code: string | null | undefined): string {
  if (!code) return '—';
  return areas.find((a) => a.code === code)?.name ?? code;
}

/**
 * Runs a user action (save, publish, revert…) with a busy flag and a success toast; failures are
 * already shown by api.ts, so the action just stops.
 */
export function useAction() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const run = useCallback(
    async <T,>(name: string, action: () => Promise<T>, success?: string): Promise<T | undefined> => {
      setBusy(name);
      try {
        const result = await action();
        if (success) void message.success(success);
        return result;
      } catch {
        return undefined;
      } finally {
        if (mounted.current) setBusy(null);
      }
    },
    [message],
  );
  return { busy, run };
}

/** A value that follows `value` after `delayMs` without changes (search-as-you-type). */
export function useDebounced<T>(value: T, delayMs = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString('zh-CN', { hour12: false });
}
