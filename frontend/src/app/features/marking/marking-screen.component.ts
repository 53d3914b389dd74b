import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { AnswerPaneComponent } from './answer-pane.component';
import { keyCommand } from './marking-keymap';
import { MarkingScreenStore } from './marking-screen.store';
import { QuestionPaneComponent } from './question-pane.component';
import { ScorePaneComponent } from './score-pane.component';

/**
 * The marking screen, keyboard first (marking-keymap.ts): a digit that completes a score submits
 * it, number keys apply rubric items and Enter submits, F gives full marks, S skips, P reports a
 * problem, U corrects the last mark, N opens the next question. The next answer is leased and
 * loaded while the teacher reads the current one, so it appears at once (marking-screen.feed.ts).
 * Question, answer and rubric each scroll on their own. G marks identical short answers in groups
 * (one read, one mark per answer; E lists them, each can be taken out to mark alone), with the
 * same keys; `?groups=1` opens in that mode. Its state is in one store (marking-screen.store.ts).
 */
@Component({
  selector: 'yj-marking-screen',
  imports: [
    RouterLink,
    MatButtonModule,
    TPipe,
    RichTextComponent,
    QuestionPaneComponent,
    AnswerPaneComponent,
    ScorePaneComponent,
  ],
  providers: [MarkingScreenStore],
  host: { '(document:keydown)': 'onKey($event)' },
  templateUrl: './marking-screen.component.html',
  styleUrl: './marking-screen.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkingScreenComponent {
  /** The queue to mark from; or `taskId`: one answer I marked, to correct (回评). */
  readonly questionId = input<string>();
  readonly taskId = input<string>();
  protected readonly store = inject(MarkingScreenStore);

  constructor() {
    effect(() => {
      const questionId = this.questionId();
      const taskId = this.taskId();
      untracked(() => this.store.open(questionId, taskId));
    });
  }

  protected onKey(e: KeyboardEvent) {
    const target = e.target as HTMLElement;
    const press = {
      key: e.key,
      targetTag: target.tagName,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
    };
    const found = keyCommand(press, this.store.keyContext());
    if (!found) return;
    if (found.preventDefault) e.preventDefault();
    this.store.run(found.command);
  }
}
