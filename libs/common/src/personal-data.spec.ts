import { describe, expect, it } from '@jest/globals';
import { maskPersonalData } from './personal-data.js';

describe('maskPersonalData', () => {
  it('masks mobile numbers, with or without +86 and separators', () => {
    expect(maskPersonalData('我的电话13912345678')).toBe('我的电话139****5678');
    expect(maskPersonalData('+86 139-1234-5678')).toBe('139****5678');
  });

  it('masks 18-digit ID numbers, including an X check digit', () => {
    expect(maskPersonalData('身份证35030219900101123X')).toBe('身份证350302***********X');
  });

  it('masks landlines and full-width digits', () => {
    expect(maskPersonalData('0594-2345678')).toBe('0594-****78');
    expect(maskPersonalData('１３９１２３４５６７８')).toBe('139****5678');
  });

  it('leaves other numbers alone', () => {
    expect(maskPersonalData('拨打12345，20个工作日')).toBe('拨打12345，20个工作日');
  });

  it('sees through separators and Chinese digits: full-width spaces, dots, 一三九…, split ID numbers, 15-digit IDs', () => {
    expect(maskPersonalData('电话139　1234　5678')).toBe('电话139****5678');
    expect(maskPersonalData('139.1234.5678')).toBe('139****5678');
    expect(maskPersonalData('打一三九一二三四五六七八找我')).toBe('打139****5678找我');
    expect(maskPersonalData('身份证110101 19900307 1234')).toBe('身份证110101***********4');
    expect(maskPersonalData('老身份证110101900307123')).toBe('老身份证110101********3');
    expect(maskPersonalData('13912345678 13812345678')).toBe('139****5678 138****5678');
  });

  it('still leaves ordinary numbers and Chinese number words alone', () => {
    expect(maskPersonalData('一次性补助3.5万元，2024.01.01起，一二三四五')).toBe('一次性补助3.5万元，2024.01.01起，一二三四五');
    expect(maskPersonalData('第1、2、3项')).toBe('第1、2、3项');
  });
});
