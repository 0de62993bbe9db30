/**
 * A generated corpus of bad inputs: malformed and hostile bodies, queries and headers of the kinds
 * an internet-facing government service receives. Deterministic (seeded), so a failure reproduces.
 */

export interface HostileRequest {
  kind: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Mulberry32: small, fast, seedable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  "' OR 1=1 --", "'; DROP TABLE concerns; --", '" UNION SELECT password FROM users --', '1; SELECT pg_sleep(10)',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${jndi:ldap://x/a}',
  '../../../../etc/passwd', '..%2f..%2fetc%2fpasswd', '%00', '\u0000', '\u202e', '\ufeff', '\ud800', '\udfff',
  '😀👨‍👩‍👧‍👦', '低保怎么申请', '醫保報銷', 'ＡＢＣ１２３', '\u0007\u001b[31m', '\r\n\r\nHTTP/1.1 200 OK', '__proto__', 'constructor',
  'A'.repeat(5000), '中'.repeat(3000), '0x7fffffff', '-1', '1e309', 'NaN', 'null', 'true', '[]', '{}',
];

const WRONG_TYPES: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e309, '', ' ', [], {}, [1, 2], { a: 1 }, ['低保'], { $gt: '' }, { __proto__: { admin: true } },
];

/** encodeURIComponent that does not throw on lone surrogates (they are part of the corpus). */
function encode(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, (c) => `%${c.charCodeAt(0).toString(16)}`));
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

function randomBytesFrom(random: () => number, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256);
  return out;
}

