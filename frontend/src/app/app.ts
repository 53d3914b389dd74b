import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { I18nService } from './core/i18n/i18n.service';
import { TPipe } from './core/i18n/t.pipe';

/** Areas of the workbench; the later ones arrive with their issues and show as planned. */
const NAV = [
  { key: 'nav.papers', link: '/papers', isReady: true },
  { key: 'nav.upload', link: '/papers/upload', isReady: true },
  { key: 'nav.models', link: null, isReady: false },
  { key: 'nav.runs', link: null, isReady: false },
  { key: 'nav.marking', link: null, isReady: false },
  { key: 'nav.cohorts', link: null, isReady: false },
  { key: 'nav.reports', link: null, isReady: false },
  { key: 'nav.admin', link: null, isReady: false },
];

@Component({
  selector: 'yj-root',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    TPipe,
  ],
  template: `
    <mat-toolbar class="bar">
      <a routerLink="/papers" class="brand"><span class="logo">阅</span>{{ 'app.name' | t }}</a>
      <span class="tagline">{{ 'app.tagline' | t }}</span>
      <span class="spacer"></span>
      <button mat-button (click)="toggleLang()">{{ 'lang.switch' | t }}</button>
    </mat-toolbar>
    <mat-sidenav-container class="body">
      <mat-sidenav mode="side" opened class="nav">
        <nav aria-label="Main">
          <mat-nav-list>
            @for (item of nav; track item.key) {
              @if (item.isReady) {
                <a
                  mat-list-item
                  [routerLink]="item.link"
                  routerLinkActive="active"
                  [routerLinkActiveOptions]="{ exact: true }"
                  >{{ item.key | t }}</a
                >
              } @else {
                <div class="planned" aria-disabled="true">
                  {{ item.key | t }} <small>· {{ 'nav.planned' | t }}</small>
                </div>
              }
            }
          </mat-nav-list>
        </nav>
      </mat-sidenav>
      <mat-sidenav-content>
        <main class="content"><router-outlet /></main>
      </mat-sidenav-content>
    </mat-sidenav-container>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      height: 100vh;
    }
    .bar {
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      gap: 16px;
    }
    .bar button {
      color: var(--mat-sys-on-primary);
    }
    .brand {
      color: inherit;
      text-decoration: none;
      font-weight: 500;
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .logo {
      background: var(--mat-sys-on-primary);
      color: var(--mat-sys-primary);
      border-radius: 6px;
      padding: 0 6px;
      font-size: 18px;
    }
    .tagline {
      font-size: 14px;
      opacity: 0.85;
    }
    .spacer {
      flex: 1;
    }
    .body {
      flex: 1;
    }
    .nav {
      width: 200px;
      border-right: 1px solid var(--mat-sys-outline-variant);
    }
    .active {
      background: var(--mat-sys-secondary-container);
    }
    .planned {
      padding: 12px 16px;
      color: var(--mat-sys-on-surface-variant);
      opacity: 0.75;
    }
    .planned small {
      color: var(--mat-sys-on-surface-variant);
    }
    .content {
      padding: 24px 32px;
      max-width: 1100px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly i18n = inject(I18nService);
  protected readonly nav = NAV;

  protected toggleLang() {
    this.i18n.setLang(this.i18n.lang() === 'zh' ? 'en' : 'zh');
  }
}
