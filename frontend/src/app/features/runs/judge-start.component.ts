import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { errorText } from '../../core/i18n/error-text';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { JudgeApiService } from './judge-api.service';
import { RunsApiService } from './runs-api.service';

/** On a run's page: start a judge run over its subjective answers, with a judge chosen among the callable judges. */
@Component({
  selector: 'yj-judge-start',
  imports: [FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatSelectModule, TPipe],
  template: `
    <section class="judge" aria-labelledby="judge-start-title">
      <h2 id="judge-start-title">{{ 'judge.start.title' | t }}</h2>
      <p class="muted">{{ 'judge.start.hint' | t }}</p>
      @if (judges().length) {
        <div class="row">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'judge.start.pick' | t }}</mat-label>
            <mat-select [(ngModel)]="judgeId" name="judge">
              @for (j of judges(); track j.id) {
                <mat-option [value]="j.id">{{ j.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <button mat-flat-button type="button" [disabled]="!judgeId || busy()" (click)="start()">
            {{ 'judge.start.go' | t }}
          </button>
        </div>
      } @else {
        <p>
          <a routerLink="/runs/models">{{ 'judge.start.noJudges' | t }}</a>
        </p>
      }
      @if (error()) {
        <p class="warn" role="alert">{{ error() }}</p>
      }
    </section>
  `,
  styles: `
    .judge {
      margin: 16px 0 24px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    h2 {
      font-size: 16px;
      margin: 0 0 4px;
    }
    .muted {
      font-size: 13px;
      margin: 0 0 8px;
    }
    .row {
      display: flex;
      gap: 12px;
      align-items: center;
    }
    .warn {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JudgeStartComponent {
  readonly runId = input.required<string>();
  private readonly api = inject(JudgeApiService);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly models = toSignal(inject(RunsApiService).models(), { initialValue: [] });
  /** Judges that can be called: a recorded judge's grading was imported, it cannot read anything new. */
  protected readonly judges = computed(() =>
    this.models().filter((m) => m.isJudge && !m.isImported),
  );
  protected judgeId = '';
  protected readonly busy = signal(false);
  protected readonly error = signal('');

  protected start() {
    this.busy.set(true);
    this.api.start(this.judgeId, this.runId()).subscribe({
      next: (r) => void this.router.navigate(['/runs/judge', r.id]),
      error: (e) => {
        this.busy.set(false);
        this.error.set(errorText(this.i18n, e));
      },
    });
  }
}
