import { createHash, randomBytes } from 'node:crypto';
import {
  BadRequestException, ConflictException, HttpException, HttpStatus, Inject, Injectable, Logger, NotFoundException, Optional, UnauthorizedException,
  type OnApplicationBootstrap, type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { AUTH_SETTINGS, ROLE_LABELS, type AuthenticatedUser, type AuthSettings, type LoginResult, type Role } from './auth.types.js';
import { SessionEntity, UserEntity } from './entities/index.js';
import { LOGIN_RATE_LIMITER, type LoginRateLimiter } from './login-rate-limiter.js';
import { hashPassword, randomPassword, verifyPassword } from './password.js';

export const INVALID_CREDENTIALS = '用户名或密码错误';
const INITIAL_ADMIN = 'admin';
// Only one instance may create the first administrator (and print its password).
const INITIAL_ADMIN_LOCK_KEY = 4_202_630;
// A sliding session is extended at most once a minute, not on every request.
const SLIDE_STEP_MS = 60_000;

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  newPassword?: string;
}

export interface UserSummary extends AuthenticatedUser {
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** Where account changes are recorded (the console's audit log provides it), in the change's transaction. */
export interface AccountAudit {
  record(manager: EntityManager, entry: {
    actor: AuditActor; action: string; entityId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null;
  }): Promise<void>;
}
export const ACCOUNT_AUDIT = Symbol('ACCOUNT_AUDIT');
export interface AuditActor {
  id: number | null;
  username: string;
}
const SYSTEM_ACTOR: AuditActor = { id: null, username: 'system' };

/** What the audit log shows of an account: never the password hash. */
function auditView(row: UserEntity): Record<string, unknown> {
  return { username: row.username, displayName: row.displayName, role: row.role, disabled: row.disabled };
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toUser(row: UserEntity): AuthenticatedUser {
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, mustChangePassword: row.mustChangePassword };
}

function toSummary(row: UserEntity): UserSummary {
  return {
    ...toUser(row),
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
  };
}

/** User names are compared case-insensitively and without surrounding spaces. */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

/**
 * Sign-in, sessions and accounts. Tokens are 32 random bytes, stored hashed with an expiry;
 * failed sign-ins are counted per user name and per IP (429 once over the limit).
 */
@Injectable()
export class AuthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(LOGIN_RATE_LIMITER) private readonly limiter: LoginRateLimiter,
    @Optional() @Inject(ACCOUNT_AUDIT) private readonly audit?: AccountAudit,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureInitialAdmin();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.limiter.close();
  }

