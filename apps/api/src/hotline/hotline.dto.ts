import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WORK_ORDER_CATEGORIES, type WorkOrderCategory } from '@app/common';
import { REPLY_MODES, SATISFACTION_LEVELS, WORK_ORDER_STATUSES, type ReplyMode, type WorkOrderStatus } from '@app/hotline';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const MEANINGFUL = /[\p{L}\p{N}]/u;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateWorkOrderDto {
  @ApiPropertyOptional({ description: '12345 平台的工单编号（同一对接方内唯一；重复推送时据此去重）', example: 'GD20261130000123', maxLength: 128 })
  @IsOptional()
  @IsString({ message: 'externalId 必须是字符串' })
  @Matches(/^[\w.:-]{1,128}$/, { message: 'externalId 只能包含字母、数字和 _.:-，最长 128 个字符' })
  externalId?: string;

  @ApiProperty({ description: '受理渠道，如 电话、网站、微信、APP、短信', example: '电话', maxLength: 32 })
  @IsString({ message: 'channel 必须是字符串' })
  @Matches(MEANINGFUL, { message: 'channel 不能为空' })
  @MaxLength(32, { message: 'channel 不能超过 32 个字符' })
  channel: string;

  @ApiProperty({ enum: WORK_ORDER_CATEGORIES, description: '诉求类别' })
  @IsIn(WORK_ORDER_CATEGORIES, { message: `category 只能是 ${WORK_ORDER_CATEGORIES.join('、')}` })
  category: WorkOrderCategory;

  @ApiProperty({ description: '诉求内容（来电人所述）', example: '低保怎么申请，需要什么材料？', maxLength: 4000 })
  @IsString({ message: 'content 必须是字符串' })
  @Matches(MEANINGFUL, { message: 'content 不能为空' })
  @MaxLength(4000, { message: 'content 不能超过 4000 个字符' })
  content: string;

  @ApiPropertyOptional({ description: '来电号码（完整保存，仅管理员和认领的话务员可见完整号码）', example: '13812345678' })
  @IsOptional()
  @IsString({ message: 'callerPhone 必须是字符串' })
  @Matches(/^\+?[\d\s-]{3,24}$/, { message: 'callerPhone 应为电话号码（数字、空格、-，可带 +）' })
  callerPhone?: string;

  @ApiPropertyOptional({ description: '领域编码（knowledge/areas.yaml），用于确定承办单位', example: 'social-assistance', maxLength: 64 })
  @IsOptional()
  @IsString({ message: 'areaCode 必须是字符串' })
  @Matches(/^[\w-]{1,64}$/, { message: 'areaCode 只能包含字母、数字和 _-' })
  areaCode?: string;
}

export class TransitionDto {
  @ApiProperty({ enum: WORK_ORDER_STATUSES, description: '目标状态：dispatched 派单、processing 办理、replied 答复、closed 办结、reviewed 回访/评价、accepted 退单' })
  @IsIn(WORK_ORDER_STATUSES, { message: `to 只能是 ${WORK_ORDER_STATUSES.join('、')}` })
  to: WorkOrderStatus;

  @ApiPropertyOptional({ description: '说明', maxLength: 2000 })
  @IsOptional() @IsString({ message: 'note 必须是字符串' }) @MaxLength(2000, { message: 'note 不能超过 2000 个字符' })
  note?: string;

  @ApiPropertyOptional({ description: '承办单位（派单时）', maxLength: 100 })
  @IsOptional() @IsString({ message: 'department 必须是字符串' }) @MaxLength(100, { message: 'department 不能超过 100 个字符' })
  department?: string;

  @ApiPropertyOptional({ description: '答复内容（答复时）', maxLength: 4000 })
  @IsOptional() @IsString({ message: 'answer 必须是字符串' }) @MaxLength(4000, { message: 'answer 不能超过 4000 个字符' })
  answer?: string;

