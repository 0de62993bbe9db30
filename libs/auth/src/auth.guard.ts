import {
  applyDecorators, createParamDecorator, ForbiddenException, Injectable, SetMetadata, UseGuards,
  type CanActivate, type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthService } from './auth.service.js';
import { ROLE_LABELS, type AuthenticatedUser, type Role } from './auth.types.js';

const ROLES_KEY = 'auth:roles';
const PENDING_PASSWORD_KEY = 'auth:pending-password';

/** The code a console call gets while the account must first change its password. */
export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

/** Routes an account that must change its password may still call (who am I, sign out, change it). */
export const AllowPendingPasswordChange = () => SetMetadata(PENDING_PASSWORD_KEY, true);

/** What the guard needs of a request, whichever HTTP adapter made it. */
export interface AuthenticatedRequest {
  headers: { authorization?: string | string[] | undefined };
  authUser?: AuthenticatedUser;
  authToken?: string;
}

export function bearerToken(request: Pick<AuthenticatedRequest, 'headers'>): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** 401 without a valid session, 403 when the user's role is not among those required (admin always passes). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService, private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    const user = await this.auth.authenticate(token);
    request.authUser = user;
    request.authToken = token;
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_KEY, [context.getHandler(), context.getClass()])) {
      throw new ForbiddenException({ code: PASSWORD_CHANGE_REQUIRED, message: '请先修改初始密码：初始密码已出现在服务日志中，修改后才能使用管理后台' });
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    if (roles.length > 0 && user.role !== 'admin' && !roles.includes(user.role)) {
      throw new ForbiddenException(`没有权限：此操作需要${roles.map((r) => `“${ROLE_LABELS[r]}”`).join('或')}角色`);
    }
    return true;
  }
}

/**
 * Requires a signed-in user with one of the roles (class or method). Without roles, any signed-in
 * user passes. Admin always passes.
 */
export function RequireRoles(...roles: Role[]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    UseGuards(AuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: '未登录或登录已过期' }),
    ApiForbiddenResponse({ description: '角色无权限' }),
  );
}

/** The signed-in user (only on routes behind `@RequireRoles`). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().authUser;
  if (!user) throw new ForbiddenException('此接口缺少 @RequireRoles，无法取得当前用户');
  return user;
});

/** The bearer token of the current request (for logout / password change). */
export const CurrentToken = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  context.switchToHttp().getRequest<AuthenticatedRequest>().authToken ?? '');
