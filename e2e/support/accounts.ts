import { APIRequestContext, expect, Page } from '@playwright/test';

/** The demo accounts the server creates on an empty install (SEED_DEMO_ACCOUNTS). */
export const DEMO_PASSWORD = 'yuejuan-demo-2026';

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
}

/** Signs the API client in and returns the CSRF token its state-changing calls must send. */
export async function apiSignIn(request: APIRequestContext, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password } });
  expect(res.status()).toBe(200);
  return (await res.json()).csrfToken;
}
