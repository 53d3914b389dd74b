import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { errorText } from '../../../core/i18n/error-text';
import { I18nService } from '../../../core/i18n/i18n.service';
import { MatButtonModule } from '@angular/material/button';
import { TPipe } from '../../../core/i18n/t.pipe';
import { EditorApiService, IntakeDraftView } from './editor-api.service';
import { PaperEditorStore } from './paper-editor.store';

/** A new paper from a Word or PDF file: intake splits it into a draft, which opens in the editor. */
@Component({
  selector: 'yj-intake-upload',
  imports: [MatButtonModule, TPipe],
  template: `
    <section class="card">
      <h2>{{ 'editor.intake' | t }}</h2>
      <p class="hint">{{ 'editor.intake.hint' | t }}</p>
      <button mat-stroked-button type="button" [disabled]="busy()" (click)="picker.click()">
        {{ 'editor.intake.choose' | t }}
      </button>
      <input
        #picker
        class="hidden"
        type="file"
        accept=".docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        [attr.aria-label]="'editor.intake' | t"
        (change)="upload($event)"
      />
      @if (samples().length) {
        <p class="hint samples">
          {{ 'editor.intake.samples' | t }}
          @for (sample of samples(); track sample.name) {
            <button mat-button type="button" [disabled]="busy()" (click)="openSample(sample.name)">
              {{ sample.name }}
            </button>
          }
        </p>
      }
      @if (failed(); as message) {
        <p class="error" role="alert">{{ 'editor.intake.failed' | t: { message } }}</p>
      }
      @if (store.intake(); as d) {
        <p role="status">
          {{
            'editor.intake.loaded'
              | t
                : {
                    file: d.source.filename,
                    n: d.stats.questions,
                    keys: d.stats.withKey,
                    points: d.stats.withPoints,
                  }
          }}
        </p>
        @if (d.source.kind === 'pdf') {
          <p class="hint">
            {{ 'editor.intake.cropHint' | t }}
            <button mat-button type="button" (click)="store.cropOpen.set(true)">
              {{ 'editor.crop.open' | t }}
            </button>
          </p>
        }
        @if (low().length) {
          <p class="hint">{{ 'editor.intake.low' | t }}: {{ low().join('、') }}</p>
        }
        @if (d.unrecognised.length) {
          <h3>{{ 'editor.intake.unrecognised' | t }}</h3>
          <ul class="orphans">
            @for (u of d.unrecognised; track $index) {
              <li data-content>{{ u.text }}</li>
            }
          </ul>
        }
      }
    </section>
  `,
  styleUrl: './editor-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IntakeUploadComponent {
  protected readonly store = inject(PaperEditorStore);
  private readonly api = inject(EditorApiService);
  private readonly i18n = inject(I18nService);
  protected readonly busy = signal(false);
  protected readonly failed = signal('');
  /** Paths intake was unsure of, as question numbers where it can say. */
  protected readonly low = computed(() => {
    const d = this.store.intake();
    if (!d) return [];
    const paper = this.store.paper();
    const words = (path: string) => {
      const [head, s, , i, sub, k] = path.split('.');
      if (head !== 'sections' || !paper)
        return path
          .split('.')
          .map((f) => this.label(f))
          .join(' · ');
      const q = paper.sections[Number(s)]?.questions[Number(i)];
      const n = sub === 'subQuestions' ? q?.subQuestions?.[Number(k)]?.number : q?.number;
      return n ? this.i18n.t('editor.where.question', { n }) : path;
    };
    return [...new Set(d.confidence.filter((c) => c.level === 'low').map((c) => words(c.path)))];
  });

  private label(field: string): string {
    const key = `editor.field.${field}`;
    const text = this.i18n.t(key);
    return text === key ? field : text;
  }

  protected readonly samples = signal<{ name: string }[]>([]);

  constructor() {
    this.api
      .intakeSamples()
      .subscribe({ next: (list) => this.samples.set(list), error: () => undefined });
  }

  protected openSample(name: string) {
    this.busy.set(true);
    this.failed.set('');
    this.api.intakeSample(name).subscribe({
      next: (d) => this.loaded(d),
      error: (err: HttpErrorResponse) => this.fail(err),
    });
  }

  private loaded(d: IntakeDraftView) {
    this.busy.set(false);
    this.store.loadIntake(d);
  }

  private fail(err: HttpErrorResponse) {
    this.busy.set(false);
    this.failed.set(errorText(this.i18n, err));
  }

  protected upload(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.busy.set(true);
    this.failed.set('');
    this.api.intake(file).subscribe({
      next: (d) => this.loaded(d),
      error: (err: HttpErrorResponse) => this.fail(err),
    });
  }
}
