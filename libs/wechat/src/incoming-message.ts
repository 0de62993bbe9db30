import { WechatXmlError } from './wechat-xml.js';

/** One message or event pushed by WeChat (the fields the service uses). */
export interface IncomingMessage {
  /** The account (gh_…). */
  toUser: string;
  /** The resident's openid. */
  fromUser: string;
  createTime: string;
  msgType: string;
  msgId?: string;
  content?: string;
  recognition?: string;
  event?: string;
  eventKey?: string;
}

const RULES: [field: string, pattern: RegExp, required: boolean][] = [
  ['ToUserName', /^[\w@.-]{1,64}$/, true],
  ['FromUserName', /^[\w-]{1,64}$/, true],
  ['CreateTime', /^\d{1,12}$/, true],
  ['MsgType', /^[a-z_]{1,32}$/i, true],
  ['MsgId', /^\d{1,20}$/, false],
  ['Event', /^[\w.-]{1,64}$/, false],
];

/** Checks the fields every message must carry; a missing or malformed one is a 400, never processed. */
export function toIncomingMessage(fields: Record<string, string>): IncomingMessage {
  for (const [field, pattern, required] of RULES) {
    const value = fields[field];
    if (value === undefined || value === '') {
      if (required) throw new WechatXmlError(`缺少字段 ${field}`);
    } else if (!pattern.test(value)) {
      throw new WechatXmlError(`字段 ${field} 格式不正确`);
    }
  }
  if (fields.MsgType === 'event' && !fields.Event) throw new WechatXmlError('事件消息缺少字段 Event');
  return {
    toUser: fields.ToUserName,
    fromUser: fields.FromUserName,
    createTime: fields.CreateTime,
    msgType: fields.MsgType,
    msgId: fields.MsgId || undefined,
    content: fields.Content,
    recognition: fields.Recognition,
    event: fields.Event,
    eventKey: fields.EventKey,
  };
}

/**
 * WeChat's retry identity: FromUserName + MsgId for messages (a MsgId alone is not unique across
 * senders, and the cached reply is addressed to one of them), FromUserName + CreateTime for events.
 */
export function dedupeKey(message: IncomingMessage): string {
  return message.msgId
    ? `${message.toUser}:msg:${message.fromUser}:${message.msgId}`
    : `${message.toUser}:evt:${message.fromUser}:${message.createTime}:${message.event ?? message.msgType}`;
}
