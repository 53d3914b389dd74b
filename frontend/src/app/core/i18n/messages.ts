import { ABOUT_ZH } from './about.zh';
import { ADMIN_ZH } from './admin.zh';
import { ANALYSIS_ZH } from './analysis.zh';
import { EDITOR_ZH } from './editor.zh';
import { ERRORS_ZH } from './errors.zh';
import { GRADING_ZH } from './grading.zh';
import { JUDGE_ZH } from './judge.zh';
import { JUDGE_QUALITY_ZH } from './judge-quality.zh';
import { MARKING_GROUPS_ZH } from './marking-groups.zh';
import { MARKING_ZH } from './marking.zh';
import { ZH } from './messages.zh';
import { REPORT_ZH } from './report.zh';
import { REPORT_FINDINGS_ZH } from './report-findings.zh';

/**
 * Every text a user reads, in Chinese and English: one file per language for the workbench, and
 * one per language for the analysis pages (report, cohorts, quality), for the teachers' screens
 * and for page titles and the admin pages, merged here (Chinese) and in messages-en.ts (English).
 * Chinese is the default and comes with the first load; English is fetched when it is chosen, so
 * nobody downloads both catalogues up front.
 */
export const ZH_MESSAGES = {
  ...ZH,
  ...ANALYSIS_ZH,
  ...MARKING_ZH,
  ...MARKING_GROUPS_ZH,
  ...ADMIN_ZH,
  ...GRADING_ZH,
  ...ERRORS_ZH,
  ...EDITOR_ZH,
  ...REPORT_ZH,
  ...REPORT_FINDINGS_ZH,
  ...ABOUT_ZH,
  ...JUDGE_QUALITY_ZH,
  ...JUDGE_ZH,
} as const;

export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof ZH_MESSAGES;
export type Catalogue = Record<MessageKey, string>;

export const CATALOGUES: Record<Lang, () => Promise<Catalogue>> = {
  zh: () => Promise.resolve(ZH_MESSAGES),
  en: () => import('./messages-en').then((m) => m.EN_MESSAGES),
};
