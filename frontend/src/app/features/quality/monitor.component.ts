import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TPipe } from '../../core/i18n/t.pipe';
import { SettledAnswer } from './quality-api.service';
import { monitorStore } from './quality.store';

/**
 * For seniors and admins: per teacher on a question, speed, generosity, steadiness, agreement and
 * calibration error, with flags; and the settled answers to turn into calibration items.
 */
@Component({
  selector: 'yj-monitor',
  imports: [
    FormsModule,
    DecimalPipe,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    TPipe,
  ],
  templateUrl: './monitor.component.html',
  styleUrl: './monitor.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonitorComponent {
  private readonly store = monitorStore();
  protected readonly questions = this.store.questions;
  protected readonly questionId = this.store.questionId;
  protected readonly monitor = this.store.monitor;
  protected readonly answers = this.store.answers;
  protected readonly error = this.store.error;

  protected fmt(x: number | null, digits = 2): string {
    return x === null ? '—' : x.toFixed(digits);
  }

  protected pct(x: number | null): string {
    return x === null ? '—' : `${Math.round(x * 100)}%`;
  }

  protected calibrate(a: SettledAnswer, value: string) {
    this.store.calibrate(a, value);
  }
}
