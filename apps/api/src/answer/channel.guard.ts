import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AuthService, bearerToken } from '@app/auth';
import { HotlineApiKeys } from '@app/hotline';
import type { FastifyRequest } from 'fastify';

/**
 * `channel: wechat` or `hotline` on the public /api/answer claims a verified resident (feedback and
 * the learning loop trust those channels), so only a signed-in staff account (Bearer) or an
 * integration (X-Api-Key, HOTLINE_API_KEYS) may claim it. Web (the default) stays open.
 */
@Injectable()
export class AnswerChannelGuard implements CanActivate {
  constructor(private readonly auth: AuthService, private readonly moduleRef: ModuleRef) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const channel = (request.body as { channel?: unknown } | undefined)?.channel;
    // Unknown values fall through to the DTO's 400 (guards run before validation).
    if (channel !== 'wechat' && channel !== 'hotline') return true;
    const key = request.headers['x-api-key'];
    // Not strict: the keys live in the hotline module, which this controller's module does not import.
    const keys = this.moduleRef.get(HotlineApiKeys, { strict: false });
    if (typeof key === 'string' && keys.identify(key)) return true;
    const token = bearerToken(request);
    // A presented but invalid token is a 401 (sign in again), as on the console routes.
    if (token && (await this.auth.authenticate(token))) return true;
    throw new ForbiddenException(`渠道“${channel}”只接受已登录的话务员（Bearer）或对接方（X-Api-Key）调用；网页提问请省略 channel 或使用 web`);
  }
}
