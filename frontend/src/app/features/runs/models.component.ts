import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { rxResource } from '@angular/core/rxjs-interop';
import { TPipe } from '../../core/i18n/t.pipe';
import { latestValue } from '../../shared/data/latest-value';
import { JudgeApiService } from './judge-api.service';
import { AiModel, RunsApiService } from './runs-api.service';

type NumberKey =
  | 'concurrency'
  | 'samplesPerQuestion'
  | 'rpmLimit'
  | 'tpmLimit'
  | 'maxTokens'
  | 'temperature'
  | 'priceInputPerMtok'
  | 'priceOutputPerMtok';

type ModelDraft = {
  name: string;
  baseUrl: string;
  modelId: string;
  apiKeyEnv: string;
  modality: string;
  imageLongSide: number | null;
  isJudge: boolean;
  judgeOutput: 'json_schema' | 'tagged';
} & Record<NumberKey, number | null>;

@Component({
  selector: 'yj-models',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TPipe,
  ],
  templateUrl: './models.component.html',
  styleUrl: './models.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModelsComponent {
  private readonly api = inject(RunsApiService);
  private readonly judges = inject(JudgeApiService);
  /** The registry, loaded again after a model is added or made a judge. */
  private readonly registry = rxResource({ stream: () => this.api.models() });
  protected readonly models = latestValue<AiModel[]>(this.registry, []);
  protected readonly error = signal('');
  /** The numeric settings, one field each; labels are i18n keys (or the API's own parameter names). */
  protected readonly numberFields: {
    key: NumberKey;
    label: string;
    width: 'narrow' | 'mid' | 'price';
    step: number;
  }[] = [
    { key: 'concurrency', label: 'models.concurrency', width: 'narrow', step: 1 },
    { key: 'samplesPerQuestion', label: 'models.samples', width: 'mid', step: 1 },
    { key: 'rpmLimit', label: 'RPM', width: 'narrow', step: 1 },
    { key: 'tpmLimit', label: 'TPM', width: 'narrow', step: 1 },
    { key: 'maxTokens', label: 'max_tokens', width: 'narrow', step: 1 },
    { key: 'temperature', label: 'temperature', width: 'narrow', step: 0.1 },
    { key: 'priceInputPerMtok', label: 'models.priceIn', width: 'price', step: 0.01 },
    { key: 'priceOutputPerMtok', label: 'models.priceOut', width: 'price', step: 0.01 },
  ];
  protected draft: ModelDraft = this.blank();

  protected create(form: NgForm) {
    const { maxTokens, temperature, imageLongSide, ...rest } = this.draft;
    const isSet = (v: unknown) => v !== '' && v !== null && v !== undefined;
    const body = {
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => isSet(v))),
      params: {
        ...(isSet(maxTokens) ? { max_tokens: Number(maxTokens) } : {}),
        ...(isSet(temperature) ? { temperature: Number(temperature) } : {}),
      },
      ...(rest.modality === 'vision' && isSet(imageLongSide)
        ? { imageProfile: { longSide: Number(imageLongSide), format: 'jpeg', quality: 85 } }
        : {}),
    };
    this.api.createModel(body).subscribe({
      next: () => {
        this.draft = this.blank();
        // resetForm with values: the defaults show again and nothing is marked as an error.
        form.resetForm(this.draft);
        this.error.set('');
        this.load();
      },
      error: (e: HttpErrorResponse) =>
        this.error.set(
          Array.isArray(e.error?.errors)
            ? e.error.errors.join('; ')
            : (e.error?.message ?? e.message),
        ),
    });
  }

  protected toggleJudge(m: AiModel) {
    this.judges.setJudge(m.id, !m.isJudge).subscribe(() => this.load());
  }

  private blank(): ModelDraft {
    return {
      name: '',
      baseUrl: '',
      modelId: '',
      apiKeyEnv: '',
      modality: 'text',
      concurrency: 8,
      samplesPerQuestion: 1,
      rpmLimit: null,
      tpmLimit: null,
      priceInputPerMtok: null,
      priceOutputPerMtok: null,
      maxTokens: 4096,
      temperature: 0,
      imageLongSide: 1536,
      isJudge: false,
      judgeOutput: 'json_schema',
    };
  }

  private load() {
    this.registry.reload();
  }
}
