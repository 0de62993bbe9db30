import {
  parseChannels, splitNumberedList, type CatalogueItemRecord, type ConcernRecord, type KnowledgeSnapshot,
} from '@app/knowledge';
import type { ScoredCandidate } from '@app/matching';
import type { SmallTalkKind } from './small-talk.js';

const MAX_CONTENT_ENTRIES = 3;

/** Replies in plain Chinese, short lines, readable on a phone. */
export class ReplyComposer {
  constructor(private readonly hotline: string) {}

  answer(concern: ConcernRecord, knowledge: KnowledgeSnapshot): string {
    const parts = [`【${concern.title}】`, concern.answer.trim()];
    const item = concern.itemIds.map((id) => knowledge.items.get(id)).find(Boolean);
    if (item) parts.push(this.itemBlock(item, knowledge));
    const interpretations = concern.interpretationIds
      .map((id) => knowledge.interpretations.get(id))
      .filter((i) => i !== undefined);
    if (interpretations.length > 0) parts.push(`政策解读：${interpretations.map((i) => bookTitle(i.title)).join('、')}`);
    return parts.join('\n\n');
  }

  itemBlock(item: CatalogueItemRecord, knowledge: KnowledgeSnapshot): string {
    const area = knowledge.areaName(item.areaCode);
    const lines = [`公开事项：${item.title}${area ? `（${area}领域·${item.level1}）` : ''}`];
    const content = splitNumberedList(item.content);
    if (content.length > 0) {
      const shown = content.slice(0, MAX_CONTENT_ENTRIES).join('；');
      lines.push(`公开内容：${shown}${content.length > MAX_CONTENT_ENTRIES ? '等' : ''}`);
    }
    if (item.timeLimit) lines.push(`公开时限：${item.timeLimit}`);
    if (item.publisher) lines.push(`公开主体：${item.publisher}`);
    const channels = parseChannels(item.channels);
    if (channels.length > 0) lines.push(`查看渠道：${channels.join('、')}`);
    return lines.join('\n');
  }

  clarify(choices: ScoredCandidate[]): string {
    const list = choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n');
    return `您想咨询的是下面哪一项？请回复序号：\n${list}\n\n都不是？请换个说法再问，或拨打${this.hotline}政务服务便民热线。`;
  }

  /** The second request of a message, offered after the answer to the first. */
  followUp(concern: Pick<ScoredCandidate, 'title'>): string {
    return `您还问到“${concern.title}”，回复 1 查看。`;
  }

  /** @param department the body that handles the nearest (if implausible) matter, as a pointer */
  none(related: ScoredCandidate[], department: string | null = null): string {
    const lines = [
      '抱歉，暂时没有找到与您问题相符的答复。您的问题已记录，工作人员会尽快补充。',
      department
        ? `这类问题可以咨询${department}，或拨打${this.hotline}政务服务便民热线，由热线转交办理。`
        : `您也可以拨打${this.hotline}政务服务便民热线咨询，由热线转交有关部门办理。`,
    ];
    if (related.length > 0) lines.push(`以下公开信息可能与您的问题有关：\n${related.map((r) => `· ${r.title}`).join('\n')}`);
    return lines.join('\n');
  }

  smallTalk(kind: SmallTalkKind, examples: string[]): string {
    if (kind === 'thanks') return '不客气！还有其他问题，随时可以问我。';
    if (kind === 'goodbye') return `好的，再见！有政策问题随时来问，也可以拨打${this.hotline}热线。`;
    const hint = examples.length > 0 ? `，例如：${examples.slice(0, 3).map((e) => `“${e}”`).join('、')}` : '';
    if (kind === 'chitchat') return `我是政务公开智能问答助手，只能回答政策和办事方面的问题。请直接输入您想咨询的问题${hint}。`;
    return `您好！我是政务公开智能问答助手。请直接输入您想咨询的政策问题${hint}。`;
  }

  expiredChoice(): string {
    return '现在没有待选的事项（选项 10 分钟内有效）。请直接说说您想咨询的问题，我再为您列出可选的事项。';
  }

  empty(): string {
    return '您好，请用文字说说您想咨询的事，例如“低保怎么申请”“老人高龄津贴怎么领”。';
  }
}

function bookTitle(title: string): string {
  return /^《.*》/.test(title) ? title : `《${title}》`;
}
