/** WeChat's limit for a passive (and customer-service) text reply, in UTF-8 bytes (≈ 680 Chinese characters). */
export const WECHAT_TEXT_LIMIT_BYTES = 2048;

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** The longest prefix of `text` within `maxBytes`, cut between characters (never inside an emoji or a UTF-8 sequence). */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let used = 0;
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    const size = utf8Bytes(segment);
    if (used + size > maxBytes) break;
    used += size;
    out += segment;
  }
  return out;
}

/**
 * `body` + `footer` within the limit. The footer (feedback hint) is always kept; a body that does not
 * fit is cut and followed by the link to the full answer page (or, without a link, by a pointer to the hotline).
 */
export function fitReply(
  body: string, options: { footer?: string; fullAnswerUrl?: string | null; hotline: string; limitBytes?: number },
): { text: string; truncated: boolean } {
  const limit = options.limitBytes ?? WECHAT_TEXT_LIMIT_BYTES;
  const footer = options.footer ? `\n\n${options.footer}` : '';
  if (utf8Bytes(body) + utf8Bytes(footer) <= limit) return { text: body + footer, truncated: false };
  const more = options.fullAnswerUrl
    ? `……\n\n内容较长，完整答复请点击：${options.fullAnswerUrl}`
    : `……\n\n内容较长，未能全部显示。详情可拨打${options.hotline}政务服务便民热线咨询。`;
  const room = Math.max(0, limit - utf8Bytes(more) - utf8Bytes(footer));
  return { text: truncateUtf8(body, room).trimEnd() + more + footer, truncated: true };
}
