import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';
import { I18nService } from './core/i18n/i18n.service';

describe('App shell', () => {
  beforeEach(async () => {
    localStorage.clear();
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([])],
    }).compileComponents();
  });

  it('shows the navigation in Chinese by default and switches to English', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement;
    expect(el.querySelector('nav')?.textContent).toContain('试卷');
    TestBed.inject(I18nService).setLang('en');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('nav')?.textContent).toContain('Papers');
    expect(el.querySelector('nav')?.textContent).toContain('Marking');
  });
});
