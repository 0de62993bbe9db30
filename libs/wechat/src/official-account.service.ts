import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ConversationService, FeedbackService, ReplyComposer } from '@app/conversation';
import { JOB_QUEUE, JobName, type JobQueue } from '@app/jobs';
import { AnswerIndexService } from '@app/matching';
import { Subject } from 'rxjs';
import type { CustomerMessageJob } from './customer-message.sender.js';
import { maskOpenid } from './customer-message.sender.js';
import { HotConcernsService } from './hot-concerns.service.js';
import { dedupeKey, type IncomingMessage } from './incoming-message.js';
import { fitReply } from './reply-text.js';
import { ReplyDeduplicator } from './reply-deduplicator.js';
import { ResidentState } from './resident-state.js';
import { fullAnswerUrl, parseMenuAction, WECHAT_SETTINGS, type WechatSettings } from './wechat-settings.js';
import { textReplyXml } from './wechat-xml.js';

/** What WeChat accepts as "no passive reply" (it then neither retries nor shows an error). */
export const WECHAT_SUCCESS = 'success';

const FEEDBACK_TTL_SECONDS = 30 * 60;
const FEEDBACK_HINT = '这条答复对您有帮助吗？回复“1”有用，回复“0”没用。';
const FEEDBACK = /^(?:(有用|有帮助|满意|1|１)|(没用|没有用|无用|没帮助|没有帮助|不满意|0|０))[!！。.～~]*$/u;
const MAX_QUESTION_CHARS = 1000;
const TIMEOUT = Symbol('timeout');

/**
 * The official account's conversation: routes each message or event to a reply, answers within the
 * reply budget (else `success` now and the answer later as a customer-service message), processes
 * WeChat's retries once, and keeps per-resident clarification and feedback.
 */
@Injectable()
export class OfficialAccountService {
  private readonly logger = new Logger('WechatOfficialAccount');
  private readonly composer: ReplyComposer;
  /** Emits each time the budget ran out and the answer went to the customer-service queue (metrics listen). */
  readonly lateReplies = new Subject<void>();

  constructor(
    @Inject(WECHAT_SETTINGS) private readonly settings: WechatSettings,
    private readonly conversation: ConversationService,
    private readonly feedback: FeedbackService,
    private readonly answerIndex: AnswerIndexService,
    private readonly hotConcerns: HotConcernsService,
    private readonly residents: ResidentState,
    private readonly dedupe: ReplyDeduplicator,
    @Optional() @Inject(JOB_QUEUE) private readonly jobs?: JobQueue,
  ) {
    this.composer = new ReplyComposer(settings.hotline);
  }

  /** The passive reply XML (plain) or `success`; retries of one message get the first attempt's reply. */
  async handle(message: IncomingMessage): Promise<string> {
    let produced = false;
    try {
      return await this.dedupe.once(dedupeKey(message), this.settings.replyBudgetMs, WECHAT_SUCCESS, () => {
        produced = true;
        return this.produce(message);
      });
    } catch (error) {
      // The shared store (Redis) is away: answer anyway, without retry de-duplication, rather than fail.
      if (produced) throw error;
      this.logger.warn(`去重存储不可用，本条消息不去重直接处理：${(error as Error).message}`);
      return this.produce(message);
    }
  }

