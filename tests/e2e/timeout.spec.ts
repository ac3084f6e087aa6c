import { test, expect, expectNoAxeViolations } from './fixtures';

// A second dev-api whose sessions idle out after 20 s (playwright.config.ts):
// the warning shows 10 s before, and "stay signed in" keeps the session.
const SHORT = `http://127.0.0.1:${Number(process.env.RANTAI_E2E_PORT ?? 8090) + 2}`;

test('a warning comes before the idle timeout, and staying signed in keeps the session', async ({ page }) => {
  const phone = `0813${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await page.goto(`${SHORT}/login`);
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  const e164 = `+62${phone.slice(1)}`;
  const code = (await (await page.request.get(`${SHORT}/api/v1/dev/otp?phone=${encodeURIComponent(e164)}`)).json()).code;
  await page.getByLabel('Kode 6 angka').fill(code);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Anda mendaftar sebagai apa?' })).toBeVisible();

  const warning = page.getByRole('dialog', { name: 'Sesi Anda akan berakhir' });
  await expect(warning).toBeVisible({ timeout: 15_000 });
  await expect(warning).toContainText('Anda akan keluar otomatis dalam 0:');
  await expectNoAxeViolations(page);
  await warning.getByRole('button', { name: 'Tetap masuk' }).click();
  await expect(warning).toBeHidden();
  expect((await page.request.get(`${SHORT}/api/v1/me`)).status()).toBe(200);

  // Left alone, the session ends and the page offers to sign in again.
  await expect(page.getByRole('dialog', { name: 'Sesi Anda sudah berakhir' })).toBeVisible({ timeout: 25_000 });
});
