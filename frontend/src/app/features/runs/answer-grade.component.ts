import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TPipe } from '../../core/i18n/t.pipe';
import { I18nService } from '../../core/i18n/i18n.service';
import { AnswerGrade, GradeStep } from './runs-api.service';

const show = (v: unknown): string =>
  v === null || v === undefined
    ? '—'
    : typeof v === 'boolean'
      ? v
        ? '√'
        : '×'
      : Array.isArray(v)
        ? v.map((x) => (Array.isArray(x) ? x.join(' / ') : show(x))).join('；')
        : String(v);

/**
 * How an objective answer was graded: score and status at a glance; the key, what was read, from
 * where and why, for each graded part. All text is interpolated, never bound as HTML.
 */
@Component({
  selector: 'yj-answer-grade',
  imports: [TPipe],
  template: `
    @if (grades(); as gs) {
      <div class="score" [class]="status()">
        <b>{{ total() }}</b> / {{ max() }}
        <span class="chip">{{ 'grade.status.' + status() | t }}</span>
        @if (isChanged()) {
          <span class="chip changed" [attr.title]="'grade.changed' | t">↻</span>
        }
      </div>
      <dl>
        @for (g of gs; track g.questionId) {
          <div class="part">
            @if (gs.length > 1) {
              <span class="num">({{ g.number }})</span>
            }
            <span
              ><dt>{{ 'grade.key' | t }}</dt>
              <dd>{{ show(g.key) }}</dd></span
            >
            <span
              ><dt>{{ 'grade.extracted' | t }}</dt>
              <dd>{{ show(g.extracted) }}</dd></span
            >
            <span
              ><dt>{{ 'grade.from' | t }}</dt>
              <dd>
                {{ methodOf(g.method) }}
                @if (g.region) {
                  · “{{ g.region.slice(0, 40) }}”
                }
              </dd></span
            >
            <span class="why"
              ><dt>{{ 'grade.why' | t }}</dt>
              <dd>{{ why(g) }}</dd></span
            >
          </div>
        }
      </dl>
    } @else {
      <span class="muted">{{ 'grade.subjective' | t }}</span>
    }
  `,
  styleUrl: './answer-grade.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnswerGradeComponent {
  readonly grades = input.required<AnswerGrade[] | null>();
  private readonly i18n = inject(I18nService);
  protected readonly show = show;

  /**
   * Why, in the reader's language: the decision, then the steps that changed how the answer was
   * read (a retraction, reasoning dropped, a sentence cut short). Grades stored before reasons had
   * codes keep their English explanation.
   */
  protected why(g: AnswerGrade): string {
    if (!g.reason) return g.explanation;
    const say = (prefix: string, s: GradeStep) => {
      const key = `${prefix}.${s.code}`;
      const text = this.i18n.t(key, (s.params ?? {}) as Record<string, string | number>);
      return text === key ? null : text;
    };
    const decision = say('grade.reason', g.reason) ?? g.explanation;
    const steps = g.reason.trace
      .filter((s) => s.notable)
      .map((s) => say('grade.step', s))
      .filter((t): t is string => !!t);
    return steps.length
      ? this.i18n.t('grade.withSteps', {
          decision,
          steps: steps.join(this.i18n.t('grade.stepJoin')),
        })
      : decision;
  }
  /**
   * Where the answer was read, in words: the grader's codes (`tag`, `anchor-zh`, `llm:<model>`,
   * `outcome:<x>`, a `:several-options` suffix, parts joined by `+`) from the catalogue.
   */
  protected methodOf(method: string): string {
    return method
      .split('+')
      .map((part) => {
        const [base, ...rest] = part.split(':');
        const arg = rest.join(':');
        if (base === 'llm') return this.i18n.t('grade.method.llm', { model: arg });
        if (base === 'outcome') return this.i18n.t('grade.method.outcome', { outcome: arg });
        const key = `grade.method.${base}`;
        const words = this.i18n.t(key);
        const name = words === key ? base : words;
        return arg === 'several-options'
          ? this.i18n.t('grade.method.severalOptions', { method: name })
          : name;
      })
      .join(this.i18n.t('report.listSep'));
  }

  protected readonly total = computed(() => {
    const gs = this.grades() ?? [];
    return gs.some((g) => g.score === null) && gs.every((g) => g.score === null)
      ? '—'
      : String(Math.round(gs.reduce((a, g) => a + (g.score ?? 0), 0) * 100) / 100);
  });
  protected readonly max = computed(() =>
    (this.grades() ?? []).reduce((a, g) => a + g.maxScore, 0),
  );
  protected readonly isChanged = computed(() => (this.grades() ?? []).some((g) => g.isChanged));
  /** The answer's status: unparsed or not scored if any part is, else by points. */
  protected readonly status = computed(() => {
    const gs = this.grades() ?? [];
    for (const s of ['unparsed', 'not_scored'] as const)
      if (gs.some((g) => g.status === s)) return s;
    const total = gs.reduce((a, g) => a + (g.score ?? 0), 0);
    return total >= this.max() ? 'correct' : total > 0 ? 'partial' : 'wrong';
  });
}
