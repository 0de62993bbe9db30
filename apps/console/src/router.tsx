/**
 * A small history router (react-router is not a dependency): the console lives under /console/,
 * routes are patterns like /concerns/:id, pages read their params with useParams().
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type AnchorHTMLAttributes, type ReactNode } from 'react';

export const BASE = '/console';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentPath(): string {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : window.location.pathname;
  return (path || '/') + window.location.search;
}

/** Goes to a console path ('/concerns/C-1', '/concerns?status=draft'). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = BASE + (to.startsWith('/') ? to : `/${to}`);
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  listeners.forEach((listener) => listener());
}

/** The current console path with its query string. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const full = useSyncExternalStore(subscribe, currentPath);
  const [pathname, query = ''] = full.split('?');
  return { pathname, search: new URLSearchParams(query) };
}

/** Params of a pattern ('/concerns/:id') for a path, or null when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

const ParamsContext = createContext<Record<string, string>>({});

export function ParamsProvider({ params, children }: { params: Record<string, string>; children: ReactNode }) {
  return <ParamsContext.Provider value={params}>{children}</ParamsContext.Provider>;
}

export function useParams(): Record<string, string> {
  return useContext(ParamsContext);
}

/** An <a> that navigates inside the console without reloading (ctrl/middle click still open a tab). */
export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a
      {...rest}
      href={BASE + to}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** Keeps a piece of state in sync with the window title. */
export function useTitle(title: string): void {
  const [previous] = useState(document.title);
  useEffect(() => {
    document.title = `${title} · 政务公开一键应答`;
    return () => {
      document.title = previous;
    };
  }, [title, previous]);
}