  @ApiPropertyOptional({ enum: SATISFACTION_LEVELS, description: '满意度（回访/评价时）' })
  @IsOptional() @IsIn(SATISFACTION_LEVELS, { message: `satisfaction 只能是 ${SATISFACTION_LEVELS.join('、')}` })
  satisfaction?: string;
}

export class ReplyDto {
  @ApiProperty({ description: '答复内容（可直接使用知识库答复口径）', maxLength: 4000 })
  @IsString({ message: 'answer 必须是字符串' })
  @Matches(MEANINGFUL, { message: 'answer 不能为空' })
  @MaxLength(4000, { message: 'answer 不能超过 4000 个字符' })
  answer: string;

  @ApiPropertyOptional({ description: '答复后立即办结', default: false })
  @IsOptional() @IsBoolean({ message: 'close 必须是 true 或 false' })
  close?: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional() @IsString({ message: 'note 必须是字符串' }) @MaxLength(2000, { message: 'note 不能超过 2000 个字符' })
  note?: string;
}

export class DeadlineDto {
  @ApiProperty({ description: '新的办理时限（ISO 8601，如 2026-12-10T18:00:00+08:00）' })
  @IsISO8601({ strict: true }, { message: 'deadline 应为 ISO 8601 时间，如 2026-12-10T18:00:00+08:00' })
  deadline: string;

  @ApiPropertyOptional({ description: '延期或人工确定时限的理由', maxLength: 2000 })
  @IsOptional() @IsString({ message: 'note 必须是字符串' }) @MaxLength(2000, { message: 'note 不能超过 2000 个字符' })
  note?: string;
}

export class ListWorkOrdersDto {
  @ApiPropertyOptional({ enum: WORK_ORDER_STATUSES })
  @IsOptional() @IsIn(WORK_ORDER_STATUSES, { message: `status 只能是 ${WORK_ORDER_STATUSES.join('、')}` })
  status?: WorkOrderStatus;

  @ApiPropertyOptional({ enum: WORK_ORDER_CATEGORIES })
  @IsOptional() @IsIn(WORK_ORDER_CATEGORIES, { message: `category 只能是 ${WORK_ORDER_CATEGORIES.join('、')}` })
  category?: WorkOrderCategory;

  @ApiPropertyOptional({ enum: REPLY_MODES })
  @IsOptional() @IsIn(REPLY_MODES, { message: `replyMode 只能是 ${REPLY_MODES.join('、')}` })
  replyMode?: ReplyMode;

  @ApiPropertyOptional({ description: '只看超期（true）或未超期（false）' })
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'overdue 必须是 true 或 false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: '只看我认领的' })
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'mine 必须是 true 或 false' })
  mine?: boolean;

  @ApiPropertyOptional({ description: '按内容检索（已脱敏的内容）', maxLength: 100 })
  @IsOptional() @IsString({ message: 'q 必须是字符串' }) @MaxLength(100, { message: 'q 不能超过 100 个字符' })
  q?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Transform(toInt) @IsInt({ message: 'page 必须是整数' }) @Min(1, { message: 'page 至少为 1' }) @Max(100000, { message: 'page 过大' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Transform(toInt) @IsInt({ message: 'pageSize 必须是整数' }) @Min(1, { message: 'pageSize 至少为 1' }) @Max(100, { message: 'pageSize 至多为 100' })
  pageSize?: number;
}

export const OPERATOR_SEARCH_TYPES = ['concern', 'item', 'interpretation'] as const;

export class OperatorSearchDto {
  @ApiProperty({ description: '话务员输入的几个字', example: '低保申请' })
  @IsString({ message: 'q 必须是字符串' })
  @Matches(MEANINGFUL, { message: 'q 不能为空' })
  @MaxLength(200, { message: 'q 不能超过 200 个字符' })
  q: string;

  @ApiPropertyOptional({ enum: OPERATOR_SEARCH_TYPES, description: '只查一类' })
  @IsOptional() @IsIn(OPERATOR_SEARCH_TYPES, { message: `type 只能是 ${OPERATOR_SEARCH_TYPES.join('、')}` })
  type?: (typeof OPERATOR_SEARCH_TYPES)[number];
}
