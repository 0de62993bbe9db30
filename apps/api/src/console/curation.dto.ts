import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SafeText } from './safe-text.js';
import { CONCERN_KINDS, CONCERN_STATUSES, type ConcernKind, type ConcernStatus } from '@app/knowledge';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf,
} from 'class-validator';

export const ID_PATTERN = /^[\w.\-\u4e00-\u9fff]{1,128}$/u;
const ID_MESSAGE = '编号只能包含字母、数字、汉字和 _.-，最长 128 个字符';
const STATUS_MESSAGE = `status 只能是 ${CONCERN_STATUSES.join('、')}（已发布、草稿、已停用）`;
const KIND_MESSAGE = `类型只能是 ${CONCERN_KINDS.join('、')}（关切事项、转办指引）`;

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Required text: present and not only spaces. */
function Text(name: string, max: number) {
  return (target: object, key: string) => {
    IsString({ message: `${name}必须是文本` })(target, key);
    Matches(/\S/, { message: `${name}不能为空` })(target, key);
    SafeText(name)(target, key);
    MaxLength(max, { message: `${name}不能超过 ${max} 个字符` })(target, key);
  };
}

/** Optional text; null or '' clears it. */
function OptionalText(name: string, max: number) {
  return (target: object, key: string) => {
    IsOptional()(target, key);
    IsString({ message: `${name}必须是文本` })(target, key);
    SafeText(name)(target, key);
    MaxLength(max, { message: `${name}不能超过 ${max} 个字符` })(target, key);
  };
}

function TextList(name: string, maxItems: number, maxLength: number) {
  return (target: object, key: string) => {
    IsArray({ message: `${name}必须是列表` })(target, key);
    ArrayMaxSize(maxItems, { message: `${name}最多 ${maxItems} 项` })(target, key);
    IsString({ each: true, message: `${name}的每一项必须是文本` })(target, key);
    SafeText(name, { each: true })(target, key);
    MaxLength(maxLength, { each: true, message: `${name}的每一项不能超过 ${maxLength} 个字符` })(target, key);
  };
}

function IdList(name: string) {
  return (target: object, key: string) => {
    IsArray({ message: `${name}必须是编号列表` })(target, key);
    ArrayMaxSize(200, { message: `${name}最多 200 项` })(target, key);
    Matches(ID_PATTERN, { each: true, message: `${name}：${ID_MESSAGE}` })(target, key);
  };
}

class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Transform(toInt) @IsInt({ message: 'page 必须是整数' }) @Min(1, { message: 'page 至少为 1' }) @Max(100000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 20 })
  @IsOptional() @Transform(toInt) @IsInt({ message: 'pageSize 必须是整数' }) @Min(1, { message: 'pageSize 至少为 1' })
  @Max(200, { message: 'pageSize 至多为 200' })
  pageSize?: number;
}

export class ConcernQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: '领域代码' }) @IsOptional() @IsString({ message: 'area 必须是文本' }) @SafeText('area') @MaxLength(64)
  area?: string;

  @ApiPropertyOptional({ enum: CONCERN_STATUSES }) @IsOptional() @IsIn(CONCERN_STATUSES, { message: STATUS_MESSAGE })
  status?: ConcernStatus;

  @ApiPropertyOptional({ enum: CONCERN_KINDS, description: 'concern 关切事项，referral 转办指引' })
  @IsOptional() @IsIn(CONCERN_KINDS, { message: KIND_MESSAGE })
  kind?: ConcernKind;

  @ApiPropertyOptional({ description: '负责人' }) @IsOptional() @IsString({ message: 'owner 必须是文本' }) @SafeText('owner') @MaxLength(64)
  owner?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean({ message: 'needsReview 只能是 true 或 false' })
  needsReview?: boolean;

  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean({ message: 'reviewOverdue 只能是 true 或 false' })
  reviewOverdue?: boolean;

  @ApiPropertyOptional({ description: '全文检索：编号、标题、问题、问法、关键词、答复' }) @IsOptional() @IsString({ message: 'q 必须是文本' }) @SafeText('q') @MaxLength(200, { message: 'q 不能超过 200 个字符' })
  q?: string;
}

export class ListQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: '领域代码（目录事项）' }) @IsOptional() @IsString({ message: 'area 必须是文本' }) @SafeText('area') @MaxLength(64)
  area?: string;

  @ApiPropertyOptional() @IsOptional() @IsString({ message: 'q 必须是文本' }) @SafeText('q') @MaxLength(200, { message: 'q 不能超过 200 个字符' })
  q?: string;
}

export class ConcernDto {
  @ApiPropertyOptional({ description: '新建时可指定编号，不填则自动生成' })
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id?: string;

  @ApiProperty({ example: '旅游投诉怎么办' }) @Text('标题', 200)
  title: string;

  @ApiProperty({ example: '在本地旅游遇到纠纷，去哪里投诉？' }) @Text('标准问题', 500)
  question: string;

  @ApiProperty({ type: [String] }) @TextList('问法', 200, 500)
  paraphrases: string[];

