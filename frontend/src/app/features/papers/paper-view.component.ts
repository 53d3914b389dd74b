import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { AuthService } from '../../core/auth/auth.service';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { TPipe } from '../../core/i18n/t.pipe';
import { ModelMessagesComponent } from './model-messages.component';
import { paperViewStore } from './paper-view.store';
import { QuestionCardComponent } from './question-card.component';

@Component({
  selector: 'yj-paper-view',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatSlideToggleModule,
    TPipe,
    ModelMessagesComponent,
    QuestionCardComponent,
  ],
  template: `
    @if (paper(); as p) {
      <a routerLink="/papers" class="back">← {{ 'papers.title' | t }}</a>
      <h1>{{ p.title }}</h1>
      <p class="meta">
        {{ 'subject.' + p.subject | t }} · {{ 'paper.grade' | t: { n: p.grade } }} · {{ p.year }} ·
        {{ p.region }} · {{ 'paper.points' | t: { n: p.totalPoints } }} ·
        {{ 'status.' + p.status | t }}
      </p>
      <p class="meta muted small">
        {{ 'paper.source' | t }}: {{ p.source['name'] }} · {{ 'paper.licence' | t }}:
        {{ p.source['licence'] }} · {{ 'paper.version' | t }} v{{ p.version }} ·
        {{ 'paper.hash' | t }} <code>{{ p.contentHash.slice(0, 12) }}</code>
      </p>
      @if (canWrite) {
        <div class="edit-actions">
          <a mat-flat-button [routerLink]="['/papers', p.id, 'edit']">{{ 'editor.edit' | t }}</a>
          @if (p.status === 'draft') {
            <button mat-stroked-button type="button" (click)="publish(p.id)">
              {{ 'editor.publishThis' | t: { v: p.version } }}
            </button>
          }
          <a mat-stroked-button [href]="'/api/papers/' + p.id + '/bundle.zip'" download>{{
            'editor.download' | t
          }}</a>
        </div>
      }
      <div class="controls">
        <mat-button-toggle-group
          [value]="view()"
          (change)="view.set($event.value)"
          aria-label="view"
        >
          <mat-button-toggle value="person">{{ 'paper.view.person' | t }}</mat-button-toggle>
          <mat-button-toggle value="model">{{ 'paper.view.model' | t }}</mat-button-toggle>
        </mat-button-toggle-group>
        @if (view() === 'model') {
          <mat-button-toggle-group
            [value]="mode()"
            (change)="mode.set($event.value)"
            aria-label="model mode"
          >
            <mat-button-toggle value="vision">{{ 'paper.mode.vision' | t }}</mat-button-toggle>
            <mat-button-toggle value="text">{{ 'paper.mode.text' | t }}</mat-button-toggle>
          </mat-button-toggle-group>
        } @else {
          <mat-slide-toggle [checked]="showKey()" (change)="showKey.set($event.checked)">{{
            'paper.showKey' | t
          }}</mat-slide-toggle>
        }
      </div>
      @if (view() === 'person') {
        @for (group of sections(); track group.title) {
          <h2>{{ group.title }}</h2>
          @for (q of group.questions; track q.id) {
            <yj-question-card [question]="q" [showKey]="showKey()" />
          }
        }
      } @else {
        @for (r of rendered(); track r.questionId) {
          <yj-model-messages [rendered]="r" />
        } @empty {
          <p>{{ 'paper.loading' | t }}</p>
        }
      }
    } @else {
      <p>{{ 'paper.loading' | t }}</p>
    }
  `,
  styles: `
    .back {
      text-decoration: none;
      font-size: 14px;
    }
    h1 {
      margin: 8px 0 4px;
      font-size: 24px;
    }
    h2 {
      font-size: 18px;
      margin: 24px 0 4px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      padding-bottom: 4px;
    }
    .meta {
      margin: 2px 0;
    }
    .small {
      font-size: 12px;
    }
    .edit-actions {
      display: flex;
      gap: 8px;
      margin: 8px 0;
    }
    .controls {
      display: flex;
      gap: 16px;
      align-items: center;
      margin: 16px 0;
      flex-wrap: wrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaperViewComponent {
  /** Route parameter, bound by withComponentInputBinding. */
  readonly id = input.required<string>();
  protected readonly canWrite = inject(AuthService).hasAnyRole(['admin', 'author']);
  private readonly store = paperViewStore(this.id);
  protected readonly paper = this.store.paper;
  protected readonly view = this.store.view;
  protected readonly mode = this.store.mode;
  protected readonly showKey = signal(false);
  protected readonly sections = this.store.sections;
  protected readonly rendered = this.store.rendered;

  protected publish(id: string) {
    this.store.publish(id);
  }
}
