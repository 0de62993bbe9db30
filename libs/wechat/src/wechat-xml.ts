import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Malformed, hostile (DOCTYPE/ENTITY) or incomplete XML: the webhook answers 400. */
export class WechatXmlError extends Error {
  override name = 'WechatXmlError';
}

// Values stay text: MsgId is a 64-bit integer and "0123" must not become 123.
const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, ignoreDeclaration: true, trimValues: true });

/**
 * The flat `<xml>` document WeChat posts, as text fields. DOCTYPE and ENTITY declarations are refused
 * before parsing (XXE, billion laughs); nested elements (e.g. ScanCodeInfo) are skipped.
 */
export function parseWechatXml(xml: string): Record<string, string> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new WechatXmlError('XML 不能包含 DOCTYPE 或 ENTITY 声明');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new WechatXmlError(`XML 格式错误：${valid.err.msg}（第 ${valid.err.line} 行）`);
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    throw new WechatXmlError(`XML 无法解析：${(error as Error).message}`);
  }
  const root = document.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new WechatXmlError('XML 根元素应为 <xml>');
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(root as Record<string, unknown>)) {
    if (Array.isArray(value)) throw new WechatXmlError(`字段 ${name} 重复出现`);
    if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}

// XML 1.0 forbids these characters even inside CDATA; an answer containing one would break the reply.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A CDATA section holding any text, `]]>` included (split across two sections). */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(XML_INVALID, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export interface TextReply {
  toUser: string;
  fromUser: string;
  content: string;
  createTime?: number;
}

/** Passive text reply (被动回复): ToUserName is the resident's openid, FromUserName the account. */
export function textReplyXml(reply: TextReply): string {
  const createTime = reply.createTime ?? Math.floor(Date.now() / 1000);
  return `<xml><ToUserName>${cdata(reply.toUser)}</ToUserName><FromUserName>${cdata(reply.fromUser)}</FromUserName>`
    + `<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(reply.content)}</Content></xml>`;
}

/** Safe-mode envelope around an encrypted reply. */
export function encryptedReplyXml(envelope: { encrypt: string; signature: string; timestamp: string; nonce: string }): string {
  return `<xml><Encrypt>${cdata(envelope.encrypt)}</Encrypt><MsgSignature>${cdata(envelope.signature)}</MsgSignature>`
    + `<TimeStamp>${envelope.timestamp}</TimeStamp><Nonce>${cdata(envelope.nonce)}</Nonce></xml>`;
}
