import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireRoles, type AuthenticatedUser } from '@app/auth';
import {
  mayReveal, OperatorSearchService, presentTransition, presentWorkOrder, WorkOrderService, type HotlineActor, type WorkOrderEntity,
} from '@app/hotline';
import { CreateWorkOrderDto, DeadlineDto, ListWorkOrdersDto, OperatorSearchDto, ReplyDto, TransitionDto } from './hotline.dto.js';
import { ORDER_ID, WorkOrderErrorFilter } from './hotline-http.js';

const actor = (user: AuthenticatedUser): HotlineActor => ({ kind: 'user', id: String(user.id), name: user.displayName || user.username, role: user.role });

/** The operator's desk: answer search during a call, and the work orders (list, detail, transitions, reply). */
@ApiTags('12345 热线话务员')
@Controller('api/hotline')
@RequireRoles('operator')
@UseFilters(WorkOrderErrorFilter)
export class HotlineOperatorController {
  constructor(private readonly orders: WorkOrderService, private readonly searchService: OperatorSearchService) {}

  @Get('search')
  @ApiOperation({ summary: '答复检索（边输边查）：关切事项优先，其次目录事项和政策解读；命中词高亮，答复口径可直接复制' })
  search(@Query() query: OperatorSearchDto) {
    const only = query.type;
    return this.searchService.search(query.q, only ? { concerns: only === 'concern' ? 8 : 0, items: only === 'item' ? 8 : 0, interpretations: only === 'interpretation' ? 8 : 0 } : {});
  }

  @Get('work-orders')
  @ApiOperation({ summary: '工单列表（按状态、类别、答复方式、是否超期、是否我认领的筛选；内容和号码已脱敏）' })
  async list(@Query() query: ListWorkOrdersDto, @CurrentUser() user: AuthenticatedUser) {
    const { total, items } = await this.orders.list(query, actor(user));
    return { total, items: items.map((o) => presentWorkOrder(o, false)) };
  }

  @Post('work-orders')
  @ApiOperation({ summary: '话务员登记工单（来电受理）：系统给出答复建议和答复方式；登记人即认领人' })
  async create(@Body() body: CreateWorkOrderDto, @CurrentUser() user: AuthenticatedUser) {
    const { order, created } = await this.orders.create(body, actor(user));
    return { created, order: this.detail(order, user) };
  }

  @Get('work-orders/:id')
  @ApiOperation({ summary: '工单详情与流转记录（完整号码仅管理员和认领的话务员可见）' })
  async get(@Param('id', ORDER_ID) id: string, @CurrentUser() user: AuthenticatedUser) {
    const order = await this.orders.get(id);
    return { ...this.detail(order, user), transitions: (await this.orders.transitions(id)).map(presentTransition) };
  }

  @Post('work-orders/:id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: '认领工单' })
  async claim(@Param('id', ORDER_ID) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.detail(await this.orders.claim(id, actor(user)), user);
  }

  @Post('work-orders/:id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: '工单流转：受理→派单→办理→答复→办结→回访/评价；不允许的流转返回 409' })
  async transition(@Param('id', ORDER_ID) id: string, @Body() body: TransitionDto, @CurrentUser() user: AuthenticatedUser) {
    return this.detail(await this.orders.transition(id, body, actor(user)), user);
  }

  @Post('work-orders/:id/reply')
  @HttpCode(200)
  @ApiOperation({ summary: '答复来电人（可选同时办结）' })
  async reply(@Param('id', ORDER_ID) id: string, @Body() body: ReplyDto, @CurrentUser() user: AuthenticatedUser) {
    let order = await this.orders.transition(id, { to: 'replied', answer: body.answer, note: body.note }, actor(user));
    if (body.close) order = await this.orders.transition(id, { to: 'closed', note: '答复后办结' }, actor(user));
    return this.detail(order, user);
  }

  @Post('work-orders/:id/deadline')
  @HttpCode(200)
  @ApiOperation({ summary: '调整办理时限（延期，或日历数据缺失时人工确定时限）' })
  async deadline(@Param('id', ORDER_ID) id: string, @Body() body: DeadlineDto, @CurrentUser() user: AuthenticatedUser) {
    return this.detail(await this.orders.setDeadline(id, new Date(body.deadline), body.note, actor(user)), user);
  }

  private detail(order: WorkOrderEntity, user: AuthenticatedUser) {
    return presentWorkOrder(order, mayReveal(order, actor(user)));
  }
}
