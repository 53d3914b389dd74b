import { EN } from './messages.en';
import { ZH } from './messages.zh';

/** Every text a user reads, in Chinese and English (one file per language). */
export const MESSAGES = { zh: ZH, en: EN } as const;

export type Lang = keyof typeof MESSAGES;
export type MessageKey = keyof typeof ZH;
