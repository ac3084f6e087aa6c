import { test, expect, expectNoAxeViolations } from './fixtures';
import type { Page } from '@playwright/test';

// A second dev-api whose sessions idle out after 20 s (playwright.config.ts):
// the warning shows 10 s before the end.
const SHORT = `http://127.0.0.1:${Number(process.env.RANTAI_E2E_PORT ?? 8090) + 2}`;

async function codeFor(page: Page, e164: string): Promise<string> {
  const response = await page.request.get(`${SHORT}/api/v1/dev/otp?phone=${encodeURIComponent(e164)}`);
  return (await response.json()).code;
}

test('the idle timeout warns first, and a session that idled out mid-form loses nothing', async ({ page }) => {
  test.setTimeout(150_000);
  const phone = `0813${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const e164 = `+62${phone.slice(1)}`;
  await page.goto(`${SHORT}/login`);
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  // The code exists once the server has answered: the code step is shown.
  await expect(page.getByLabel('Kode 6 angka')).toBeVisible();
  await page.getByLabel('Kode 6 angka').fill(await codeFor(page, e164));
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Anda mendaftar sebagai apa?' })).toBeVisible();
  await page.getByLabel(/Staf koperasi/).check();
  await page.getByLabel('Nama koperasi').fill('Koperasi Wanita Sejahtera');
  await page.getByLabel('Nama Anda').fill('Rina');

  // The warning, then "stay signed in" keeps the session.
  const warning = page.getByRole('dialog', { name: 'Sesi Anda akan berakhir' });
  await expect(warning).toBeVisible({ timeout: 15_000 });
  await expect(warning).toContainText('Anda akan keluar otomatis dalam 0:');
  await expectNoAxeViolations(page);
  await warning.getByRole('button', { name: 'Tetap masuk' }).click();
  await expect(warning).toBeHidden();
  expect((await page.request.get(`${SHORT}/api/v1/me`)).status()).toBe(200);

  // Left alone, the session idles out; the page offers to sign in again in place.
  const expired = page.getByRole('dialog', { name: 'Sesi Anda sudah berakhir' });
  await expect(expired).toBeVisible({ timeout: 25_000 });
  expect((await page.request.get(`${SHORT}/api/v1/me`)).status()).toBe(401);
  await expect(expired.getByLabel('Nomor HP')).toHaveValue(e164);
  // A code went out less than a minute ago: the server says wait, the button
  // counts it down, then sends.
  await expired.getByRole('button', { name: 'Kirim kode' }).click();
  await expect(expired.getByRole('button', { name: /Kirim ulang dalam \d+ detik/ })).toBeDisabled();
  await expect(expired.getByRole('button', { name: 'Kirim kode' })).toBeEnabled({ timeout: 70_000 });
  await expired.getByRole('button', { name: 'Kirim kode' }).click();
  await expired.getByLabel('Kode 6 angka').fill(await codeFor(page, e164));
  await expired.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(expired).toBeHidden();

  // What was typed is still there, and saves.
  await expect(page.getByLabel('Nama koperasi')).toHaveValue('Koperasi Wanita Sejahtera');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anggota Koperasi Wanita Sejahtera' })).toBeVisible();
});
