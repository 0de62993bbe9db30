import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The adapter keys, one per integration (`name:key,name2:key2`). A presented key is compared with
 * every configured one in constant time (over sha256 digests, so lengths do not leak either).
 */
export class HotlineApiKeys {
  private readonly keys: { name: string; digest: Buffer }[];

  constructor(spec: string) {
    this.keys = spec
      .split(',')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf(':');
        return { name: pair.slice(0, at), digest: digest(pair.slice(at + 1)) };
      });
  }

  get size(): number {
    return this.keys.length;
  }

  /** The integration the key belongs to, or null. */
  identify(presented: string | undefined): string | null {
    if (!presented) return null;
    const candidate = digest(presented);
    let found: string | null = null;
    // No early exit: the time taken does not say which key (or none) matched.
    for (const key of this.keys) if (timingSafeEqual(candidate, key.digest) && found === null) found = key.name;
    return found;
  }
}
