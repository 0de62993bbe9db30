import { describe, expect, it } from '@jest/globals';
import { concernFixture, indexOfConcerns } from './concern.fixture.js';

describe('homophone correction in AnswerIndex.analyse', () => {
  const concerns = [
    concernFixture('C-notary', '房产继承公证去哪里办', ['遗嘱公证怎么办理']),
    concernFixture('C-orphan', '父母失联的孩子能领什么补助', ['孩子爸妈失联了']),
    concernFixture('C-dibao', '低保怎么申请', ['低保申请材料']),
  ];
  const index = indexOfConcerns(concerns);

  it('corrects a non-word typo to the known word that sounds the same', () => {
    const query = index.analyse('低保申情去哪里');
    expect(query.corrections).toEqual({ 申情: '申请' });
    expect(query.terms).toContain('申请');
  });

  it('corrects a real word when the sound-alike fits the rest of the question', () => {
    expect(index.analyse('房产继承的公正在哪办').corrections).toEqual({ 公正: '公证' });
  });

  it('leaves a real word alone when the sound-alike does not fit the question', () => {
    const query = index.analyse('我失恋了好难过');
    expect(query.corrections).toEqual({});
    expect(query.terms).toContain('失恋');
  });
});
