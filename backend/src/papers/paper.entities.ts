import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { RubricView, ScoringPolicy } from '@yuejuan/contracts';

// numeric columns arrive from pg as strings; points are small, so a JS number is exact enough.
const numeric = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** What a version's content hash covers besides the paper document (see PaperVersionBundles). */
export interface StoredBundle {
  rubric: object | null;
  images: Record<string, string>;
}

@Entity('papers')
export class PaperEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') slug: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('paper_versions')
export class PaperVersionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'paper_id' }) paperId: string;
  @Column('int') version: number;
  @Column('char', { name: 'content_hash', length: 64 }) contentHash: string;
  @Column('text') title: string;
  @Column('text') subject: string;
  @Column('smallint') grade: number;
  @Column('text') stage: string;
  @Column('smallint') year: number;
  @Column('text') region: string;
  @Column('text') language: string;
  @Column('numeric', { name: 'total_points', transformer: numeric }) totalPoints: number;
  @Column('int', { name: 'question_count' }) questionCount: number;
  @Column('int', { name: 'image_question_count' }) imageQuestionCount: number;
  @Column('jsonb', { name: 'scoring_policy' }) scoringPolicy: ScoringPolicy;
  @Column('jsonb') source: Record<string, string>;
  @Column('jsonb') document: object;
  /** The rubric as written and each bundle path's image sha256 (null before 1764300081000). */
  @Column('jsonb', { nullable: true }) bundle: StoredBundle | null;
  @Column('text') status: 'draft' | 'published';
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
}

@Entity('passages')
export class PassageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'paper_version_id' }) paperVersionId: string;
  @Column('text') key: string;
  @Column('text', { nullable: true }) title: string | null;
  @Column('text') content: string;
}

@Entity('questions')
export class QuestionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'paper_version_id' }) paperVersionId: string;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  @Column('uuid', { name: 'passage_id', nullable: true }) passageId: string | null;
  @Column('int') ordinal: number;
  @Column('text') number: string;
  @Column('text', { name: 'section_title', nullable: true }) sectionTitle: string | null;
  @Column('text') type: string;
  @Column('boolean', { name: 'is_objective' }) isObjective: boolean;
  @Column('numeric', { transformer: numeric }) points: number;
  @Column('text') stem: string;
  @Column('jsonb', { nullable: true }) options:
    { label: string; text?: string; imageIndex?: number }[] | null;
  @Column('int', { nullable: true }) blanks: number | null;
  @Column('jsonb', { name: 'answer_key', nullable: true }) answerKey: unknown;
  @Column('text', { name: 'reference_answer', nullable: true }) referenceAnswer: string | null;
  @Column('text', { nullable: true }) analysis: string | null;
  @Column('text', { name: 'knowledge_tags', array: true }) knowledgeTags: string[];
  @Column('numeric', { nullable: true, transformer: numeric }) tolerance: number | null;
  @Column('jsonb', { name: 'scoring_policy', nullable: true }) scoringPolicy: object | null;
  @Column('boolean', { name: 'has_images' }) hasImages: boolean;
  @Column('jsonb', { nullable: true }) provenance: Record<string, unknown> | null;
}

@Entity('question_images')
export class QuestionImageEntity {
  @PrimaryColumn('uuid', { name: 'question_id' }) questionId: string;
  @PrimaryColumn('int') ordinal: number;
  @Column('text') role: 'stem' | 'option' | 'passage';
  @Column('text', { name: 'option_label', nullable: true }) optionLabel: string | null;
  @Column('char', { name: 'asset_sha256', length: 64 }) assetSha256: string;
  @Column('text', { nullable: true }) alt: string | null;
}

@Entity('rubrics')
export class RubricEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'question_id' }) questionId: string;
  @Column('int') version: number;
  @Column('text') mode: 'items' | 'score';
  @Column('numeric', { name: 'starting_points', transformer: numeric }) startingPoints: number;
  @Column('numeric', { name: 'floor_points', transformer: numeric }) floorPoints: number;
  @Column('numeric', { name: 'ceiling_points', transformer: numeric }) ceilingPoints: number;
  @Column('jsonb') items: RubricView['items'];
  @Column('text', { name: 'grader_notes', nullable: true }) graderNotes: string | null;
  @Column('jsonb') samples: RubricView['samples'];
  @Column('boolean', { name: 'is_derived' }) isDerived: boolean;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
