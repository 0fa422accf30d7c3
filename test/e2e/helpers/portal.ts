import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../proxy/demo/portal/seed-data.ts';

/**
 * Drives the demo gym's portal the way office staff do, in a browser tab, through Portal Audit's listener:
 * the HTML login form, a student's edit form, and the portal's own JSON API called from the page (the portal's
 * pages have no delete button; its scripts would call the API like this).
 */
export async function signIn(page: Page, portalUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(new URL('/login', portalUrl).href);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Opens the student's page, types a new level into the edit form and saves; returns the level it had. */
export async function changeStudentLevel(page: Page, portalUrl: string, studentId: number, level: string): Promise<string> {
  await page.goto(new URL(`/students/${studentId}`, portalUrl).href);
  const field = page.getByLabel('Level', { exact: true });
  const before = await field.inputValue();
  await field.fill(level);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(`Level ${level}`).first().waitFor();
  return before;
}

/** DELETE /api/students/:id from the signed-in page; returns the HTTP status. */
export async function deleteStudent(page: Page, studentId: number): Promise<number> {
  return page.evaluate(async (id) => (await fetch(`/api/students/${id}`, { method: 'DELETE', headers: { accept: 'application/json' } })).status, studentId);
}