  @ApiProperty({ type: [String] }) @TextList('关键词', 100, 64)
  keywords: string[];

  @ApiProperty() @Text('答复口径', 20000)
  answer: string;

  @ApiPropertyOptional({ description: '领域代码或名称；null 表示不限领域', nullable: true })
  @IsOptional() @IsString({ message: 'areaCode 必须是文本' }) @MaxLength(64)
  areaCode?: string | null;

  @ApiProperty({ type: [String] }) @IdList('itemIds')
  itemIds: string[];

  @ApiProperty({ type: [String] }) @IdList('interpretationIds')
  interpretationIds: string[];

  @ApiPropertyOptional({ enum: CONCERN_KINDS, default: 'concern', description: 'concern 关切事项；referral 转办指引（由其他渠道办理，答复说明找谁、怎么联系）。不填则不变' })
  @IsOptional() @IsIn(CONCERN_KINDS, { message: KIND_MESSAGE })
  kind?: ConcernKind;

  @ApiPropertyOptional({ description: '负责人', nullable: true })
  @OptionalText('负责人', 64)
  owner?: string | null;

  @ApiPropertyOptional({ description: '复核日期 YYYY-MM-DD', nullable: true, example: '2027-06-30' })
  @ValidateIf((_, v) => v !== null && v !== '') @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '复核日期格式应为 YYYY-MM-DD，例如 2027-06-30' })
  reviewDate?: string | null;
}

export class ConcernStatusDto {
  @ApiProperty({ enum: CONCERN_STATUSES }) @IsIn(CONCERN_STATUSES, { message: STATUS_MESSAGE })
  status: ConcernStatus;
}

export class ConcernTestDto {
  @ApiProperty({ type: [String], example: ['被旅行社坑了怎么办'] })
  @IsArray({ message: 'questions 必须是问题列表' })
  @ArrayMaxSize(20, { message: '一次最多测试 20 个问题' })
  @IsString({ each: true, message: '每个问题必须是文本' })
  @SafeText('问题', { each: true })
  @Matches(/[\p{L}\p{N}]/u, { each: true, message: '问题不能为空' })
  @MaxLength(1000, { each: true, message: '每个问题不能超过 1000 个字符' })
  questions: string[];

  @ApiPropertyOptional({ description: '被测试的关切事项；未发布时按“假如已发布”测试' })
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE })
  concernId?: string;
}

export class ItemDto {
  @ApiPropertyOptional({ description: '新建时可指定编号，不填则自动生成' })
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id?: string;

  @ApiProperty({ description: '领域代码或名称' }) @Text('领域', 64)
  areaCode: string;

  @ApiProperty() @Text('一级事项', 500)
  level1: string;

  @ApiProperty({ description: '二级事项（事项名称）' }) @Text('二级事项', 500)
  title: string;

  @ApiProperty() @Text('公开内容', 20000)
  content: string;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('公开依据', 20000)
  basis?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('公开时限', 500)
  timeLimit?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('公开主体', 500)
  publisher?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('公开渠道和载体', 500)
  channels?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('公开对象', 200)
  audience?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('公开方式', 200)
  mode?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('公开层级', 200)
  level?: string | null;
}

export class InterpretationDto {
  @ApiPropertyOptional({ description: '新建时可指定编号，不填则自动生成' })
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id?: string;

  @ApiProperty() @Text('标题', 500)
  title: string;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('文件名称', 500)
  document?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('文号', 200)
  docNumber?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('发布机关', 200)
  publisher?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('日期', 32)
  date?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('链接', 2000)
  url?: string | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalText('解读形式', 32)
  form?: string | null;

  @ApiProperty() @IsString({ message: '正文必须是文本' }) @SafeText('正文') @MaxLength(200000, { message: '正文过长' })
  body: string;

  @ApiProperty({ type: [String] }) @IdList('itemIds')
  itemIds: string[];
}

export class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: ['concern', 'item', 'interpretation', 'user'] })
  @IsOptional() @IsIn(['concern', 'item', 'interpretation', 'user'], { message: 'entityType 只能是 concern、item、interpretation、user' })
  entityType?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE })
  entityId?: string;
}

export class ImportPreviewDto {
  @ApiProperty({ example: '旅游目录.xlsx' })
  @IsString({ message: 'filename 必须是文本' }) @MinLength(1) @MaxLength(255, { message: '文件名过长' })
  @Matches(/\.(xlsx|csv)$/i, { message: '只支持 .xlsx 或 .csv 文件' })
  filename: string;

  @ApiProperty({ description: '文件内容（Base64）' })
  @IsString({ message: 'contentBase64 必须是文本' }) @MinLength(4, { message: '文件为空' })
  @Matches(/^[A-Za-z0-9+/\r\n]+={0,2}\s*$/, { message: 'contentBase64 不是合法的 Base64' })
  contentBase64: string;
}

export class ImportCommitDto {
  @ApiProperty()
  @Matches(/^[0-9a-f-]{36}$/, { message: 'previewId 格式不正确' })
  previewId: string;
}
