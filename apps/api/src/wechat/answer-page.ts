import { summarizeItem } from '@app/conversation';
import type { ConcernRecord, KnowledgeSnapshot } from '@app/knowledge';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Paragraphs and line breaks of a plain-text answer, escaped. */
function paragraphs(text: string): string {
  return text.trim().split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n');
}

const safeUrl = (url: string | null) => (url && /^https?:\/\/[^\s"'<>]+$/.test(url) ? url : null);

const STYLE = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f8;color:#1f2329;font-size:17px;line-height:1.75}
main{max-width:44em;margin:0 auto;padding:1em 1.1em 3em;background:#fff;min-height:100vh;box-sizing:border-box}
h1{font-size:1.35em;line-height:1.4;margin:.6em 0 .8em}h2{font-size:1.05em;margin:1.6em 0 .4em;color:#b42318}
.card{border:1px solid #e5e6eb;border-radius:8px;padding:.6em .9em;margin:.6em 0}.muted{color:#646a73;font-size:.92em}
dl{margin:.3em 0}dt{color:#646a73;font-size:.9em}dd{margin:0 0 .4em}a{color:#1456f0}footer{margin-top:2em;font-size:.92em;color:#646a73}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The full approved answer of one concern with what it rests on: the page linked from shortened WeChat replies. */
export function renderAnswerPage(concern: ConcernRecord, knowledge: KnowledgeSnapshot, hotline: string): string {
  const items = concern.itemIds.flatMap((id) => {
    const item = knowledge.items.get(id);
    return item ? [summarizeItem(item, knowledge)] : [];
  });
  const interpretations = concern.interpretationIds.flatMap((id) => {
    const record = knowledge.interpretations.get(id);
    return record ? [record] : [];
  });
  const area = knowledge.areaName(concern.areaCode);
  const field = (label: string, value: string | null | undefined) => (value ? `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>` : '');
  const body = [
    area ? `<div class="muted">${escapeHtml(area)}</div>` : '',
    `<h1>${escapeHtml(concern.title)}</h1>`,
    paragraphs(concern.answer),
    items.length ? `<h2>依据的公开事项</h2>${items.map((i) => `<div class="card"><strong>${escapeHtml(i.title)}</strong><dl>
${field('所属领域', i.area ? `${i.area} · ${i.level1}` : i.level1)}${field('公开内容', i.content.join('；'))}${field('公开时限', i.timeLimit)}${field('公开主体', i.publisher)}${field('查看渠道', i.channels.join('、'))}</dl></div>`).join('\n')}` : '',
    interpretations.length ? `<h2>政策解读</h2>${interpretations.map((r) => {
      const url = safeUrl(r.url);
      const title = escapeHtml(r.title);
      return `<div class="card">${url ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${title}</a>` : `<strong>${title}</strong>`}
<div class="muted">${escapeHtml([r.publisher, r.docNumber, r.date].filter(Boolean).join(' · '))}</div></div>`;
    }).join('\n')}` : '',
    `<footer>以上为政务公开答复口径，具体以主管部门公布的为准。仍有疑问请拨打 ${escapeHtml(hotline)} 政务服务便民热线，或<a href="/chat">继续提问</a>。</footer>`,
  ];
  return page(`${concern.title} - 政务公开一键应答`, body.filter(Boolean).join('\n'));
}

export function renderNotFoundPage(hotline: string): string {
  return page('未找到答复', `<h1>未找到这条答复</h1><p>它可能已更新或下线。您可以<a href="/chat">重新提问</a>，或拨打 ${escapeHtml(hotline)} 政务服务便民热线。</p>`);
}
