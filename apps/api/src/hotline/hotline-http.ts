import {
  ArgumentsHost, BadRequestException, Catch, ConflictException, ForbiddenException, Injectable, NotFoundException,
  UnauthorizedException, createParamDecorator, type CanActivate, type ExceptionFilter, type ExecutionContext, type HttpException,
} from '@nestjs/common';
import { HotlineApiKeys, WorkOrderError, type WorkOrderErrorKind } from '@app/hotline';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { textId } from '../common/numeric-id.pipe.js';

/** Work-order ids in paths (one pipe for the operator's and the adapter's routes). */
export const ORDER_ID = textId('工单');

const STATUS: Record<WorkOrderErrorKind, new (message: string) => HttpException> = {
  'not-found': NotFoundException,
  conflict: ConflictException,
  invalid: BadRequestException,
  forbidden: ForbiddenException,
};

/** Work-order rule violations as 404 / 409 / 400 / 403 with their Chinese message. */
@Catch(WorkOrderError)
export class WorkOrderErrorFilter implements ExceptionFilter {
  catch(error: WorkOrderError, host: ArgumentsHost): void {
    const http = new STATUS[error.kind](error.message);
    const status = http.getStatus();
    const body = http.getResponse() as { error?: string };
    host.switchToHttp().getResponse<FastifyReply>().code(status).send({ statusCode: status, error: body.error ?? 'Error', message: error.message });
  }
}

type KeyedRequest = FastifyRequest & { hotlineIntegration?: string };

/** Adapter calls carry `X-Api-Key`; the key tells which integration (12345 platform) is calling. */
@Injectable()
export class HotlineApiKeyGuard implements CanActivate {
  constructor(private readonly keys: HotlineApiKeys) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    if (this.keys.size === 0) throw new UnauthorizedException('热线对接接口未开放：服务未配置 HOTLINE_API_KEYS');
    const header = request.headers['x-api-key'];
    const integration = this.keys.identify(typeof header === 'string' ? header : undefined);
    if (!integration) throw new UnauthorizedException('缺少或无效的 X-Api-Key');
    request.hotlineIntegration = integration;
    return true;
  }
}

/** The integration name the guard identified. */
export const Integration = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  context.switchToHttp().getRequest<KeyedRequest>().hotlineIntegration!);
