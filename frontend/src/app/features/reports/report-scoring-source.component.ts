import { DecimalPipe } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, model } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import {
  DrillJudgeRead,
  Report,
  ReportFilter,
  ScoringSource,
  SourcePoints,
} from './reports-api.service';

/**
 * The report's scoring source (backend/src/reports/report-scoring-source.ts): whose scores count,
 * what that means for this report (a judge-only view is labelled as such), and every figure's
 * points by where they came from.
 */
const SOURCES: ScoringSource[] = ['teachers', 'teachers_else_validated_judge', 'judge_only'];

@Component({
  selector: 'yj-report-scoring-select',
  imports: [FormsModule, MatFormFieldModule, MatSelectModule, TPipe],
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{ 'report.scoring.label' | t }}</mat-label>
      <mat-select
        [ngModel]="filter().scoringSource ?? 'teachers'"
        (ngModelChange)="set($event)"
        [attr.aria-label]="'report.scoring.label' | t"
        data-testid="scoring-select"
      >
        @for (s of sources; track s) {
          <mat-option [value]="s">{{ 'report.scoring.' + s | t }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
    @if ((filter().scoringSource ?? 'teachers') !== 'teachers') {
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'report.scoring.judge' | t }}</mat-label>
        <mat-select
          [ngModel]="judgeKey()"
          (ngModelChange)="setJudge($event)"
          [attr.aria-label]="'report.scoring.judge' | t"
          data-testid="scoring-judge"
        >
          <mat-option value="">{{ 'report.scoring.judgeAuto' | t }}</mat-option>
          @for (j of judges() ?? []; track j.judgeModelId + j.templateVersion) {
            <mat-option [value]="j.judgeModelId + '|' + j.templateVersion"
              >{{ j.name }} · {{ j.templateVersion }}</mat-option
            >
          }
        </mat-select>
      </mat-form-field>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    mat-form-field {
      width: 340px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportScoringSelectComponent {
  readonly filter = model.required<ReportFilter>();
  protected readonly sources = SOURCES;
  /** The judges with judgements (the judge-quality API; read here, not through the quality feature). */
  protected readonly judges = toSignal(
    inject(HttpClient).get<{ judgeModelId: string; templateVersion: string; name: string }[]>(
      '/api/judge-quality/judges',
    ),
  );

  protected judgeKey(): string {
    const f = this.filter();
    return f.judge ? `${f.judge}|${f.judgeTemplate ?? ''}` : '';
  }

  protected set(s: ScoringSource) {
    this.filter.update((f) => ({ ...f, scoringSource: s === 'teachers' ? undefined : s }));
  }

  protected setJudge(key: string) {
    const [judge, judgeTemplate] = key ? key.split('|') : [undefined, undefined];
    this.filter.update((f) => ({ ...f, judge, judgeTemplate }));
  }
}

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
