import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateNested, validateSync,
  type ValidationError,
} from 'class-validator';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { Transform as transformValue } from 'class-transformer';
import { IsObject } from 'class-validator';
import { HotlineConfig } from './hotline-config.js';
import { BotConfig } from './bot-config.js';
import { InsightsConfig } from './insights-config.js';

export class ServerConfig {
  @IsInt() @Min(0) @Max(65535)
  port: number;

  @IsInt() @Min(1024) @Max(10 * 1024 * 1024)
  bodyLimitBytes: number;

  /** Worker processes sharing the port (node:cluster). More than 1 needs PostgreSQL and Redis. */
  @IsInt() @Min(1) @Max(64)
  workers: number;

  /** Time to receive a whole request (headers and body); a slower one is cut off (408 / closed). */
  @IsInt() @Min(1) @Max(3600)
  requestTimeoutSeconds: number;

  /** Longest silence while a request's headers or body arrive. */
  @IsInt() @Min(1) @Max(600)
  idleTimeoutSeconds: number;

  /** Open connections one address may hold (0: no limit); not applied behind a proxy (TRUST_PROXY). */
  @IsInt() @Min(0) @Max(100000)
  maxConnectionsPerIp: number;
}

export class KnowledgeConfig {
  @IsString() @MinLength(1)
  dir: string;

  /** Import `dir` when the database holds no knowledge (first start). */
  @IsBoolean()
  importOnEmpty: boolean;

  /** How often each instance checks whether the knowledge changed (on another instance). */
  @IsInt() @Min(100) @Max(600000)
  pollIntervalMs: number;
}

export class StorageConfig {
  @IsString() @MinLength(1)
  dataDir: string;

  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL 应以 postgres:// 或 postgresql:// 开头' })
  databaseUrl?: string;

  @IsOptional() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL 应以 redis:// 或 rediss:// 开头' })
  redisUrl?: string;

  /** Prefix of the job queue's keys in Redis: two deployments (or test runs) on one Redis keep their jobs apart. */
  @Matches(/^[\w-]{1,32}$/, { message: 'storage.queuePrefix 只能包含字母、数字、_ 和 -' })
  queuePrefix: string;
}

export class ThresholdsConfig {
  @IsNumber() @Min(0) @Max(1)
  answer: number;

  @IsNumber() @Min(0) @Max(1)
  margin: number;

  @IsNumber() @Min(0) @Max(1)
  clarify: number;

  /** The same two bands for a long message read as an ask within a story (its scores run lower). */
  @IsNumber() @Min(0) @Max(1)
  storyAnswer: number;

  @IsNumber() @Min(0) @Max(1)
  storyClarify: number;

  @IsInt() @Min(2) @Max(5)
  maxChoices: number;
}

export class MatchingConfig {
  @ValidateNested() @Type(() => ThresholdsConfig)
  thresholds: ThresholdsConfig;
}

export class ConversationConfig {
  @IsInt() @Min(10) @Max(86400)
  clarificationTtlSeconds: number;

  @IsString() @MinLength(3)
  hotline: string;
}

/** Console sign-in: sessions, login rate limits, the first administrator. */
export class AuthConfig {
  /** How long a session lasts (sliding: since the last request; fixed: since sign-in). */
  @IsInt() @Min(5) @Max(60 * 24 * 30)
  sessionTtlMinutes: number;

  @IsBoolean()
  slidingSessions: boolean;

  /** Failed sign-ins allowed per user name (and, times ipFailureFactor, per IP) within the window. */
  @IsInt() @Min(1) @Max(1000)
  maxLoginFailures: number;

  @IsInt() @Min(1) @Max(100)
  ipFailureFactor: number;

  @IsInt() @Min(10) @Max(86400)
  loginWindowSeconds: number;

  /** Password of the first `admin` account; when absent a random one is printed once in the log. */
  @IsOptional()
  // Environment values that look like numbers are coerced; a password is always text.
  @Transform(({ value }) => (value === undefined || value === null ? value : String(value)))
  @IsString() @MinLength(8, { message: 'ADMIN_INITIAL_PASSWORD 至少 8 个字符' })
  initialAdminPassword?: string;

