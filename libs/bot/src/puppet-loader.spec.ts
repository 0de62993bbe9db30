import { describe, expect, it } from '@jest/globals';
import { loadPuppet, PuppetLoadError } from './puppet-loader.js';

class FakePuppet {
  constructor(readonly options: Record<string, unknown>) {}
}

describe('loadPuppet', () => {
  it('builds the default export with the token and the options', async () => {
    const puppet = await loadPuppet({ puppet: 'wechaty-puppet-fake', token: 't0k', options: { endpoint: '1.2.3.4:8788' } },
      async () => ({ default: FakePuppet }));
    expect(puppet).toBeInstanceOf(FakePuppet);
    expect((puppet as FakePuppet).options).toEqual({ endpoint: '1.2.3.4:8788', token: 't0k' });
  });

  it('unwraps a CommonJS module seen through import()', async () => {
    const puppet = await loadPuppet({ puppet: 'x', options: {} }, async () => ({ default: { default: FakePuppet } }));
    expect(puppet).toBeInstanceOf(FakePuppet);
  });

  it('says in Chinese how to install a missing package (real import)', async () => {
    const error = await loadPuppet({ puppet: 'wechaty-puppet-does-not-exist', options: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PuppetLoadError);
    expect((error as Error).message).toContain('npm install wechaty-puppet-does-not-exist');
  });

  it('rejects names that are not package names, modules without a puppet, and constructors that throw', async () => {
    await expect(loadPuppet({ puppet: '../evil', options: {} })).rejects.toThrow(/npm 包名/);
    await expect(loadPuppet({ puppet: 'x', options: {} }, async () => ({ something: 1 }))).rejects.toThrow(/不是 Wechaty 的 puppet/);
    class NeedsToken { constructor() { throw new Error('token required'); } }
    await expect(loadPuppet({ puppet: 'x', options: {} }, async () => ({ default: NeedsToken })))
      .rejects.toThrow(/无法创建：token required/);
  });
});
