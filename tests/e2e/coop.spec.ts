import { test, expect, expectNoAxeViolations } from './fixtures';
import { fillBusiness, newPhone, signInNewOwner } from './support';
import type { Browser, Page } from '@playwright/test';

/** A new owner in a browser of their own: their number and supplier. */
async function newOwner(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const owner = await signInNewOwner(page, 'http://127.0.0.1:' + (Number(process.env.RANTAI_E2E_PORT ?? 8090)));
  return { ...owner, page, request: context.request, close: () => context.close() };
}

/** Signs `page`'s browser in as new staff of `cooperative` (by the API). */
async function signInNewStaff(page: Page, cooperative: string) {
  const request = page.context().request;
  const { e164 } = newPhone();
  expect((await request.post('/api/v1/auth/otp', { data: { phone: e164, channel: 'sms' } })).status()).toBe(202);
  const { code } = await (await request.get(`/api/v1/dev/otp?phone=${encodeURIComponent(e164)}`)).json();
  expect((await request.post('/api/v1/auth/verify', { data: { phone: e164, code } })).ok()).toBe(true);
  expect((await request.put('/api/v1/me/role', { data: { role: 'coop_staff', cooperative_name: cooperative } })).ok()).toBe(true);
}

/** The last code sent to `e164` (dev-api's dev endpoint). */
async function lastCode(page: Page, e164: string): Promise<string> {
  return (await (await page.context().request.get(`/api/v1/dev/otp?phone=${encodeURIComponent(e164)}`)).json()).code;
}

/** `0812…` as a person types it. */
function local(e164: string): string {
  return '0' + e164.slice(3);
}

