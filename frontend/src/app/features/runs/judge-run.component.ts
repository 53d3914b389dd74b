import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ANY_PARAMS } from '../../core/i18n/judge-failure';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { Judgement, JudgeVisibility } from './judge-api.service';
import { RunControlsComponent } from './run-controls.component';
import { RunMeterComponent } from './run-meter.component';
import { judgeRunStore } from './runs.store';

/** A judge run, live: progress, tokens and cost as for answers, and every failed judgement with its reason in words. */
@Component({
  selector: 'yj-judge-run',
  imports: [RouterLink, TPipe, RunControlsComponent, RunMeterComponent],
  templateUrl: './judge-run.component.html',
  styleUrl: './judge-run.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JudgeRunComponent {
  readonly id = input.required<string>();
  private readonly i18n = inject(I18nService);
  protected readonly store = judgeRunStore(this.id);
  protected readonly visibilities: JudgeVisibility[] = ['hidden', 'after_own_read', 'seniors_only'];

  protected failureName(code: string): string {
    // The reason alone: its parameters belong to one answer each, so they show as an ellipsis.
    return this.i18n.t(`judge.failure.${code}`, ANY_PARAMS);
  }

  protected failureText(j: Judgement): string {
    return j.failureCode
      ? this.i18n.t(`judge.failure.${j.failureCode}`, j.failureParams ?? {})
      : '';
  }
}
