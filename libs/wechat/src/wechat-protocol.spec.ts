import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { WechatCrypt, WechatCryptError } from './wechat-crypt.js';
import { signatureMatches, wechatSignature } from './wechat-signature.js';
import { cdata, encryptedReplyXml, parseWechatXml, textReplyXml, WechatXmlError } from './wechat-xml.js';

// Official vectors: /work/shared/reference/wechat-12345-protocols.md §1.1 and §1.5 (Tencent 消息推送 doc,
// Tencent WXBizMsgCrypt sample, wechatpy and node-webot tests).
const OFFICIAL = {
  token: 'AAAAA',
  key: 'A'.repeat(43),
  appId: 'wxba5fad812f8e6fb9',
  timestamp: '1714112445',
  nonce: '415670741',
  msgSignature: '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3',
  encrypt: '+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=',
  message: '{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}',
};

describe('signature (plain mode)', () => {
  it('matches the official GET verification vector', () => {
    expect(wechatSignature('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
  });

  it('matches the official POST vector and the node-webot vector', () => {
    expect(wechatSignature('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
    expect(wechatSignature('RMNlACHlV5ThzfRlVS4D4', 'timestamp', 'nonce', 'encrypt')).toBe('8edac0945683c119ee71c9f6256d76c48aa08a96');
  });

  it('compares in constant time and refuses anything that is not a 40-hex string', () => {
    const good = 'f464b24fc39322e44b38aa78f5edd27bd1441696';
    expect(signatureMatches(good, good)).toBe(true);
    expect(signatureMatches(good, good.toUpperCase())).toBe(true);
    expect(signatureMatches(good, `${good.slice(0, 39)}7`)).toBe(false);
    for (const bad of [undefined, '', 'zz', ['a'], good + '0']) expect(signatureMatches(good, bad)).toBe(false);
  });
});

describe('safe mode (AES)', () => {
  const crypt = new WechatCrypt([OFFICIAL.key], OFFICIAL.appId);

  it('verifies the official msg_signature and decrypts the official message (32-byte padding)', () => {
    expect(wechatSignature(OFFICIAL.token, OFFICIAL.timestamp, OFFICIAL.nonce, OFFICIAL.encrypt)).toBe(OFFICIAL.msgSignature);
    expect(crypt.decrypt(OFFICIAL.encrypt)).toEqual({ message: OFFICIAL.message, keyIndex: 0 });
  });

  it('encrypts the official reply vector byte for byte, with its MsgSignature', () => {
    const encrypt = crypt.encrypt('{"demo_resp":"good luck"}', { random: Buffer.from('707722b803182950') });
    expect(encrypt).toBe('ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==');
    expect(wechatSignature(OFFICIAL.token, '1713424427', '415670741', encrypt)).toBe('1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1');
  });

  it('matches the Tencent SDK sample with Chinese text', () => {
    const sdk = new WechatCrypt(['abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'], 'wxb11529c136998cb6');
    const encrypt = sdk.encrypt('我是中文abcd123', { random: Buffer.from('aaaabbbbccccdddd') });
    expect(encrypt).toBe('jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==');
    expect(sdk.decrypt(encrypt).message).toBe('我是中文abcd123');
  });

  it('round-trips every length across the 32-byte padding boundary', () => {
    for (let n = 0; n < 70; n++) {
      const message = '政'.repeat(n) + 'x'.repeat(n % 3);
      expect(crypt.decrypt(crypt.encrypt(message)).message).toBe(message);
    }
  });

  it('refuses another account, a tampered text, a wrong key and non-base64', () => {
    const other = new WechatCrypt([OFFICIAL.key], 'wx0000000000000000');
    expect(() => other.decrypt(OFFICIAL.encrypt)).toThrow(WechatCryptError);
    const tampered = `${OFFICIAL.encrypt.slice(0, 40)}${OFFICIAL.encrypt[40] === 'A' ? 'B' : 'A'}${OFFICIAL.encrypt.slice(41)}`;
    expect(() => crypt.decrypt(tampered)).toThrow(WechatCryptError);
    expect(() => new WechatCrypt(['B'.repeat(43)], OFFICIAL.appId).decrypt(OFFICIAL.encrypt)).toThrow(WechatCryptError);
    expect(() => crypt.decrypt('<xml>')).toThrow(WechatCryptError);
    expect(() => crypt.decrypt('QUJD')).toThrow(WechatCryptError);
    expect(() => new WechatCrypt(['short'], OFFICIAL.appId)).toThrow(WechatCryptError);
  });

  it('accepts the previous key during a key change and reports which key opened the message', () => {
    const rotated = new WechatCrypt(['C'.repeat(43), OFFICIAL.key], OFFICIAL.appId);
    expect(rotated.decrypt(OFFICIAL.encrypt)).toEqual({ message: OFFICIAL.message, keyIndex: 1 });
    const reply = rotated.encrypt('ok', { keyIndex: 1 });
    expect(crypt.decrypt(reply).message).toBe('ok');
  });
});

const SAMPLE_TEXT = '<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName>'
  + '<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType>'
  + '<Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId></xml>';

describe('XML', () => {
  it('reads the official text sample as text fields', () => {
    expect(parseWechatXml(SAMPLE_TEXT)).toEqual({
      ToUserName: 'toUser', FromUserName: 'fromUser', CreateTime: '1348831860', MsgType: 'text', Content: 'this is a test', MsgId: '1234567890123456',
    });
  });

  it('keeps 64-bit MsgIds and leading zeros as text', () => {
    const fields = parseWechatXml('<xml><MsgId>22876340532172986</MsgId><Content><![CDATA[0123]]></Content><Other>007</Other></xml>');
    expect(fields).toMatchObject({ MsgId: '22876340532172986', Content: '0123', Other: '007' });
  });

  it.each([
    ['DOCTYPE with an external entity (XXE)', '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>'],
    ['billion laughs', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><xml><Content>&lol2;</Content></xml>'],
    ['a lowercase doctype', '<!doctype xml><xml></xml>'],
    ['unclosed tags', '<xml><Content>hi</xml>'],
    ['not XML at all', '{"ToUserName":"x"}'],
    ['another root', '<message><Content>hi</Content></message>'],
    ['a repeated field', '<xml><Content>a</Content><Content>b</Content></xml>'],
    ['an empty root', '<xml></xml>'],
  ])('refuses %s', (_name, xml) => {
    expect(() => parseWechatXml(xml)).toThrow(WechatXmlError);
  });

  it('escapes ]]> inside CDATA so the reply parses back to the same text', () => {
    const tricky = '答复]]><xml>注入</xml>]]]]>&<>"\'结束';
    const xml = textReplyXml({ toUser: 'o-openid', fromUser: 'gh_account', content: tricky, createTime: 12345678 });
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml) as { xml: Record<string, unknown> };
    expect(parsed.xml).toEqual({ ToUserName: 'o-openid', FromUserName: 'gh_account', CreateTime: '12345678', MsgType: 'text', Content: tricky });
    expect(cdata(']]>')).toBe('<![CDATA[]]]]><![CDATA[>]]>');
  });

  it('drops characters XML cannot carry (control characters, lone surrogates)', () => {
    expect(cdata('a\u0000b\u0007c\ud800d\ne')).toBe('<![CDATA[abcd\ne]]>');
  });

  it('builds the safe-mode envelope in the official field order', () => {
    expect(encryptedReplyXml({ encrypt: 'E', signature: 'S', timestamp: '1', nonce: 'N' }))
      .toBe('<xml><Encrypt><![CDATA[E]]></Encrypt><MsgSignature><![CDATA[S]]></MsgSignature><TimeStamp>1</TimeStamp><Nonce><![CDATA[N]]></Nonce></xml>');
  });
});
