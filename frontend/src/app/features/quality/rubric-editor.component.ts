import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { EditableRubric, QualityApiService, RescoreChange } from './quality-api.service';

/**
 * Editing a rubric that already has marks: change items, points, floor or ceiling, preview which
 * answers change (old and new points), then save, which re-scores them by appending marks.
 */
@Component({
  selector: 'yj-rubric-editor',
  imports: [FormsModule, RouterLink, MatButtonModule, TPipe],
  template: `
    <a routerLink="/quality">← {{ 'quality.title' | t }}</a>
    @if (rubric(); as r) {
      <h1>{{ 'rubric.title' | t: { n: number(), v: version() } }}</h1>
      <div class="limits">
        <label
          >{{ 'rubric.mode' | t }}
          <select [(ngModel)]="r.mode" (ngModelChange)="touched()" name="mode">
            <option value="items">{{ 'rubric.mode.items' | t }}</option>
            <option value="score">{{ 'rubric.mode.score' | t }}</option>
          </select>
        </label>
        <label
          >{{ 'rubric.start' | t }}
          <input
            type="number"
            step="0.5"
            [(ngModel)]="r.startingPoints"
            (ngModelChange)="touched()"
            name="start"
        /></label>
        <label
          >{{ 'rubric.floor' | t }}
          <input
            type="number"
            step="0.5"
            [(ngModel)]="r.floorPoints"
            (ngModelChange)="touched()"
            name="floor"
        /></label>
        <label
          >{{ 'rubric.ceiling' | t }}
          <input
            type="number"
            step="0.5"
            [(ngModel)]="r.ceilingPoints"
            (ngModelChange)="touched()"
            name="ceiling"
          />
          <small class="muted">/ {{ maxPoints() }}</small></label
        >
      </div>
      <table class="items">
        <thead>
          <tr>
            <th>{{ 'rubric.id' | t }}</th>
            <th>{{ 'rubric.points' | t }}</th>
            <th>{{ 'rubric.description' | t }}</th>
            <th>{{ 'rubric.group' | t }}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          @for (item of r.items; track $index; let i = $index) {
            <tr>
              <td>
                <input
                  [(ngModel)]="item.id"
                  (ngModelChange)="touched()"
                  [name]="'id' + i"
                  [attr.aria-label]="('rubric.id' | t) + ' ' + (i + 1)"
                  class="short"
                />
              </td>
              <td>
                <input
                  type="number"
                  step="0.5"
                  [(ngModel)]="item.points"
                  (ngModelChange)="touched()"
                  [name]="'pts' + i"
                  [attr.aria-label]="('rubric.points' | t) + ' ' + (i + 1)"
                  class="short"
                />
              </td>
              <td>
                <input
                  [(ngModel)]="item.description"
                  (ngModelChange)="touched()"
                  [name]="'desc' + i"
                  [attr.aria-label]="('rubric.description' | t) + ' ' + (i + 1)"
                  class="wide"
                />
              </td>
              <td>
                <input
                  [(ngModel)]="item.group"
                  (ngModelChange)="touched()"
                  [name]="'grp' + i"
                  [attr.aria-label]="('rubric.group' | t) + ' ' + (i + 1)"
                  class="short"
                />
              </td>
              <td>
                <button mat-button (click)="remove(i)">{{ 'rubric.remove' | t }}</button>
              </td>
            </tr>
          }
        </tbody>
      </table>
      <div class="actions">
        <button mat-stroked-button (click)="add()">{{ 'rubric.add' | t }}</button>
        <span class="spacer"></span>
        <button mat-stroked-button (click)="preview()">{{ 'rubric.preview' | t }}</button>
        <button mat-flat-button [disabled]="!previewed()" (click)="save()">
          {{ 'rubric.save' | t: { n: changes().length } }}
        </button>
      </div>
      @if (message()) {
        <p role="status" [class.bad]="isError()">{{ message() }}</p>
      }
      @if (previewed()) {
        <h2>{{ 'rubric.changes' | t: { n: changes().length, same: unchanged() } }}</h2>
        <table class="items">
          <thead>
            <tr>
              <th>{{ 'rubric.answer' | t }}</th>
              <th class="num">{{ 'rubric.reads' | t }}</th>
              <th class="num">{{ 'rubric.final' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (c of changes(); track c.taskId) {
              <tr>
                <td class="excerpt">{{ c.excerpt }}</td>
                <td class="num">
                  @for (x of c.reads; track x.markId) {
                    <div>
                      {{ x.oldPoints }} → <b>{{ x.newPoints }}</b>
                    </div>
                  }
                </td>
                <td class="num">
                  {{ c.oldFinal ?? '—' }} →
                  <b>{{ c.newFinal ?? ('rubric.state.' + c.newState | t) }}</b>
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    }
  `,
  styles: `
    .limits,
    .actions {
      display: flex;
      gap: 16px;
      align-items: center;
      flex-wrap: wrap;
      margin: 12px 0;
    }
    .spacer {
      flex: 1;
    }
    .items {
      width: 100%;
      border-collapse: collapse;
      font-size: 14px;
    }
    th,
    td {
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    .num {
      text-align: right;
      white-space: nowrap;
    }
    input {
      font: inherit;
      padding: 4px 6px;
    }
    .short {
      width: 70px;
    }
    .wide {
      width: 100%;
      min-width: 280px;
    }
    .limits input {
      width: 70px;
    }
    .excerpt {
      white-space: pre-wrap;
      max-width: 640px;
    }
    .bad {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RubricEditorComponent implements OnInit {
  private readonly api = inject(QualityApiService);
  private readonly i18n = inject(I18nService);
  readonly questionId = input.required<string>();
  protected readonly rubric = signal<EditableRubric | null>(null);
  protected readonly version = signal(0);
  protected readonly number = signal('');
  protected readonly maxPoints = signal(0);
  protected readonly changes = signal<RescoreChange[]>([]);
  protected readonly unchanged = signal(0);
  protected readonly previewed = signal(false);
  protected readonly message = signal('');
  protected readonly isError = signal(false);

  ngOnInit() {
    this.load();
  }

  protected touched() {
    this.previewed.set(false);
  }

  protected add() {
    const r = this.rubric()!;
    r.items = [...r.items, { id: `i${r.items.length + 1}`, points: 1, description: '' }];
    this.rubric.set({ ...r });
    this.touched();
  }

  protected remove(i: number) {
    const r = this.rubric()!;
    this.rubric.set({ ...r, items: r.items.filter((_, k) => k !== i) });
    this.touched();
  }

  protected preview() {
    this.api.preview(this.questionId(), this.body()).subscribe({
      next: (p) => {
        this.changes.set(p.changes);
        this.unchanged.set(p.unchanged);
        this.previewed.set(true);
        this.say('');
      },
      error: (e: HttpErrorResponse) => this.say(e.error?.message ?? e.message, true),
    });
  }

  protected save() {
    this.api.save(this.questionId(), this.body(), this.version()).subscribe({
      next: (res) => {
        this.say(this.i18n.t('rubric.saved', { v: res.version, n: res.changes.length }));
        this.load();
      },
      error: (e: HttpErrorResponse) => this.say(e.error?.message ?? e.message, true),
    });
  }

  private body(): EditableRubric {
    const r = this.rubric()!;
    // Empty groups mean "no group"; numbers typed into inputs arrive as numbers already.
    return {
      ...r,
      items: r.items.map((i) => ({
        id: i.id,
        points: Number(i.points),
        description: i.description,
        ...(i.group ? { group: i.group } : {}),
      })),
    };
  }

  private say(text: string, isError = false) {
    this.message.set(text);
    this.isError.set(isError);
  }

  private load() {
    this.api.rubric(this.questionId()).subscribe((r) => {
      this.rubric.set({ ...r.rubric, items: r.rubric.items.map((i) => ({ ...i })) });
      this.version.set(r.version);
      this.number.set(r.number);
      this.maxPoints.set(r.maxPoints);
      this.previewed.set(false);
    });
  }
}
