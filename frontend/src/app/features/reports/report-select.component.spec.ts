import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ReportSelectComponent } from './report-select.component';

@Component({
  imports: [ReportSelectComponent],
  template: `<yj-report-select
    label="report.filter.subjects"
    hint="report.filter.allHint"
    [options]="[{ id: 'math', label: '数学' }]"
    [multiple]="true"
    [(value)]="value"
  />`,
})
class HostComponent {
  readonly value = signal<string | string[]>([]);
}

describe('the report’s select', () => {
  it('shows the default’s hint only while nothing is chosen', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    const label = () =>
      (fixture.nativeElement as HTMLElement).querySelector('mat-label')!.textContent!.trim();
    expect(label()).toBe('学科（默认全部）');
    fixture.componentInstance.value.set(['math']);
    fixture.detectChanges();
    await fixture.whenStable();
    expect(label()).toBe('学科');
  });
});
