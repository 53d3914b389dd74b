import { Injectable, signal } from '@angular/core';
import { formatMessage } from './format-message';
import { CATALOGUES, Lang, MessageKey, ZH_MESSAGES } from './messages';

const STORAGE_KEY = 'yj.lang';

/** One i18n mechanism for the whole app: a language signal and a dictionary lookup. */
@Injectable({ providedIn: 'root' })
export class I18nService {
  readonly lang = signal<Lang>('zh');
  private readonly loaded = signal<Partial<Record<Lang, Record<string, string>>>>({
    zh: ZH_MESSAGES,
  });
  /** Resolves once the saved language's catalogue is here (the app waits for it before the first frame). */
  readonly ready: Promise<void>;

  constructor() {
    const saved = this.initial();
    // index.html says zh-CN; a saved English choice must say so from the first frame (screen readers, fonts).
    this.applyLang('zh');
    this.ready = saved === 'zh' ? Promise.resolve() : this.setLang(saved);
  }

  async setLang(lang: Lang): Promise<void> {
    if (!this.loaded()[lang]) {
      const catalogue = await CATALOGUES[lang]();
      this.loaded.update((all) => ({ ...all, [lang]: catalogue }));
    }
    this.lang.set(lang);
    if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, lang);
    this.applyLang(lang);
  }

  /**
   * Translates a key, filling `{name}` placeholders and `{n, plural, …}` forms (format-message.ts);
   * unknown keys (e.g. new enum values) show as is.
   */
  t(key: string, params: Record<string, string | number> = {}): string {
    const dict: Record<string, string> = this.loaded()[this.lang()] ?? ZH_MESSAGES;
    return formatMessage(dict[key] ?? key, params, this.lang());
  }

  private applyLang(lang: Lang) {
    if (typeof document !== 'undefined')
      document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }

  private initial(): Lang {
    const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    const prefs =
      typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
    return preferredLang(saved, prefs);
  }
}

/**
 * The language to open in: the reader's saved choice, else on a first visit the browser's own
 * preference between the two (its first zh or en language), else Chinese.
 */
export function preferredLang(saved: string | null, browser: readonly string[]): Lang {
  if (saved === 'en' || saved === 'zh') return saved;
  const first = browser.find((l) => /^(zh|en)\b/i.test(l ?? ''));
  return first && /^en/i.test(first) ? 'en' : 'zh';
}

export type { MessageKey };
