import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { catchError, map, of, switchMap, timer } from 'rxjs';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TPipe } from '../../../core/i18n/t.pipe';
import { latestValue } from '../../../shared/data/latest-value';
import { ModelMessagesComponent } from '../model-messages.component';
import { RenderedQuestion } from '../papers.models';
import { QuestionCardComponent } from '../question-card.component';
import { EditorApiService } from './editor-api.service';
import { PaperEditorStore } from './paper-editor.store';
import { toQuestionView } from './to-question-view';

const PREVIEW_DELAY_MS = 500;

/** Beside the form, live: the question as a student sees it, and the exact messages a model receives. */
@Component({
  selector: 'yj-editor-preview',
  imports: [
    MatButtonToggleModule,
    MatSlideToggleModule,
    TPipe,
    QuestionCardComponent,
    ModelMessagesComponent,
  ],
  template: `
    <aside class="preview">
      @if (question(); as q) {
        <mat-button-toggle-group
          [value]="view()"
          (change)="view.set($event.value)"
          [attr.aria-label]="'paper.view.person' | t"
        >
          <mat-button-toggle value="person">{{ 'editor.preview.person' | t }}</mat-button-toggle>
          <mat-button-toggle value="model">{{ 'editor.preview.model' | t }}</mat-button-toggle>
        </mat-button-toggle-group>
        @if (view() === 'person') {
          <mat-slide-toggle [checked]="showKey()" (change)="showKey.set($event.checked)">{{
            'editor.preview.showKey' | t
          }}</mat-slide-toggle>
          <div class="pane" [attr.aria-label]="'editor.preview.person' | t">
            <yj-question-card [question]="q" [showKey]="showKey()" />
          </div>
        } @else {
          <mat-button-toggle-group
            [value]="mode()"
            (change)="mode.set($event.value)"
            [attr.aria-label]="'paper.mode.vision' | t"
          >
            <mat-button-toggle value="vision">{{ 'paper.mode.vision' | t }}</mat-button-toggle>
            <mat-button-toggle value="text">{{ 'paper.mode.text' | t }}</mat-button-toggle>
          </mat-button-toggle-group>
          <div class="pane" [attr.aria-label]="'editor.preview.model' | t">
            @if (rendered(); as r) {
              <yj-model-messages [rendered]="r" />
            } @else {
              <p class="muted">{{ 'editor.preview.loading' | t }}</p>
            }
          </div>
        }
      } @else {
        <p class="muted">{{ 'editor.preview.pick' | t }}</p>
      }
    </aside>
  `,
  styles: `
    .preview {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: flex-start;
    }
    .pane {
      align-self: stretch;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 10px;
      padding: 0 12px;
      background: var(--mat-sys-surface);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditorPreviewComponent {
  private readonly store = inject(PaperEditorStore);
  private readonly api = inject(EditorApiService);
  protected readonly view = signal<'person' | 'model'>('person');
  protected readonly mode = signal<'vision' | 'text'>('vision');
  protected readonly showKey = signal(true);
  protected readonly question = computed(() => {
    const draft = this.store.bundle();
    const q = this.store.selectedTop();
    const sel = this.store.selection();
    if (!draft || !q || sel.kind !== 'question') return null;
    return toQuestionView(
      draft,
      q,
      this.store.assets(),
      draft.paper.sections[sel.s]?.title ?? null,
    );
  });

  /**
   * The model's messages for the question as it stands, asked for once typing pauses (a new
   * keystroke drops the wait and any request in flight); the last messages stay until the next.
   */
  private readonly preview = rxResource({
    params: () => {
      const draft = this.store.bundle();
      const q = this.store.selectedTop();
      return this.view() === 'model' && draft && q
        ? { draft, number: q.number, mode: this.mode() }
        : undefined;
    },
    stream: ({ params: p }) =>
      timer(PREVIEW_DELAY_MS).pipe(
        switchMap(() => this.api.preview(this.store.forServer(p.draft), p.number, p.mode)),
        map((r): RenderedQuestion | null => r.questions[0] ?? null),
        catchError(() => of(null)),
      ),
  });
  protected readonly rendered = latestValue<RenderedQuestion | null>(this.preview, null);
}
