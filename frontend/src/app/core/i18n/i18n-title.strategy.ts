import { effect, inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18nService } from './i18n.service';

/**
 * Page titles in the chosen language: a route's `title` is a catalogue key (`title.papers`), shown
 * as "试卷库 · 阅卷" or "Papers · Yuejuan", and written again when the language changes.
 */
@Injectable({ providedIn: 'root' })
export class I18nTitleStrategy extends TitleStrategy {
  private readonly i18n = inject(I18nService);
  private readonly title = inject(Title);
  private key: string | undefined;

  constructor() {
    super();
    effect(() => {
      this.i18n.lang();
      this.write();
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key = this.buildTitle(snapshot);
    this.write();
  }

  private write() {
    const app = this.i18n.t('title.app');
    const page = this.key ? this.i18n.t(this.key) : null;
    // A title that is not a catalogue key is shown as it is.
    this.title.setTitle(page === null ? app : page === this.key ? page : `${page} · ${app}`);
  }
}
