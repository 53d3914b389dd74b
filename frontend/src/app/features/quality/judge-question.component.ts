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
  template: `
    @let d = detail();
    <p class="verdict" [class.ok]="d.verdict.validated" role="status">
      {{ d.verdict.code | t: params() }}
    </p>
    <p class="muted">{{ 'judgeq.counts' | t: d.counts }}</p>
    <h3>{{ 'judgeq.figures' | t: { replicates: d.method.replicates, seed: d.method.seed } }}</h3>
    <table class="grid">
      <thead>
        <tr>
          <th></th>
          <th class="num">{{ 'judgeq.n' | t }}</th>
          <th class="num">{{ 'judgeq.exact' | t }}</th>
          <th class="num">{{ 'judgeq.adjacent' | t }}</th>
          <th class="num">QWK</th>
          <th class="num">{{ 'judgeq.meanDiff' | t }}</th>
          <th class="num">{{ 'judgeq.smd' | t }}</th>
        </tr>
      </thead>
      <tbody>
        @for (r of rows(); track r.key) {
          <tr [class.human]="r.key === 'humanHuman'">
            <th scope="row">{{ 'judgeq.row.' + r.key | t }}</th>
            <td class="num">{{ r.f.n }}</td>
            <td class="num">{{ est(r.f.exact, 'share') }}</td>
            <td class="num">{{ est(r.f.adjacent, 'share') }}</td>
            <td class="num">{{ est(r.f.qwk) }}</td>
            <td class="num">{{ r.key === 'humanHuman' ? '—' : est(r.f.meanDiff) }}</td>
            <td class="num">{{ r.key === 'humanHuman' ? '—' : est(r.f.smd) }}</td>
          </tr>
        }
      </tbody>
    </table>
    <p class="muted small">{{ 'judgeq.meanDiffHint' | t }}</p>

    <div class="two">
      <section>
        <h3>{{ 'judgeq.confusion' | t }}</h3>
        <table class="confusion" [attr.aria-label]="'judgeq.confusion' | t">
          <thead>
            <tr>
              <th></th>
              @for (s of d.confusion.scores; track $index) {
                <th class="num">{{ s }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of d.confusion.counts; track $index; let i = $index) {
              <tr>
                <th class="num">{{ d.confusion.scores[i] }}</th>
                @for (c of row; track $index; let j = $index) {
                  <td class="num" [class.diag]="i === j" [style.background]="shade(c, i === j)">
                    {{ c || '' }}
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      </section>
      @if (d.items) {
        <section>
          <h3>{{ 'judgeq.items' | t }}</h3>
          <table class="grid">
            <thead>
              <tr>
                <th>{{ 'judgeq.item' | t }}</th>
                <th class="num">{{ 'judgeq.itemJudge' | t }}</th>
                <th class="num">{{ 'judgeq.itemHuman' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (it of d.items; track it.itemId) {
                <tr>
                  <td>{{ it.itemId }}</td>
                  <td class="num">
                    {{ pct(it.judge.agreement) }} · κ {{ num(it.judge.kappa) }}
                    <small class="muted">{{
                      'judgeq.applied' | t: { a: it.judge.appliedA, b: it.judge.appliedB }
                    }}</small>
                  </td>
                  <td class="num">
                    {{ pct(it.human.agreement) }} · κ {{ num(it.human.kappa) }}
                    <small class="muted">{{
                      'judgeq.applied' | t: { a: it.human.appliedA, b: it.human.appliedB }
                    }}</small>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </section>
      }
    </div>

    @if (d.slices.length) {
      <h3>{{ 'judgeq.slices' | t }}</h3>
      <table class="grid">
        <thead>
          <tr>
            <th></th>
            <th class="num">{{ 'judgeq.compared' | t }}</th>
            <th class="num">{{ 'judgeq.exact' | t }}</th>
            <th class="num">{{ 'judgeq.qwkJudge' | t }}</th>
            <th class="num">{{ 'judgeq.qwkHuman' | t }}</th>
            <th class="num">{{ 'judgeq.meanDiff' | t }}</th>
            <th class="num">{{ 'judgeq.smd' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (s of d.slices; track s.kind + s.value) {
            <tr>
              <th scope="row">
                {{ 'judgeq.slice.' + s.kind | t }} ·
                {{ s.kind === 'source' ? ('judgeq.source.' + s.value | t) : s.label }}
              </th>
              <td class="num">{{ s.vsFinal.n }}</td>
              <td class="num">{{ est(s.vsFinal.exact, 'share') }}</td>
              <td class="num">{{ est(s.vsFinal.qwk) }}</td>
              <td class="num">{{ est(s.humanHuman.qwk) }}</td>
              <td class="num">{{ est(s.vsFinal.meanDiff) }}</td>
              <td class="num">{{ est(s.vsFinal.smd) }}</td>
            </tr>
          }
        </tbody>
      </table>
    }

    <h3>{{ 'judgeq.disagreements' | t }}</h3>
    @for (x of d.disagreements; track x.responseId) {
      <article class="answer">
        <header>
          <strong>{{ 'judgeq.judgeScore' | t: { n: x.judge } }}</strong> ·
          <strong>{{ 'judgeq.finalScore' | t: { n: x.final } }}</strong>
          @if (x.modelName) {
            <span class="muted"> · {{ 'judgeq.writtenBy' | t: { name: x.modelName } }}</span>
          }
        </header>
        <yj-rich-text class="text" [text]="x.excerpt" />
        <div class="judge">
          @if (x.judgeItems.length) {
            <div>
              {{ 'judgeq.judgeItems' | t: { items: x.judgeItems.join(', ') } }}
              @if (x.judgeAdjustment) {
                · {{ 'judgeq.adjustment' | t: { n: x.judgeAdjustment } }}
              }
            </div>
          }
          @if (x.rationale) {
            <div>
              <span class="muted">{{ 'judgeq.rationale' | t }}</span>
              <yj-rich-text [text]="x.rationale" />
            </div>
          }
        </div>
        <div class="reads">
          <span class="muted">{{ 'judgeq.teacherReads' | t }}</span>
          @for (r of x.reads; track $index) {
            <span class="read">{{
              'judgeq.read' | t: { kind: ('judgeq.read.' + r.kind | t), points: r.points ?? '—' }
            }}</span>
          }
        </div>
      </article>
    } @empty {
      <p class="muted">
        {{ (d.counts.compared ? 'judgeq.noDisagreements' : 'judgeq.noCompared') | t }}
      </p>
    }
  `,
  styles: `
    .verdict {
      padding: 8px 12px;
      border-radius: 6px;
      background: #fff3e0;
      color: #8a4b00;
    }
    .verdict.ok {
      background: #e8f5e9;
      color: #1b5e20;
    }
    .grid {
      width: 100%;
      border-collapse: collapse;
      font-size: 13px;
      margin: 4px 0 8px;
    }
    th,
    td {
      padding: 5px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    .num {
      text-align: right;
      white-space: nowrap;
    }
    tr.human {
      color: #37474f;
      background: #f5f7f8;
    }
    .two {
      display: flex;
      gap: 24px;
      flex-wrap: wrap;
      align-items: flex-start;
    }
    .two section {
      flex: 1 1 360px;
      min-width: 0;
      overflow-x: auto;
    }
    .confusion {
      border-collapse: collapse;
      font-size: 12px;
    }
    .confusion td,
    .confusion th {
      min-width: 26px;
      padding: 3px 5px;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .confusion td.diag {
      font-weight: 600;
    }
    .answer {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 6px;
      padding: 8px 12px;
      margin: 8px 0;
    }
    .answer .text {
      display: block;
      margin: 6px 0;
      max-height: 220px;
      overflow: auto;
    }
    .judge {
      background: #f3f6fb;
      padding: 4px 8px;
      border-radius: 4px;
      font-size: 13px;
    }
    .reads {
      font-size: 13px;
      margin-top: 4px;
    }
    .read {
      margin-right: 12px;
    }
    .small {
      font-size: 12px;
    }
  `,
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
