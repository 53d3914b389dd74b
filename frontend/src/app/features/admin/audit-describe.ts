import { AuditEvent, AuditName } from './admin-api.service';

type T = (key: string, params?: Record<string, string | number>) => string;

/** Every action the trail records, in the order the filter lists them. */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'password_change',
  'password_reset',
  'user_create',
  'user_update',
  'assignment_add',
  'assignment_remove',
  'marking_policy_set',
  'marking_policy_clear',
  'mark_first',
  'mark_second',
  'mark_third',
  'mark_review',
  'mark_problem',
  'mark_arbitration',
  'mark_rescore',
  'mark_calibration',
  'rubric_edit',
  'calibration_set',
  'report_export',
  'round_save',
  'round_delete',
  'validation_sample',
  'paper_import',
  'paper_publish',
  'pdf_upload',
  'model_create',
  'model_judge_set',
  'run_start',
  'run_pause',
  'run_resume',
  'run_cancel',
  'answers_import',
  'regrade',
  'key_correction',
  'cohort_import',
  'student_answers_import',
];

const base = (e: AuditEvent) => ({ key: e.key, at: e.at, address: e.address });

export interface AuditLine {
  key: string;
  at: string;
  who: string;
  action: string;
  target: string;
  details: string[];
  address: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHOWN_ITEMS = 5;

/** An audit entry in words: who, what, on what, and what changed, with names instead of ids. */
export function describeEvent(e: AuditEvent, names: Record<string, AuditName>, t: T): AuditLine {
  const nameOf = (id: string) => {
    const n = names[id];
    if (!n) return id.slice(0, 8);
    return n.kind === 'question'
      ? t('audit.name.question', { title: n.label, number: n.number ?? '' })
      : n.label;
  };
  const actor = e.actorId ? names[e.actorId]?.label : undefined;
  // Start-up and the demo seeding act as "system" (no user).
  if (!e.actorId && (e.actorName === 'system' || !e.actorName))
    return {
      ...base(e),
      who: t('audit.system'),
      action: t('audit.action.' + e.action),
      target: targetOf(e, nameOf, t),
      details: detailsOf(e, nameOf, t),
    };
  const who = actor
    ? e.actorName && e.actorName !== actor
      ? `${actor} (${e.actorName})`
      : actor
    : (e.actorName ?? t('audit.system'));
  return {
    key: e.key,
    at: e.at,
    who,
    action: t('audit.action.' + e.action),
    target: targetOf(e, nameOf, t),
    details: detailsOf(e, nameOf, t),
    address: e.address,
  };
}

function targetOf(e: AuditEvent, nameOf: (id: string) => string, t: T): string {
  if (e.entityType === 'marking_task') {
    const question =
      typeof e.after?.['questionId'] === 'string' ? nameOf(e.after['questionId']) : '';
    return [question, t('audit.name.answer', { id: e.entityId ?? '' })].filter(Boolean).join(' · ');
  }
  if (e.entityType === 'report') return t('audit.entity.report');
  if (e.entityType === 'questions') return t('audit.entity.questions');
  return e.entityId ? nameOf(e.entityId) : '';
}

function detailsOf(e: AuditEvent, nameOf: (id: string) => string, t: T): string[] {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !(e.entityType === 'marking_task' && k === 'questionId'),
  );
  const field = (k: string) => {
    const label = t('audit.field.' + k);
    return label === 'audit.field.' + k ? k : label;
  };
  const lines: string[] = [];
  for (const k of keys) {
    const has = { b: k in before, a: k in after };
    if (has.b && has.a) {
      if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
      lines.push(
        t('audit.change', {
          field: field(k),
          before: valueText(k, before[k], nameOf, t),
          after: valueText(k, after[k], nameOf, t),
        }),
      );
    } else
      lines.push(
        t('audit.value', {
          field: field(k),
          value: valueText(k, has.a ? after[k] : before[k], nameOf, t),
        }),
      );
  }
  return lines;
}

function valueText(key: string, v: unknown, nameOf: (id: string) => string, t: T): string {
  if (v === null || v === undefined)
    return t(key === 'mode' || key === 'tolerance' ? 'audit.inherit' : 'audit.none');
  if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
  if (Array.isArray(v)) {
    if (!v.length) return t('audit.none');
    const shown = v.slice(0, SHOWN_ITEMS).map((x) => valueText(key, x, nameOf, t));
    const rest = v.length - shown.length;
    return shown.join(t('audit.sep')) + (rest > 0 ? ' ' + t('audit.more', { n: rest }) : '');
  }
  if (typeof v === 'string') {
    if (UUID.test(v)) return nameOf(v);
    if (key === 'roles') return t('role.' + v);
    if (key === 'mode') return v === 'double' ? t('audit.mode.double') : t('mode.single');
    if (key === 'format') return v.toUpperCase();
    return v;
  }
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}
