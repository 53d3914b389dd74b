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
  styles: `
    .rich {
      line-height: 1.8;
      overflow-wrap: anywhere;
    }
    .rich :first-child {
      margin-top: 0;
    }
    .rich :last-child {
      margin-bottom: 0;
    }
    .rich p {
      margin: 0.3em 0;
    }
    /* A wide table (2022 maths Q13: 12 columns of decimals) in a narrow pane scrolls sideways
       rather than breaking its numbers digit by digit. */
    .rich table {
      border-collapse: collapse;
      margin: 0.4em 0;
      display: block;
      max-width: 100%;
      overflow-x: auto;
    }
    .rich img {
      max-width: 100%;
    }
    .rich td,
    .rich th {
      border: 1px solid var(--mat-sys-outline-variant);
      padding: 2px 6px;
    }
    /* .rich breaks long words anywhere (a model's run-on answer); in a cell that would let a table
       shrink until 0.04 wraps digit by digit, so cells break between words only (Chinese still wraps) */
    .rich td,
    .rich th {
      overflow-wrap: normal;
    }
    /* the row labels (样本号, 根部横截面积 x_i) keep a readable width; the table scrolls instead */
    .rich tr > :first-child {
      min-width: 6em;
    }
  `,
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
