import { AuthSchema1765300000000 } from './1765300000000-auth-schema.js';

/** Every auth migration, in order. Append new ones here; never edit one that has shipped. */
export const AUTH_MIGRATIONS = [AuthSchema1765300000000];
