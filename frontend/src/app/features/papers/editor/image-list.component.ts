import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { errorText } from '../../../core/i18n/error-text';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TPipe } from '../../../core/i18n/t.pipe';
import { EditorApiService } from './editor-api.service';
import { ImageRef } from './editor.models';
import { PaperEditorStore } from './paper-editor.store';

/** Images of a stem or an option: each shown, described and removable; picked from the paper's or uploaded. */
@Component({
  selector: 'yj-image-list',
  imports: [MatButtonModule, MatMenuModule, TPipe],
  template: `
    <div class="images" [class.compact]="compact()" [attr.data-field]="field()">
      @for (img of images(); track img.file + $index; let k = $index) {
        <figure [attr.data-field]="field() + '.' + (k + 1)">
          @if (urlOf(img.file); as url) {
            <img [src]="url" [alt]="img.alt ?? img.file" />
          }
          <figcaption>
            <code>{{ img.file }}</code>
            <input
              class="alt"
              [value]="img.alt ?? ''"
              [placeholder]="'editor.field.alt' | t"
              [attr.aria-label]="'editor.field.alt' | t"
              (input)="setAlt(k, $event)"
            />
            <button mat-button type="button" (click)="remove(k)">{{ 'editor.remove' | t }}</button>
          </figcaption>
        </figure>
      }
      @if (images().length < max()) {
        <div class="add">
          <button
            mat-button
            type="button"
            [matMenuTriggerFor]="pick"
            [attr.data-field]="field() + '.add'"
          >
            + {{ (max() === 1 ? 'editor.optionImage' : 'editor.field.images') | t }}
          </button>
          <mat-menu #pick="matMenu">
            @for (file of paperImages(); track file) {
              <button mat-menu-item type="button" (click)="add(file)">{{ file }}</button>
            }
            <button mat-menu-item type="button" (click)="fileInput.click()">
              {{ 'editor.uploadImage' | t }}…
            </button>
          </mat-menu>
          <input
            #fileInput
            class="hidden"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            [attr.aria-label]="'editor.uploadImage' | t"
            (change)="upload($event)"
          />
          @if (error()) {
            <span class="error">{{ error() }}</span>
          }
        </div>
      }
    </div>
  `,
  styleUrl: './image-list.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImageListComponent {
  readonly images = input.required<ImageRef[]>();
  readonly field = input('images');
  readonly max = input(20);
  readonly compact = input(false);
  readonly changed = output<ImageRef[]>();
  private readonly store = inject(PaperEditorStore);
  private readonly api = inject(EditorApiService);
  private readonly i18n = inject(I18nService);
  protected readonly error = signal('');
  protected readonly paperImages = computed(() =>
    Object.keys(this.store.bundle()?.images ?? {}).sort(),
  );

  protected urlOf(file: string): string | null {
    const sha = this.store.bundle()?.images[file.replace(/^\.\//, '')];
    const asset = sha ? (this.store.assets()[sha] ?? sha) : null;
    return asset ? `/api/assets/${asset}?profile=thumb` : null;
  }

  protected add(file: string) {
    this.changed.emit([...this.images(), { file }]);
  }

  protected remove(k: number) {
    this.changed.emit(this.images().filter((_, i) => i !== k));
  }

  protected setAlt(k: number, e: Event) {
    const alt = (e.target as HTMLInputElement).value;
    this.changed.emit(
      this.images().map((img, i) => (i === k ? (alt ? { ...img, alt } : { file: img.file }) : img)),
    );
  }

  protected upload(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.error.set('');
    this.api.uploadImage(file).subscribe({
      next: (img) => {
        this.store.addImage(img.file, img.sha256);
        this.add(img.file);
        input.value = '';
      },
      error: (err: HttpErrorResponse) => this.error.set(errorText(this.i18n, err)),
    });
  }
}
