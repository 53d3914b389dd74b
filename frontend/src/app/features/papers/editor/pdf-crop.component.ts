import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { errorText } from '../../../core/i18n/error-text';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TPipe } from '../../../core/i18n/t.pipe';
import { CropAreaComponent } from './crop-area.component';
import { CropRect, EditorApiService, PdfSummary, PdfView } from './editor-api.service';
import { ImageRef, questionAt, questionRefs } from './editor.models';
import { ImageListComponent } from './image-list.component';
import { ImageTarget, PaperEditorStore } from './paper-editor.store';

const POLL_MS = 800;

/**
 * The figure crop tool: a PDF uploaded earlier (or now), its pages, a rectangle dragged on one,
 * and the question, option or passage the crop goes to. The server cuts the crop from the page's
 * full render and stores it like every other image; it shows at once in the target's images below
 * and in the preview beside.
 */
@Component({
  selector: 'yj-pdf-crop',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    TPipe,
    CropAreaComponent,
    ImageListComponent,
  ],
  templateUrl: './pdf-crop.component.html',
  styleUrls: ['./editor-form.css', './pdf-crop.component.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PdfCropComponent {
  protected readonly store = inject(PaperEditorStore);
  private readonly api = inject(EditorApiService);
  private readonly i18n = inject(I18nService);
  protected readonly pdfs = signal<PdfSummary[]>([]);
  protected readonly pdf = signal<PdfView | null>(null);
  protected readonly pageNumber = signal(1);
  protected readonly rect = signal<CropRect | null>(null);
  /** 'stem', 'option:A' or 'passage:p1'. */
  protected readonly part = signal('stem');
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  /** The last crop: its size and where it went, worded in the language of the moment. */
  protected readonly done = signal<{ w: number; h: number; target: ImageTarget; n: string } | null>(
    null,
  );
  protected readonly doneText = computed(() => {
    this.i18n.lang();
    const d = this.done();
    return d
      ? this.i18n.t('editor.crop.done', { w: d.w, h: d.h, target: this.nameOf(d.target, d.n) })
      : '';
  });
  private poll: ReturnType<typeof setTimeout> | null = null;

  protected readonly page = computed(
    () => this.pdf()?.pages.find((p) => p.pageNumber === this.pageNumber()) ?? null,
  );
  protected readonly questions = computed(() =>
    questionRefs(this.store.paper() ?? ({ sections: [] } as never)).map((r) => ({
      key: refKey(r.ref),
      label: this.i18n.t('editor.q', { n: r.q.number }),
    })),
  );
  protected readonly questionKey = computed(() => {
    const sel = this.store.selection();
    return sel.kind === 'question' ? refKey(sel) : '';
  });
  protected readonly question = computed(() => this.store.selected());
  /** What the crop can go to: the stem, each option, each passage of the paper. */
  protected readonly parts = computed(() => {
    const q = this.question();
    const out = q ? [{ key: 'stem', label: this.i18n.t('editor.crop.stem') }] : [];
    for (const o of q?.options ?? [])
      out.push({
        key: `option:${o.label}`,
        label: this.i18n.t('editor.crop.option', { label: o.label }),
      });
    for (const p of this.store.paper()?.passages ?? [])
      out.push({
        key: `passage:${p.id}`,
        label: this.i18n.t('editor.where.passage', { id: p.title ?? p.id }),
      });
    return out;
  });
  protected readonly target = computed<ImageTarget | null>(() => {
    const [kind, name] = this.part().split(':');
    const sel = this.store.selection();
    if (kind === 'passage') return { kind: 'passage', id: name };
    if (sel.kind !== 'question') return null;
    const ref = { s: sel.s, i: sel.i, k: sel.k };
    return kind === 'option' ? { kind: 'option', ref, label: name } : { kind: 'stem', ref };
  });
  /** 第3题 · 题干: what the button and the confirmation name. */
  protected readonly targetName = computed(() => {
    const t = this.target();
    return t ? this.nameOf(t, this.question()?.number ?? '') : '';
  });

  private nameOf(t: ImageTarget, number: string): string {
    if (t.kind === 'passage') {
      const p = this.store.paper()?.passages?.find((x) => x.id === t.id);
      return this.i18n.t('editor.where.passage', { id: p?.title ?? t.id });
    }
    const part =
      t.kind === 'stem'
        ? this.i18n.t('editor.crop.stem')
        : this.i18n.t('editor.crop.option', { label: t.label });
    return `${this.i18n.t('editor.q', { n: number })} · ${part}`;
  }
  /** The target's images as they stand, for the same image list the form shows. */
  protected readonly targetImages = computed<ImageRef[]>(() => {
    const t = this.target();
    const paper = this.store.paper();
    if (!t || !paper) return [];
    if (t.kind === 'passage') return paper.passages?.find((p) => p.id === t.id)?.images ?? [];
    const q = questionAt(paper, t.ref);
    if (t.kind === 'stem') return q?.images ?? [];
    const image = q?.options?.find((o) => o.label === t.label)?.image;
    return image ? [image] : [];
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopPolling());
    this.refreshList();
    // Crops go to a question: start on the first one if the paper or a section is selected.
    const sel = this.store.selection();
    const first = questionRefs(this.store.paper() ?? ({ sections: [] } as never))[0];
    if (sel.kind !== 'question' && first)
      this.store.selection.set({ kind: 'question', ...first.ref });
    effect(() => {
      const id = this.store.cropPdfId();
      untracked(() => (id ? this.load(id) : this.pdf.set(null)));
    });
    // A part that the newly selected question lacks (option E) falls back to its stem.
    effect(() => {
      const parts = this.parts();
      if (!parts.some((p) => p.key === untracked(() => this.part()))) this.part.set('stem');
    });
  }

  private refreshList() {
    this.api.pdfs().subscribe({
      next: (list) => {
        this.pdfs.set(list);
        if (!this.store.cropPdfId() && list[0]) this.store.cropPdfId.set(list[0].id);
      },
      error: (e: HttpErrorResponse) => this.error.set(errorText(this.i18n, e)),
    });
  }

  private load(id: string) {
    this.stopPolling();
    this.api.pdf(id).subscribe({
      next: (d) => {
        if (this.pdf()?.id !== d.id) {
          this.pageNumber.set(1);
          this.rect.set(null);
        }
        this.pdf.set(d);
        if (d.status === 'queued' || d.status === 'rendering')
          this.poll = setTimeout(() => this.load(id), POLL_MS);
        else if (this.pdfs().some((p) => p.id === d.id && p.status !== d.status))
          this.refreshList();
      },
      error: (e: HttpErrorResponse) => this.error.set(errorText(this.i18n, e)),
    });
  }

  private stopPolling() {
    if (this.poll) clearTimeout(this.poll);
    this.poll = null;
  }

  protected pick(id: string) {
    this.error.set('');
    this.done.set(null);
    this.store.cropPdfId.set(id);
  }

  protected valueOf(e: Event): string {
    return (e.target as HTMLSelectElement).value;
  }

  protected pickQuestion(key: string) {
    const [s, i, k] = key.split('-').map((v) => (v === '' ? undefined : Number(v)));
    this.store.selection.set({ kind: 'question', s: s!, i: i!, k });
  }

  protected go(by: number) {
    const pages = this.pdf()?.pages.length ?? 1;
    this.pageNumber.set(Math.min(pages, Math.max(1, this.pageNumber() + by)));
    this.rect.set(null);
  }

  protected upload(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.error.set('');
    this.busy.set(true);
    this.api.uploadPdf(file).subscribe({
      next: (d) => {
        this.busy.set(false);
        input.value = '';
        this.pdfs.update((list) => [
          {
            id: d.id,
            filename: d.filename,
            pageCount: d.pageCount,
            status: d.status,
            createdAt: '',
          },
          ...list,
        ]);
        this.store.cropPdfId.set(d.id);
      },
      error: (err: HttpErrorResponse) => {
        this.busy.set(false);
        this.error.set(errorText(this.i18n, err));
      },
    });
  }

  protected assign() {
    const pdf = this.pdf();
    const rect = this.rect();
    const target = this.target();
    if (!pdf || !rect || !target) return;
    const n = this.question()?.number ?? '';
    this.busy.set(true);
    this.error.set('');
    this.done.set(null);
    this.api.crop(pdf.id, this.pageNumber(), rect).subscribe({
      next: (c) => {
        this.busy.set(false);
        this.store.attachImage(target, c.file, c.sha256);
        this.done.set({ w: c.width, h: c.height, target, n });
        this.rect.set(null);
      },
      error: (err: HttpErrorResponse) => {
        this.busy.set(false);
        this.error.set(errorText(this.i18n, err));
      },
    });
  }

  protected setTargetImages(images: ImageRef[]) {
    const t = this.target();
    if (!t) return;
    this.store.edit((b) => {
      if (t.kind === 'passage') {
        const p = b.paper.passages?.find((x) => x.id === t.id);
        if (p) p.images = images.length ? images : undefined;
        return;
      }
      const q = questionAt(b.paper, t.ref);
      if (!q) return;
      if (t.kind === 'stem') q.images = images.length ? images : undefined;
      else {
        const o = q.options?.find((x) => x.label === t.label);
        if (o) o.image = images[0];
      }
    });
  }
}

function refKey(r: { s: number; i: number; k?: number }): string {
  return `${r.s}-${r.i}-${r.k ?? ''}`;
}
