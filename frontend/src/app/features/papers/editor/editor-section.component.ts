import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TPipe } from '../../../core/i18n/t.pipe';
import { focusRequestedField } from './field-focus';
import { PaperEditorStore } from './paper-editor.store';

/** One section (大题): its title and instructions, its place, removing it. */
@Component({
  selector: 'yj-editor-section',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, TPipe],
  template: `
    @if (section(); as sec) {
      <section class="card">
        <h2>{{ 'editor.section' | t: { n: s() + 1 } }}</h2>
        <mat-form-field appearance="outline" class="full">
          <mat-label>{{ 'editor.field.title' | t }}</mat-label>
          <input matInput data-field="title" [value]="sec.title" (input)="set('title', $event)" />
        </mat-form-field>
        <mat-form-field appearance="outline" class="full">
          <mat-label>{{ 'editor.field.instructions' | t }}</mat-label>
          <textarea
            matInput
            rows="3"
            data-field="instructions"
            [value]="sec.instructions ?? ''"
            (input)="set('instructions', $event)"
          ></textarea>
        </mat-form-field>
        <div class="row">
          <button mat-button type="button" [disabled]="s() === 0" (click)="move(-1)">
            {{ 'editor.moveUp' | t }}
          </button>
          <button mat-button type="button" [disabled]="isLast()" (click)="move(1)">
            {{ 'editor.moveDown' | t }}
          </button>
          <button mat-button type="button" [disabled]="count() === 1" (click)="remove()">
            {{ 'editor.removeSection' | t }}
          </button>
        </div>
      </section>
    }
  `,
  styleUrl: './editor-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditorSectionComponent {
  readonly s = input.required<number>();
  private readonly store = inject(PaperEditorStore);
  protected readonly section = computed(() => this.store.paper()?.sections[this.s()] ?? null);
  protected readonly count = computed(() => this.store.paper()?.sections.length ?? 0);
  protected readonly isLast = computed(() => this.s() === this.count() - 1);

  constructor() {
    focusRequestedField();
  }

  protected set(key: 'title' | 'instructions', e: Event) {
    const value = (e.target as HTMLInputElement).value;
    this.store.editPaper((p) => {
      const sec = p.sections[this.s()];
      if (key === 'instructions' && !value) delete sec.instructions;
      else sec[key] = value;
    });
  }

  protected move(by: number) {
    const s = this.s();
    this.store.editPaper((p) => {
      const [sec] = p.sections.splice(s, 1);
      p.sections.splice(s + by, 0, sec);
    });
    this.store.selection.set({ kind: 'section', s: s + by });
  }

  protected remove() {
    const s = this.s();
    this.store.editPaper((p) => p.sections.splice(s, 1));
    this.store.selection.set({ kind: 'paper' });
  }
}
