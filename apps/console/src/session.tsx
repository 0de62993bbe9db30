/** Who is signed in: the token lives in localStorage (api.ts), the user comes from /api/auth/me. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiGet, apiPost, configureApi, getToken, setToken } from './api';

export type Role = 'admin' | 'curator' | 'operator';

export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', curator: '编辑', operator: '话务员' };

export interface SessionUser {
  id: number | string;
  username: string;
  displayName: string;
  role: Role;
  /** The first admin's printed password: only the change-password screen until it is changed. */
  mustChangePassword?: boolean;
}

interface LoginResponse {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

interface SessionValue {
  user: SessionUser | null;
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Reads the user again (after the password change that lifts mustChangePassword). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(Boolean(getToken()));

  useEffect(() => {
    configureApi({ onUnauthorized: () => setUser(null) });
    if (!getToken()) return;
    apiGet<SessionUser>('/api/auth/me', undefined, { quiet: true })
      .then(setUser)
      .catch(() => setUser(null))
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    // A stale token must not turn "wrong password" (401) into "session expired".
    setToken(null);
    const response = await apiPost<LoginResponse>('/api/auth/login', { username, password }, { quiet: true });
    setToken(response.token);
    setUser(response.user);
  }, []);

  const logout = useCallback(async () => {
    await apiPost('/api/auth/logout', {}, { quiet: true }).catch(() => undefined);
    setToken(null);
    setUser(null);
  }, []);

  const refresh = useCallback(async () => {
    setUser(await apiGet<SessionUser>('/api/auth/me', undefined, { quiet: true }));
  }, []);

  const value = useMemo(() => ({ user, loading, login, logout, refresh }), [user, loading, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Admin may do everything; others need one of the listed roles. */
export function allows(user: SessionUser | null, roles: readonly Role[]): boolean {
  return Boolean(user && (user.role === 'admin' || roles.includes(user.role)));
}
