import type { GenerationParams, ImageProfileSetting } from '@yuejuan/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

const numeric = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

export type { GenerationParams } from '@yuejuan/contracts';

/** A model under test. The API key is never stored: only the NAME of the variable holding it. */
@Entity('ai_models')
export class AiModelEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') provider: string;
  @Column('text', { name: 'base_url', nullable: true }) baseUrl: string | null;
  @Column('text', { name: 'model_id' }) modelId: string;
  @Column('text', { name: 'api_key_env', nullable: true }) apiKeyEnv: string | null;
  @Column('text') modality: 'text' | 'vision';
  @Column('jsonb', { name: 'image_profile', nullable: true })
  imageProfile: ImageProfileSetting | null;
  @Column('jsonb') params: GenerationParams;
  @Column('int', { name: 'samples_per_question' }) samplesPerQuestion: number;
  @Column('int') concurrency: number;
  @Column('int', { name: 'rpm_limit', nullable: true }) rpmLimit: number | null;
  @Column('int', { name: 'tpm_limit', nullable: true }) tpmLimit: number | null;
  @Column('numeric', { name: 'price_input_per_mtok', nullable: true, transformer: numeric })
  priceInputPerMtok: number | null;
  @Column('numeric', { name: 'price_output_per_mtok', nullable: true, transformer: numeric })
  priceOutputPerMtok: number | null;
  @Column('boolean', { name: 'is_imported' }) isImported: boolean;
  /** A judge reads answers (judging/); it is listed apart from the models under test. */
  @Column('boolean', { name: 'is_judge', default: false }) isJudge: boolean;
  /** How a judge keeps to the output contract: structured output, or tagged text where the provider has none. */
  @Column('text', { name: 'judge_output', default: 'json_schema' }) judgeOutput:
    'json_schema' | 'tagged';
  /** Answers drawn by a script (e.g. the demo's K12 stand-in), not written by a model: shown as such everywhere. */
  @Column('boolean', { name: 'is_simulated', default: false }) isSimulated: boolean;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
