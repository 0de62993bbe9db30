import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthService, SessionEntity, UserEntity } from '@app/auth';
import { createUserAndLogin } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Starting the app takes seconds; on a busy CI machine, much longer.
const STARTUP_TIMEOUT_MS = 180_000;

const ADMIN_PASSWORD = 'Kaishi-2026-mima';

describe('console sign-in and accounts (e2e)', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    t = await startTestApp((config) => {
      config.auth.initialAdminPassword = ADMIN_PASSWORD;
      config.auth.maxLoginFailures = 3;
      config.auth.redisPrefix = `test:${randomBytes(4).toString('hex')}:auth:`;
    });
    http = request(t.app.getHttpServer());
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await t.close();
  });

  const login = (username: string, password: string) => http.post('/api/auth/login').send({ username, password });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('first start created admin with the configured password, hashed with scrypt', async () => {
    const res = await login('admin', ADMIN_PASSWORD).expect(200);
    expect(res.body.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(res.body.token).toMatch(/^[\w-]{43}$/);
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(7.9 * 3600_000);
    const row = await t.app.get(DataSource).getRepository(UserEntity).findOneByOrFail({ username: 'admin' });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain(ADMIN_PASSWORD);
    // A second start (or a second instance) does not create another administrator.
    expect(await t.app.get(AuthService).ensureInitialAdmin()).toBe(false);
  });

  it('signs in, answers /me, and logout revokes the token', async () => {
    const { token, user } = await createUserAndLogin(t, 'curator');
    const me = await http.get('/api/auth/me').set(bearer(token)).expect(200);
    expect(me.body).toEqual(user);
    // Tokens are stored hashed: the raw token is nowhere in the database.
    const stored = await t.app.get(DataSource).getRepository(SessionEntity).findBy({ userId: user.id });
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).not.toBe(token);
    await http.post('/api/auth/logout').set(bearer(token)).expect(200);
    const after = await http.get('/api/auth/me').set(bearer(token)).expect(401);
    expect(after.body.message).toBe('登录已失效，请重新登录');
  });

  it('rejects a wrong password and an unknown user with the same Chinese message', async () => {
    const { user } = await createUserAndLogin(t, 'operator');
    const wrong = await login(user.username, 'not-the-password').expect(401);
    expect(wrong.body.message).toBe('用户名或密码错误');
    const unknown = await login(`nobody-${randomBytes(3).toString('hex')}`, 'whatever1').expect(401);
    expect(unknown.body.message).toBe('用户名或密码错误');
  });

  it('rejects bad bodies with 400 and a Chinese message', async () => {
    const res = await http.post('/api/auth/login').send({ username: 'admin' }).expect(400);
    expect(JSON.stringify(res.body.message)).toContain('请输入密码');
    await http.post('/api/auth/login').send({ username: 'admin', password: 'x', extra: 1 }).expect(400);
    await http.post('/api/auth/login').send({ username: 'ad\u0001min', password: 'whatever' }).expect(400);
  });

  it('locks a user name after too many failures (429), even for the right password', async () => {
    const username = `victim-${randomBytes(3).toString('hex')}`;
    await t.app.get(AuthService).createUser({ username, role: 'curator', password: 'Right-Password-1' });
    for (let i = 0; i < 3; i++) await login(username, `wrong-${i}-pass`).expect(401);
    const limited = await login(username, 'wrong-again').expect(429);
    expect(limited.body.message).toMatch(/登录失败次数过多，请 15 分钟后再试/);
    await login(username, 'Right-Password-1').expect(429);
    // Other accounts are not locked by it (the per-IP limit is higher).
    await login('admin', ADMIN_PASSWORD).expect(200);
  });

  it('counts a sign-in before checking the password: of 30 at once (29 wrong, 1 right) at most the limit are checked', async () => {
    const username = `rush-${randomBytes(3).toString('hex')}`;
    await t.app.get(AuthService).createUser({ username, role: 'curator', password: 'Right-Password-1' });
    // Straight to the service, all started in one tick: over HTTP the requests reach it one after
    // another on this machine, which hides the gap between checking the count and recording a failure.
    const auth = t.app.get(AuthService);
    const attempts = Array.from({ length: 29 }, (_, i) => auth.login(username, `wrong-${i}-pass`, '10.0.0.9'));
    attempts.push(auth.login(username, 'Right-Password-1', '10.0.0.9'));
    const statuses = (await Promise.allSettled(attempts)).map((r) =>
      r.status === 'fulfilled' ? 200 : (r.reason as { getStatus(): number }).getStatus());
    // maxLoginFailures is 3 here: no more than 3 attempts may reach the password check.
    expect(statuses.filter((s) => s === 401 || s === 200).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(27);
    expect(statuses.every((s) => [200, 401, 429].includes(s))).toBe(true);
  });

  it('refuses an expired session with 401', async () => {
    const { token, user } = await createUserAndLogin(t, 'operator');
    await t.app.get(DataSource).getRepository(SessionEntity).update({ userId: user.id }, { expiresAt: new Date(Date.now() - 1000) });
    const res = await http.get('/api/auth/me').set(bearer(token)).expect(401);
    expect(res.body.message).toBe('登录已过期，请重新登录');
  });

  it('denies a role that is not allowed (403) and a missing or malformed token (401)', async () => {
    const operator = await createUserAndLogin(t, 'operator');
    const denied = await http.get('/api/console/users').set(operator.headers).expect(403);
    expect(denied.body.message).toContain('管理员');
    const missing = await http.get('/api/console/users').expect(401);
    expect(missing.body.message).toContain('请先登录');
    await http.get('/api/console/users').set({ Authorization: 'Bearer not a token' }).expect(401);
    await http.get('/api/console/users').set({ Authorization: `Bearer ${'x'.repeat(43)}` }).expect(401);
  });

  it('lets an admin create, change, disable users and reset passwords', async () => {
    const admin = await createUserAndLogin(t, 'admin');
    const created = await http.post('/api/console/users').set(admin.headers)
      .send({ username: 'Zhang.San', displayName: '张三', role: 'operator', password: 'Zhangsan-123' }).expect(201);
    expect(created.body).toMatchObject({ username: 'zhang.san', displayName: '张三', role: 'operator', disabled: false });
    expect(created.body).not.toHaveProperty('passwordHash');
    await http.post('/api/console/users').set(admin.headers)
      .send({ username: 'zhang.san', role: 'operator', password: 'Zhangsan-123' }).expect(409);
    const badRole = await http.post('/api/console/users').set(admin.headers)
      .send({ username: 'li', role: 'root', password: 'Zhangsan-123' }).expect(400);
    expect(JSON.stringify(badRole.body.message)).toContain('role 只能是');
    await http.post('/api/console/users').set(admin.headers).send({ username: 'li', role: 'curator', password: 'short' }).expect(400);

    const session = await login('ZHANG.SAN', 'Zhangsan-123').expect(200);
    const promoted = await http.patch(`/api/console/users/${created.body.id}`).set(admin.headers).send({ role: 'curator' }).expect(200);
    expect(promoted.body.role).toBe('curator');
    // The new role applies to the running session at once.
    expect((await http.get('/api/auth/me').set(bearer(session.body.token)).expect(200)).body.role).toBe('curator');

    await http.patch(`/api/console/users/${created.body.id}`).set(admin.headers).send({ newPassword: 'Nieuw-Wachtwoord-9' }).expect(200);
    await http.get('/api/auth/me').set(bearer(session.body.token)).expect(401);
    await login('zhang.san', 'Zhangsan-123').expect(401);
    const again = await login('zhang.san', 'Nieuw-Wachtwoord-9').expect(200);

    await http.patch(`/api/console/users/${created.body.id}`).set(admin.headers).send({ disabled: true }).expect(200);
    await http.get('/api/auth/me').set(bearer(again.body.token)).expect(401);
    await login('zhang.san', 'Nieuw-Wachtwoord-9').expect(401);

    // Account changes are audited (who, before/after), never with the password hash, and cannot be reverted.
    const audit = await http.get(`/api/console/audit?entityType=user&entityId=${created.body.id}`).set(admin.headers).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'update', 'create']);
    expect(audit.body.items[0]).toMatchObject({ user: admin.user.username, before: { disabled: false }, after: { disabled: true } });
    expect(audit.body.items[1].after).toMatchObject({ passwordReset: true });
    expect(JSON.stringify(audit.body)).not.toMatch(/scrypt|passwordHash|Zhangsan-123/);
    await http.post(`/api/console/audit/${audit.body.items[0].id}/revert`).set(admin.headers).expect(409);

    const list = await http.get('/api/console/users').set(admin.headers).expect(200);
    expect(list.body.find((u: { username: string }) => u.username === 'zhang.san')).toMatchObject({ disabled: true, role: 'curator' });
    await http.patch('/api/console/users/999999').set(admin.headers).send({ role: 'operator' }).expect(404);
  });

  it('refuses a numeric path id out of 1..2^31-1 with 400 and a Chinese message, never a 500', async () => {
    const admin = await createUserAndLogin(t, 'admin');
    for (const id of ['2147483648', '0', '-1', 'abc', '1e3', '99999999999999999999']) {
      const res = await http.patch(`/api/console/users/${id}`).set(admin.headers).send({ role: 'operator' }).expect(400);
      expect(res.body.message).toContain('编号应为 1 到 2147483647 之间的整数');
    }
    await http.post('/api/console/audit/2147483648/revert').set(admin.headers).expect(400);
    await http.get('/api/hotline/work-orders/2147483648').set(admin.headers).expect(400);
  });

  it('keeps at least one enabled administrator', async () => {
    const admins = (await t.app.get(DataSource).getRepository(UserEntity).findBy({ role: 'admin', disabled: false }));
    const service = t.app.get(AuthService);
    // Disable all but one, then the last one refuses.
    for (const extra of admins.slice(1)) await service.updateUser(extra.id, { disabled: true });
    const last = await createUserAndLogin(t, 'curator');
    await service.updateUser(last.user.id, { role: 'admin' });
    await service.updateUser(admins[0].id, { disabled: true });
    const res = await http.patch(`/api/console/users/${last.user.id}`).set(last.headers).send({ role: 'operator' }).expect(409);
    expect(res.body.message).toContain('最后一个可用的管理员');
  });

  it('lets a user change their own password, ending their other sessions', async () => {
    const username = `self-${randomBytes(3).toString('hex')}`;
    await t.app.get(AuthService).createUser({ username, role: 'operator', password: 'Old-Password-1' });
    const a = (await login(username, 'Old-Password-1').expect(200)).body.token;
    const b = (await login(username, 'Old-Password-1').expect(200)).body.token;
    // A wrong current password is a 400: the session stays (a 401 would sign the console out).
    const wrong = await http.post('/api/auth/password').set(bearer(a)).send({ currentPassword: 'nope-nope', newPassword: 'New-Password-2' }).expect(400);
    expect(wrong.body.message).toBe('当前密码不正确');
    await http.get('/api/auth/me').set(bearer(a)).expect(200);
    await http.post('/api/auth/password').set(bearer(a)).send({ currentPassword: 'Old-Password-1', newPassword: 'New-Password-2' }).expect(200);
    await http.get('/api/auth/me').set(bearer(a)).expect(200);
    await http.get('/api/auth/me').set(bearer(b)).expect(401);
    await login(username, 'New-Password-2').expect(200);
  });

  it('limits guesses of the current password (429 after the limit, even for the right one), without ending the session', async () => {
    const username = `guess-${randomBytes(3).toString('hex')}`;
    await t.app.get(AuthService).createUser({ username, role: 'operator', password: 'Old-Password-1' });
    const token = (await login(username, 'Old-Password-1').expect(200)).body.token;
    const change = (currentPassword: string) =>
      http.post('/api/auth/password').set(bearer(token)).send({ currentPassword, newPassword: 'New-Password-2' });
    for (let i = 0; i < 3; i++) await change(`guess-${i}-pass`).expect(400);
    expect((await change('guess-again').expect(429)).body.message).toContain('次数过多');
    await change('Old-Password-1').expect(429);
    await http.get('/api/auth/me').set(bearer(token)).expect(200);
  });
});

