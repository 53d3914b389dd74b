import { subjectKey } from './report-labels';
import { Finding } from './reports-api.service';

/** The catalogue's translate function (I18nService.t), so the wording is testable without Angular. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

const MINUS = '−';
const fixed = (x: number, d: number) => Math.abs(x).toFixed(d);
const sign = (x: number) => (x > 5e-10 ? '+' : x < -5e-10 ? MINUS : '');

/** How each parameter is shown: score rates as %, differences in percentage points, changes as signed %. */
type Kind = 'rate' | 'pp' | 'relative' | 'ratio';
const KINDS: Record<string, Kind> = {
  modelRate: 'rate',
  studentRate: 'rate',
  diff: 'pp',
  gapChange: 'pp',
  diffBefore: 'pp',
  diffNow: 'pp',
  humanitiesDiff: 'pp',
  sciencesDiff: 'pp',
  index: 'pp',
  relative: 'relative',
  ratio: 'ratio',
};

export function formatFigure(t: Translate, kind: Kind, x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (kind === 'rate') return `${(x * 100).toFixed(1)}%`;
  if (kind === 'ratio') return x.toFixed(2);
  if (kind === 'relative') return `${sign(x)}${fixed(x * 100, 1)}%`;
  return t('finding.pp', { sign: sign(x), n: fixed(x * 100, 1) });
}

/** The figure whose interval the sentence quotes as {ci}. */
function ciFigure(code: string): string {
  if (code.startsWith('finding.change.')) return 'relative';
  if (code.startsWith('finding.gap.')) return 'index';
  return 'diff';
}

function sliceOf(t: Translate, p: Finding['params']): string {
  if (p['dimension'] === 'stage') return t(`stage.${p['value']}`);
  const stages = Array.isArray(p['stages']) ? p['stages'] : [];
  return t('finding.slice.overall', {
    stages: stages.map((x) => t(`stage.${x}`)).join(t('report.listSep')),
  });
}

/** One finding as a sentence in the reader's language, with its figures and interval. */
export function findingText(t: Translate, f: Finding): string {
  const p = f.params;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k.endsWith('Low') || k.endsWith('High')) continue;
    if (typeof v === 'number') out[k] = KINDS[k] ? formatFigure(t, KINDS[k], v) : v;
    else if (Array.isArray(v)) out[k] = v.join(t('report.listSep'));
    else if (v !== null && v !== undefined) out[k] = String(v);
  }
  const c = ciFigure(f.code);
  const kind = KINDS[c];
  out['ci'] = t('finding.ci', {
    low: formatFigure(t, kind, p[`${c}Low`] as number | null),
    high: formatFigure(t, kind, p[`${c}High`] as number | null),
  });
  // "above by 28.2 pp", "rose 12.9%": the sentence says the direction, the figure its size.
  for (const k of ['diff', 'relative'])
    if (typeof p[k] === 'number')
      out[`${k}Abs`] = formatFigure(t, KINDS[k], p[k] as number).replace(/^[+−]/, '');
  out['slice'] = sliceOf(t, p);
  if (typeof p['subject'] === 'string') out['subject'] = t(subjectKey(p['subject']));
  if (typeof p['stat'] === 'string')
    out['stat'] = t(`finding.stat.${p['stat']}`, { model: String(p['model'] ?? '') });
  // A slice left with one side of the index names the sides ("文科", "理科").
  for (const k of ['present', 'missing'])
    if (Array.isArray(p[k]))
      out[k] = (p[k] as string[]).map((g) => t(`report.group.${g}`)).join(t('report.listSep'));
  const sentence = t(variantOf(f), out);
  // The best model was picked on these same figures: its interval is its own, the choice is not in it.
  return p['selectedOnSameData'] ? `${sentence}${t('finding.bestNote')}` : sentence;
}

/** A subject finding about one model reads better without "some models … the best": its own wording. */
function variantOf(f: Finding): string {
  const above = f.params['modelsAbove'];
  if (f.code === 'finding.subject.some_above' && Array.isArray(above) && above.length === 1)
    return `${f.code}.one`;
  if (f.code === 'finding.subject.none_above' && f.params['models'] === 1) return `${f.code}.one`;
  // A slice with neither side of the index names none.
  const present = f.params['present'];
  if (f.code === 'finding.gap.unavailable.filtered' && Array.isArray(present) && !present.length)
    return `${f.code}.none`;
  return f.code;
}

/** "Rests on 74 points scored, 12 pending · synthetic students". */
export function restsOnText(t: Translate, f: Finding): string {
  const r = f.restsOn;
  const parts = [
    t('finding.restsOn', {
      scored: Math.round(r.scoredPoints),
      pending: Math.round(r.pendingPoints),
    }),
  ];
  if (r.cohorts)
    parts.push(
      t(r.synthetic ? 'finding.restsOn.synthetic' : 'finding.restsOn.real', {
        cohorts: r.cohorts,
        n: r.students,
      }),
    );
  if (r.simulated) parts.push(t('finding.restsOn.simulated'));
  return parts.join(' · ');
}

export type FindingSection = 'vsStudents' | 'change' | 'subjects' | 'gap';

export function sectionOf(code: string): FindingSection {
  if (code.startsWith('finding.change.')) return 'change';
  if (code.startsWith('finding.subject.')) return 'subjects';
  if (code.startsWith('finding.gap.')) return 'gap';
  return 'vsStudents';
}
