import { describe, expect, it } from '@jest/globals';
import { readMessage } from './message-reader.js';

describe('readMessage', () => {
  it('drops the salutation and the closing and finds the ask', () => {
    const reading = readMessage('尊敬的王书记：您好！我妈今年75了，一个人住在乡下。请问她能领高龄津贴吗？谢谢！');
    expect(reading.asks).toHaveLength(1);
    expect(reading.asks[0].ask).toBe('请问她能领高龄津贴吗');
    expect(reading.body).not.toMatch(/书记|谢谢/);
  });

  it('gives an ask the clauses of its sentence and of the sentences before it', () => {
    const [unit] = readMessage('听说县里有高龄津贴。我妈75了，她能领吗？').asks;
    expect(unit.ask).toBe('她能领吗');
    expect(unit.lead).toEqual(['我妈75了']);
    expect(unit.earlier).toEqual(['听说县里有高龄津贴']);
  });

  it('reads traditional script and full-width punctuation like simplified', () => {
    expect(readMessage('領導您好，低保怎麼申請？').asks.map((a) => a.ask)).toEqual(['低保怎么申请']);
  });

  it('finds two asks in the order written', () => {
    expect(readMessage('低保怎么申请？另外医保怎么报销？').asks.map((a) => a.ask)).toEqual(['低保怎么申请', '另外医保怎么报销']);
  });

  it('prefers explicit requests over question words in the narration', () => {
    const asks = readMessage('不知道什么原因，补贴几个月没发了，希望有关部门尽快解决').asks.map((a) => a.ask);
    expect(asks).toEqual(['希望有关部门尽快解决']);
  });

  it('takes the opening sentence of a story with no ask', () => {
    const reading = readMessage('我们小区电梯坏了半个月\n物业一直拖着不修，老人上下楼很困难。');
    expect(reading.implicit).toBe(true);
    expect(reading.asks[0].ask).toBe('我们小区电梯坏了半个月');
  });

  it('has no ask in punctuation or emoji alone', () => {
    expect(readMessage('？？？。。。😀').asks).toEqual([]);
  });
});
