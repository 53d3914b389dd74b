import { DecimalPipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { Router, RouterLink } from '@angular/router';
import { TPipe } from '../../core/i18n/t.pipe';
import { PapersApiService } from '../papers/papers-api.service';
import { RunsApiService } from './runs-api.service';

/** Rough per-request prompt size for the cost preview; the real usage is recorded per attempt. */
const ASSUMED_PROMPT_TOKENS = 800;

@Component({
  selector: 'yj-run-new',
  imports: [RouterLink, DecimalPipe, MatButtonModule, MatCheckboxModule, TPipe],
  template: `
    <h1>{{ 'runs.new' | t }}</h1>
    <div class="cols">
      <section>
        <h2>
          {{ 'runs.pickModels' | t }}
          <a routerLink="/runs/models" class="small">{{ 'runs.manageModels' | t }}</a>
        </h2>
        @for (m of liveModels(); track m.id) {
          <mat-checkbox
            [checked]="models().has(m.id)"
            (change)="toggle(models, m.id, $event.checked)"
          >
            {{ m.name }}
            <span class="muted"
              >· {{ m.modality }} · ×{{ m.samplesPerQuestion }} · {{ m.concurrency }}∥</span
            >
          </mat-checkbox>
        } @empty {
          <p class="muted">{{ 'runs.noModels' | t }}</p>
        }
      </section>
      <section>
        <h2>{{ 'runs.pickPapers' | t }}</h2>
        @for (p of papers() ?? []; track p.id) {
          <mat-checkbox
            [checked]="picked().has(p.id)"
            (change)="toggle(picked, p.id, $event.checked)"
            >{{ p.title }}</mat-checkbox
          >
        }
      </section>
    </div>
    <p class="summary" role="status">
      {{ 'runs.requests' | t: { n: estimate().requests } }}
      @if (estimate().notApplicable) {
        · {{ 'runs.willBeNa' | t: { n: estimate().notApplicable } }}
      }
      · {{ 'runs.estimatedCost' | t }}
      {{
        estimate().cost === null ? ('runs.unknown' | t) : '≈ ' + (estimate().cost | number: '1.2-2')
      }}
    </p>
    @if (error()) {
      <p class="warn" role="alert">{{ error() }}</p>
    }
    <button mat-flat-button [disabled]="!estimate().requests" (click)="start()">
      {{ 'runs.start' | t }}
    </button>
  `,
  styles: `
    .cols {
      display: grid;
      grid-template-columns: 1fr 2fr;
      gap: 24px;
    }
    section {
      display: flex;
      flex-direction: column;
    }
    .small {
      font-size: 13px;
      font-weight: normal;
      margin-left: 8px;
    }
    .summary {
      font-size: 16px;
      margin: 16px 0;
    }
    .warn {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunNewComponent {
  private readonly api = inject(RunsApiService);
  private readonly router = inject(Router);
  protected readonly papers = toSignal(inject(PapersApiService).list({}));
  private readonly allModels = toSignal(this.api.models(), { initialValue: [] });
  protected readonly liveModels = computed(() =>
    this.allModels().filter((m) => !m.isImported && !m.isJudge),
  );
  protected readonly picked = signal(new Set<string>());
  protected readonly models = signal(new Set<string>());
  protected readonly error = signal('');

  /** Requests and (only when every chosen model has prices) a rough cost before anything is sent. */
  protected readonly estimate = computed(() => {
    const papers = (this.papers() ?? []).filter((p) => this.picked().has(p.id));
    let requests = 0;
    let notApplicable = 0;
    let cost: number | null = 0;
    for (const m of this.liveModels().filter((x) => this.models().has(x.id))) {
      for (const p of papers) {
        const na = m.modality === 'text' ? p.imageQuestionCount : 0;
        const n = (p.questionCount - na) * m.samplesPerQuestion;
        requests += n;
        notApplicable += na * m.samplesPerQuestion;
        if (m.priceInputPerMtok === null || m.priceOutputPerMtok === null) cost = null;
        else if (cost !== null)
          cost +=
            (n *
              (ASSUMED_PROMPT_TOKENS * m.priceInputPerMtok +
                (m.params.max_tokens ?? 2048) * m.priceOutputPerMtok)) /
            1e6;
      }
    }
    return { requests, notApplicable, cost };
  });

  protected toggle(set: typeof this.picked, id: string, on: boolean) {
    const next = new Set(set());
    if (on) next.add(id);
    else next.delete(id);
    set.set(next);
  }

  protected start() {
    this.api.start([...this.picked()], [...this.models()]).subscribe({
      next: (run) => void this.router.navigate(['/runs', run.id]),
      error: (e: HttpErrorResponse) => this.error.set(e.error?.message ?? e.message),
    });
  }
}
