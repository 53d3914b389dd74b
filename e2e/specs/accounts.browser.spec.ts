import { expect, test } from '@playwright/test';
import { signIn } from '../support/accounts';

test('an admin creates a teacher, assigns a question, and the teacher sees only the teacher areas', async ({
  page,
}) => {
  // step: the admin signs in and opens the users page
  await signIn(page, 'admin');
  await page.getByRole('link', { name: '用户' }).click();
  await expect(page.getByRole('heading', { name: '用户管理' })).toBeVisible();

  // step: create a teacher
  const form = page.getByRole('form', { name: 'create user' });
  await form.getByLabel('用户名').fill('chen.t');
  await form.getByLabel('姓名').fill('陈老师');
  await form.getByLabel('初始密码').fill('chen-marks-history');
  await form.getByRole('button', { name: '创建用户' }).click();
  await expect(page.getByRole('cell', { name: 'chen.t', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/admin-users.png' });

  // step: assign the teacher a subjective history question
  await page.getByRole('link', { name: '阅卷分配' }).click();
  await page.getByRole('combobox', { name: '试卷' }).click({ force: true });
  await page.getByRole('option', { name: /2022年.*历史/ }).click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await page.getByRole('combobox', { name: '阅卷教师（可多选）' }).click({ force: true });
  await page.getByRole('option', { name: /陈老师/ }).click();
  await page.keyboard.press('Escape');
  const subjective = page
    .getByRole('table', { name: '题目' })
    .getByRole('row')
    .filter({ hasNotText: '客观题' })
    .nth(1);
  await subjective.getByRole('checkbox').check();
  await page.getByRole('button', { name: '分配 1 位教师到 1 道题' }).click();
  await expect(subjective).toContainText('陈老师');

  // step: the audit trail shows what the admin did
  await page.getByRole('link', { name: '审计日志' }).click();
  await expect(page.getByRole('cell', { name: '创建用户' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '分配阅卷题目' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/admin-audit.png' });
  await page.getByRole('button', { name: '退出' }).click();

  // step: the teacher signs in and sees only the teacher's navigation and assignments
  await signIn(page, 'chen.t', 'chen-marks-history');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByText('我的账户')).toBeVisible();
  await expect(nav.getByText('阅卷', { exact: false }).first()).toBeVisible();
  await expect(nav.getByText('试卷', { exact: true })).toHaveCount(0);
  await expect(nav.getByText('用户', { exact: true })).toHaveCount(0);
  await expect(page.getByText(/2022年.*历史.*第 \d+ 题/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/teacher-home.png' });

  // step: a teacher who types an admin URL is sent back to their own page
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/marking$/);
});

test('an expired session returns to sign-in, then back to the page the user was on', async ({
  page,
  context,
}) => {
  await signIn(page, 'researcher');
  await page.goto('/papers?subject=history');
  await expect(page.getByRole('heading', { name: '试卷库' })).toBeVisible();
  // step: the session disappears (as when it expires) and the next request finds out
  await context.clearCookies();
  await page.getByLabel('搜索标题').fill('数学');
  await expect(page).toHaveURL(/\/login\?returnUrl=/);
  await expect(page.getByRole('status')).toContainText('登录已过期');
  await page.getByLabel('用户名').fill('researcher');
  await page.getByLabel('密码').fill('yuejuan-demo-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/papers/);
  await expect(page.getByRole('heading', { name: '试卷库' })).toBeVisible();
});
