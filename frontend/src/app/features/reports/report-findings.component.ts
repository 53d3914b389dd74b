import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { FindingSection, findingText, restsOnText, sectionOf } from './report-findings-text';
import { sliceRank, subjectLabel } from './report-labels';
import { ReportStore } from './report.store';
import { Finding } from './reports-api.service';

const SECTIONS: FindingSection[] = ['vsStudents', 'change', 'subjects', 'gap'];

/**
 * The headline findings of the chosen round and cohorts, at the top of the report: each a sentence
 * with its figures and interval, what it rests on, and a click to the answers behind it.
 */
@Component({
  selector: 'yj-report-findings',
  imports: [TPipe, RouterLink, NgTemplateOutlet],
  templateUrl: './report-findings.component.html',
  styleUrl: './report-findings.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportFindingsComponent {
  protected readonly store = inject(ReportStore);
  private readonly i18n = inject(I18nService);
  protected readonly data = this.store.findings;
  private readonly t = (key: string, params?: Record<string, string | number>) =>
    this.i18n.t(key, params);

  /** Subjects where some model is above the students, then those where none is, in the catalogue's order. */
  protected readonly subjectGroups = computed(() => {
    const fs = (this.data()?.findings ?? []).filter((f) => sectionOf(f.code) === 'subjects');
    const rank = (f: Finding) => sliceRank('subject', String(f.params['subject']));
    return ['finding.subject.some_above', 'finding.subject.none_above']
      .map((code) => ({
        code,
        items: fs.filter((f) => f.code === code).sort((a, b) => rank(a) - rank(b)),
      }))
      .filter((g) => g.items.length);
  });
  protected readonly sections = computed(() => {
    const fs = this.data()?.findings ?? [];
    const subjects = this.subjectGroups().flatMap((g) => g.items);
    return SECTIONS.map((key) => ({
      key,
      items: key === 'subjects' ? subjects : fs.filter((f) => sectionOf(f.code) === key),
    })).filter((s) => s.items.length);
  });
  /** Findings with figures (not only "no earlier round" or "index unavailable"). */
  protected readonly hasFigures = computed(() =>
    (this.data()?.findings ?? []).some((f) => f.restsOn.cohorts > 0),
  );
  protected readonly synthetic = computed(() =>
    (this.data()?.findings ?? []).some((f) => f.restsOn.synthetic),
  );
  /** Pending points of the round, from the combined findings of each model (they cover every paper). */
  protected readonly pending = computed(() =>
    Math.round(
      (this.data()?.findings ?? [])
        .filter(
          (f) =>
            f.code.startsWith('finding.model_vs_students.') && f.params['dimension'] === 'overall',
        )
        .reduce((a, f) => a + f.restsOn.pendingPoints, 0),
    ),
  );

  /** The simulated models the findings rest on (named by their own lines against the students). */
  protected readonly simulated = computed(() => [
    ...new Set(
      (this.data()?.findings ?? [])
        .filter((f) => f.restsOn.simulated && f.code.startsWith('finding.model_vs_students.'))
        .map((f) => String(f.params['model'])),
    ),
  ]);
  protected readonly listSep = () => this.i18n.t('report.listSep');
  /** Whose scores the findings count, when not the teachers' (the same source as the tables). */
  protected readonly scoringNote = computed(() => {
    const s = this.data()?.scoring;
    if (!s || s.source === 'teachers') return '';
    return s.judge
      ? this.i18n.t(`finding.scoring.${s.source}`, { judge: s.judge.name })
      : this.i18n.t('finding.scoring.noJudge');
  });
  /** "学科、模型": the filters that narrowed the round. */
  protected readonly narrowedText = computed(() =>
    (this.data()?.filters?.narrowed ?? [])
      .map((k) => this.i18n.t(`finding.filter.${k}`))
      .join(this.i18n.t('report.listSep')),
  );

  protected text(f: Finding) {
    // Read the language so the sentence is re-worded when it changes.
    this.i18n.lang();
    return findingText(this.t, f);
  }

  protected rests(f: Finding) {
    this.i18n.lang();
    return restsOnText(this.t, f);
  }

  protected emit(f: Finding) {
    this.store.openFinding(f, this.text(f));
  }

  protected subjectName(f: Finding) {
    return subjectLabel(this.i18n, String(f.params['subject']));
  }

  protected verdictClass(f: Finding) {
    return f.code.split('.').pop() ?? '';
  }
}
