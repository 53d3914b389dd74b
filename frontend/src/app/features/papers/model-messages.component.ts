import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TPipe } from '../../core/i18n/t.pipe';
import { ContentPart, RenderedQuestion } from './papers.models';

/** The exact chat messages a model receives, verbatim: text as sent, images inline. */
@Component({
  selector: 'yj-model-messages',
  imports: [TPipe],
  template: `
    @let r = rendered();
    <article class="msg" [attr.aria-label]="'model prompt ' + r.number">
      <header>
        <span class="num">{{ r.number }}</span>
        <span class="muted">{{ 'paper.template' | t }}: {{ r.templateVersion }}</span>
        @if (r.imageProfile) {
          <span class="muted">{{ 'paper.imageProfile' | t }}: {{ r.imageProfile }}</span>
        }
      </header>
      @for (flag of r.flags; track flag) {
        <div class="flag" role="alert">⚠ {{ 'paper.flag.' + flag | t }}</div>
      }
      @for (m of r.messages; track $index) {
        <div class="role">{{ (m.role === 'system' ? 'paper.system' : 'paper.user') | t }}</div>
        @if (isText(m.content)) {
          <pre>{{ m.content }}</pre>
        } @else {
          @for (part of asParts(m.content); track $index) {
            @if (part.type === 'text') {
              <pre>{{ part.text }}</pre>
            } @else {
              <img [src]="part.image_url.url" alt="image part sent to the model" class="figure" />
            }
          }
        }
      }
    </article>
  `,
  styleUrl: './model-messages.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModelMessagesComponent {
  readonly rendered = input.required<RenderedQuestion>();

  protected isText(c: string | ContentPart[]): c is string {
    return typeof c === 'string';
  }

  protected asParts(c: string | ContentPart[]): ContentPart[] {
    return c as ContentPart[];
  }
}
