import { ANALYSIS_EN } from './analysis.en';
import { ANALYSIS_ZH } from './analysis.zh';
import { MARKING_EN } from './marking.en';
import { MARKING_ZH } from './marking.zh';
import { EN } from './messages.en';
import { ZH } from './messages.zh';

/**
 * Every text a user reads, in Chinese and English: one file per language for the workbench, and
 * one per language for the analysis pages (report, cohorts, quality) and for the teachers' screens,
 * merged here.
 */
export const MESSAGES = {
  zh: { ...ZH, ...ANALYSIS_ZH, ...MARKING_ZH },
  en: { ...EN, ...ANALYSIS_EN, ...MARKING_EN },
} as const;

export type Lang = keyof typeof MESSAGES;
export type MessageKey = keyof typeof MESSAGES.zh;
