import { computed, inject, Signal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { latestValue } from '../../shared/data/latest-value';
import { EditorApiService } from './editor/editor-api.service';
import { PapersApiService } from './papers-api.service';
import { PaperDetail, QuestionView } from './papers.models';

/**
 * One paper's page from one place: the paper of the route's id (replaced by the published one
 * after "publish"), grouped by section, and what a model receives for it in the chosen mode,
 * loaded only in the model view and from scratch on each switch (so a mode never shows another's
 * messages).
 */
export function paperViewStore(id: Signal<string>) {
  const api = inject(PapersApiService);
  const editor = inject(EditorApiService);
  const view = signal<'person' | 'model'>('person');
  const mode = signal<'vision' | 'text'>('vision');
  const paperResource = rxResource({ params: () => id(), stream: ({ params }) => api.get(params) });
  const paper = latestValue<PaperDetail | null>(paperResource, null);
  const rendered = rxResource({
    params: () => (view() === 'model' ? { id: id(), mode: mode() } : undefined),
    stream: ({ params }) => api.render(params.id, params.mode),
  });
  return {
    paper,
    view,
    mode,
    sections: computed(() => {
      const groups: { title: string; questions: QuestionView[] }[] = [];
      for (const q of paper()?.questions ?? []) {
        const title = q.sectionTitle ?? '';
        const last = groups[groups.length - 1];
        if (last?.title === title) last.questions.push(q);
        else groups.push({ title, questions: [q] });
      }
      return groups;
    }),
    rendered: computed(() => (rendered.hasValue() ? rendered.value().questions : [])),
    publish(versionId: string) {
      editor.publish(versionId).subscribe((p) => paperResource.set(p));
    },
  };
}
