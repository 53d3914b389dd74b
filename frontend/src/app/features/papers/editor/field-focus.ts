import { afterRenderEffect, ElementRef, inject } from '@angular/core';
import { PaperEditorStore } from './paper-editor.store';

/**
 * Focuses the input a clicked problem names, once the form showing it has rendered. Inputs carry
 * `data-field` keys (`answer`, `options.2.text`, `rubric.items.1.points`); the closest one wins.
 * A question's form answers only requests for its own number; paper and section forms those for none.
 */
export function focusRequestedField(ownQuestion: () => string | undefined = () => undefined) {
  const store = inject(PaperEditorStore);
  const host = inject(ElementRef<HTMLElement>);
  let done = 0;
  afterRenderEffect(() => {
    const request = store.focus();
    if (!request || request.n === done || request.question !== ownQuestion()) return;
    const root = host.nativeElement as HTMLElement;
    const parts = request.key.split('.');
    for (let n = parts.length; n > 0; n--) {
      const el = root.querySelector<HTMLElement>(`[data-field="${parts.slice(0, n).join('.')}"]`);
      if (el) {
        done = request.n;
        el.scrollIntoView({ block: 'nearest' });
        el.focus({ preventScroll: true });
        return;
      }
    }
  });
}
