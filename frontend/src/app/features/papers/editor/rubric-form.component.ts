import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TPipe } from '../../../core/i18n/t.pipe';
import { RubricItemDoc, RubricQuestionDoc, RubricSampleDoc } from './editor.models';
import { numberOrUndefined } from './form-values';
import { PaperEditorStore } from './paper-editor.store';

type RubricNumber = 'startingPoints' | 'floor' | 'ceiling';

/** A subjective question's rubric: mode, bounds, items (points, one-of groups, notes), scored samples. */
@Component({
  selector: 'yj-rubric-form',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TPipe],
  templateUrl: './rubric-form.component.html',
  styleUrl: './rubric-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RubricFormComponent {
  readonly number = input.required<string>();
  readonly points = input.required<number>();
  private readonly store = inject(PaperEditorStore);
  protected readonly rubric = computed(
    () => this.store.bundle()?.rubric?.questions.find((r) => r.question === this.number()) ?? null,
  );

  private edit(change: (r: RubricQuestionDoc) => void) {
    this.store.editRubric(this.number(), change);
  }

  private value(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected add() {
    this.store.addRubric(this.number(), this.points());
  }

  protected removeRubric() {
    this.store.removeRubric(this.number());
  }

  protected setMode(mode: 'items' | 'score') {
    this.edit((r) => (r.mode = mode));
  }

  protected setNumber(key: RubricNumber, e: Event) {
    const n = numberOrUndefined(this.value(e));
    this.edit((r) => {
      if (n === undefined) delete r[key];
      else r[key] = n;
    });
  }

  protected setNotes(e: Event) {
    const text = this.value(e);
    this.edit((r) => {
      if (text) r.graderNotes = text;
      else delete r.graderNotes;
    });
  }

  protected setItem(k: number, key: keyof RubricItemDoc, e: Event) {
    const text = this.value(e);
    this.edit((r) => {
      const item = r.items![k];
      if (key === 'points') item.points = numberOrUndefined(text) ?? 0;
      else if ((key === 'group' || key === 'graderNote') && !text) delete item[key];
      else item[key] = text;
    });
  }

  protected addItem() {
    this.edit((r) => {
      const items = (r.items ??= []);
      const used = new Set(items.map((i) => i.id));
      const id =
        'abcdefghijklmnopqrstuvwxyz'.split('').find((c) => !used.has(c)) ?? `i${items.length + 1}`;
      items.push({ id, points: 1, description: '' });
    });
  }

  protected removeItem(k: number) {
    this.edit((r) => r.items!.splice(k, 1));
  }

  protected setSample(k: number, key: keyof RubricSampleDoc, e: Event) {
    const text = this.value(e);
    this.edit((r) => {
      const sample = r.samples![k];
      if (key === 'score') sample.score = numberOrUndefined(text) ?? 0;
      else if (key === 'note' && !text) delete sample.note;
      else sample[key] = text;
    });
  }

  protected addSample() {
    this.edit((r) => (r.samples ??= []).push({ answer: '', score: this.points() }));
  }

  protected removeSample(k: number) {
    this.edit((r) => {
      r.samples!.splice(k, 1);
      if (!r.samples!.length) delete r.samples;
    });
  }
}
