import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TPipe } from '../../core/i18n/t.pipe';
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
  template: `
    <h1>{{ 'models.title' | t }}</h1>
    <form #form="ngForm" (ngSubmit)="create(form)" class="form" aria-label="register model">
      <mat-form-field appearance="outline"
        ><mat-label>{{ 'models.name' | t }}</mat-label
        ><input matInput name="name" [(ngModel)]="draft.name" required
      /></mat-form-field>
      <mat-form-field appearance="outline" class="wide"
        ><mat-label>Base URL</mat-label
        ><input
          matInput
          name="baseUrl"
          [(ngModel)]="draft.baseUrl"
          placeholder="http://localhost:8000/v1"
      /></mat-form-field>
      <mat-form-field appearance="outline"
        ><mat-label>{{ 'models.modelId' | t }}</mat-label
        ><input matInput name="modelId" [(ngModel)]="draft.modelId" required
      /></mat-form-field>
      <mat-form-field appearance="outline"
        ><mat-label>{{ 'models.keyEnv' | t }}</mat-label
        ><input
          matInput
          name="apiKeyEnv"
          [(ngModel)]="draft.apiKeyEnv"
          placeholder="OPENAI_API_KEY"
      /></mat-form-field>
      <mat-form-field appearance="outline" class="narrow">
        <mat-label>{{ 'models.modality' | t }}</mat-label>
        <mat-select name="modality" [(ngModel)]="draft.modality"
          ><mat-option value="text">text</mat-option
          ><mat-option value="vision">vision</mat-option></mat-select
        >
      </mat-form-field>
      @for (f of numberFields; track f.key) {
        <mat-form-field appearance="outline" [class]="f.width"
          ><mat-label>{{ f.label | t }}</mat-label
          ><input matInput type="number" [step]="f.step" [name]="f.key" [(ngModel)]="draft[f.key]"
        /></mat-form-field>
      }
      @if (draft.modality === 'vision') {
        <mat-form-field appearance="outline" class="narrow"
          ><mat-label>{{ 'models.imageSide' | t }}</mat-label
          ><input matInput type="number" name="imageLongSide" [(ngModel)]="draft.imageLongSide"
        /></mat-form-field>
      }
      <mat-checkbox name="isJudge" [(ngModel)]="draft.isJudge">{{
        'judge.models.isJudge' | t
      }}</mat-checkbox>
      @if (draft.isJudge) {
        <mat-form-field appearance="outline" class="mid">
          <mat-label>{{ 'judge.models.output' | t }}</mat-label>
          <mat-select name="judgeOutput" [(ngModel)]="draft.judgeOutput"
            ><mat-option value="json_schema">{{ 'judge.models.output.json_schema' | t }}</mat-option
            ><mat-option value="tagged">{{
              'judge.models.output.tagged' | t
            }}</mat-option></mat-select
          >
        </mat-form-field>
      }
      <button mat-flat-button type="submit">{{ 'models.register' | t }}</button>
    </form>
    @if (error()) {
      <p class="warn" role="alert">{{ error() }}</p>
    }
    <table class="table">
      <tbody>
        @for (m of models(); track m.id) {
          <tr>
            <td>
              <b>{{ m.name }}</b>
              @if (m.isJudge) {
                <span class="tag">{{ 'judge.models.tag' | t }}</span>
              }
              @if (m.isSimulated) {
                <span class="tag simulated" [title]="'models.simulatedHint' | t">{{
                  'models.simulated' | t
                }}</span>
              }
            </td>
            <td>
              <code>{{ m.modelId }}</code>
            </td>
            <td class="muted">
              {{ m.baseUrl ?? (m.isImported ? ('models.imported' | t) : 'api.openai.com') }}
            </td>
            <td>{{ m.modality }}</td>
            <td>
              {{ m.apiKeyEnv ?? '—' }}
              @if (m.apiKeyEnv) {
                {{ m.hasApiKey ? '✓' : ('models.keyMissing' | t) }}
              }
            </td>
            <td>{{ m.concurrency }}∥</td>
            <td>
              @if (m.isImported && m.isJudge) {
                <span class="muted">{{ 'judge.models.recorded' | t }}</span>
              } @else if (!m.isImported) {
                <button mat-button type="button" (click)="toggleJudge(m)">
                  {{ (m.isJudge ? 'judge.models.unmake' : 'judge.models.make') | t }}
                </button>
              }
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .wide {
      min-width: 280px;
    }
    .narrow {
      width: 130px;
    }
    .mid {
      width: 190px;
    }
    .table {
      width: 100%;
      border-collapse: collapse;
      font-size: 14px;
    }
    td {
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .warn {
      color: var(--mat-sys-error);
    }
    .tag {
      margin-left: 6px;
      padding: 1px 6px;
      border-radius: 4px;
      font-size: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    /* Simulated answers are never a model's: the badge stands apart from the judge tag. */
    .tag.simulated {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModelsComponent {
  private readonly api = inject(RunsApiService);
  private readonly judges = inject(JudgeApiService);
  protected readonly models = signal<AiModel[]>([]);
  protected readonly error = signal('');
  /** The numeric settings, one field each; labels are i18n keys (or the API's own parameter names). */
  protected readonly numberFields: {
    key: NumberKey;
    label: string;
    width: 'narrow' | 'mid';
    step: number;
  }[] = [
    { key: 'concurrency', label: 'models.concurrency', width: 'narrow', step: 1 },
    { key: 'samplesPerQuestion', label: 'models.samples', width: 'narrow', step: 1 },
    { key: 'rpmLimit', label: 'RPM', width: 'narrow', step: 1 },
    { key: 'tpmLimit', label: 'TPM', width: 'narrow', step: 1 },
    { key: 'maxTokens', label: 'max_tokens', width: 'narrow', step: 1 },
    { key: 'temperature', label: 'temperature', width: 'narrow', step: 0.1 },
    { key: 'priceInputPerMtok', label: 'models.priceIn', width: 'mid', step: 0.01 },
    { key: 'priceOutputPerMtok', label: 'models.priceOut', width: 'mid', step: 0.01 },
  ];
  protected draft: ModelDraft = this.blank();

  constructor() {
    this.load();
  }

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
    this.api.models().subscribe((m) => this.models.set(m));
  }
}
