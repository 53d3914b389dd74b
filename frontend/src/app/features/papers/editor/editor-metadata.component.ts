import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TPipe } from '../../../core/i18n/t.pipe';
import {
  ALL_SUBJECTS,
  MULTI_SELECT_RULES,
  type MultiSelectRule,
  PaperDoc,
  STAGES,
} from './editor.models';
import { focusRequestedField } from './field-focus';
import { PaperEditorStore } from './paper-editor.store';
import { numberOrUndefined, textOrUndefined } from './form-values';

/** The paper's details: subject, grade, stage, year, region, source and licence, scoring, passages. */
@Component({
  selector: 'yj-editor-metadata',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TPipe],
  templateUrl: './editor-metadata.component.html',
  styleUrl: './editor-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditorMetadataComponent {
  protected readonly store = inject(PaperEditorStore);
  protected readonly subjects = ALL_SUBJECTS;
  protected readonly stages = STAGES;
  protected readonly rules = MULTI_SELECT_RULES;
  protected readonly grades = Array.from({ length: 12 }, (_, i) => i + 1);
  protected readonly p = computed(() => this.store.paper()!);

  constructor() {
    focusRequestedField();
  }

  protected set<K extends keyof PaperDoc>(key: K, value: PaperDoc[K] | undefined) {
    this.store.editPaper((p) => {
      if (value === undefined) delete p[key];
      else p[key] = value;
    });
  }

  protected text(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected num(e: Event): number | undefined {
    return numberOrUndefined(this.text(e));
  }

  protected setSource(key: 'name' | 'licence' | 'url' | 'note', value: string) {
    this.store.editPaper((p) => {
      const v = key === 'name' || key === 'licence' ? value : textOrUndefined(value);
      if (v === undefined) delete p.source[key];
      else p.source[key] = v;
    });
  }

  protected setRule(rule: MultiSelectRule | '') {
    this.store.editPaper((p) => {
      p.scoring ??= {};
      if (!rule) delete p.scoring.multipleChoice;
      else p.scoring.multipleChoice = { ...p.scoring.multipleChoice, rule };
      if (!Object.keys(p.scoring).length) delete p.scoring;
    });
  }

  protected setPartial(value: number | undefined) {
    this.store.editPaper((p) => {
      const mc = p.scoring?.multipleChoice;
      if (!mc) return;
      if (value === undefined) delete mc.partialPoints;
      else mc.partialPoints = value;
    });
  }

  protected setMarking(mode: string) {
    this.store.editPaper((p) => {
      p.scoring ??= {};
      if (!mode) delete p.scoring.marking;
      else p.scoring.marking = { ...p.scoring.marking, mode: mode as 'single' | 'double' };
      if (!Object.keys(p.scoring).length) delete p.scoring;
    });
  }

  protected setTolerance(value: number | undefined) {
    this.store.editPaper((p) => {
      const m = p.scoring?.marking;
      if (!m) return;
      if (value === undefined) delete m.tolerance;
      else m.tolerance = value;
    });
  }

  protected addPassage() {
    this.store.editPaper((p) => {
      const passages = (p.passages ??= []);
      passages.push({ id: `p${passages.length + 1}`, content: '' });
    });
  }

  protected setPassage(k: number, key: 'id' | 'title' | 'content', value: string) {
    this.store.editPaper((p) => {
      const passage = p.passages![k];
      if (key === 'title' && !value) delete passage.title;
      else passage[key] = value;
    });
  }

  protected removePassage(k: number) {
    this.store.editPaper((p) => {
      p.passages!.splice(k, 1);
      if (!p.passages!.length) delete p.passages;
    });
  }
}
