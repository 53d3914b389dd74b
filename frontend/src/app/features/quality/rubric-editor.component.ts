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
  templateUrl: './rubric-editor.component.html',
  styleUrl: './rubric-editor.component.css',
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
