import { Injector, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { latestValue } from './latest-value';

/** A resource over hand-fed streams, one per parameter, read through latestValue. */
function setUp() {
  const streams: Record<string, Subject<string>> = {};
  const id = signal('a');
  const resource = rxResource({
    params: () => id(),
    stream: ({ params }) => (streams[params] = new Subject<string>()),
    injector: TestBed.inject(Injector),
  });
  const shown = latestValue(resource, 'nothing yet');
  return { streams, id, resource, shown };
}

/** Lets the resource take in what its stream sent (it awaits the stream's first value). */
async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
  TestBed.tick();
}

describe('latestValue', () => {
  it('shows the initial value until the first load, then what was loaded', async () => {
    const { streams, shown } = setUp();
    await settle();
    expect(shown()).toBe('nothing yet');
    streams['a'].next('paper A');
    await settle();
    expect(shown()).toBe('paper A');
  });

  /** Paper A loaded and shown, then the page asks for paper B. */
  async function movedFromAToB() {
    const page = setUp();
    await settle();
    page.streams['a'].next('paper A');
    await settle();
    expect(page.shown()).toBe('paper A'); // the page shows it
    page.id.set('b');
    await settle();
    return page;
  }

  it('keeps the last value while new parameters load (a bare resource would clear it)', async () => {
    const { streams, resource, shown } = await movedFromAToB();
    expect(resource.hasValue()).toBe(false);
    expect(shown()).toBe('paper A');
    streams['b'].next('paper B');
    await settle();
    expect(shown()).toBe('paper B');
  });

  it('keeps the last value when a load fails (where value() would throw)', async () => {
    const { streams, resource, shown } = await movedFromAToB();
    streams['b'].error(new Error('offline'));
    await settle();
    expect(resource.status()).toBe('error');
    expect(() => resource.value()).toThrow();
    expect(shown()).toBe('paper A');
  });

  it('shows a value set by hand (after a mutation returns the new state)', async () => {
    const { streams, resource, shown } = setUp();
    await settle();
    streams['a'].next('draft');
    await settle();
    resource.set('published');
    expect(shown()).toBe('published');
  });
});
