import { computed, linkedSignal, Resource, Signal } from '@angular/core';

/**
 * The value a page shows from a resource: the last one loaded, kept while the next loads (new
 * parameters or a reload) and when a load fails. A resource alone clears its value on new
 * parameters and throws from `value()` in error; the pages kept the last response on screen
 * (a polled run would blink every second otherwise), so they read it through this. Like any
 * signal it is pulled: it keeps what it was last read with, which on a page is what the template
 * last showed.
 */
export function latestValue<T>(resource: Resource<T | undefined>, initial: T): Signal<T> {
  const latest = linkedSignal<{ has: boolean; value: T | undefined }, T>({
    source: () =>
      resource.hasValue()
        ? { has: true, value: resource.value() }
        : { has: false, value: undefined },
    computation: (now, previous) => (now.has ? (now.value as T) : (previous?.value ?? initial)),
  });
  return computed(() => latest());
}
