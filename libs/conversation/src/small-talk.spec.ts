import { describe, expect, it } from '@jest/globals';
import { detectSmallTalk, parseChoice } from './small-talk.js';

describe('detectSmallTalk', () => {
  it.each([['你好', 'greeting'], ['您好呀', 'greeting'], ['在吗', 'greeting'], ['谢谢', 'thanks'], ['谢谢你', 'thanks'], ['再见', 'goodbye']])(
    '%s → %s', (text, kind) => expect(detectSmallTalk(text)).toBe(kind),
  );

  it('does not take a question that starts with a greeting for small talk', () => {
    expect(detectSmallTalk('你好 低保怎么申请')).toBeNull();
  });
});

describe('parseChoice', () => {
  it.each([['2', 2], ['第2个', 2], ['第二个', 2], ['选3', 3], ['一', 1]])('%s → %d', (text, n) => expect(parseChoice(text)).toBe(n));

  it('is null for anything else', () => {
    expect(parseChoice('12345')).toBeNull();
    expect(parseChoice('低保')).toBeNull();
    expect(parseChoice('0')).toBeNull();
  });
});

describe('detectSmallTalk: chat that is not a policy question', () => {
  it.each(['你几岁了', '你是机器人吗？', '现在几点了', '今天星期几', '明天天气怎么样', '讲个笑话吧', '陪我聊聊天', '我好无聊啊', '你真笨', '测试', '你叫什么名字', '你的名字是什么', '今天是我生日', '祝我生日快乐'])(
    '%s is chat', (text) => expect(detectSmallTalk(text)).toBe('chitchat'),
  );

  it.each(['你能帮我查下低保吗', '几点上班', '图书馆几点开门', '高温天气有补贴吗', '孩子几岁上学', '你们单位在哪', '天气太热工地停工有工资吗', '我想改名字', '孩子生日和户口本上不一样', '生日填错了怎么改'])(
    '%s is a question', (text) => expect(detectSmallTalk(text)).toBeNull(),
  );
});
