import { describe, expect, it } from '@jest/globals';
import { concernFixture, indexOfConcerns } from './concern.fixture.js';

describe('homophone correction in AnswerIndex.analyse', () => {
  const concerns = [
    concernFixture('C-notary', '房产继承公证去哪里办', ['遗嘱公证怎么办理']),
    concernFixture('C-orphan', '父母失联的孩子能领什么补助', ['孩子爸妈失联了']),
    concernFixture('C-dibao', '低保怎么申请', ['低保申请材料']),
    concernFixture('C-pension-cert', '养老金资格认证怎么做', ['领养老金要年年认证吗']),
    concernFixture('C-death', '死亡注销户口', ['人去世了户口怎么销']),
    concernFixture('C-unemployment', '失业金怎么领', ['失业了能领失业金吗']),
  ];
  const index = indexOfConcerns(concerns);

  it('corrects a non-word typo to the known word that sounds the same', () => {
    const query = index.analyse('低保申情去哪里');
    expect(query.corrections).toEqual({ 申情: '申请' });
    expect(query.terms).toContain('申请');
  });

  it('corrects 认正 and 认症, which are not words, to 认证', () => {
    expect(index.analyse('养老金认正怎么弄').corrections).toEqual({ 认正: '认证' });
    expect(index.analyse('养老金认症在哪做').corrections).toEqual({ 认症: '认证' });
  });

  it('never corrects a real word, however well the sound-alike would fit (公正 next to 继承)', () => {
    expect(index.analyse('房产继承的公正在哪办').corrections).toEqual({});
    expect(index.analyse('我失恋了好难过').corrections).toEqual({});
  });

  it('leaves the real words of real messages alone (领导, 实施, 事业, 历史, 北京市)', () => {
    for (const text of ['领导您好，这个规定什么时候实施', '事业单位的历史遗留问题', '北京市的政策']) {
      expect(index.analyse(text).corrections).toEqual({});
    }
  });
});
