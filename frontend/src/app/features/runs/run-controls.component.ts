import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TPipe } from '../../core/i18n/t.pipe';
import { RunAction } from './live-run';

/** Pause, resume and cancel, as the run's status allows (answer runs and judge runs alike). */
@Component({
  selector: 'div[yjRunControls]',
  imports: [MatButtonModule, TPipe],
  template: `
    @if (status() === 'running') {
      <button mat-stroked-button (click)="act.emit('pause')">{{ 'runs.pause' | t }}</button>
    }
    @if (status() === 'paused') {
      <button mat-flat-button (click)="act.emit('resume')">{{ 'runs.resume' | t }}</button>
    }
    @if (status() === 'running' || status() === 'paused') {
      <button mat-button (click)="act.emit('cancel')">{{ 'runs.cancel' | t }}</button>
    }
  `,
  styles: `
    :host {
      display: flex;
      gap: 8px;
      margin: 8px 0 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunControlsComponent {
  readonly status = input.required<string>();
  readonly act = output<RunAction>();
}