  /** Key prefix for the login counters in Redis (lets several deployments or test runs share one Redis). */
  @IsString() @MinLength(1)
  redisPrefix: string;
}

export class RateLimitConfig {
  /** Requests per IP per window on public endpoints (answers, webhook, chat). */
  @IsInt() @Min(1) @Max(1_000_000)
  perIp: number;

  /** Questions per resident (userId / openid / session) per window. */
  @IsInt() @Min(1) @Max(100_000)
  perUser: number;

  @IsInt() @Min(1) @Max(3600)
  windowSeconds: number;

  /** Key prefix of the counters in Redis (several deployments or test runs can share one Redis). */
  @IsString() @MinLength(1)
  redisPrefix: string;
}

export class SecurityConfig {
  /** Origins allowed to call the API from a browser (CORS); empty = same origin only. CORS_ORIGINS is comma-separated. */
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((o) => o.trim()).filter(Boolean) : value))
  @IsArray() @Matches(/^https?:\/\/[^/\s]+$/, { each: true, message: 'CORS 来源应形如 https://example.gov.cn（不带路径）' })
  corsOrigins: string[];

  /**
   * How many load balancers / reverse proxies stand in front (TRUST_PROXY: false = 0, true = 1, or a
   * number). The client IP is the X-Forwarded-For entry that many hops from the right; entries
   * further left are written by the client itself, and trusting them would let anyone dodge the
   * per-IP limit with a made-up header.
   */
  @Transform(({ value }) => (value === true ? 1 : value === false ? 0 : value))
  @IsInt({ message: 'TRUST_PROXY 应为 false、true（一层代理）或代理层数' }) @Min(0) @Max(10)
  trustProxy: number;

  @ValidateNested() @Type(() => RateLimitConfig)
  rateLimit: RateLimitConfig;
}

export class LoggingConfig {
  @IsIn(['json', 'text'])
  format: 'json' | 'text';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  level: 'error' | 'warn' | 'log' | 'debug' | 'verbose';

  /** Prometheus metrics at /metrics; with a token, only for `Authorization: Bearer <token>`. */
  @IsBoolean()
  metrics: boolean;

  @IsOptional() @IsString() @MinLength(16, { message: 'METRICS_TOKEN 至少 16 个字符' })
  metricsToken?: string;
}

// Environment values that look like numbers are coerced (see coerce()); keys and secrets stay text.
const keepText = () => transformValue(({ value }) => (value === undefined || value === null ? value : String(value)));

/** The WeChat official account (公众号) webhook; the webhook answers 503 while `token` is not set. */
export class WechatConfig {
  /** 服务器配置里的 Token (WECHAT_TOKEN). Environment values that look like numbers stay text. */
  @IsOptional() @keepText()
  @Matches(/^[A-Za-z0-9]{3,32}$/, { message: 'WECHAT_TOKEN 应为 3–32 位字母或数字' })
  token?: string;

  @IsOptional() @keepText()
  @Matches(/^wx[0-9a-f]{16}$/i, { message: 'WECHAT_APP_ID 应形如 wx 加 16 位十六进制' })
  appId?: string;

  @IsOptional() @keepText()
  @IsString() @MinLength(16, { message: 'WECHAT_APP_SECRET 长度不正确' })
  appSecret?: string;

  /** Set = 安全模式 (messages AES-encrypted). 43 letters/digits. */
  @IsOptional() @keepText()
  @Matches(/^[A-Za-z0-9]{43}$/, { message: 'WECHAT_ENCODING_AES_KEY 应为 43 位字母或数字' })
  encodingAesKey?: string;

  /** The key before the last change, accepted while WeChat switches over. */
  @IsOptional() @Matches(/^[A-Za-z0-9]{43}$/, { message: 'previousEncodingAesKey 应为 43 位字母或数字' })
  previousEncodingAesKey?: string;

