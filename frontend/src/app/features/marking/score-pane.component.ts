import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { MarkingScreenStore } from './marking-screen.store';

/**
 * The rubric pane: the running total always at its top with the actions and their keys, the key of
 * an objective question, the problem form, the items (or the score typed), notes and samples.
 */
@Component({
  selector: 'yj-score-pane',
  imports: [MatButtonModule, TPipe, RichTextComponent],
  templateUrl: './score-pane.component.html',
  styleUrl: './score-pane.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScorePaneComponent {
  protected readonly store = inject(MarkingScreenStore);
  private readonly reason = viewChild<ElementRef<HTMLInputElement>>('reason');

  constructor() {
    // P opens the problem form with the focus in its reason field, once the field exists.
    effect(() => this.reason()?.nativeElement.focus());
  }
}