test('staff add a member who reads out the code, work for them, and switching members carries nothing over', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const first = await newOwner(browser);
  const second = await newOwner(browser);
  // A number gets one code a minute: the members signed in just now, so
  // the invitation's code can go out a minute later.
  const codesAllowed = Date.now() + 62_000;
  await page.goto('/');
  await signInNewStaff(page, 'Koperasi Makmur Jaya');
  await page.goto('/');
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Anggota Koperasi Makmur Jaya' })).toBeVisible();
  await expect(page.getByText('Belum ada anggota yang terdaftar.')).toBeVisible();
  await expectNoAxeViolations(page);

  // Add the first member: the code they read out confirms the link.
  await page.getByRole('link', { name: 'Tambah anggota' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tambah anggota' })).toBeVisible();
  await page.getByRole('button', { name: 'Kirim undangan' }).click();
  await expect(page.getByRole('link', { name: 'Tulis nama pemilik usaha.' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Nama pemilik usaha').fill('Sari Wulandari');
  await page.getByLabel('Nomor HP pemilik').fill(local(first.e164));
  await page.waitForTimeout(Math.max(0, codesAllowed - Date.now()));
  await page.getByRole('button', { name: 'Kirim undangan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Konfirmasi anggota' })).toBeVisible();
  await page.getByLabel('Kode dari HP anggota').fill('000000');
  await page.getByRole('button', { name: 'Konfirmasi' }).click();
  await expect(page.getByText('Kode salah. Periksa lagi kode yang dibacakan anggota.')).toBeVisible();
  await page.getByLabel('Kode dari HP anggota').fill(await lastCode(page, first.e164));
  await page.getByRole('button', { name: 'Konfirmasi' }).click();
  await expect(page.getByText('Sari Wulandari sekarang anggota koperasi Anda.')).toBeVisible();
  await expectNoAxeViolations(page);

  // The second member is invited and confirms later (here: by the API).
  const request = page.context().request;
  const invited = await request.post('/api/v1/coop/members', {
    data: { phone: second.e164, owner_name: 'Budi Santoso', business_name: 'Tenun Budi' },
    headers: { 'Idempotency-Key': `invite-${second.e164}` },
  });
  expect(invited.ok()).toBe(true);
  const link = await invited.json();
  await page.getByRole('link', { name: /Kembali ke daftar anggota/ }).click();
  // Pending, it shows what staff typed; confirmed, what the member's profile says.
  await expect(page.getByRole('listitem').filter({ hasText: 'Tenun Budi' })).toContainText('Menunggu persetujuan anggota');
  const budi = page.getByRole('listitem').filter({ hasText: 'Budi Santoso' });
  const confirmed = await request.post(`/api/v1/coop/links/${link.link_id}/confirm`, {
    data: { code: await lastCode(page, second.e164) },
  });
  expect(confirmed.ok()).toBe(true);

  // The roster: each with its progress; searched in the address.
  await page.reload();
  const sari = page.getByRole('listitem').filter({ hasText: 'Sari Wulandari' });
  await expect(sari).toContainText('0 dari 4 langkah');
  await expectNoAxeViolations(page);
  await page.getByLabel('Cari anggota (nama, usaha, nomor HP)').pressSequentially('budi', { delay: 30 });
  await expect(page).toHaveURL(/\/members\?q=budi$/);
  await expect(page.getByRole('listitem').filter({ hasText: 'Sari Wulandari' })).toHaveCount(0);
  await expect(budi).toBeVisible();
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Members of Koperasi Makmur Jaya' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
  await page.goto('/members');

  // Work for the first: the banner names them; the wizard saves to them.
  await sari.getByRole('button', { name: /Bekerja untuk/ }).click();
  const banner = page.getByRole('region', { name: 'Bekerja untuk anggota' });
  await expect(banner).toContainText('Anda bekerja untuk:');
  await expect(page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/register/business');
  await fillBusiness(page);
  await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
  await expect(page).toHaveURL(/\/register\/owner$/);
  await expect(banner).toBeVisible();
  const saved = await (await first.request.get('/api/v1/supplier/business')).json();
  expect(saved.name).toBe('Keripik Bu Sari');
  // Typed but not saved: kept on this device under the first member only.
  await page.getByLabel('Nama pemilik').fill('Sari Draft');
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => (localStorage.getItem(k) ?? '').includes('Sari Draft'))))
    .toEqual([expect.stringContaining(`.s${first.supplierId}.`)]);

  // Stop, then work for the second: nothing of the first on their pages.
  await banner.getByRole('button', { name: 'Selesai' }).click();
  await expect(page).toHaveURL(/\/members/);
  await expect(banner).toHaveCount(0);
  await budi.getByRole('button', { name: /Bekerja untuk/ }).click();
  await expect(banner).toContainText('Tenun Budi');
  await page.goto('/register/business');
  await expect(page.getByLabel('NIB')).toHaveValue('');
  await expect(page.getByLabel('Nama usaha')).not.toHaveValue('Keripik Bu Sari');
  await page.goto('/register/owner');
  await expect(page.getByLabel('Nama pemilik')).not.toHaveValue('Sari Draft');
  const secondBusiness = await (await second.request.get('/api/v1/supplier/business')).json();
  expect(secondBusiness.nib ?? null).toBeNull();
  await banner.getByRole('button', { name: 'Selesai' }).click();
  await expect(page).toHaveURL(/\/members/);

  // The member sees on their own home what staff filled in for them.
  await first.page.goto('/');
  const trail = first.page.getByRole('region', { name: 'Diisi oleh staf koperasi' });
  await expect(trail).toContainText(/Diisi oleh •+\d{4} \(Koperasi Makmur Jaya\) pada \d+ \w+ \d{4}: profil usaha/);
  await expectNoAxeViolations(first.page);

  await first.close();
  await second.close();
});

test('an owner opening the members page is told it is for cooperative staff', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  await page.goto('/members');
  await expect(page.getByRole('heading', { level: 1, name: 'Halaman ini untuk staf koperasi' })).toBeVisible();
  await expectNoAxeViolations(page);
  expect((await page.context().request.get('/api/v1/coop/members')).status()).toBe(403);
});
