import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { RouterLink } from '@angular/router';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { wordProblem } from './editor/problem-text';
import { ProblemColumn, ProblemsComponent } from '../../shared/ui/problems.component';
import { PapersApiService } from './papers-api.service';
import { BundleError, ImportResult, PdfDocument } from './papers.models';

@Component({
  selector: 'yj-paper-upload',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    TPipe,
    ProblemsComponent,
  ],
  templateUrl: './paper-upload.component.html',
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 16px;
    }
    .file {
      display: inline-flex;
      flex-direction: column;
      gap: 4px;
      margin: 8px 0;
    }
    .ok {
      margin: 16px 0;
      padding: 10px 14px;
      border-radius: 8px;
      background: var(--mat-sys-primary-container);
    }
    .pages {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 12px;
    }
    figure {
      margin: 0;
    }
    figure img {
      width: 100%;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    figcaption {
      font-size: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaperUploadComponent {
  private readonly api = inject(PapersApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly bundle = signal<File | null>(null);
  protected readonly pdfFile = signal<File | null>(null);
  protected readonly publish = signal(true);
  protected readonly busy = signal(false);
  protected readonly result = signal<ImportResult | null>(null);
  protected readonly message = signal('');
  protected readonly errors = signal<BundleError[]>([]);
  protected readonly problemColumns: ProblemColumn[] = [
    { key: 'file', label: 'upload.col.file', isCode: true },
    { key: 'line', label: 'upload.col.line' },
    { key: 'where', label: 'upload.col.field' },
    { key: 'message', label: 'upload.col.message' },
  ];
  private readonly i18n = inject(I18nService);
  /** 第5题 · 答案 and the problem in the reader's language, from the validator's codes. */
  protected readonly problemRows = computed(() => {
    this.i18n.lang();
    return this.errors().map((e) => {
      const w = wordProblem(this.i18n, e);
      return { ...e, where: [w.where, w.field].filter((x) => x).join(' · '), message: w.message };
    });
  });
  protected readonly pdf = signal<PdfDocument | null>(null);
  private poll: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    this.destroyRef.onDestroy(() => this.poll && clearTimeout(this.poll));
  }

  protected pickBundle(e: Event) {
    this.bundle.set((e.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected pickPdf(e: Event) {
    this.pdfFile.set((e.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected uploadBundle() {
    this.start();
    this.api.importBundle(this.bundle()!, this.publish()).subscribe({
      next: (r) => this.done(() => this.result.set(r)),
      error: (e: HttpErrorResponse) => this.fail(e),
    });
  }

  protected uploadPdf() {
    this.start();
    this.api.uploadPdf(this.pdfFile()!).subscribe({
      next: (d) => this.done(() => this.watchPdf(d)),
      error: (e: HttpErrorResponse) => this.fail(e),
    });
  }

  private watchPdf(d: PdfDocument) {
    this.pdf.set(d);
    if (d.status === 'queued' || d.status === 'rendering') {
      this.poll = setTimeout(
        () => this.api.getPdf(d.id).subscribe((next) => this.watchPdf(next)),
        700,
      );
    }
  }

  private start() {
    this.busy.set(true);
    this.result.set(null);
    this.message.set('');
    this.errors.set([]);
  }

  private done(apply: () => void) {
    this.busy.set(false);
    apply();
  }

  private fail(e: HttpErrorResponse) {
    this.busy.set(false);
    this.message.set(e.error?.message ?? e.message);
    this.errors.set(
      Array.isArray(e.error?.errors) && typeof e.error.errors[0] === 'object' ? e.error.errors : [],
    );
  }
}
