import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuthService, type AuthenticatedUser, type Role } from '@app/auth';

export interface SignedIn {
  token: string;
  user: AuthenticatedUser;
  /** `{ Authorization: 'Bearer …' }`, for supertest's `.set(...)`. */
  headers: { Authorization: string };
}

/**
 * Creates a user with the role (a fresh random user name) and signs in through the real
 * POST /api/auth/login, so that e2e tests get a token in one line:
 *   const { headers } = await createUserAndLogin(t.app, 'curator');
 *   await http.get('/api/console/concerns').set(headers).expect(200);
 */
export async function createUserAndLogin(
  app: INestApplication | { app: INestApplication },
  role: Role,
  options: { username?: string; displayName?: string } = {},
): Promise<SignedIn> {
  const nest = 'app' in app && typeof (app as { app: unknown }).app === 'object' ? (app as { app: INestApplication }).app : (app as INestApplication);
  const username = options.username ?? `${role}-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  await nest.get(AuthService).createUser({ username, displayName: options.displayName ?? `测试${role}`, role, password });
  const res = await request(nest.getHttpServer()).post('/api/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`测试登录失败：${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, user: res.body.user, headers: { Authorization: `Bearer ${res.body.token}` } };
}
