import { Body, Controller, Get, HttpCode, Param, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { presentTransition, presentWorkOrder, WorkOrderService, type HotlineActor } from '@app/hotline';
import type { FastifyReply } from 'fastify';
import { CreateWorkOrderDto, TransitionDto } from './hotline.dto.js';
import { HotlineApiKeyGuard, Integration, ORDER_ID, WorkOrderErrorFilter } from './hotline-http.js';

const actor = (integration: string): HotlineActor => ({ kind: 'integration', id: integration, name: integration });

/** What the 12345 platform calls: create work orders, read them back, report progress. Never shows full caller data. */
@ApiTags('12345 热线对接')
@ApiHeader({ name: 'X-Api-Key', required: true, description: '对接方密钥（HOTLINE_API_KEYS 中的 名称:密钥）' })
@Controller('api/hotline/orders')
@UseGuards(HotlineApiKeyGuard)
@UseFilters(WorkOrderErrorFilter)
export class HotlineAdapterController {
  constructor(private readonly orders: WorkOrderService) {}

  @Post()
  @ApiOperation({ summary: '新建工单：系统给出答复建议和答复方式（即时/短时/限时答复）；按 externalId 幂等' })
  @ApiResponse({ status: 201, description: '已新建' })
  @ApiResponse({ status: 200, description: '同一 externalId、同样内容的重复推送：返回原工单' })
  @ApiResponse({ status: 409, description: '同一 externalId 已用于内容不同的工单' })
  async create(@Body() body: CreateWorkOrderDto, @Integration() integration: string, @Res({ passthrough: true }) res: FastifyReply) {
    const { order, created } = await this.orders.create(body, actor(integration));
    res.code(created ? 201 : 200);
    return { created, order: presentWorkOrder(order, false) };
  }

  @Get(':id')
  @ApiOperation({ summary: '查询工单（本对接方创建的）' })
  async get(@Param('id', ORDER_ID) id: string, @Integration() integration: string) {
    return presentWorkOrder(await this.orders.get(id, integration), false);
  }

  @Get(':id/transitions')
  @ApiOperation({ summary: '工单流转记录（谁、何时、从何状态到何状态、说明）' })
  async transitions(@Param('id', ORDER_ID) id: string, @Integration() integration: string) {
    await this.orders.get(id, integration);
    return { transitions: (await this.orders.transitions(id)).map(presentTransition) };
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: '回传办理进度：派单、办理、答复、办结、回访/评价、退单；不允许的流转返回 409' })
  async transition(@Param('id', ORDER_ID) id: string, @Body() body: TransitionDto, @Integration() integration: string) {
    return presentWorkOrder(await this.orders.transition(id, body, actor(integration), integration), false);
  }
}
