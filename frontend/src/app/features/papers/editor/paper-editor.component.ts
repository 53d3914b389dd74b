import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TPipe } from '../../../core/i18n/t.pipe';
import { EditorMetadataComponent } from './editor-metadata.component';
import { EditorOutlineComponent } from './editor-outline.component';
import { EditorPreviewComponent } from './editor-preview.component';
import { EditorProblemsComponent } from './editor-problems.component';
import { EditorSectionComponent } from './editor-section.component';
import { IntakeUploadComponent } from './intake-upload.component';
import { PaperEditorStore } from './paper-editor.store';
import { PdfCropComponent } from './pdf-crop.component';
import { QuestionFormComponent } from './question-form.component';

/** The paper editor: outline, the form of what is selected, and both views of the question beside it. */
@Component({
  selector: 'yj-paper-editor',
  imports: [
    RouterLink,
    MatButtonModule,
    TPipe,
    EditorOutlineComponent,
    EditorMetadataComponent,
    EditorSectionComponent,
    QuestionFormComponent,
    EditorPreviewComponent,
    EditorProblemsComponent,
    IntakeUploadComponent,
    PdfCropComponent,
  ],
  providers: [PaperEditorStore],
  templateUrl: './paper-editor.component.html',
  styleUrl: './paper-editor.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaperEditorComponent {
  /** Route parameter (absent for a new paper), bound by withComponentInputBinding. */
  readonly id = input<string>();
  protected readonly store = inject(PaperEditorStore);
  private readonly i18n = inject(I18nService);
  protected readonly sel = this.store.selection;
  protected readonly questionSel = computed(() => {
    const s = this.sel();
    return s.kind === 'question' ? s : null;
  });
  protected readonly sectionSel = computed(() => {
    const s = this.sel();
    return s.kind === 'section' ? s.s : null;
  });
  protected readonly statusLine = computed(() => {
    const b = this.store.base();
    if (!b) return this.i18n.t('editor.fromScratch');
    return this.i18n.t('editor.basedOn', {
      v: b.version,
      status: this.i18n.t('status.' + b.status),
    });
  });
  protected readonly downloadUrl = computed(() => {
    const id = this.store.saved()?.versionId ?? this.store.base()?.versionId;
    return id ? `/api/papers/${id}/bundle.zip` : null;
  });

  private readonly form = viewChild<ElementRef<HTMLElement>>('form');

  constructor() {
    // A newly selected question starts at its top (a requested field scrolls itself into view after).
    effect(() => {
      this.store.selection();
      const form = untracked(() => this.form());
      if (form) form.nativeElement.scrollTop = 0;
    });
    effect(() => {
      const id = this.id();
      untracked(() => (id ? this.store.open(id) : this.store.startEmpty()));
    });
  }
}
