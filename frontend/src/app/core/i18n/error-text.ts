import { HttpErrorResponse } from '@angular/common/http';
import { I18nService } from './i18n.service';

/**
 * An error from the server in the reader's language: the server sends a code with its parameters
 * (`{ message, code, params }`); where the catalogue words the code (`error.<code>`), that text is
 * shown, else the server's English sentence, which stays the record.
 */
export function errorText(i18n: I18nService, e: unknown): string {
  if (!(e instanceof HttpErrorResponse)) return String(e);
  const body = e.error as {
    code?: string;
    params?: Record<string, string | number>;
    message?: string;
  } | null;
  if (body?.code) {
    const key = `error.${body.code}`;
    const text = i18n.t(key, body.params ?? {});
    if (text !== key) return text;
  }
  if (e.status === 0) return i18n.t('error.offline');
  return body?.message ?? e.message;
}
