import { Controller, Get, HttpCode, HttpException, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { OfficialAccountWebhook, WebhookRejection } from '@app/wechat';
import type { FastifyReply, FastifyRequest } from 'fastify';

function rejectionToHttp(error: unknown): never {
  if (error instanceof WebhookRejection) throw new HttpException({ message: error.message }, error.status);
  throw error;
}

/**
 * The official account's server URL (服务器配置). Query parameters are WeChat's protocol, not our API,
 * so they are checked by the webhook (signature, patterns) rather than by a DTO that would refuse
 * parameters WeChat may add later.
 */
@ApiTags('微信公众号')
@Controller('wechat/official-account')
export class OfficialAccountController {
  constructor(private readonly webhook: OfficialAccountWebhook) {}

  @Get()
  @ApiOperation({ summary: '服务器地址验证：校验 signature 后原样返回 echostr' })
  verify(@Req() request: FastifyRequest, @Res() response: FastifyReply): void {
    let echostr: string;
    try {
      echostr = this.webhook.verifyUrl(request.query as Record<string, unknown>);
    } catch (error) {
      rejectionToHttp(error);
    }
    response.type('text/plain; charset=utf-8').send(echostr);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: '接收消息和事件（明文或安全模式），5 秒内被动回复；来不及时回 success 并改用客服消息发送' })
  async receive(@Req() request: FastifyRequest, @Res() response: FastifyReply): Promise<void> {
    try {
      const reply = await this.webhook.receive(request.query as Record<string, unknown>, request.body);
      response.type(reply.contentType).send(reply.body);
    } catch (error) {
      rejectionToHttp(error);
    }
  }
}
