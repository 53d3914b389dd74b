import { ZH_MESSAGES } from '../../core/i18n/messages';
import { EN_MESSAGES } from '../../core/i18n/messages-en';
import { AuditEvent, AuditName } from './admin-api.service';
import { AUDIT_ACTIONS, describeEvent } from './audit-describe';

const translator =
  (dict: Record<string, string>) =>
  (key: string, params: Record<string, string | number> = {}) =>
    (dict[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? `{${k}}`));
const zh = translator(ZH_MESSAGES);
const en = translator(EN_MESSAGES);

const Q = '11111111-1111-4111-8111-111111111111';
const U = '22222222-2222-4222-8222-222222222222';
const names: Record<string, AuditName> = {
  [Q]: { kind: 'question', label: '测试卷', number: '7' },
  [U]: { kind: 'user', label: '王老师' },
};
const event = (e: Partial<AuditEvent>): AuditEvent => ({
  key: 'e1',
  id: 1,
  at: '2026-12-01T08:00:00Z',
  actorId: U,
  actorName: 'wang',
  action: 'login',
  entityType: null,
  entityId: null,
  before: null,
  after: null,
  address: null,
  ...e,
});

describe('the audit trail in words', () => {
  it('words a mark with the teacher, the question and the points, in both languages', () => {
    const mark = event({
      action: 'mark_first',
      entityType: 'marking_task',
      entityId: '42',
      after: { questionId: Q, points: 4 },
    });
    expect(describeEvent(mark, names, zh)).toMatchObject({
      who: '王老师 (wang)',
      action: '评分（第一评）',
      target: '测试卷 第 7 题 · 答案 #42',
      details: ['分数：4'],
    });
    expect(describeEvent(mark, names, en)).toMatchObject({
      action: 'Marked (first read)',
      target: '测试卷, Q7 · answer #42',
      details: ['points: 4'],
    });
  });

  it('shows what changed, with role and mode names instead of codes, and no UUIDs', () => {
    const roles = event({
      action: 'user_update',
      entityType: 'user',
      entityId: U,
      before: { roles: ['teacher'], isActive: true },
      after: { roles: ['teacher', 'senior_teacher'], isActive: true },
    });
    expect(describeEvent(roles, names, zh).details).toEqual([
      '角色：阅卷教师 → 阅卷教师、仲裁组长',
    ]);
    const policy = event({
      action: 'marking_policy_set',
      entityType: 'question',
      entityId: Q,
      before: { mode: null, tolerance: null },
      after: { mode: 'double', tolerance: 1, reresolved: 3, changed: 1 },
    });
    const line = describeEvent(policy, names, en);
    expect(line.target).toBe('测试卷, Q7');
    expect(line.details).toEqual([
      'marking: inherited → Double marking',
      'tolerance: inherited → 1',
      're-resolved: 3',
      'changed: 1',
    ]);
    const assigned = event({
      actorId: null,
      actorName: 'system',
      action: 'assignment_add',
      entityType: 'user',
      entityId: U,
      after: { questionIds: [Q] },
    });
    expect(describeEvent(assigned, names, zh)).toMatchObject({
      who: '系统',
      target: '王老师',
      details: ['题目：测试卷 第 7 题'],
    });
  });

  it('has words for every action in both catalogues', () => {
    for (const a of AUDIT_ACTIONS) {
      expect(ZH_MESSAGES).toHaveProperty(`audit.action.${a}`);
      expect(EN_MESSAGES).toHaveProperty([`audit.action.${a}`]);
    }
  });
});
