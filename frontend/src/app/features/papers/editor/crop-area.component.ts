import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  model,
  signal,
  viewChild,
} from '@angular/core';
import { TPipe } from '../../../core/i18n/t.pipe';
import { rectAfterKey } from './crop-keys';
import { CropRect } from './editor-api.service';

/**
 * A page image with a rectangle to select on it, by mouse (drag) or keyboard (arrows move it,
 * Shift+arrows resize it). The rectangle is kept in pixels of the image itself (its natural size,
 * the server's render), whatever size the page is shown at, so the server cuts what was selected.
 */
@Component({
  selector: 'yj-crop-area',
  imports: [TPipe],
  template: `
    <div
      class="area"
      tabindex="0"
      role="group"
      [attr.aria-label]="label()"
      [attr.aria-describedby]="'crop-keys'"
      (pointerdown)="start($event)"
      (pointermove)="drag($event)"
      (pointerup)="end($event)"
      (pointercancel)="end($event)"
      (keydown)="key($event)"
    >
      <img #page [src]="src()" [alt]="label()" draggable="false" (load)="loaded()" />
      @if (box(); as b) {
        <div
          class="selection"
          data-testid="crop-selection"
          [style.left.%]="b.left"
          [style.top.%]="b.top"
          [style.width.%]="b.width"
          [style.height.%]="b.height"
        ></div>
      }
    </div>
    <p id="crop-keys" class="keys">{{ 'editor.crop.keys' | t }}</p>
  `,
  styles: `
    :host {
      display: block;
    }
    .area {
      position: relative;
      display: inline-block;
      max-width: 100%;
      cursor: crosshair;
      touch-action: none;
      user-select: none;
      outline-offset: 2px;
      border: 1px solid var(--mat-sys-outline-variant);
      line-height: 0;
    }
    .area:focus-visible {
      outline: 3px solid var(--mat-sys-primary);
    }
    img {
      display: block;
      max-width: 100%;
      background: #fff;
    }
    .selection {
      position: absolute;
      border: 2px solid var(--mat-sys-primary);
      background: color-mix(in srgb, var(--mat-sys-primary) 14%, transparent);
      box-shadow: 0 0 0 9999px rgb(0 0 0 / 0.18);
      pointer-events: none;
    }
    .keys {
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
      margin: 4px 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CropAreaComponent {
  readonly src = input.required<string>();
  readonly label = input('');
  /** The selection in pixels of the page render, or null. */
  readonly rect = model<CropRect | null>(null);
  private readonly page = viewChild.required<ElementRef<HTMLImageElement>>('page');
  /** The render's own size, known once the image has loaded. */
  protected readonly natural = signal<{ width: number; height: number } | null>(null);
  private anchor: { x: number; y: number } | null = null;

  /** The selection as percentages of the shown image, so it follows any display size. */
  protected readonly box = computed(() => {
    const r = this.rect();
    const n = this.natural();
    if (!r || !n) return null;
    return {
      left: (r.x / n.width) * 100,
      top: (r.y / n.height) * 100,
      width: (r.width / n.width) * 100,
      height: (r.height / n.height) * 100,
    };
  });

  protected loaded() {
    this.dims();
  }

  /**
   * The render's size, from the image itself when its load event came before this view listened
   * (a cached page shown again).
   */
  private dims(): { width: number; height: number } | null {
    const known = this.natural();
    const img = this.page().nativeElement;
    if (known && img.naturalWidth === known.width) return known;
    if (!img.complete || !img.naturalWidth) return null;
    const n = { width: img.naturalWidth, height: img.naturalHeight };
    this.natural.set(n);
    return n;
  }

  /** A pointer position in render pixels, kept on the page. */
  private toPage(e: PointerEvent): { x: number; y: number } | null {
    const n = this.dims();
    if (!n) return null;
    const b = this.page().nativeElement.getBoundingClientRect();
    const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
    return {
      x: clamp(((e.clientX - b.left) * n.width) / b.width, n.width),
      y: clamp(((e.clientY - b.top) * n.height) / b.height, n.height),
    };
  }

  protected start(e: PointerEvent) {
    if (e.button !== 0) return;
    const p = this.toPage(e);
    if (!p) return;
    e.preventDefault();
    (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
    (e.currentTarget as HTMLElement).focus();
    this.anchor = p;
    this.rect.set(null);
  }

  protected drag(e: PointerEvent) {
    const p = this.anchor && this.toPage(e);
    if (!p || !this.anchor) return;
    const a = this.anchor;
    this.rect.set({
      x: Math.round(Math.min(a.x, p.x)),
      y: Math.round(Math.min(a.y, p.y)),
      width: Math.round(Math.abs(p.x - a.x)),
      height: Math.round(Math.abs(p.y - a.y)),
    });
  }

  protected end(e: PointerEvent) {
    if (!this.anchor) return;
    this.drag(e);
    this.anchor = null;
    (e.currentTarget as HTMLElement).releasePointerCapture?.(e.pointerId);
  }

  protected key(e: KeyboardEvent) {
    const n = this.dims();
    if (!n) return;
    const next = rectAfterKey(this.rect(), e, n);
    if (next === undefined) return;
    e.preventDefault();
    this.rect.set(next);
  }
}
