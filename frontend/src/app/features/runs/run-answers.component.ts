import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { PapersApiService } from '../papers/papers-api.service';
import { answerExcerpt } from './answer-excerpt';
import { AnswerGradeComponent } from './answer-grade.component';
import { RunAnswer } from './runs-api.service';
import { AnswerFilter, runAnswersStore } from './runs.store';

/**
 * A run's answers: filtered (all, unparsed, changed by a re-grade), one question's samples by one
 * model grouped under a heading and numbered from 1, each with its grade, a typeset preview, the
 * prompt the model received and its raw output.
 */
@Component({
  selector: 'yj-run-answers',
  imports: [RouterLink, MatButtonModule, TPipe, AnswerGradeComponent, RichTextComponent],
  templateUrl: './run-answers.component.html',
  styleUrl: './run-answers.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunAnswersComponent {
  readonly runId = input.required<string>();
  /** Bumped by the run page on each refresh while the run goes on, so the answers follow. */
  readonly version = input(0);
  private readonly papers = inject(PapersApiService);
  private readonly i18n = inject(I18nService);
  protected readonly store = runAnswersStore(this.runId, this.version);
  protected readonly prompts = signal<Record<string, string>>({});
  protected readonly filters: AnswerFilter[] = ['all', 'unparsed', 'changed'];

  /** The samples of one question by one model together (the API orders them so), in sample order. */
  protected readonly groups = computed(() => {
    const out: (Pick<RunAnswer, 'paperVersionId' | 'paperTitle' | 'questionNumber' | 'model'> & {
      key: string;
      answers: RunAnswer[];
    })[] = [];
    for (const a of this.store.answers()) {
      const key = `${a.questionId}|${a.model}`;
      const last = out.at(-1);
      if (last?.key === key) last.answers.push(a);
      else out.push({ ...a, key, answers: [a] });
    }
    return out;
  });

  protected shortTitle(title: string): string {
    return title.replace('普通高等学校招生全国统一考试', '');
  }

  /**
   * A preview of the answer, typeset: whitespace folded to one line, images as a word (an answer
   * may not load them, and a cut link would show as source), never cut inside a formula.
   */
  protected excerpt(text: string): string {
    const folded = text
      .replace(/!\[[^\]]*\]\([^)]*\)?/g, this.i18n.t('runs.imageInAnswer'))
      .replace(/\s*\n\s*/g, ' ');
    return answerExcerpt(folded, 60);
  }

  /** The question exactly as this model received it, in its modality (images appear as [image] here). */
  protected loadPrompt(a: RunAnswer) {
    if (this.prompts()[a.workItemId]) return;
    this.papers
      .renderQuestion(a.paperVersionId, a.questionId, a.modality === 'vision' ? 'vision' : 'text')
      .subscribe((r) => {
        const text = r.questions[0]?.messages
          .map((m) =>
            typeof m.content === 'string'
              ? m.content
              : m.content.map((p) => (p.type === 'text' ? p.text : '[image]')).join('\n'),
          )
          .join('\n\n');
        this.prompts.update((all) => ({ ...all, [a.workItemId]: text ?? '' }));
      });
  }
}
