import { Injectable, signal } from '@angular/core';
import { Lang, MESSAGES, MessageKey } from './messages';

const STORAGE_KEY = 'yj.lang';

/** One i18n mechanism for the whole app: a language signal and a dictionary lookup. */
@Injectable({ providedIn: 'root' })
export class I18nService {
  readonly lang = signal<Lang>(this.initial());

  setLang(lang: Lang) {
    this.lang.set(lang);
    localStorage.setItem(STORAGE_KEY, lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }

  /** Translates a key, filling `{name}` placeholders; unknown keys (e.g. new enum values) show as is. */
  t(key: string, params: Record<string, string | number> = {}): string {
    const dict = MESSAGES[this.lang()] as Record<string, string>;
    const text = dict[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? `{${k}}`));
  }

  private initial(): Lang {
    const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    return saved === 'en' || saved === 'zh' ? saved : 'zh';
  }
}

export type { MessageKey };