  /**
   * First start: with no administrator, creates `admin` with the configured password, or with a
   * random one printed once. There is no default password.
   */
  async ensureInitialAdmin(): Promise<boolean> {
    // Usual case first, without hashing anything: an administrator exists.
    if ((await this.dataSource.getRepository(UserEntity).countBy({ role: 'admin' })) > 0) return false;
    const configured = this.settings.initialAdminPassword;
    const password = configured ?? randomPassword();
    const hash = await hashPassword(password);
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [INITIAL_ADMIN_LOCK_KEY]);
      if ((await manager.countBy(UserEntity, { role: 'admin' })) > 0) return false;
      if (await manager.existsBy(UserEntity, { username: INITIAL_ADMIN })) {
        this.logger.warn(`没有可用的管理员账号，但用户名“${INITIAL_ADMIN}”已被占用；恢复方法见 docs/operations.md“管理后台账号与权限”`);
        return false;
      }
      // A printed password has been in a log: it opens only the change-password step. A configured
      // one was chosen by the deployer (and tools sign in with it), so it is not forced.
      await manager.insert(UserEntity, { username: INITIAL_ADMIN, displayName: '管理员', role: 'admin', passwordHash: hash, mustChangePassword: !configured });
      return true;
    });
    if (!created) return false;
    if (configured) {
      this.logger.warn(`已创建管理员账号“${INITIAL_ADMIN}”，密码取自配置 ADMIN_INITIAL_PASSWORD。请登录后立即修改密码，并从配置中删除该项。`);
    } else {
      this.logger.warn(
        `已创建管理员账号“${INITIAL_ADMIN}”，初始密码：${password}\n` +
          '  【重要】此密码只显示这一次，请立即登录管理后台修改密码；不要把它留在日志或聊天记录里。',
      );
    }
    return true;
  }

  async login(usernameInput: string, password: string, ip: string | null): Promise<LoginResult> {
    const username = normalizeUsername(usernameInput);
    const keys = [`user:${username}`, `ip:${ip ?? 'unknown'}`];
    const limits = [this.settings.maxLoginFailures, this.settings.maxLoginFailures * this.settings.ipFailureFactor];
    // Counted before the password is checked: of many attempts at once, only `limit` are ever checked.
    const counts = await Promise.all(keys.map((k) => this.limiter.hit(k, this.settings.loginWindowSeconds)));
    if (counts.some((count, i) => count > limits[i])) throw this.tooManyFailures('登录');

    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username });
    // Hash even for unknown users, so that timing does not reveal which user names exist.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash()));
    if (!user || !valid || user.disabled) throw new UnauthorizedException(INVALID_CREDENTIALS);
    await this.limiter.reset(keys[0]);
    await this.limiter.refund(keys[1]);

    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlMs());
    await this.dataSource.getRepository(SessionEntity).insert({ tokenHash: tokenHash(token), userId: user.id, expiresAt, ip });
    await this.dataSource.getRepository(UserEntity).update({ id: user.id }, { lastLoginAt: new Date() });
    // Housekeeping: sessions that ended long ago are of no use to anyone.
    await this.dataSource.getRepository(SessionEntity).delete({ expiresAt: LessThan(new Date(Date.now() - 86_400_000)) });
    return { token, expiresAt: expiresAt.toISOString(), user: toUser(user) };
  }

  async logout(token: string): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).delete({ tokenHash: tokenHash(token) });
  }

  /** The user behind a bearer token, or a 401 with the reason in Chinese. */
  async authenticate(token: string | undefined): Promise<AuthenticatedUser> {
    if (!token) throw new UnauthorizedException('请先登录 (missing bearer token)');
    if (!/^[\w-]{20,100}$/.test(token)) throw new UnauthorizedException('登录凭证无效，请重新登录');
    const sessions = this.dataSource.getRepository(SessionEntity);
    const hash = tokenHash(token);
    const session = await sessions.findOneBy({ tokenHash: hash });
    if (!session) throw new UnauthorizedException('登录已失效，请重新登录');
    const now = Date.now();
    if (session.expiresAt.getTime() <= now) {
      await sessions.delete({ tokenHash: hash });
      throw new UnauthorizedException('登录已过期，请重新登录');
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: session.userId });
    if (!user || user.disabled) throw new UnauthorizedException('账号已停用，请联系管理员');
    if (this.settings.slidingSessions && now + this.ttlMs() - session.expiresAt.getTime() > SLIDE_STEP_MS) {
      await sessions.update({ tokenHash: hash }, { expiresAt: new Date(now + this.ttlMs()) });
    }
    return toUser(user);
  }

  async listUsers(): Promise<UserSummary[]> {
    const rows = await this.dataSource.getRepository(UserEntity).find({ order: { id: 'ASC' } });
    return rows.map(toSummary);
  }

  async createUser(input: NewUser, actor: AuditActor = SYSTEM_ACTOR): Promise<UserSummary> {
    const username = normalizeUsername(input.username);
    const passwordHash = await hashPassword(input.password);
    const row = await this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(UserEntity, { username })) throw new ConflictException(`用户名“${username}”已存在`);
      const created = await manager.save(manager.create(UserEntity, {
        username, displayName: input.displayName?.trim() || username, role: input.role, passwordHash,
      }));
      await this.audit?.record(manager, { actor, action: 'create', entityId: String(created.id), before: null, after: auditView(created) });
      return created;
    });
    this.logger.log(`已创建账号“${username}”（${ROLE_LABELS[input.role]}）`);
    return toSummary(row);
  }

  /**
   * Changes an account. A new password or disabling ends the user's sessions; the
   * last enabled administrator cannot be demoted or disabled (nobody could manage users then).
   */
  async updateUser(id: number, changes: UserChanges, actor: AuditActor = SYSTEM_ACTOR): Promise<UserSummary> {
    const passwordHash = changes.newPassword === undefined ? undefined : await hashPassword(changes.newPassword);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [INITIAL_ADMIN_LOCK_KEY]);
      const user = await manager.findOneBy(UserEntity, { id });
      if (!user) throw new NotFoundException(`账号 ${id} 不存在`);
      const before = auditView(user);
      const losesAdmin = user.role === 'admin' && !user.disabled &&
        ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
      if (losesAdmin && (await manager.countBy(UserEntity, { role: 'admin', disabled: false })) <= 1) {
        throw new ConflictException('这是最后一个可用的管理员账号，不能降级或停用');
      }
      if (changes.displayName !== undefined) user.displayName = changes.displayName.trim() || user.username;
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.disabled !== undefined) user.disabled = changes.disabled;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;
      await manager.save(user);
      // The role is read on every request, so a role change applies at once; a new password or
      // disabling must also throw out whoever is signed in.
      if (passwordHash !== undefined || changes.disabled) {
        await manager.delete(SessionEntity, { userId: id });
      }
      await this.audit?.record(manager, {
        actor, action: 'update', entityId: String(id), before,
        after: { ...auditView(user), ...(passwordHash !== undefined ? { passwordReset: true } : {}) },
      });
      return toSummary(user);
    });
  }

  /**
   * Any signed-in user changes their own password; their other sessions end. Guesses of the current
   * password are limited like sign-ins (a stolen session must not become a password oracle), and a
   * wrong one is a 400: the session itself is fine, so the console must not be signed out.
   */
  async changeOwnPassword(userId: number, currentPassword: string, newPassword: string, keepToken: string): Promise<void> {
    const key = `password:${userId}`;
    if ((await this.limiter.hit(key, this.settings.loginWindowSeconds)) > this.settings.maxLoginFailures) {
      throw this.tooManyFailures('密码验证');
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new BadRequestException('当前密码不正确');
    }
    await this.limiter.reset(key);
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: userId }, { passwordHash, mustChangePassword: false });
      await manager.createQueryBuilder().delete().from(SessionEntity)
        .where('user_id = :userId AND token_hash <> :keep', { userId, keep: tokenHash(keepToken) }).execute();
    });
  }

  private dummyHashValue?: Promise<string>;

  private dummyHash(): Promise<string> {
    return (this.dummyHashValue ??= hashPassword(randomPassword()));
  }

  private ttlMs(): number {
    return this.settings.sessionTtlMinutes * 60_000;
  }

  private tooManyFailures(what: '登录' | '密码验证'): HttpException {
    const minutes = Math.ceil(this.settings.loginWindowSeconds / 60);
    return new HttpException(`${what}失败次数过多，请 ${minutes} 分钟后再试`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
