import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { DrillJudgeRead, Report, SourcePoints } from './reports-api.service';

/*
 * The report's scoring source (backend/src/reports/report-scoring-source.ts): what the chosen
 * source means for this report (a judge-only view is labelled as such), and every figure's points
 * by where they came from. The source itself is chosen with the other filters (report-filters).
 */

/** What the chosen source means here: the judge, the questions it is validated on, or the judge-only label. */
@Component({
  selector: 'yj-report-scoring-note',
  imports: [TPipe],
  template: `
    @if (report().scoring; as s) {
      @if (s.source === 'judge_only' && s.judge) {
        <div class="judge-only" role="note" data-testid="judge-only-note">
          {{ 'report.scoring.judgeOnlyBanner' | t: { judge: s.judge.name } }}
        </div>
      } @else if (s.source === 'teachers_else_validated_judge' && s.judge) {
        <p class="muted" role="note">
          {{
            'report.scoring.validatedOn'
              | t: { judge: s.judge.name, n: s.validatedQuestionIds.length }
          }}
        </p>
      } @else if (s.source !== 'teachers') {
        <p class="muted" role="note">{{ 'report.scoring.noJudge' | t }}</p>
      }
    }
  `,
  styles: `
    .judge-only {
      background: #fff3e0;
      border-left: 4px solid #ef6c00;
      padding: 6px 12px;
      margin: 6px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportScoringNoteComponent {
  readonly report = input.required<Report>();
}

/** A figure's points by source: rules, teachers, judge, and not scored yet. */
@Component({
  selector: 'yj-source-points',
  imports: [TPipe, DecimalPipe],
  template: `
    @if (points(); as p) {
      <small class="sources" data-testid="source-points">{{
        'report.sources'
          | t
            : {
                rules: (p.rules | number: '1.0-1') ?? '',
                teachers: (p.teachers | number: '1.0-1') ?? '',
                judge: (p.judge | number: '1.0-1') ?? '',
                none: (p.none | number: '1.0-1') ?? '',
              }
      }}</small>
    }
  `,
  styles: `
    .sources {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font-size: 11px;
      white-space: normal;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SourcePointsComponent {
  readonly points = input<SourcePoints | undefined>();
}

/** The drill-down's judge column: each judge's latest judgement, items and rationale, beside the teachers' reads. */
@Component({
  selector: 'yj-drill-judges',
  imports: [TPipe, RichTextComponent],
  template: `
    @for (j of judges(); track j.judge + j.template) {
      <div class="judge" data-testid="drill-judge">
        <b>{{ 'report.drill.judge' | t }} · {{ j.judge }}</b>
        @if (j.status === 'scored') {
          · {{ j.points }}
          @if (j.items.length) {
            · {{ j.items.join(', ') }}
          }
          @if (j.rationale) {
            <yj-rich-text class="why" [text]="j.rationale" />
          }
        } @else {
          · {{ 'report.drill.judgeFailed' | t: { code: j.failureCode ?? '' } }}
        }
      </div>
    }
  `,
  styles: `
    .judge {
      font-size: 12px;
      background: #f3f6fb;
      border-radius: 4px;
      padding: 2px 6px;
      margin-top: 2px;
    }
    .why {
      display: block;
      max-height: 96px;
      overflow: auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DrillJudgesComponent {
  readonly judges = input<DrillJudgeRead[]>([]);
}
