import { test, expect, expectNoAxeViolations } from './fixtures';
import { newPhone, otpFor, signInNewOwner } from './support';
import type { Locator, Page } from '@playwright/test';

// With the keyboard alone (no clicks): where focus lands each time the page,
// or a step within it, changes (src/focus.rs).

/** Presses Tab (or Shift+Tab) until `target` has focus, as a person moves through a page. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let presses = 0; presses < 40; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target}`);
}

/** The page's heading, the one focus moves to when the page changes. */
function heading(page: Page, name: string): Locator {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

test('a new owner signs in and does the first wizard step with the keyboard alone', async ({ page }) => {
  test.setTimeout(90_000);
  const { typed, e164 } = newPhone();
  await page.goto('/');
  // The first load leaves focus at the top of the document, as a browser does.
  await expect(heading(page, 'Jadi pemasok BUMN dan pemerintah')).toBeVisible();
  await expect(heading(page, 'Jadi pemasok BUMN dan pemerintah')).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

  await tabTo(page, page.getByRole('link', { name: 'Masuk dengan nomor HP' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/login');
  await expect(heading(page, 'Masuk ke Rantai')).toBeFocused();

  // The number, then the code: the code step replaces the number step, and its field takes focus.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Nomor HP')).toBeFocused();
  await page.keyboard.type(typed);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'SMS' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Kirim kode' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Kode sudah dikirim ke')).toBeVisible();
  await expect(page.getByLabel('Kode 6 angka')).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.type(await otpFor(page, e164));
  await page.keyboard.press('Enter');

  // A new account: the role question replaces the code step, and its heading takes focus.
  await expect(heading(page, 'Anda mendaftar sebagai apa?')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: /Pemilik UMKM/ })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: /Pemilik UMKM/ })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Lanjut' })).toBeFocused();
  await page.keyboard.press('Enter');

  // Home, then the wizard (its code arrives when first opened): each new page's heading.
  await expect(page).toHaveURL('/');
  await expect(heading(page, 'Pendaftaran pemasok Anda')).toBeFocused();
  await tabTo(page, page.getByRole('link', { name: 'Profil usaha' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/register/business');
  await expect(heading(page, 'Data usaha')).toBeFocused();
  await expectNoAxeViolations(page);

  // The step links come before the heading, the fields after it.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('link', { name: 'Periksa dan kirim' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Nama usaha')).toBeFocused();
  await page.keyboard.type('Keripik Bu Sari');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Perorangan / UD' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Perorangan / UD' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('NIB')).toBeFocused();
  await page.keyboard.type('123456789012');

  // Enter in a field saves the step: the error summary takes focus, its link the field.
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'Ada yang perlu diperbaiki' });
  await expect(summary).toBeFocused();
  await expect(page).toHaveURL('/register/business');
  await tabTo(page, summary.getByRole('link', { name: 'NIB harus 13 digit; Anda mengetik 12.' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('NIB')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type('3');
  await expect(page.getByLabel('NIB')).toHaveValue('1234567890123');

  await page.keyboard.press('Tab');
  await expect(page.getByLabel('NPWP')).toBeFocused();
  await page.keyboard.type('01.234.567.4-901.000');
  await page.keyboard.press('Tab');
  const pkp = page.getByRole('group', { name: /PKP/ });
  await expect(pkp.getByRole('radio', { name: 'Ya' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(pkp.getByRole('radio', { name: 'Tidak' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Modal usaha')).toBeFocused();
  await page.keyboard.type('50000000');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Hasil penjualan setahun (tidak wajib)')).toBeFocused();
  await expect(page.getByLabel('Modal usaha')).toHaveValue('50.000.000');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Cari KBLI')).toBeFocused();
  await page.keyboard.type('keripik');
  const firstCode = page.getByRole('checkbox').first();
  await expect(firstCode).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(firstCode).toBeFocused();
  await page.keyboard.press('Space');
  await expect(firstCode).toBeChecked();

  // Saved: the next step's heading has focus.
  await tabTo(page, page.getByRole('button', { name: 'Simpan dan lanjutkan' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Data pemilik')).toBeFocused({ timeout: 30_000 });
  await expect(page).toHaveURL('/register/owner');
  const business = await (await page.request.get('/api/v1/supplier/business')).json();
  expect(business).toMatchObject({ name: 'Keripik Bu Sari', nib: '1234567890123', capital: 50000000, pkp: false });
});

test('a link that names a field focuses that field, not the new page heading', async ({ page }) => {
  await signInNewOwner(page);
  await page.goto('/register/check');
  await expect(heading(page, 'Periksa jawaban Anda')).not.toBeFocused();
  await tabTo(page, page.getByRole('link', { name: 'Ubah Nama usaha' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/register\/business\?.*focus=name/);
  await expect(page.getByLabel('Nama usaha')).toBeFocused();
  await expect(heading(page, 'Data usaha')).not.toBeFocused();
});

test('the not-found page keeps focus at the top when opened, and its heading takes it on the way back', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(heading(page, 'Halaman tidak ditemukan')).toBeVisible();
  await expect(heading(page, 'Halaman tidak ditemukan')).not.toBeFocused();
  await tabTo(page, page.getByRole('link', { name: 'Kembali ke beranda' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Jadi pemasok BUMN dan pemerintah')).toBeFocused();
  await page.goBack();
  await expect(heading(page, 'Halaman tidak ditemukan')).toBeFocused();
});
