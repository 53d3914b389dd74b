import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  ViewEncapsulation,
} from '@angular/core';
import { DomSanitizer } from '@angular/platform-browser';
import { renderRichText } from './render-rich-text';

/** Shows Markdown + LaTeX text. The HTML is sanitised by DOMPurify before Angular trusts it. */
@Component({
  selector: 'yj-rich-text',
  template: `<div class="rich" [innerHTML]="html()"></div>`,
  styleUrl: './rich-text.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The HTML is set with innerHTML, so emulated encapsulation would never reach its tables and
  // paragraphs: the styles are global, scoped by the .rich class instead.
  encapsulation: ViewEncapsulation.None,
})
export class RichTextComponent {
  readonly text = input.required<string>();
  /** Untrusted answer text: nothing in it may load remote content. */
  readonly isAnswer = input(false);
  private readonly sanitizer = inject(DomSanitizer);
  // Safe to bypass Angular's sanitiser: renderRichText has already run DOMPurify, and Angular's
  // own sanitiser would strip the inline styles KaTeX needs to place glyphs.
  protected readonly html = computed(() =>
    this.sanitizer.bypassSecurityTrustHtml(
      renderRichText(this.text(), { isAnswer: this.isAnswer() }),
    ),
  );
}
