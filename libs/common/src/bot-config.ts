import { Transform, Type } from 'class-transformer';
import { IsArray, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateNested } from 'class-validator';

// Environment values arrive as one comma-separated string.
const list = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

/** WECHATY_PUPPET_OPTIONS is JSON text; text that is not JSON stays text and fails @IsObject with a clear message. */
const json = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

export class BotRateLimitConfig {
  /** Questions a contact may ask in a row. */
  @IsInt() @Min(1) @Max(100)
  burst = 5;

  /** Questions per minute a contact gets back once the burst is spent. */
  @IsNumber() @Min(0.1) @Max(600)
  perMinute = 6;

  /** "请稍后再问" is sent at most once per this many seconds per contact. */
  @IsInt() @Min(1) @Max(86400)
  noticeWindowSeconds = 60;
}

export class BotRestartConfig {
  @IsInt() @Min(10) @Max(600_000)
  initialDelayMs = 1000;

  @IsInt() @Min(10) @Max(3_600_000)
  maxDelayMs = 60_000;
}

/** The WeChat chat bot (apps/bot, Wechaty): which puppet, and how it behaves in chats. */
export class BotConfig {
  /** npm package of the Wechaty puppet (WECHATY_PUPPET). */
  @IsString() @Matches(/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i, { message: 'WECHATY_PUPPET 应为 npm 包名，如 wechaty-puppet-wechat4u' })
  puppet = 'wechaty-puppet-wechat4u';

  /** Token for service puppets (WECHATY_PUPPET_TOKEN); numbers-looking tokens stay text. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === null ? value : String(value)))
  @IsString() @MinLength(1)
  puppetToken?: string;

  /** Further puppet options (WECHATY_PUPPET_OPTIONS, a JSON object), e.g. {"endpoint":"1.2.3.4:8788"}. */
  @Transform(json) @IsObject({ message: 'WECHATY_PUPPET_OPTIONS 应为 JSON 对象，如 {"endpoint":"127.0.0.1:8788"}' })
  puppetOptions: Record<string, unknown> = {};

  /** Login session file (<name>.memory-card.json, relative to the working directory): a restart needs no new scan. */
  @IsString() @MinLength(1)
  sessionName = 'data/wechat-bot';

  /** Ids or names of other bots in the rooms (BOT_IGNORE_CONTACTS, comma separated). */
  @Transform(list) @IsArray() @IsString({ each: true })
  ignoreContacts: string[] = [];

  /** Longer replies are sent as several messages of at most this many characters. */
  @IsInt() @Min(100) @Max(5000)
  maxReplyChars = 600;

  /** Pause between the parts of a long reply (a burst of messages looks like spam to WeChat). */
  @IsInt() @Min(0) @Max(10_000)
  chunkDelayMs = 800;

  /** Messages older than this (a backlog after a reconnect) are not answered. */
  @IsInt() @Min(10) @Max(86400)
  maxMessageAgeSeconds = 300;

  @ValidateNested() @Type(() => BotRateLimitConfig)
  rateLimit: BotRateLimitConfig = new BotRateLimitConfig();

  @ValidateNested() @Type(() => BotRestartConfig)
  restart: BotRestartConfig = new BotRestartConfig();
}
