import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { filter, map } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService, Role } from './core/auth/auth.service';
import { I18nService } from './core/i18n/i18n.service';
import { TPipe } from './core/i18n/t.pipe';

/** The paper editor is a focus mode too: outline, form and preview need the width; it links back. */
const EDITOR = /^\/papers\/(new|[^/?#]+\/edit)(?=[/?#]|$)/;
const STAFF: Role[] = ['admin', 'author', 'researcher'];
const ANY: Role[] = ['admin', 'author', 'teacher', 'senior_teacher', 'researcher'];

/** Areas of the workbench by role; the later ones arrive with their issues and show as planned. */
const NAV: { key: string; link: string | null; roles: Role[] }[] = [
  { key: 'nav.papers', link: '/papers', roles: STAFF },
  { key: 'nav.upload', link: '/papers/upload', roles: ['admin', 'author'] },
  { key: 'nav.models', link: '/runs/models', roles: ['admin', 'researcher'] },
  { key: 'nav.runs', link: '/runs', roles: ['admin', 'researcher'] },
  { key: 'nav.marking', link: '/marking', roles: ['teacher', 'senior_teacher'] },
  { key: 'nav.quality', link: '/quality', roles: ['senior_teacher', 'admin'] },
  { key: 'nav.judge', link: '/quality/judge', roles: ['researcher', 'senior_teacher', 'admin'] },
  { key: 'nav.reports', link: '/reports', roles: ['admin', 'researcher'] },
  { key: 'nav.cohorts', link: '/reports/cohorts', roles: ['admin', 'researcher'] },
  { key: 'nav.users', link: '/admin/users', roles: ['admin'] },
  { key: 'nav.assignments', link: '/admin/assignments', roles: ['admin'] },
  { key: 'nav.audit', link: '/admin/audit', roles: ['admin'] },
  { key: 'nav.account', link: '/account', roles: ANY },
];

@Component({
  selector: 'yj-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule, TPipe],
  template: `
    <mat-toolbar class="bar">
      <a routerLink="/papers" class="brand"
        ><span class="logo" data-content>阅</span>{{ 'app.name' | t }}</a
      >
      <span class="tagline">{{ 'app.tagline' | t }}</span>
      <span class="spacer"></span>
      @if (auth.user(); as u) {
        <span class="who" data-content>{{ u.displayName }}</span>
        <button mat-button (click)="logout()">{{ 'auth.signOut' | t }}</button>
      }
      <a mat-button routerLink="/about" class="about">{{ 'nav.about' | t }}</a>
      <!-- The other language's name, written in that language. -->
      <button mat-button (click)="toggleLang()" [attr.lang]="otherLang()">
        {{ 'lang.switch' | t }}
      </button>
    </mat-toolbar>
    <!-- Signed out there is no navigation; signed in it is there from the first frame, not animated in.
         Plain links in a column rather than Material's sidenav and list: those two (and the forms
         module the list's selection variant pulls in) were a fifth of the first load's script. -->
    @if (auth.isSignedIn()) {
      <div class="body">
        @if (!isFocus()) {
          <nav aria-label="Main" class="nav">
            @for (item of nav(); track item.key) {
              @if (item.link) {
                <a
                  class="nav-link"
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
          </nav>
        }
        <div class="scroll">
          <main class="content" [class.wide]="isWide()"><router-outlet /></main>
        </div>
      </div>
    } @else {
      <main class="content"><router-outlet /></main>
    }
  `,
  styles: `
    /* Printing a page (the report) prints its content, not the workbench around it. */
    @media print {
      .bar,
      .nav {
        display: none !important;
      }
      :host,
      .body,
      .scroll {
        display: block;
        height: auto;
        overflow: visible;
      }
    }
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
    .bar button,
    .bar .about {
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
    .who {
      font-size: 14px;
    }
    .spacer {
      flex: 1;
    }
    .body {
      flex: 1;
      display: flex;
      min-height: 0;
    }
    .nav {
      flex: 0 0 200px;
      overflow-y: auto;
      padding-top: 8px;
      border-right: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
    }
    .nav-link {
      display: block;
      margin: 0 8px;
      padding: 12px 16px;
      border-radius: 24px;
      color: var(--mat-sys-on-surface);
      text-decoration: none;
      font-size: 16px;
    }
    .nav-link:hover {
      background: var(--mat-sys-surface-container-high);
    }
    .nav-link.active {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .scroll {
      flex: 1;
      min-width: 0;
      overflow: auto;
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
    /* The marking screens use the whole width: question, answer and rubric side by side. */
    .content.wide {
      max-width: none;
      padding: 16px 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthService);
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      map((e) => (e as NavigationEnd).urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  /** Marking an answer is a focus mode: no navigation beside the three panes. */
  protected readonly isFocus = computed(
    () => /^\/marking\/(?!senior)[^?#]+/.test(this.url()) || EDITOR.test(this.url()),
  );
  /** The marking screens and the paper editor (three panes each) use the whole width. */
  protected readonly isWide = computed(
    () => /^\/marking\/[^?#]+/.test(this.url()) || EDITOR.test(this.url()),
  );
  /** Only what the signed-in user's roles may use. */
  protected readonly nav = computed(() => NAV.filter((item) => this.auth.hasAnyRole(item.roles)));

  protected async logout() {
    await this.auth.logout();
    await this.router.navigate(['/login']);
  }

  protected readonly otherLang = computed(() => (this.i18n.lang() === 'zh' ? 'en' : 'zh-CN'));

  protected toggleLang() {
    void this.i18n.setLang(this.i18n.lang() === 'zh' ? 'en' : 'zh');
  }
}