function deepNesting(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

const INVALID_UTF8 = [Buffer.from([0xc3, 0x28]), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from([0xf0, 0x28, 0x8c, 0xbc]), Buffer.from([0xff, 0xfe, 0xfd])];

/** Bodies for a JSON endpoint whose schema is `fields` (name → a valid value). */
export function hostileJsonBodies(random: () => number, fields: Record<string, unknown>, count: number): { kind: string; body: Buffer; contentType: string }[] {
  const names = Object.keys(fields);
  const json = (value: unknown) => ({ body: Buffer.from(JSON.stringify(value) ?? '') });
  const generators: [string, () => { body: Buffer; contentType?: string }][] = [
    ['malformed-json', () => {
      const text = JSON.stringify(fields);
      const cut = Math.floor(random() * text.length);
      return { body: Buffer.from(text.slice(0, cut) + pick(random, ['', ',', '}', '{{', '"', "'", ']', '\\', ',}'])) };
    }],
    ['random-bytes', () => ({ body: randomBytesFrom(random, 1 + Math.floor(random() * 400)) })],
    ['wrong-type', () => json({ ...fields, [pick(random, names)]: pick(random, WRONG_TYPES) })],
    ['missing-field', () => {
      const copy: Record<string, unknown> = { ...fields };
      delete copy[pick(random, names)];
      return json(copy);
    }],
    ['unknown-field', () => json({ ...fields, [pick(random, ['isAdmin', 'role', 'id', 'status', '$where', 'constructor'])]: pick(random, FRAGMENTS) })],
    ['prototype-pollution', () => ({ body: Buffer.from(`{"__proto__":{"polluted":1},${JSON.stringify(fields).slice(1)}`) })],
    ['deep-nesting', () => ({ body: Buffer.from(`{"${pick(random, names)}":${deepNesting(500 + Math.floor(random() * 5000), '[', ']')}}`) })],
    ['huge-body', () => json({ ...fields, [pick(random, names)]: 'x'.repeat(70_000 + Math.floor(random() * 200_000)) })],
    ['control-characters', () => json({ ...fields, [pick(random, names)]: `\u0000\u0001\u0008\u000b\u001f${pick(random, FRAGMENTS)}\u007f` })],
    ['invalid-utf8', () => ({ body: Buffer.concat([Buffer.from(`{"${pick(random, names)}":"`), pick(random, INVALID_UTF8), Buffer.from('"}')]) })],
    ['injection-fragment', () => json({ ...fields, [pick(random, names)]: pick(random, FRAGMENTS) })],
    ['top-level-not-object', () => json(pick(random, [[], [fields], 'text', 42, null, true]))],
    ['wrong-content-type', () => ({ body: Buffer.from(`text=${encode(pick(random, FRAGMENTS))}`), contentType: pick(random, ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin-9']) })],
    ['empty-body', () => ({ body: Buffer.alloc(0) })],
  ];
  return Array.from({ length: count }, () => {
    const [kind, make] = pick(random, generators);
    const { body, contentType } = make();
    return { kind, body, contentType: contentType ?? 'application/json' };
  });
}

/** Query strings for a GET endpoint taking `params`. */
export function hostileQueries(random: () => number, params: Record<string, string>, count: number): { kind: string; query: string }[] {
  const names = Object.keys(params);
  const encodeAll = (entries: [string, string][]) => entries.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const generators: [string, () => string][] = [
    ['injection-fragment', () => encodeAll([[pick(random, names), pick(random, FRAGMENTS)]])],
    ['repeated-parameter', () => encodeAll(names.flatMap((n) => [[n, '低保'], [n, pick(random, FRAGMENTS)]] as [string, string][]))],
    ['bracket-object', () => `${pick(random, names)}[$gt]=&${pick(random, names)}[__proto__][x]=1`],
    ['raw-percent', () => `${pick(random, names)}=%E4%B8%AD%ZZ%${Math.floor(random() * 99)}`],
    ['overlong', () => encodeAll([[pick(random, names), '查'.repeat(300 + Math.floor(random() * 3000))]])],
    ['empty', () => encodeAll([[pick(random, names), pick(random, ['', ' ', '\u3000', '\u0000'])]])],
    ['unknown-parameter', () => `${encodeAll(Object.entries(params))}&${encode(pick(random, FRAGMENTS).slice(0, 40))}=1`],
    ['wrong-number', () => encodeAll([...Object.entries(params), ['limit', pick(random, ['-1', '0', '1e9', 'abc', '10.5', '99999'])]])],
  ];
  return Array.from({ length: count }, () => {
    const [kind, make] = pick(random, generators);
    return { kind, query: make() };
  });
}

/** Path segments for GET /…/:id endpoints. */
export function hostileIds(random: () => number, count: number): { kind: string; id: string }[] {
  const generators: [string, () => string][] = [
    ['injection-fragment', () => encode(pick(random, FRAGMENTS).slice(0, 200))],
    ['traversal', () => pick(random, ['..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f', '....//', '%252e%252e%252f'])],
    ['overlong', () => 'a'.repeat(300 + Math.floor(random() * 5000))],
    ['raw-percent', () => `%${pick(random, ['ZZ', 'E4%B8', 'C0%AF', '00'])}`],
    ['unicode', () => encode(pick(random, ['低保', '醫保', '😀', '\u202e', 'ｉｄ']))],
  ];
  return Array.from({ length: count }, () => {
    const [kind, make] = pick(random, generators);
    return { kind, id: make() };
  });
}

/** XML bodies for the WeChat webhook: malformed, entity attacks, wrong shapes. `valid` is a correct message. */
export function hostileXmlBodies(random: () => number, valid: string, count: number): { kind: string; body: Buffer }[] {
  const generators: [string, () => Buffer][] = [
    ['truncated-xml', () => Buffer.from(valid.slice(0, Math.floor(random() * valid.length)))],
    ['external-entity', () => Buffer.from(`<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${valid.replace('<Content><![CDATA[', '<Content>&xxe;<![CDATA[')}`)],
    ['billion-laughs', () => Buffer.from(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Content>&lol3;</Content></xml>`)],
    ['deep-nesting', () => Buffer.from(`<xml>${deepNesting(200 + Math.floor(random() * 3000), '<a>', '</a>')}</xml>`)],
    ['huge-body', () => Buffer.from(valid.replace('<Content><![CDATA[', `<Content><![CDATA[${'长'.repeat(20_000 + Math.floor(random() * 100_000))}`))],
    ['missing-field', () => Buffer.from(valid.replace(pick(random, [/<FromUserName>.*?<\/FromUserName>/, /<MsgType>.*?<\/MsgType>/, /<CreateTime>.*?<\/CreateTime>/, /<ToUserName>.*?<\/ToUserName>/]), ''))],
    ['wrong-type', () => Buffer.from(valid.replace(/<MsgType>.*?<\/MsgType>/, `<MsgType><![CDATA[${pick(random, ['', 'exec', '<b>', 'text ', 'TEXT', '😀'])}]]></MsgType>`))],
    ['random-bytes', () => randomBytesFrom(random, 1 + Math.floor(random() * 500))],
    ['invalid-utf8', () => Buffer.concat([Buffer.from(valid.slice(0, valid.indexOf('<Content>') + 9)), pick(random, INVALID_UTF8), Buffer.from(valid.slice(valid.indexOf('</Content>')))])],
    ['json-instead', () => Buffer.from(JSON.stringify({ Content: '低保', MsgType: 'text' }))],
    ['cdata-break', () => Buffer.from(valid.replace('<Content><![CDATA[', '<Content><![CDATA[]]><MsgType>event</MsgType><![CDATA['))],
    ['control-characters', () => Buffer.from(valid.replace('<Content><![CDATA[', '<Content><![CDATA[\u0000\u0001\u001b'))],
    ['empty-body', () => Buffer.alloc(0)],
  ];
  return Array.from({ length: count }, () => {
    const [kind, make] = pick(random, generators);
    return { kind, body: make() };
  });
}
