import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TPipe } from '../../core/i18n/t.pipe';

interface Notice {
  licence: string;
  notice: string;
}

/**
 * The project's licence and every dataset it ships, with licence and source. The text is the
 * repository's NOTICE as the server reads it (GET /api/about/notice), one source of truth written
 * by the sample build; it is bilingual itself, and the frame around it comes from the catalogue.
 */
@Component({
  selector: 'yj-about',
  imports: [TPipe],
  template: `
    <h1>{{ 'about.title' | t }}</h1>
    @if (notice(); as n) {
      <p>{{ 'about.intro' | t: { licence: n.licence } }}</p>
      <p class="muted">{{ 'about.synthetic' | t }}</p>
      <p class="muted">{{ 'about.simulated' | t }}</p>
      <h2>{{ 'about.noticeHeading' | t }}</h2>
      <p class="muted">{{ 'about.noticeNote' | t }}</p>
      <pre class="notice" data-content data-testid="notice">{{ n.notice }}</pre>
    } @else if (failed()) {
      <p role="alert">{{ 'about.loadFailed' | t }}</p>
    }
  `,
  styles: `
    .notice {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font-size: 13px;
      line-height: 1.55;
      padding: 16px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      max-width: 1100px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AboutComponent {
  protected readonly notice = signal<Notice | null>(null);
  protected readonly failed = signal(false);

  constructor() {
    inject(HttpClient)
      .get<Notice>('/api/about/notice')
      .subscribe({ next: (n) => this.notice.set(n), error: () => this.failed.set(true) });
  }
}