  /** Time allowed to the engine before answering `success` and sending the answer as a customer-service message. */
  @IsInt() @Min(1) @Max(4800)
  replyBudgetMs = 4000;

  /** Requests whose timestamp is further than this from the server clock are refused (replays); 0 = no check. */
  @IsInt() @Min(0) @Max(86400)
  timestampToleranceSeconds = 300;

  @IsInt() @Min(1024) @Max(1024 * 1024)
  maxBodyBytes = 32768;

  @IsString() @Matches(/^https?:\/\//, { message: 'apiBaseUrl 应以 http:// 或 https:// 开头' })
  apiBaseUrl = 'https://api.weixin.qq.com';

  /** Public address of this service, for links to full answers (PUBLIC_BASE_URL), e.g. https://wenda.xx.gov.cn. */
  @IsOptional() @Matches(/^https?:\/\/[^\s]+[^/\s]$/, { message: 'PUBLIC_BASE_URL 应形如 https://wenda.xx.gov.cn（末尾不带 /）' })
  publicBaseUrl?: string;

  @IsString() @MinLength(1)
  welcome = '您好，欢迎关注！我是政务公开智能问答助手，请直接发送您想咨询的政策问题。';

  /** Menu CLICK EventKey → `hot`, `concern:<id>`, `area:<code>`, `ask:<question>` or `text:<reply>`. */
  @IsObject()
  menu: Record<string, string> = { HOT: 'hot' };
}

export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  env: 'development' | 'production' | 'test';

  @ValidateNested() @Type(() => ServerConfig)
  server: ServerConfig;

  @ValidateNested() @Type(() => KnowledgeConfig)
  knowledge: KnowledgeConfig;

  @ValidateNested() @Type(() => StorageConfig)
  storage: StorageConfig;

  @ValidateNested() @Type(() => MatchingConfig)
  matching: MatchingConfig;

  @ValidateNested() @Type(() => ConversationConfig)
  conversation: ConversationConfig;

  @ValidateNested() @Type(() => WechatConfig)
  wechat: WechatConfig = new WechatConfig();

  /** 12345 hotline: adapter keys, reply deadlines, working-day calendar additions (defaults in hotline-config.ts). */
  @ValidateNested() @Type(() => HotlineConfig)
  hotline: HotlineConfig = new HotlineConfig();

  @ValidateNested() @Type(() => AuthConfig)
  auth: AuthConfig;

  /** The WeChat chat bot (apps/bot); defaults in bot-config.ts. */
  @ValidateNested() @Type(() => BotConfig)
  bot: BotConfig = new BotConfig();

  /** Learning loop and dashboard; defaults in insights-config.ts. */
  @ValidateNested() @Type(() => InsightsConfig)
  insights: InsightsConfig = new InsightsConfig();

  @ValidateNested() @Type(() => SecurityConfig)
  security: SecurityConfig;

  @ValidateNested() @Type(() => LoggingConfig)
  logging: LoggingConfig;
}

