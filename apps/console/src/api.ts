/**
 * The console's HTTP client. Every call carries the Bearer token kept in localStorage; a 401 sends
 * the user back to the sign-in page; any other error shows the server's Chinese `message` (through
 * the notifier the app root installs) and rejects with an ApiError so callers can stop.
 *
 * Paths are absolute: apiGet('/api/console/concerns', { status: 'draft' }).
 */

const TOKEN_KEY = 'console.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  /** Do not show the error message to the user (the caller shows it its own way). */
  quiet?: boolean;
}

let notifyError: (text: string) => void = (text) => console.error(text);
let onUnauthorized: () => void = () => undefined;

/** Installed once by the app root: how errors are shown and what a 401 does. */
export function configureApi(handlers: { notifyError?: (text: string) => void; onUnauthorized?: () => void }): void {
  if (handlers.notifyError) notifyError = handlers.notifyError;
  if (handlers.onUnauthorized) onUnauthorized = handlers.onUnauthorized;
}

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

function messageOf(body: unknown, status: number): string {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.join('；');
  if (typeof message === 'string' && message) return message;
  if (status === 403) return '没有权限执行此操作';
  if (status === 429) return '操作过于频繁，请稍后再试';
  return `请求失败（HTTP ${status}）`;
}

async function send(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    const text = '无法连接服务器，请检查网络';
    if (!options.quiet) notifyError(text);
    throw new ApiError(0, text);
  }
  if (response.ok) return response;
  const payload: unknown = await response.json().catch(() => null);
  const text = messageOf(payload, response.status);
  // A 401 on the sign-in call itself is a wrong password, not an expired session.
  if (response.status === 401 && token) {
    // Never signed out on this side only: the server ends the token too (harmless if it already has).
    void fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, keepalive: true }).catch(() => undefined);
    setToken(null);
    onUnauthorized();
    throw new ApiError(401, '登录已过期，请重新登录');
  }
  if (!options.quiet) notifyError(text);
  throw new ApiError(response.status, text);
}

async function json<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<T> {
  const response = await send(method, path, body, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function apiGet<T>(path: string, query?: Query, options: RequestOptions = {}): Promise<T> {
  return json<T>('GET', withQuery(path, query), undefined, options);
}

export function apiPost<T>(path: string, body: unknown = {}, options: RequestOptions = {}): Promise<T> {
  return json<T>('POST', path, body, options);
}

export function apiPut<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  return json<T>('PUT', path, body, options);
}

export function apiPatch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  return json<T>('PATCH', path, body, options);
}

export function apiDelete<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return json<T>('DELETE', path, undefined, options);
}

/** Downloads a file (e.g. the knowledge export zip) with the token and saves it under its server name. */
export async function apiDownload(path: string, fallbackName: string): Promise<void> {
  const response = await send('GET', path, undefined, {});
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1] ?? match[2]) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
