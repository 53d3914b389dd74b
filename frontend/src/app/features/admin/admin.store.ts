import { computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { AuditPage } from '@yuejuan/contracts';
import { latestValue } from '../../shared/data/latest-value';
import { AdminApiService } from './admin-api.service';

/**
 * The audit trail from one place: its filters (user, action, since) and the page of events they
 * select, loaded again whenever one changes; the last page stays on screen while the next loads.
 */
export function auditStore() {
  const api = inject(AdminApiService);
  const user = signal('');
  const action = signal('');
  const from = signal('');
  const page = latestValue<AuditPage | null>(
    rxResource({
      params: () => ({
        user: user().trim(),
        action: action(),
        from: from() ? new Date(from()).toISOString() : undefined,
      }),
      stream: ({ params }) => api.audit(params),
    }),
    null,
  );
  return {
    user,
    action,
    from,
    names: computed(() => page()?.names ?? {}),
    events: computed(() => page()?.events ?? []),
    total: computed(() => page()?.total ?? 0),
  };
}