describe('first start without a configured admin password (e2e)', () => {
  it('creates admin with a random password printed once, with a notice to change it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const t = await startTestApp((config) => {
      delete config.auth.initialAdminPassword;
    });
    try {
      const notices = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('初始密码'));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain('此密码只显示这一次，请立即登录管理后台修改密码');
      const password = /初始密码：(\S+)/.exec(notices[0])![1];
      expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
      const http = request(t.app.getHttpServer());
      const res = await http.post('/api/auth/login').send({ username: 'admin', password }).expect(200);
      expect(res.body.user).toMatchObject({ role: 'admin', mustChangePassword: true });
      // The printed password opens only the change-password step: other console calls say why they are refused.
      const headers = { Authorization: `Bearer ${res.body.token}` };
      const refused = await http.get('/api/console/users').set(headers).expect(403);
      expect(refused.body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
      expect(refused.body.message).toContain('请先修改初始密码');
      expect((await http.get('/api/auth/me').set(headers).expect(200)).body.mustChangePassword).toBe(true);
      await http.post('/api/auth/password').set(headers).send({ currentPassword: password, newPassword: 'Admin-New-Password-1' }).expect(200);
      await http.get('/api/console/users').set(headers).expect(200);
      expect((await http.get('/api/auth/me').set(headers).expect(200)).body.mustChangePassword).toBe(false);
      // Nothing is printed again once an administrator exists.
      warn.mockClear();
      expect(await t.app.get(AuthService).ensureInitialAdmin()).toBe(false);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      await t.close();
    }
  }, STARTUP_TIMEOUT_MS);
});
