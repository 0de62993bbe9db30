import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

interface BodyParserError {
  type?: string;
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
};

/**
 * One shape for every error: { statusCode, error, message }. Client mistakes (including bodies
 * that never reached a controller) keep their 4xx; anything unexpected is logged and answered
 * without internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
    let message: string | string[] = '服务内部错误，请稍后再试 (internal error)';
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      message = typeof body === 'string' ? body : ((body as { message?: string | string[] }).message ?? exception.message);
    } else {
      const parserError = exception as BodyParserError;
      const parserStatus = parserError?.status ?? parserError?.statusCode;
      if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
        status = parserStatus;
        message = BODY_PARSER_MESSAGES[parserError.type ?? ''] ?? '请求无效 (bad request)';
      } else {
        this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      }
    }
    response.status(status).json({ statusCode: status, error: HttpStatus[status] ?? 'Error', message });
  }
}
