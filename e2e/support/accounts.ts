import { APIRequestContext, expect, Page } from '@playwright/test';

/** The demo accounts the server creates on an empty install (SEED_DEMO_ACCOUNTS). */
export const DEMO_PASSWORD = 'yuejuan-demo-2026';

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  // in either language: the tour signs in with English chosen
  await page.getByLabel(/^(用户名|Username)$/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByRole('button', { name: /^(退出|Sign out)$/ })).toBeVisible();
}

/** Signs the API client in and returns the CSRF token its state-changing calls must send. */
export async function apiSignIn(
  request: APIRequestContext,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password } });
  expect(res.status()).toBe(200);
  return (await res.json()).csrfToken;
}
