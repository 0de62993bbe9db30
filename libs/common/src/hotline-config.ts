import { Transform, Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

/** 12345 work-order categories (GB/T 39666 style 诉求类型). */
export const WORK_ORDER_CATEGORIES = ['咨询', '求助', '投诉', '举报', '建议'] as const;
export type WorkOrderCategory = (typeof WORK_ORDER_CATEGORIES)[number];

// Environment values arrive as one comma-separated string.
const list = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class HotlineCalendarConfig {
  /** Days off the bundled chinese-days data does not have yet (e.g. next year's notice). */
  @Transform(list) @IsArray() @Matches(DATE, { each: true, message: 'hotline.calendar.extraHolidays 的日期应为 YYYY-MM-DD' })
  extraHolidays: string[] = [];

  /** Make-up workdays (调休上班) the data does not have yet. */
  @Transform(list) @IsArray() @Matches(DATE, { each: true, message: 'hotline.calendar.extraWorkdays 的日期应为 YYYY-MM-DD' })
  extraWorkdays: string[] = [];
}

/** 限时答复: working days to 办结 per category; local rules differ, the defaults follow 四川 2025. */
export class HotlineDeadlinesConfig {
  @IsInt() @Min(1) @Max(60) consult = 3;
  @IsInt() @Min(1) @Max(60) help = 7;
  @IsInt() @Min(1) @Max(60) suggestion = 7;
  @IsInt() @Min(1) @Max(60) complaint = 15;
  @IsInt() @Min(1) @Max(60) report = 15;
}

export class HotlineConfig {
  /** `name:key` pairs, comma separated (HOTLINE_API_KEYS); each key at least 16 characters. Empty = adapter API off. */
  @IsString()
  @Matches(/^$|^[A-Za-z0-9_-]{1,64}:[^,:\s]{16,256}(,[A-Za-z0-9_-]{1,64}:[^,:\s]{16,256})*$/, {
    message: 'hotline.apiKeys（环境变量 HOTLINE_API_KEYS）应为 名称:密钥 的逗号分隔列表，名称为字母数字，密钥至少 16 个字符',
  })
  // Work orders registered in the console are stored under the integration name "console": an
  // integration of that name would read them all through the adapter API.
  @Matches(/^(?!(?:.*,)?console:)/i, { message: '“console”是保留名称（管理后台登记的工单使用它），请给对接方换一个名称' })
  apiKeys = '';

  /** Close of business (China time) that ends a working-day deadline. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'hotline.endOfDay 应为 HH:mm' })
  endOfDay = '18:00';

  /** 短时答复: 0 = the same working day, n = n working days later. */
  @IsInt() @Min(0) @Max(5)
  shortReplyWorkingDays = 0;

  /** Categories the knowledge base may close at once (即时答复); complaints and reports always go to a department. */
  @Transform(list) @IsArray() @IsIn(WORK_ORDER_CATEGORIES, { each: true })
  instantCategories: WorkOrderCategory[] = ['咨询', '求助'];

  @ValidateNested() @Type(() => HotlineDeadlinesConfig)
  deadlines: HotlineDeadlinesConfig = new HotlineDeadlinesConfig();

  @ValidateNested() @Type(() => HotlineCalendarConfig)
  calendar: HotlineCalendarConfig = new HotlineCalendarConfig();

  /** Remind the handler this long before the deadline (or at once if that has passed). */
  @IsInt() @Min(0) @Max(60 * 24 * 30)
  reminderLeadMinutes = 240;

  /** Escalate (督办) an overdue order this long after its deadline. */
  @IsInt() @Min(0) @Max(60 * 24 * 30)
  escalateAfterMinutes = 1440;

  /** Catch-up sweep for deadlines passed while no instance ran. */
  @IsInt() @Min(5) @Max(86400)
  sweepIntervalSeconds = 300;

  /** Redis key prefix of the hotline's own Bull queue (deadline jobs); test runs use their own. */
  @Matches(/^[\w:-]{1,64}$/, { message: 'hotline.queuePrefix 只能包含字母、数字和 _:-' })
  queuePrefix = 'gda-hotline';

  /** Department for 限时答复 when neither the area nor the catalogue names one (empty = operator dispatches). */
  @IsOptional() @IsString() @MaxLength(100)
  defaultDepartment?: string;
}
