import { describe, expect, it } from '@jest/globals';
import { hashPassword, randomPassword, verifyPassword } from './password.js';

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, with a fresh salt per hash', async () => {
    const a = await hashPassword('Zhengwu-Gongkai-1');
    const b = await hashPassword('Zhengwu-Gongkai-1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('Zhengwu-Gongkai-1', a)).toBe(true);
    expect(await verifyPassword('Zhengwu-Gongkai-2', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('treats full-width input like half-width (NFKC), as Chinese input methods produce both', async () => {
    const hash = await hashPassword('Mima2026');
    expect(await verifyPassword('Ｍｉｍａ２０２６', hash)).toBe(true);
  });

  it('returns false for a malformed stored hash instead of throwing', async () => {
    for (const stored of ['', 'plain', 'scrypt$x$8$1$a$b', 'bcrypt$1$2$3$4$5', 'scrypt$32768$8$1$c2FsdA$dG9vLXNob3J0']) {
      expect(await verifyPassword('whatever', stored)).toBe(false);
    }
  });

  it('makes random passwords without look-alike characters', () => {
    const passwords = new Set(Array.from({ length: 50 }, () => randomPassword()));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
  });
});
