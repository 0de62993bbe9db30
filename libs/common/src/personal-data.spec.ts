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
});
