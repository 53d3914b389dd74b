import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GradingRepository } from './grading.repository';
import { sha256, canonicalJson } from '../common/hashing';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { sendChat } from '../models/provider';
import { AiModelEntity } from '../models/model.entity';
import { explain, say } from './domain/explain';
import { gradeResponse } from './domain/grade';
import { GradableItem, GradeResult } from './domain/types';

/**
 * The optional second reader (eval-anchors §3.1 step 4): a registered model, at temperature 0,
 * asked only for the committed answer in a fixed format, or NONE. Its reply is fed back through
 * the same tag rules and legal-option checks, so it can never invent an option. Calls are cached
 * by request hash; the method records the model.
 */
@Injectable()
export class LlmExtractor {
  private readonly logger = new Logger(LlmExtractor.name);
  constructor(
    private readonly db: DataSource,
    private readonly repo: GradingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get isEnabled(): boolean {
    return !!this.config.gradingExtractorModel;
  }

  /** Looked up on each call, not cached: a model registered (or changed) after start-up is used at once. */
  private extractorModel(): Promise<AiModelEntity | null> {
    return this.db
      .getRepository(AiModelEntity)
      .findOneBy({ name: this.config.gradingExtractorModel! });
  }

  async retry(item: GradableItem, response: string, ruleResult: GradeResult): Promise<GradeResult> {
    const model = await this.extractorModel();
    if (!model) return ruleResult;
    const messages = [
      { role: 'system' as const, content: SYSTEM },
      {
        role: 'user' as const,
        content: `${describe(item)}\n\n---- 回答 ----\n${response.slice(-6000)}`,
      },
    ];
    const params = { temperature: 0, seed: 7, max_tokens: 200 };
    const hash = sha256(
      canonicalJson({ model: model.id, modelId: model.modelId, params, messages }),
    );
    let output = await this.repo.extractorOutput(hash);
    if (output === null) {
      const apiKey = model.apiKeyEnv ? (process.env[model.apiKeyEnv] ?? null) : null;
      const r = await sendChat(
        {
          baseUrl: model.baseUrl,
          modelId: model.modelId,
          apiKey,
          params,
          timeoutMs: this.config.collection.timeoutMs,
        },
        messages,
      );
      if (!r.ok) {
        this.logger.warn(`extractor ${model.name} failed: ${r.message}`);
        return ruleResult; // errors are never cached; the item stays unparsed for a teacher
      }
      output = r.text.trim();
      await this.repo.storeExtractorOutput(hash, model.id, output);
    }
    const method = `llm:${model.name}`;
    if (/^NONE\b/i.test(output)) {
      const reason = {
        code: 'unparsed.llm-none',
        params: { before: ruleResult.explanation, model: model.name },
      };
      return {
        ...ruleResult,
        method,
        reason,
        trace: [...ruleResult.trace, reason],
        explanation: say(reason),
      };
    }
    const graded = gradeResponse(item, asTagged(item, output));
    const step = { code: 'region.llm', params: { model: model.name, output: output.slice(0, 60) } };
    const relabel = (g: GradeResult): GradeResult => {
      const trace = [
        ...ruleResult.trace.filter((t) => t.code.startsWith('clean.')),
        step,
        ...g.trace,
      ];
      return {
        ...g,
        method,
        trace,
        explanation: explain(g.reason, trace),
        parts: g.parts?.map(relabel),
      };
    };
    return relabel(graded);
  }
}

const SYSTEM =
  '你是阅卷助手。下面给出一道客观题和一份作答。只找出作答最终确定的答案，不要自己解题，不要纠正。' +
  '只输出答案本身：单选输出一个选项字母；多选输出字母（如 ACD）；判断输出“正确”或“错误”；填空按空的顺序用“；”分隔；' +
  '含小题时每行“小题号: 答案”。作答没有给出明确答案时只输出 NONE。';

function describe(item: GradableItem): string {
  const opts = (q: GradableItem) =>
    (q.options ?? []).map((o) => `${o.label}. ${o.text ?? ''}`).join('\n');
  if (item.type === 'composite')
    return `题型：含 ${item.subQuestions!.length} 个小题（${item.subQuestions!.map((s) => `${s.number}：${s.type}`).join('，')}）`;
  if (item.type === 'fill_blank') return `题型：填空题，共 ${item.blanks ?? 1} 空`;
  if (item.type === 'true_false') return '题型：判断题';
  return `题型：${item.type === 'single_choice' ? '单选题' : '多选题'}\n选项：\n${opts(item)}`;
}

/** The extractor's reply written in the prompt's own contract, so the usual rules read it. */
function asTagged(item: GradableItem, output: string): string {
  if (item.type === 'composite')
    return output
      .split('\n')
      .map((l) => /^\s*(\S+?)\s*[:：]\s*(.+)$/.exec(l))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => `【答案${m[1]}】${m[2]}`)
      .join('\n');
  if (item.type === 'fill_blank')
    return output
      .split(/[;；]/)
      .map((a, i) => `【第${i + 1}空】${a.trim()}`)
      .join('\n');
  return `【答案】${output.split('\n')[0]}`;
}
