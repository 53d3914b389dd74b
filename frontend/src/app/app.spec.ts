import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';
import { AuthService, CurrentUser } from './core/auth/auth.service';
import { I18nService } from './core/i18n/i18n.service';

describe('App shell', () => {
  beforeEach(async () => {
    localStorage.clear();
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
  });

  async function signInAs(user: CurrentUser) {
    const fixture = TestBed.createComponent(App);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    TestBed.inject(HttpTestingController).expectOne('/api/auth/me').flush({ user });
    await loaded;
    fixture.detectChanges();
    await fixture.whenStable();
    return fixture;
  }

  it('shows a teacher only the teacher areas', async () => {
    const el: HTMLElement = (
      await signInAs({ id: '1', username: 'wang', displayName: '王老师', roles: ['teacher'] })
    ).nativeElement;
    const nav = el.querySelector('nav')!.textContent!;
    expect(nav).toContain('阅卷');
    expect(nav).toContain('我的账户');
    expect(nav).not.toContain('试卷');
    expect(nav).not.toContain('用户');
    expect(el.querySelector('mat-toolbar')!.textContent).toContain('王老师');
  });

  it('shows an admin the admin pages, and switches language', async () => {
    const fixture = await signInAs({
      id: '2',
      username: 'root',
      displayName: 'Root',
      roles: ['admin'],
    });
    const el: HTMLElement = fixture.nativeElement;
    expect(el.querySelector('nav')!.textContent).toContain('审计日志');
    await TestBed.inject(I18nService).setLang('en');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('nav')!.textContent).toContain('Audit trail');
    expect(el.querySelector('nav')!.textContent).toContain('Users');
  });
});
