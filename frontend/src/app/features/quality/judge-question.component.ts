import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { fmtEstimate, verdictParams } from './judge-format';
import { JudgeQuestionDetail, PairFigures } from './judge-quality-api.service';

/**
 * One question in full: the verdict with its figures and intervals, the confusion matrix, the
 * per-item agreement, the slices (researchers), and the answers where judge and teachers disagree
 * most, typeset like the marking screen shows them (blind: no model named to a senior).
 */
@Component({
  selector: 'yj-judge-question',
  imports: [TPipe, RichTextComponent],
  templateUrl: './judge-question.component.html',
  styleUrl: './judge-question.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JudgeQuestionComponent {
  readonly detail = input.required<JudgeQuestionDetail>();
  protected readonly params = computed(() => verdictParams(this.detail().verdict.params));
  protected readonly rows = computed(() => {
    const d = this.detail();
    const rows: { key: string; f: PairFigures }[] = [
      { key: 'vsFinal', f: d.vsFinal },
      { key: 'vsReads', f: d.vsReads },
      { key: 'vsReadsOnDouble', f: d.vsReadsOnDouble },
      { key: 'humanHuman', f: d.humanHuman },
    ];
    return rows;
  });
  private readonly peak = computed(() => Math.max(1, ...this.detail().confusion.counts.flat()));

  protected est = fmtEstimate;

  protected pct(x: number | null): string {
    return x === null ? '—' : `${Math.round(x * 100)}%`;
  }

  protected num(x: number | null): string {
    return x === null ? '—' : x.toFixed(2);
  }

  /** Cell shade by count: green on the diagonal (agreement), orange off it. */
  protected shade(c: number, diagonal: boolean): string {
    if (!c) return 'transparent';
    const a = 0.12 + 0.6 * (c / this.peak());
    return diagonal ? `rgba(46, 125, 50, ${a})` : `rgba(239, 108, 0, ${a})`;
  }
}
