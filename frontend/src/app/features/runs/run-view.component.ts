import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { JudgeStartComponent } from './judge-start.component';
import { RunAnswersComponent } from './run-answers.component';
import { RunControlsComponent } from './run-controls.component';
import { RunMeterComponent } from './run-meter.component';
import { runProgressStore } from './runs.store';

/** A run, live: one progress bar per model, refreshed every second while it runs; its answers below. */
@Component({
  selector: 'yj-run-view',
  imports: [
    RouterLink,
    TPipe,
    RunAnswersComponent,
    JudgeStartComponent,
    RunControlsComponent,
    RunMeterComponent,
  ],
  template: `
    <a routerLink="/runs" class="back">← {{ 'runs.title' | t }}</a>
    @if (store.run(); as r) {
      <h1>{{ r.name }}</h1>
      <p class="muted">{{ 'runs.status.' + r.status | t }} · {{ templateOf(r.templateVersion) }}</p>
      <div yjRunControls [status]="r.status" (act)="store.act($event)"></div>
      @for (m of store.meters(); track $index) {
        <section
          yjRunMeter
          class="model"
          [meter]="m"
          [attr.aria-label]="'runs.progressOf' | t: { name: m.name }"
        ></section>
      }
      <yj-judge-start [runId]="id()" />
      <yj-run-answers [runId]="id()" [version]="store.version()" />
    }
  `,
  styles: `
    .back {
      text-decoration: none;
      font-size: 14px;
    }
    .model {
      margin: 12px 0 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunViewComponent {
  readonly id = input.required<string>();
  private readonly i18n = inject(I18nService);
  protected readonly store = runProgressStore(this.id);

  /** An imported run records "imported (zh-exam@1 not used)": worded in the reader's language. */
  protected templateOf(version: string): string {
    const imported = /^imported \((.+) not used\)$/.exec(version);
    return imported
      ? this.i18n.t('runs.templateImported', { v: imported[1] })
      : `${this.i18n.t('paper.template')} ${version}`;
  }
}
