import { ABOUT_EN } from './about.en';
import { ADMIN_EN } from './admin.en';
import { ANALYSIS_EN } from './analysis.en';
import { EDITOR_EN } from './editor.en';
import { ERRORS_EN } from './errors.en';
import { GRADING_EN } from './grading.en';
import { JUDGE_EN } from './judge.en';
import { JUDGE_QUALITY_EN } from './judge-quality.en';
import { MARKING_GROUPS_EN } from './marking-groups.en';
import { MARKING_EN } from './marking.en';
import { EN } from './messages.en';
import type { Catalogue } from './messages';
import { REPORT_EN } from './report.en';
import { REPORT_FINDINGS_EN } from './report-findings.en';

/** The English catalogue, loaded when English is chosen (see messages.ts). */
export const EN_MESSAGES: Catalogue = {
  ...EN,
  ...ANALYSIS_EN,
  ...MARKING_EN,
  ...MARKING_GROUPS_EN,
  ...ADMIN_EN,
  ...GRADING_EN,
  ...ERRORS_EN,
  ...EDITOR_EN,
  ...REPORT_EN,
  ...REPORT_FINDINGS_EN,
  ...ABOUT_EN,
  ...JUDGE_QUALITY_EN,
  ...JUDGE_EN,
};
