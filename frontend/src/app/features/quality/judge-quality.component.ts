import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { AuthService } from '../../core/auth/auth.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { fmtEstimate, verdictParams } from './judge-format';
import { Judge, JudgeQuestionRow } from './judge-quality-api.service';
import { JudgeQuestionComponent } from './judge-question.component';
import { judgeQualityStore } from './quality.store';

/**
 * The quality pages' judge section: per question the acceptance verdict with its figures, then one
 * question in full, and the researcher's "ask for a validation sample" (and a judge run over the
 * question's answers, where the judge can be called).
 */
@Component({
  selector: 'yj-judge-quality',
  imports: [
    FormsModule,
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TPipe,
    JudgeQuestionComponent,
  ],
  templateUrl: './judge-quality.component.html',
  styleUrl: './judge-quality.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JudgeQualityComponent {
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  protected readonly canSample = computed(() => this.auth.hasAnyRole(['researcher', 'admin']));
  private readonly store = judgeQualityStore(this.canSample);
  protected readonly judges = this.store.judges;
  protected readonly judgeKey = this.store.judgeKey;
  protected readonly judge = this.store.judge;
  protected readonly rows = this.store.rows;
  protected readonly thresholds = this.store.thresholds;
  protected readonly questionId = this.store.questionId;
  protected readonly detail = this.store.detail;
  protected readonly samples = this.store.samples;
  protected readonly message = this.store.message;
  protected readonly error = this.store.error;
  protected readonly validatedCount = computed(
    () => this.rows().filter((q) => q.verdict.validated).length,
  );
  protected readonly keyOf = this.store.keyOf;
  protected perStratum = 10;
  protected seed: number | null = null;
  protected est = fmtEstimate;

  /** Opens a question's detail below the list and brings it into view (the list can be long). */
  protected open(id: string) {
    this.questionId.set(id);
    setTimeout(
      () =>
        document
          .querySelector('section.detail')
          ?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
      300,
    );
  }

  protected params(q: JudgeQuestionRow) {
    return verdictParams(q.verdict.params);
  }

  /** "model:<id>" names the model for researchers; "student" is the students. */
  protected stratumName(stratum: string): string {
    if (stratum === 'student') return this.i18n.t('judgeq.stratum.student');
    const id = stratum.replace(/^model:/, '');
    return (
      this.detail()?.slices.find((s) => s.kind === 'model' && s.value === id)?.label ??
      id.slice(0, 8)
    );
  }

  protected requestSample(questionId: string) {
    this.store.requestSample(
      questionId,
      Number(this.perStratum),
      this.seed ? Number(this.seed) : undefined,
    );
  }

  protected startRun(j: Judge, questionId: string) {
    this.store.startRun(j, questionId);
  }
}
