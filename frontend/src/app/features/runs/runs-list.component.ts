import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TPipe } from '../../core/i18n/t.pipe';
import { JudgeApiService } from './judge-api.service';
import { RunsApiService } from './runs-api.service';

@Component({
  selector: 'yj-runs-list',
  imports: [RouterLink, DatePipe, MatButtonModule, MatProgressBarModule, TPipe],
  template: `
    <div class="head">
      <h1>{{ 'runs.title' | t }}</h1>
      <a mat-flat-button routerLink="/runs/new">{{ 'runs.new' | t }}</a>
    </div>
    <table class="table">
      <tbody>
        @for (r of runs() ?? []; track r.id) {
          <tr>
            <td>
              <a [routerLink]="['/runs', r.id]">{{ r.name }}</a>
            </td>
            <td>{{ 'runs.status.' + r.status | t }}</td>
            <td class="bar">
              <mat-progress-bar
                mode="determinate"
                [value]="r.total ? (100 * r.done) / r.total : 0"
              />
            </td>
            <td class="num">{{ r.done }} / {{ r.total }}</td>
            <td class="muted">{{ r.createdAt | date: 'yyyy-MM-dd HH:mm' }}</td>
          </tr>
        } @empty {
          <tr>
            <td class="muted">{{ 'runs.none' | t }}</td>
          </tr>
        }
      </tbody>
    </table>
    <h2>{{ 'judge.runs.title' | t }}</h2>
    <table class="table" aria-label="judge runs">
      <tbody>
        @for (r of judgeRuns() ?? []; track r.id) {
          <tr>
            <td>
              <a [routerLink]="['/runs/judge', r.id]">{{ r.name }}</a>
            </td>
            <td>{{ 'judge.runs.of' | t: { name: r.judgeName } }}</td>
            <td>{{ 'runs.status.' + r.status | t }}</td>
            <td class="bar">
              <mat-progress-bar
                mode="determinate"
                [value]="r.total ? (100 * r.done) / r.total : 0"
              />
            </td>
            <td class="num">{{ r.done }} / {{ r.total }}</td>
            <td class="muted">{{ r.createdAt | date: 'yyyy-MM-dd HH:mm' }}</td>
          </tr>
        } @empty {
          <tr>
            <td class="muted">{{ 'judge.runs.none' | t }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    .table {
      width: 100%;
      border-collapse: collapse;
    }
    td {
      padding: 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .bar {
      width: 240px;
    }
    h2 {
      font-size: 18px;
      margin: 28px 0 8px;
    }
    .num {
      text-align: right;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunsListComponent {
  protected readonly runs = toSignal(inject(RunsApiService).runs());
  protected readonly judgeRuns = toSignal(inject(JudgeApiService).runs());
}
