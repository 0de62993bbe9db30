import { randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { cdata, wechatSignature } from '@app/wechat';

/** Signed query string of a webhook call, as WeChat builds it (timestamp = now unless given). */
export function signedQuery(token: string, extra: Record<string, string> = {}, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  const nonce = String(randomBytes(4).readUInt32BE(0));
  return { signature: wechatSignature(token, timestamp, nonce), timestamp, nonce, ...extra };
}

let sequence = 0;

/** A fresh 64-bit-looking MsgId (unique per test run, so a shared Redis never sees it twice). */
export function newMsgId(): string {
  return `${Date.now()}${String(++sequence).padStart(4, '0')}${randomBytes(1).readUInt8(0) % 10}`;
}

export function randomOpenid(): string {
  return `o${randomBytes(14).toString('base64url').slice(0, 27)}`;
}

/** The XML WeChat posts, fields in the order of the official samples. */
export function wechatXml(fields: Record<string, string>): string {
  const body = Object.entries(fields)
    .map(([name, value]) => (/^(CreateTime|MsgId)$/.test(name) ? `<${name}>${value}</${name}>` : `<${name}>${cdata(value)}</${name}>`))
    .join('');
  return `<xml>${body}</xml>`;
}

export function textMessage(openid: string, content: string, msgId = newMsgId()): string {
  return wechatXml({ ToUserName: 'gh_test_account', FromUserName: openid, CreateTime: String(Math.floor(Date.now() / 1000)), MsgType: 'text', Content: content, MsgId: msgId });
}

export function parseReply(xml: string): Record<string, string> {
  return (new XMLParser({ parseTagValue: false }).parse(xml) as { xml: Record<string, string> }).xml;
}
