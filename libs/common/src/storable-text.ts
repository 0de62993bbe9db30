/**
 * Text PostgreSQL can store: no NUL characters (a `text` column refuses them) and no lone UTF-16
 * surrogates (they cannot be encoded as UTF-8). Both arrive in hostile or broken input; both are
 * replaced rather than allowed to fail a write later.
 */
export function storableText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u0000/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
