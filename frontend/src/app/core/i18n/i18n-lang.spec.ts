import { preferredLang } from './i18n.service';

describe('preferredLang', () => {
  it('keeps the saved choice over the browser', () => {
    expect(preferredLang('zh', ['en-US'])).toBe('zh');
    expect(preferredLang('en', ['zh-CN'])).toBe('en');
  });

  it('opens a first visit in the browser’s first language of the two', () => {
    expect(preferredLang(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(preferredLang(null, ['zh-TW', 'en'])).toBe('zh');
    expect(preferredLang(null, ['fr-FR', 'en-US'])).toBe('en');
  });

  it('opens in Chinese when the browser names neither, or a saved value is unknown', () => {
    expect(preferredLang(null, ['fr-FR', 'de'])).toBe('zh');
    expect(preferredLang('xx', [])).toBe('zh');
  });
});