/** Environment variables that override a config file value (config path → variable). */
export const ENVIRONMENT_OVERRIDES: Record<string, string> = {
  'env': 'NODE_ENV',
  'server.port': 'PORT',
  'server.workers': 'WORKERS',
  'knowledge.dir': 'KNOWLEDGE_DIR',
  'knowledge.importOnEmpty': 'KNOWLEDGE_IMPORT_ON_EMPTY',
  'storage.dataDir': 'DATA_DIR',
  'storage.databaseUrl': 'DATABASE_URL',
  'storage.redisUrl': 'REDIS_URL',
  'conversation.hotline': 'HOTLINE_NUMBER',
  'wechat.token': 'WECHAT_TOKEN',
  'wechat.appId': 'WECHAT_APP_ID',
  'wechat.appSecret': 'WECHAT_APP_SECRET',
  'wechat.encodingAesKey': 'WECHAT_ENCODING_AES_KEY',
  'wechat.previousEncodingAesKey': 'WECHAT_PREVIOUS_ENCODING_AES_KEY',
  'wechat.replyBudgetMs': 'WECHAT_REPLY_BUDGET_MS',
  'wechat.publicBaseUrl': 'PUBLIC_BASE_URL',
  'hotline.apiKeys': 'HOTLINE_API_KEYS',
  'hotline.calendar.extraHolidays': 'HOTLINE_EXTRA_HOLIDAYS',
  'hotline.calendar.extraWorkdays': 'HOTLINE_EXTRA_WORKDAYS',
  'security.corsOrigins': 'CORS_ORIGINS',
  'security.trustProxy': 'TRUST_PROXY',
  'logging.format': 'LOG_FORMAT',
  'logging.level': 'LOG_LEVEL',
  'logging.metricsToken': 'METRICS_TOKEN',
  'auth.initialAdminPassword': 'ADMIN_INITIAL_PASSWORD',
  'auth.sessionTtlMinutes': 'SESSION_TTL_MINUTES',
  'bot.puppet': 'WECHATY_PUPPET',
  'bot.puppetToken': 'WECHATY_PUPPET_TOKEN',
  'bot.puppetOptions': 'WECHATY_PUPPET_OPTIONS',
  'bot.ignoreContacts': 'BOT_IGNORE_CONTACTS',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Plain = Record<string, unknown>;

function readYaml(path: string): Plain {
  try {
    const data = loadYaml(readFileSync(path, 'utf8'), { schema: CORE_SCHEMA });
    if (data === null || data === undefined) return {};
    if (typeof data !== 'object' || Array.isArray(data)) throw new Error('顶层应为键值对');
    return data as Plain;
  } catch (error) {
    throw new ConfigError(`配置文件 ${path} 无法读取：${(error as Error).message.split('\n')[0]}`);
  }
}

function deepMerge(base: Plain, override: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
      ? deepMerge(current as Plain, value as Plain)
      : value;
  }
  return out;
}

function setPath(target: Plain, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Plain;
  }
  node[keys[keys.length - 1]] = value;
}

/** Environment values are text; the schema decides whether a value is a number or a flag. */
function coerce(text: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => {
      const variable = ENVIRONMENT_OVERRIDES[path];
      return `${path}${variable ? `（环境变量 ${variable}）` : ''}: ${m}`;
    });
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * Who may read /metrics: nobody (off), holders of METRICS_TOKEN, or anyone (open). Production without
 * a token is off, so that a deployment never publishes its metrics by forgetting a setting.
 */
export function metricsAccess(config: AppConfig): 'off' | 'token' | 'open' {
  const { metrics, metricsToken } = config.logging;
  if (!metrics) return 'off';
  if (metricsToken) return 'token';
  return config.env === 'production' ? 'off' : 'open';
}

/**
 * config/default.yaml, then config/<NODE_ENV>.yaml and CONFIG_FILE if present, then environment
 * variables. Anything invalid stops the start with a message naming the setting.
 */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env, configDir = resolve('config')): AppConfig {
  const defaultFile = resolve(configDir, 'default.yaml');
  if (!existsSync(defaultFile)) throw new ConfigError(`缺少配置文件 ${defaultFile}`);
  let plain = readYaml(defaultFile);
  const nodeEnv = env.NODE_ENV ?? 'development';
  const envFile = resolve(configDir, `${nodeEnv}.yaml`);
  if (existsSync(envFile)) plain = deepMerge(plain, readYaml(envFile));
  if (env.CONFIG_FILE) plain = deepMerge(plain, readYaml(resolve(env.CONFIG_FILE)));
  for (const [path, variable] of Object.entries(ENVIRONMENT_OVERRIDES)) {
    const value = env[variable];
    if (value !== undefined && value !== '') setPath(plain, path, coerce(value));
  }
  const config = plainToInstance(AppConfig, plain);
  const problems = flatten(validateSync(config, { forbidUnknownValues: false }));
  if (problems.length > 0) {
    throw new ConfigError(`配置有误，服务未启动：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return config;
}
