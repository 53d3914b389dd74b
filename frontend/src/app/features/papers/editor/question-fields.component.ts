import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TPipe } from '../../../core/i18n/t.pipe';
import { AnswerEditorComponent } from './answer-editor.component';
import {
  ImageRef,
  isSubjective,
  MULTI_SELECT_RULES,
  type MultiSelectRule,
  newQuestion,
  QUESTION_TYPES,
  QuestionDoc,
  QuestionRef,
  QuestionType,
  questionAt,
} from './editor.models';
import { focusRequestedField } from './field-focus';
import { numberOrUndefined, parseTags } from './form-values';
import { ImageListComponent } from './image-list.component';
import { OptionListComponent } from './option-list.component';
import { PaperEditorStore } from './paper-editor.store';
import { RubricFormComponent } from './rubric-form.component';

type Editable = 'number' | 'stem' | 'referenceAnswer' | 'analysis' | 'passage';

/** The fields of one question or sub-question; its rubric when it is subjective. */
@Component({
  selector: 'yj-question-fields',
  imports: [
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TPipe,
    AnswerEditorComponent,
    ImageListComponent,
    OptionListComponent,
    RubricFormComponent,
  ],
  templateUrl: './question-fields.component.html',
  styleUrl: './editor-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionFieldsComponent {
  readonly at = input.required<QuestionRef>();
  readonly isSub = input(false);
  protected readonly store = inject(PaperEditorStore);
  protected readonly rules = MULTI_SELECT_RULES;
  protected readonly q = computed(() => {
    const paper = this.store.paper();
    return paper ? questionAt(paper, this.at()) : null;
  });
  protected readonly types = computed(() =>
    this.isSub() ? QUESTION_TYPES.filter((t) => t !== 'composite') : QUESTION_TYPES,
  );
  protected readonly subjective = computed(() => isSubjective(this.q()?.type ?? ''));
  protected readonly hasOptions = computed(() =>
    ['single_choice', 'multiple_choice'].includes(this.q()?.type ?? ''),
  );
  protected readonly passages = computed(() => this.store.paper()?.passages ?? []);

  constructor() {
    focusRequestedField(() => this.q()?.number);
  }

  protected edit(change: (q: QuestionDoc) => void) {
    this.store.editQuestion(this.at(), change);
  }

  protected text(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected set(key: Editable, value: string) {
    this.edit((q) => {
      if (value === '' && key !== 'number' && key !== 'stem') delete q[key];
      else q[key] = value;
    });
  }

  protected setNumber(key: 'points' | 'tolerance', e: Event) {
    const value = numberOrUndefined(this.text(e));
    this.edit((q) => {
      if (value === undefined) delete q[key];
      else q[key] = value;
    });
  }

  protected setTags(e: Event) {
    const tags = parseTags(this.text(e));
    this.edit((q) => {
      if (tags) q.tags = tags;
      else delete q.tags;
    });
  }

  /** A new type keeps what the question says (number, stem, points) and starts its key afresh. */
  protected setType(type: QuestionType) {
    this.edit((q) => {
      const fresh = newQuestion(type, q.number);
      for (const key of ['options', 'blanks', 'answer', 'referenceAnswer', 'subQuestions'] as const)
        delete q[key];
      Object.assign(q, {
        ...fresh,
        stem: q.stem ?? '',
        points: type === 'composite' ? undefined : (q.points ?? fresh.points),
      });
      if (type === 'composite') delete q.points;
    });
  }

  protected setImages(images: ImageRef[]) {
    this.edit((q) => {
      if (images.length) q.images = images;
      else delete q.images;
    });
  }

  protected setRule(rule: MultiSelectRule | '') {
    this.edit((q) => {
      if (!rule) delete q.scoring;
      else q.scoring = { ...q.scoring, multipleChoice: { rule } };
    });
  }
}
