/** 管理员 admin, 编辑 curator, 话务员 operator. Admin can do everything. */
export type Role = 'admin' | 'curator' | 'operator';
export const ROLES: readonly Role[] = ['admin', 'curator', 'operator'];
export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', curator: '编辑', operator: '话务员' };

/** The signed-in user as controllers see it (`@CurrentUser()`). */
export interface AuthenticatedUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** The password was printed in a log (first admin): the console shows only the change-password step. */
  mustChangePassword: boolean;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: AuthenticatedUser;
}

export interface AuthSettings {
  sessionTtlMinutes: number;
  slidingSessions: boolean;
  maxLoginFailures: number;
  ipFailureFactor: number;
  loginWindowSeconds: number;
  initialAdminPassword?: string;
  redisPrefix: string;
}

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
