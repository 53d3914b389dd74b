import { ZH } from '../../core/i18n/messages.zh';
import { ruleText } from './rule-text';

const zh = (key: string, params: Record<string, string>) =>
  (ZH as Record<string, string>)[key].replace(/\{(\w+)\}/g, (_, k) => params[k]);

describe('resolution rules in Chinese', () => {
  it.each([
    [
      'third read within 1 of neither: a senior arbitrates',
      '三评与前两评相差均超过 1 分：交仲裁组长裁定',
    ],
    ['two reads differ by 3.5 > 1: a third read', '两评相差 3.5 分，超过允许误差 1 分：需三评'],
    [
      'third read within 1 of 5: mean of the closest pair',
      '三评与 5 分相差在 1 分以内：取最接近两评的平均',
    ],
    ['reported as a problem: a senior decides', '已报为问题卷：由仲裁组长决定'],
  ])('%s', (rule, text) => {
    expect(ruleText(rule, zh)).toBe(text);
  });

  it('shows an unknown rule as it is', () => {
    expect(ruleText('something new', zh)).toBe('something new');
  });
});
