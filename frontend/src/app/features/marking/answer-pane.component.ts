import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { MarkingScreenStore } from './marking-screen.store';

/**
 * The answer on the marking screen as the teacher reads it; in group mode with the group's size,
 * large, and its answers listed on E, each of which can be taken out to be marked alone.
 */
@Component({
  selector: 'yj-answer-pane',
  imports: [MatButtonModule, TPipe, RichTextComponent],
  template: `
    @if (store.task(); as t) {
      @if (store.group(); as g) {
        <div class="group-head">
          <h2>{{ 'marking.answer' | t }}</h2>
          <span
            class="group-size"
            role="status"
            [attr.aria-label]="'marking.groups.sizeLabel' | t: { n: g.size }"
            >{{ 'marking.groups.size' | t: { n: g.size } }}</span
          >
        </div>
        <yj-rich-text class="answer-text" [text]="t.answer.text" [isAnswer]="true" />
        @if (g.size > 1) {
          <p class="hint">{{ 'marking.groups.explain' | t: { n: g.size } }}</p>
        }
        <button
          mat-button
          type="button"
          [attr.aria-expanded]="store.membersOpen()"
          aria-controls="group-members"
          (click)="store.membersOpen.set(!store.membersOpen())"
        >
          {{
            store.membersOpen()
              ? ('marking.groups.membersHide' | t)
              : ('marking.groups.members' | t: { n: g.size })
          }}
          <kbd>E</kbd>
        </button>
        @if (store.membersOpen()) {
          <ol class="members" id="group-members">
            @for (m of g.members; track m.taskId) {
              <li>
                <yj-rich-text class="member-text" [text]="m.text" [isAnswer]="true" />
                <button mat-stroked-button type="button" (click)="store.split(m.taskId)">
                  {{ 'marking.groups.split' | t }}
                </button>
              </li>
            }
          </ol>
        }
      } @else {
        <h2>{{ 'marking.answer' | t }}</h2>
        <yj-rich-text class="answer-text" [text]="t.answer.text" [isAnswer]="true" />
      }
    }
  `,
  styleUrl: './answer-pane.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnswerPaneComponent {
  protected readonly store = inject(MarkingScreenStore);
}
