import { HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { errorText } from '../../../core/i18n/error-text';
import { I18nService } from '../../../core/i18n/i18n.service';
import { ImportResult } from '../papers.models';
import { EditorApiService, IntakeDraftView } from './editor-api.service';
import {
  DraftBundle,
  emptyPaper,
  PaperDoc,
  Problem,
  QuestionDoc,
  QuestionRef,
  questionAt,
  questionRefs,
  RubricDoc,
  RubricQuestionDoc,
  Selection,
} from './editor.models';
import { fieldKey } from './problem-text';

/** Where a cropped figure goes: a question's stem images, one option's image, or a passage's images. */
export type ImageTarget =
  | { kind: 'stem'; ref: QuestionRef }
  | { kind: 'option'; ref: QuestionRef; label: string }
  | { kind: 'passage'; id: string };

export interface EditorBase {
  versionId: string;
  version: number;
  status: string;
  slug: string;
}

const VALIDATE_DELAY_MS = 400;

/**
 * The editor's state: one bundle, edited by replacing it (so every view reading it follows), and
 * validated by the server's own validator a moment after each change.
 */
@Injectable()
export class PaperEditorStore {
  private readonly api = inject(EditorApiService);
  private readonly i18n = inject(I18nService);
  readonly bundle = signal<DraftBundle | null>(null);
  readonly base = signal<EditorBase | null>(null);
  /** image sha256 → the asset to show it with. */
  readonly assets = signal<Record<string, string>>({});
  readonly selection = signal<Selection>({ kind: 'paper' });
  readonly problems = signal<Problem[]>([]);
  readonly isChecking = signal(false);
  readonly isSaving = signal(false);
  readonly isDirty = signal(false);
  readonly saved = signal<ImportResult | null>(null);
  readonly publishedVersion = signal<number | null>(null);
  readonly error = signal('');
  readonly intake = signal<IntakeDraftView | null>(null);
  /** The figure crop tool takes the form's place while open; the PDF it shows. */
  readonly cropOpen = signal(false);
  readonly cropPdfId = signal<string | null>(null);
  /** The field to focus next: a data-field key and a counter, so the same field can be asked twice. */
  readonly focus = signal<{ key: string; n: number; question?: string } | null>(null);
  private revision = 0;

  readonly paper = computed(() => this.bundle()?.paper ?? null);
  readonly selected = computed(() => {
    const sel = this.selection();
    const paper = this.paper();
    return sel.kind === 'question' && paper ? questionAt(paper, sel) : null;
  });
  /** The top-level question holding the selection (its composite for a sub-question). */
  readonly selectedTop = computed(() => {
    const sel = this.selection();
    const paper = this.paper();
    return sel.kind === 'question' && paper ? questionAt(paper, { s: sel.s, i: sel.i }) : null;
  });
  readonly total = computed(() =>
    (this.paper()?.sections ?? []).reduce(
      (a, s) => a + s.questions.reduce((b, q) => b + pointsOf(q), 0),
      0,
    ),
  );
  /** The version that can be published from here: the draft just saved or opened, with nothing unsaved. */
  readonly publishable = computed(() => {
    const base = this.base();
    return base && base.status === 'draft' && !this.isDirty() ? base : null;
  });

  constructor() {
    let timer: ReturnType<typeof setTimeout> | null = null;
    inject(DestroyRef).onDestroy(() => timer && clearTimeout(timer));
    effect(() => {
      const draft = this.bundle();
      if (!draft) return;
      if (timer) clearTimeout(timer);
      const rev = ++this.revision;
      untracked(() => this.isChecking.set(true));
      timer = setTimeout(() => this.check(draft, rev), VALIDATE_DELAY_MS);
    });
  }

  open(versionId: string) {
    this.api.open(versionId).subscribe({
      next: (b) => {
        this.base.set({
          versionId: b.versionId,
          version: b.version,
          status: b.status,
          slug: b.slug,
        });
        this.assets.set(b.assets);
        this.bundle.set({ paper: b.paper, rubric: b.rubric, images: b.images });
        this.selection.set({ kind: 'question', s: 0, i: 0 });
      },
      error: (e: HttpErrorResponse) => this.error.set(errorText(this.i18n, e)),
    });
  }

  startEmpty() {
    this.base.set(null);
    this.bundle.set(emptyPaper(new Date().getFullYear()));
    this.selection.set({ kind: 'paper' });
  }

  /** An intake draft is a bundle plus what intake was unsure of: load the bundle, keep the rest to show. */
  loadIntake(draft: IntakeDraftView) {
    this.base.set(null);
    this.intake.set(draft);
    const images = Object.fromEntries(draft.images.map((i) => [i.name, i.sha256]));
    this.assets.update((a) => ({
      ...a,
      ...Object.fromEntries(draft.images.map((i) => [i.sha256, i.sha256])),
    }));
    this.bundle.set({ paper: draft.paper, rubric: draft.rubric ?? null, images });
    // A PDF's figures are cropped from its pages: the crop tool starts on that PDF.
    if (draft.source.pdfId) this.cropPdfId.set(draft.source.pdfId);
    this.isDirty.set(true);
    this.selection.set({ kind: 'paper' });
  }

  /** Applies an edit to a copy of the bundle. */
  edit(change: (b: DraftBundle) => void) {
    const current = this.bundle();
    if (!current) return;
    const next = structuredClone(current);
    change(next);
    this.bundle.set(next);
    this.isDirty.set(true);
  }

  editPaper(change: (p: PaperDoc) => void) {
    this.edit((b) => change(b.paper));
  }

  editQuestion(ref: QuestionRef, change: (q: QuestionDoc) => void) {
    this.edit((b) => {
      const q = questionAt(b.paper, ref);
      if (!q) return;
      const before = q.number;
      change(q);
      // The rubric follows its question when the number changes.
      if (q.number !== before)
        for (const r of b.rubric?.questions ?? []) if (r.question === before) r.question = q.number;
    });
  }

  editRubric(number: string, change: (r: RubricQuestionDoc, all: RubricDoc) => void) {
    this.edit((b) => {
      const rubric = b.rubric;
      const r = rubric?.questions.find((x) => x.question === number);
      if (rubric && r) change(r, rubric);
    });
  }

  addRubric(number: string, points: number) {
    this.edit((b) => {
      b.rubric ??= { format: 'yuejuan/rubric@1', paper: b.paper.id, questions: [] };
      b.rubric.questions.push({
        question: number,
        mode: 'items',
        ceiling: points,
        items: [{ id: 'a', points, description: '' }],
      });
    });
  }

  removeRubric(number: string) {
    this.edit((b) => {
      if (!b.rubric) return;
      b.rubric.questions = b.rubric.questions.filter((r) => r.question !== number);
    });
  }

  addImage(file: string, sha256: string) {
    this.assets.update((a) => ({ ...a, [sha256]: sha256 }));
    this.edit((b) => (b.images[file] = sha256));
  }

  /** A stored image (a crop of a PDF page) added to a question's stem, an option or a passage. */
  attachImage(target: ImageTarget, file: string, sha256: string) {
    this.assets.update((a) => ({ ...a, [sha256]: sha256 }));
    this.edit((b) => {
      b.images[file] = sha256;
      if (target.kind === 'passage') {
        const passage = b.paper.passages?.find((p) => p.id === target.id);
        if (passage) passage.images = [...(passage.images ?? []), { file }];
        return;
      }
      const q = questionAt(b.paper, target.ref);
      if (!q) return;
      if (target.kind === 'stem') q.images = [...(q.images ?? []), { file }];
      else {
        const option = q.options?.find((o) => o.label === target.label);
        if (option) option.image = { file };
      }
    });
  }

  /** Goes to the question and field a problem names. */
  goTo(p: Problem) {
    const l = p.location;
    const paper = this.paper();
    if (!l || !paper) return;
    if (l.scope === 'question' || l.scope === 'rubric') {
      const hit =
        questionRefs(paper).find((r) => l.question !== undefined && r.q.number === l.question) ??
        (l.scope === 'question' && l.section && l.ordinal
          ? { ref: { s: l.section - 1, i: l.ordinal - 1 } }
          : undefined);
      if (hit) this.selection.set({ kind: 'question', ...hit.ref });
    } else if (l.scope === 'section' && l.section)
      this.selection.set({ kind: 'section', s: l.section - 1 });
    else this.selection.set({ kind: 'paper' });
    const question = l.scope === 'question' || l.scope === 'rubric' ? l.question : undefined;
    this.focus.set({ key: fieldKey(p), n: (this.focus()?.n ?? 0) + 1, question });
  }

  save() {
    const draft = this.bundle();
    if (!draft) return;
    this.isSaving.set(true);
    this.error.set('');
    this.api.save(this.forServer(draft)).subscribe({
      next: (r) => {
        this.isSaving.set(false);
        this.isDirty.set(false);
        this.saved.set(r);
        // What is on screen is now that version: the next save makes the one after it.
        this.base.set({
          versionId: r.versionId,
          version: r.version,
          status: r.status === 'created' ? 'draft' : (this.base()?.status ?? 'draft'),
          slug: r.slug,
        });
      },
      error: (e: HttpErrorResponse) => {
        this.isSaving.set(false);
        if (Array.isArray(e.error?.errors)) this.problems.set(e.error.errors);
        else this.error.set(errorText(this.i18n, e));
      },
    });
  }

  publish() {
    const target = this.publishable();
    if (!target) return;
    this.api.publish(target.versionId).subscribe({
      next: (p) => {
        this.publishedVersion.set(p.version);
        this.base.update((b) => (b ? { ...b, status: p.status } : b));
      },
      error: (e: HttpErrorResponse) => this.error.set(errorText(this.i18n, e)),
    });
  }

  /** The rubric's paper id follows the paper's; an empty rubric is no rubric. */
  forServer(draft: DraftBundle): DraftBundle {
    const rubric = draft.rubric?.questions.length
      ? { ...draft.rubric, paper: draft.paper.id }
      : null;
    return { ...draft, rubric };
  }

  private check(draft: DraftBundle, rev: number) {
    this.api.validate(this.forServer(draft)).subscribe({
      next: (v) => {
        if (rev !== this.revision) return;
        this.problems.set(v.problems);
        this.isChecking.set(false);
      },
      error: () => rev === this.revision && this.isChecking.set(false),
    });
  }
}

function pointsOf(q: QuestionDoc): number {
  if (q.type === 'composite')
    return (q.subQuestions ?? []).reduce((a, s) => a + (s.points ?? 0), 0);
  return q.points ?? 0;
}
