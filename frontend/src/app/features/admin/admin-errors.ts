import { HttpErrorResponse } from '@angular/common/http';
import { I18nService } from '../../core/i18n/i18n.service';

/** The server's error in the reader's language: its code worded by the catalogue, else its message. */
export function errorText(i18n: I18nService, e: HttpErrorResponse): string {
  const body = e.error as {
    code?: string;
    params?: Record<string, string | number>;
    message?: string;
  } | null;
  const key = body?.code ? `error.${body.code}` : '';
  const worded = key ? i18n.t(key, body?.params ?? {}) : key;
  if (key && worded !== key) return worded;
  return body?.message ?? e.message;
}
