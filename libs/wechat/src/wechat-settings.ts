/** What the webhook needs from the `wechat:` config section (plus the hotline number for fallbacks). */
export interface WechatSettings {
  token?: string;
  appId?: string;
  appSecret?: string;
  encodingAesKey?: string;
  previousEncodingAesKey?: string;
  replyBudgetMs: number;
  timestampToleranceSeconds: number;
  maxBodyBytes: number;
  apiBaseUrl: string;
  publicBaseUrl?: string;
  welcome: string;
  menu: Record<string, string>;
  hotline: string;
}

export const WECHAT_SETTINGS = Symbol('WECHAT_SETTINGS');

export type MenuAction =
  | { kind: 'hot' }
  | { kind: 'concern' | 'area' | 'ask' | 'text'; value: string };

/** `hot`, `concern:<id>`, `area:<code>`, `ask:<question>`, `text:<reply>`; null when the value is none of these. */
export function parseMenuAction(value: string): MenuAction | null {
  if (value.trim() === 'hot') return { kind: 'hot' };
  const match = /^(concern|area|ask|text):([\s\S]+)$/.exec(value.trim());
  return match ? { kind: match[1] as 'concern' | 'area' | 'ask' | 'text', value: match[2].trim() } : null;
}

/** Problems in the settings that class validation cannot see (combinations, menu values). */
export function wechatSettingsProblems(settings: WechatSettings): string[] {
  const problems: string[] = [];
  if (settings.encodingAesKey && !settings.appId) problems.push('wechat.encodingAesKey 已设置（安全模式），还需要 WECHAT_APP_ID');
  if (Boolean(settings.appId) !== Boolean(settings.appSecret) && settings.appSecret) problems.push('wechat.appSecret 已设置，还需要 WECHAT_APP_ID');
  for (const [key, value] of Object.entries(settings.menu ?? {})) {
    if (typeof value !== 'string' || !parseMenuAction(value)) {
      problems.push(`wechat.menu.${key} 应为 hot、concern:<编号>、area:<领域代码>、ask:<问题> 或 text:<回复>`);
    }
  }
  return problems;
}

/** The address of the full-answer page, when the public base URL is known. */
export function fullAnswerUrl(settings: Pick<WechatSettings, 'publicBaseUrl'>, concernId: string): string | null {
  return settings.publicBaseUrl ? `${settings.publicBaseUrl}/answer/${encodeURIComponent(concernId)}` : null;
}
