import { Injectable } from '@nestjs/common';
import type { AiModel } from '@yuejuan/contracts';
import { DomainError } from '../common/domain-errors';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AiModelEntity } from './model.entity';
import { ModelCreateDto, ModelJudgeDto } from './models.dto';

@Injectable()
export class ModelsService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(AiModelEntity) private readonly models: Repository<AiModelEntity>,
    private readonly audit: AuditService,
  ) {}

  list() {
    return this.models
      .find({ order: { name: 'ASC' } })
      .then((rows) => rows.map((m) => this.map(m)));
  }

  async get(id: string) {
    const m = await this.models.findOne({ where: { id } });
    if (!m) throw new DomainError(`model ${id} not found`, 404, undefined, 'model.not_found');
    return m;
  }

  async create(dto: ModelCreateDto, actor: AuditActor) {
    if (await this.models.exists({ where: { name: dto.name } }))
      throw new DomainError(
        `a model named "${dto.name}" exists`,
        409,
        undefined,
        'model.name_taken',
        { name: dto.name },
      );
    return this.db.transaction(async (m) => {
      const saved = await m.save(
        m.create(AiModelEntity, {
          name: dto.name,
          provider: 'openai_compatible',
          baseUrl: dto.baseUrl ?? null,
          modelId: dto.modelId,
          apiKeyEnv: dto.apiKeyEnv ?? null,
          modality: dto.modality,
          imageProfile: dto.imageProfile ?? null,
          params: dto.params ?? {},
          samplesPerQuestion: dto.samplesPerQuestion ?? 1,
          concurrency: dto.concurrency ?? 4,
          rpmLimit: dto.rpmLimit ?? null,
          tpmLimit: dto.tpmLimit ?? null,
          priceInputPerMtok: dto.priceInputPerMtok ?? null,
          priceOutputPerMtok: dto.priceOutputPerMtok ?? null,
          isImported: false,
          isJudge: dto.isJudge ?? false,
          judgeOutput: dto.judgeOutput ?? 'json_schema',
          createdBy: actor.id,
        }),
      );
      await this.audit.record(
        actor,
        {
          action: 'model_create',
          entityType: 'model',
          entityId: saved.id,
          after: { name: dto.name, modelId: dto.modelId, isJudge: saved.isJudge },
        },
        m,
      );
      return this.map(saved);
    });
  }

  /** Registers a model as a judge (or no longer one); audited with the model's other changes. */
  async setJudge(id: string, dto: ModelJudgeDto, actor: AuditActor) {
    const before = await this.get(id);
    return this.db.transaction(async (m) => {
      await m.update(AiModelEntity, id, {
        isJudge: dto.isJudge,
        judgeOutput: dto.judgeOutput ?? before.judgeOutput,
      });
      await this.audit.record(
        actor,
        {
          action: 'model_judge_set',
          entityType: 'model',
          entityId: id,
          before: { isJudge: before.isJudge, judgeOutput: before.judgeOutput },
          after: { isJudge: dto.isJudge, judgeOutput: dto.judgeOutput ?? before.judgeOutput },
        },
        m,
      );
      return this.map((await m.findOneBy(AiModelEntity, { id }))!);
    });
  }

  /** Whether the key variable is set is shown, never its value. */
  map(m: AiModelEntity): AiModel<Date> {
    return {
      id: m.id,
      name: m.name,
      provider: m.provider,
      baseUrl: m.baseUrl,
      modelId: m.modelId,
      apiKeyEnv: m.apiKeyEnv,
      hasApiKey: m.apiKeyEnv ? Boolean(process.env[m.apiKeyEnv]) : false,
      modality: m.modality,
      imageProfile: m.imageProfile,
      params: m.params,
      samplesPerQuestion: m.samplesPerQuestion,
      concurrency: m.concurrency,
      rpmLimit: m.rpmLimit,
      tpmLimit: m.tpmLimit,
      priceInputPerMtok: m.priceInputPerMtok,
      priceOutputPerMtok: m.priceOutputPerMtok,
      isImported: m.isImported,
      isJudge: m.isJudge,
      judgeOutput: m.judgeOutput,
      isSimulated: m.isSimulated,
      createdAt: m.createdAt,
    };
  }
}
