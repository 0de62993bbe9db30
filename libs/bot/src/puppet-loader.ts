/** A puppet that cannot be loaded: the message is for the operator, in Chinese, without a stack trace. */
export class PuppetLoadError extends Error {
  override name = 'PuppetLoadError';
}

export interface PuppetSettings {
  /** npm package name, e.g. wechaty-puppet-wechat4u or wechaty-puppet-service. */
  puppet: string;
  token?: string;
  options: Record<string, unknown>;
}

const PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

type PuppetConstructor = new (options: Record<string, unknown>) => object;

/**
 * Imports the configured puppet package and builds it with its options. Done by us rather than by
 * Wechaty so that a missing package is a clear message naming the fix, not Wechaty's stack trace.
 */
export async function loadPuppet(settings: PuppetSettings, importer: (name: string) => Promise<unknown> = (n) => import(n)): Promise<object> {
  const name = settings.puppet.trim();
  if (!PACKAGE_NAME.test(name)) {
    throw new PuppetLoadError(`WECHATY_PUPPET 应为 npm 包名（如 wechaty-puppet-wechat4u），当前为“${settings.puppet}”`);
  }
  let mod: unknown;
  try {
    mod = await importer(name);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes(name);
    throw new PuppetLoadError(missing
      ? `找不到微信机器人组件（puppet）“${name}”：请先在项目目录运行 npm install ${name}，或把 WECHATY_PUPPET 改成已安装的组件。`
      : `微信机器人组件“${name}”加载失败：${(error as Error).message}`);
  }
  const Puppet = puppetClass(mod);
  if (!Puppet) throw new PuppetLoadError(`“${name}”不是 Wechaty 的 puppet 组件（没有默认导出的 Puppet 类）。`);
  const options = { ...settings.options, ...(settings.token ? { token: settings.token } : {}) };
  try {
    return new Puppet(options);
  } catch (error) {
    throw new PuppetLoadError(`微信机器人组件“${name}”无法创建：${(error as Error).message}（检查 WECHATY_PUPPET_TOKEN 和 WECHATY_PUPPET_OPTIONS）`);
  }
}

/** ESM packages export the class as default; CommonJS ones seen through import() nest it once more. */
function puppetClass(mod: unknown): PuppetConstructor | null {
  let candidate = mod as { default?: unknown } | undefined;
  for (let depth = 0; depth < 3 && candidate; depth++) {
    if (typeof candidate.default === 'function') return candidate.default as PuppetConstructor;
    candidate = candidate.default as { default?: unknown } | undefined;
  }
  return null;
}
