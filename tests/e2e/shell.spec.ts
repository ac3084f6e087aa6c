import { test, expect, expectNoAxeViolations } from './fixtures';

test('home page speaks Indonesian first and has no accessibility violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Jadi pemasok BUMN dan pemerintah' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expect(page.locator('#loading')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('the language switch changes every text, and the choice is remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Become a supplier to BUMN and government' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Become a supplier to BUMN and government' })).toBeVisible();
  await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jadi pemasok BUMN dan pemerintah' })).toBeVisible();
});

test('an unknown address shows the not-found page with the way home', async ({ page }) => {
  await page.goto('/halaman-yang-tidak-ada');
  await expect(page.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Kembali ke beranda' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Jadi pemasok BUMN dan pemerintah' })).toBeVisible();
});

test('the not-found page in English has no accessibility violations', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await page.goto('/missing');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('going offline and back is announced', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The chunks fetched once the page is shown have arrived.
  await page.waitForLoadState('networkidle');
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Anda sedang offline' })).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Koneksi kembali' })).toBeVisible();
});

test('the page is served with a strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  const csp = headers['content-security-policy'];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('at 360 px nothing scrolls sideways and every control is at least 44 px', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const control of await page.locator('header a, header button, main a.button, main button').all()) {
    const box = await control.boundingBox();
    expect(box!.height, await control.innerText()).toBeGreaterThanOrEqual(44);
    expect(box!.width, await control.innerText()).toBeGreaterThanOrEqual(44);
  }
});

test('the keyboard reaches the skip link first and it moves focus to the content', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Langsung ke isi utama' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
