import { AuthSchema1765300000000 } from './1765300000000-auth-schema.js';
import { MustChangePassword1765300000001 } from './1765300000001-must-change-password.js';

/** Every auth migration, in order. Append new ones here; never edit one that has shipped. */
export const AUTH_MIGRATIONS = [AuthSchema1765300000000, MustChangePassword1765300000001];
