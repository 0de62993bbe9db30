import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

interface BodyParserError {
  type?: string;
  code?: string;
  status?: number;
  statusCode?: number;
}

const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': '请求体不是合法的 JSON (malformed JSON body)',
  'entity.too.large': '请求体过大 (request body too large)',
  'entity.too.deep': '请求体嵌套层级过深 (JSON nested too deeply)',
  'encoding.unsupported': '不支持的请求编码 (unsupported encoding)',
  'charset.unsupported': '不支持的字符集 (unsupported charset)',
  'request.aborted': '请求被中断 (request aborted)',
  'parameters.too.many': '表单参数过多 (too many parameters)',
};

// Fastify's own errors before a handler runs (body reading, content types, the router).
const FASTIFY_ERROR_TYPES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'entity.too.large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.size.invalid',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'media.unsupported',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'entity.parse.failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'entity.parse.failed',
  FST_ERR_BAD_URL: 'url.invalid',
  FST_ERR_ASYNC_CONSTRAINT: 'url.invalid',
};
Object.assign(BODY_PARSER_MESSAGES, {
  'request.size.invalid': '请求体长度与 Content-Length 不符 (request size did not match content length)',
  'media.unsupported': '不支持的请求体类型 (unsupported media type)',
  'url.invalid': '请求地址无效 (invalid URL)',
});

/**
 * One shape for every error: { statusCode, error, message }. Client mistakes (including bodies
 * that never reached a controller) keep their 4xx; anything unexpected is logged and answered
 * without internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(thrown: unknown, host: ArgumentsHost): void {
    // The Fastify adapter wraps Fastify's own 4xx errors in an HttpException with an English
    // message: answer those from the original error, like the body parsers' errors.
    const cause = thrown instanceof HttpException ? (thrown.cause as BodyParserError | undefined) : undefined;
    const exception = cause && (FASTIFY_ERROR_TYPES[cause.code ?? ''] || BODY_PARSER_MESSAGES[cause.type ?? '']) ? cause : thrown;
    const response = host.switchToHttp().getResponse<FastifyReply>();
    if (response.sent || response.raw.headersSent) return;
    let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
    let message: string | string[] = '服务内部错误，请稍后再试 (internal error)';
    // A machine-readable reason where one is given (e.g. PASSWORD_CHANGE_REQUIRED for the console).
    let code: string | undefined;
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      message = typeof body === 'string' ? body : ((body as { message?: string | string[] }).message ?? exception.message);
      const given = typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
      if (typeof given === 'string') code = given;
    } else {
      const parserError = exception as BodyParserError;
      const parserStatus = parserError?.status ?? parserError?.statusCode;
      if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
        status = parserStatus;
        const type = parserError.type ?? FASTIFY_ERROR_TYPES[parserError.code ?? ''] ?? '';
        message = BODY_PARSER_MESSAGES[type] ?? '请求无效 (bad request)';
      } else {
        this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      }
    }
    response.code(status).type('application/json; charset=utf-8').send({ statusCode: status, error: HttpStatus[status] ?? 'Error', message, ...(code ? { code } : {}) });
  }
}