  private async produce(message: IncomingMessage): Promise<string> {
    const started = performance.now();
    if (message.msgType !== 'event') {
      await this.residents.messageReceived(message.fromUser).catch((error: Error) => {
        this.logger.warn(`记录客服消息窗口失败（存储不可用）：${error.message}`);
      });
    }
    const work = this.respond(message).catch((error: Error) => {
      this.logger.error(`处理公众号消息失败：${error.message}`);
      return `抱歉，系统暂时繁忙，请稍后再试，或拨打${this.settings.hotline}政务服务便民热线。`;
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), this.settings.replyBudgetMs);
    });
    const content = await Promise.race([work, deadline]).finally(() => clearTimeout(timer));
    const openid = maskOpenid(message.fromUser);
    if (content === TIMEOUT) {
      this.logger.warn(`公众号消息（${message.msgType}，${openid}）未能在 ${this.settings.replyBudgetMs} ms 内答复：先回 success，答复改用客服消息发送`);
      this.lateReplies.next();
      void work.then(async (late) => {
        if (late) await this.sendLater({ openid: message.fromUser, content: late }, dedupeKey(message));
      });
      return WECHAT_SUCCESS;
    }
    // Questions (text, voice) are in the query log; events and other messages leave this line.
    const line = `公众号消息（${message.msgType}${message.event ? `/${message.event}` : ''}，${openid}）已答复，用时 ${(performance.now() - started).toFixed(0)} ms`;
    if (message.msgType === 'text' || message.msgType === 'voice') this.logger.debug?.(line);
    else this.logger.log(line);
    if (content === null) return WECHAT_SUCCESS;
    // Engine answers are already fitted (with their link); this keeps menu texts and lists within the limit too.
    const text = fitReply(content, { hotline: this.settings.hotline }).text;
    return textReplyXml({ toUser: message.fromUser, fromUser: message.toUser, content: text });
  }

  private async sendLater(job: CustomerMessageJob, key: string): Promise<void> {
    if (!this.jobs || !this.settings.appId || !this.settings.appSecret) {
      this.logger.warn('未配置 WECHAT_APP_ID / WECHAT_APP_SECRET，超时的答复无法通过客服消息发送');
      return;
    }
    try {
      await this.jobs.add(JobName.WechatCustomerMessage, job, { attempts: 5, jobId: `wechat-kf:${key}` });
    } catch (error) {
      this.logger.error(`客服消息任务入队失败：${(error as Error).message}`);
    }
  }

  /** The reply text for one message or event; null = nothing to say (`success`). */
  async respond(message: IncomingMessage): Promise<string | null> {
    switch (message.msgType) {
      case 'text':
        return this.fromResident(message.fromUser, message.content ?? '');
      case 'voice':
        // Recognition is present only when 语音识别 is on, and may be empty.
        return message.recognition?.trim() ? this.fromResident(message.fromUser, message.recognition) : this.pleaseType('语音');
      case 'image':
        return this.pleaseType('图片');
      case 'location':
        return this.pleaseType('位置');
      case 'event':
        return this.onEvent(message);
      default:
        return this.pleaseType('这类消息');
    }
  }

  private pleaseType(what: string): string {
    return `抱歉，暂时还不能识别${what}。请直接输入文字描述您想咨询的问题，例如“低保怎么申请”。`;
  }

  private async fromResident(openid: string, text: string): Promise<string> {
    const question = text.trim();
    if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(question)) return this.composer.empty();
    const feedback = FEEDBACK.exec(question);
    if (feedback) {
      const last = await this.residents.lastAnswer(openid);
      if (last) return this.recordFeedback(openid, last, Boolean(feedback[1]));
    }
    return this.ask(openid, question);
  }

  private async ask(openid: string, question: string): Promise<string> {
    const result = await this.conversation.ask({ text: question.slice(0, MAX_QUESTION_CHARS), userId: openid, channel: 'wechat' });
    if (result.decision === 'answer' && result.concern) {
      await this.residents.rememberAnswer(openid, { concernId: result.concern.id, question }, FEEDBACK_TTL_SECONDS);
      return this.fit(result.reply, result.concern.id);
    }
    await this.residents.forgetAnswer(openid);
    return this.fit(result.reply, null);
  }

  private fit(body: string, concernId: string | null): string {
    return fitReply(body, {
      footer: concernId ? FEEDBACK_HINT : undefined,
      fullAnswerUrl: concernId ? fullAnswerUrl(this.settings, concernId) : null,
      hotline: this.settings.hotline,
    }).text;
  }

  private async recordFeedback(openid: string, last: { concernId: string; question: string }, useful: boolean): Promise<string> {
    await this.feedback.record({ channel: 'wechat', userRef: openid, concernId: last.concernId, useful, question: last.question });
    await this.residents.forgetAnswer(openid);
    return useful
      ? '感谢您的反馈！还有其他问题，请直接发送。'
      : `感谢您的反馈，我们会改进这条答复。您可以换个说法再问，或拨打${this.settings.hotline}政务服务便民热线咨询。`;
  }

  private async onEvent(message: IncomingMessage): Promise<string | null> {
    const event = (message.event ?? '').toLowerCase();
    if (event === 'subscribe') return `${this.settings.welcome}\n\n${await this.hotList()}`;
    if (event === 'click') return this.onMenuClick(message.fromUser, message.eventKey ?? '');
    // unsubscribe, VIEW, LOCATION, SCAN and the like need no reply.
    return null;
  }

  private async hotList(): Promise<string> {
    const hot = await this.hotConcerns.list();
    if (hot.length === 0) return '请直接发送您想咨询的问题。';
    return `大家都在问：\n${hot.map((c) => `· ${c.title}`).join('\n')}\n\n直接发送您的问题即可，也可以把上面任意一条发给我。`;
  }

  private async onMenuClick(openid: string, key: string): Promise<string> {
    const configured = Object.hasOwn(this.settings.menu, key) ? this.settings.menu[key] : undefined;
    const action = configured ? parseMenuAction(configured) : null;
    if (!action) return '该菜单暂未配置内容，请直接发送您想咨询的问题。';
    if (action.kind === 'hot') return this.hotList();
    if (action.kind === 'text') return action.value;
    if (action.kind === 'ask') return this.ask(openid, action.value);
    const knowledge = this.answerIndex.current().knowledge;
    if (action.kind === 'concern') {
      const concern = knowledge.concerns.get(action.value);
      if (!concern || concern.status !== 'published') return '该菜单对应的内容暂未发布，请直接发送您想咨询的问题。';
      await this.residents.rememberAnswer(openid, { concernId: concern.id, question: `菜单：${concern.title}` }, FEEDBACK_TTL_SECONDS);
      return this.fit(this.composer.answer(concern, knowledge), concern.id);
    }
    const concerns = knowledge.publishedConcerns().filter((c) => c.areaCode === action.value).slice(0, 8);
    if (concerns.length === 0) return '该领域暂无常见问题，请直接发送您想咨询的问题。';
    return `【${knowledge.areaName(action.value)}】常见问题：\n${concerns.map((c) => `· ${c.title}`).join('\n')}\n\n请发送您想了解的问题。`;
  }
}
