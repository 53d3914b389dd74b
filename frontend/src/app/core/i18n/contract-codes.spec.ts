import {
  JUDGE_VALIDATION_CODES,
  MARKING_RULE_CODES,
  QUESTION_TYPES,
  STAGES,
  SUBJECTS,
} from '@yuejuan/contracts';
import { ZH_MESSAGES } from './messages';
import { EN_MESSAGES } from './messages-en';

/**
 * The server sends codes from @yuejuan/contracts (subjects, stages, question types, the marking
 * rule behind a task's state, the judge's verdict); the client words every one of them in both
 * languages.
 */
describe('the catalogue words every code the contracts define', () => {
  const keys = [
    ...SUBJECTS.map((s) => `subject.${s}`),
    ...STAGES.map((s) => `stage.${s}`),
    ...QUESTION_TYPES.map((q) => `type.${q}`),
    ...MARKING_RULE_CODES.map((c) => `rule.${c}`),
    ...JUDGE_VALIDATION_CODES,
  ];
  it.each([
    ['zh', ZH_MESSAGES as Record<string, string>],
    ['en', EN_MESSAGES as Record<string, string>],
  ])('%s', (_lang, catalogue) => {
    expect(keys.filter((k) => !catalogue[k])).toEqual([]);
  });
});
