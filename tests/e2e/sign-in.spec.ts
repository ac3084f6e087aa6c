import { test, expect, expectNoAxeViolations } from './fixtures';
import { otpFor } from './support';
import type { Page } from '@playwright/test';

/** A fresh Indonesian mobile number, so rate limits of other tests don't apply. */
function newNumber(): string {
  return `0813${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

function e164(typed: string): string {
  return `+62${typed.replace(/\D/g, '').replace(/^0/, '')}`;
}

/** The last code dev-api (--dev) sent to a number typed any usual way. */
function codeFor(page: Page, phone: string, origin = ''): Promise<string> {
  return otpFor(page, e164(phone), origin);
}

async function signIn(page: Page, phone: string, origin = '', login = '/login') {
  await page.goto(`${origin}${login}`);
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  await expect(page.getByText('Kode sudah dikirim ke')).toBeVisible();
  await page.getByLabel('Kode 6 angka').fill(await codeFor(page, phone, origin));
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

async function chooseOwner(page: Page) {
  await page.getByLabel(/Pemilik UMKM/).check();
  await page.getByRole('button', { name: 'Lanjut' }).click();
}

test('the demo owner signs in with the code from dev-api and reaches the task list', async ({ page }) => {
  await page.goto('/login?next=/');
  await expectNoAxeViolations(page);
  await page.getByLabel('Nomor HP').fill('0812-3456-7890');
  await page.getByLabel('WhatsApp').check();
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  await expect(page.getByText('Kode sudah dikirim ke +62 812-••••-7890 lewat WhatsApp.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Kirim ulang dalam \d+ detik/ })).toBeDisabled();
  await expect(page.getByLabel('Kode 6 angka')).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(page.getByLabel('Kode 6 angka')).toHaveAttribute('inputmode', 'numeric');
  await expectNoAxeViolations(page);

  await page.getByLabel('Kode 6 angka').fill(await codeFor(page, '0812-3456-7890'));
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();
  const profile = page.getByRole('listitem').filter({ hasText: 'Profil usaha' });
  await expect(profile).toContainText('Sedang diisi');
  await expect(page.getByRole('listitem').filter({ hasText: 'Kirim untuk verifikasi' })).toContainText('Belum bisa dimulai');
  await expect(page.getByText('Belum dikirim untuk verifikasi')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your supplier registration' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Business profile' })).toContainText('In progress');
  await expectNoAxeViolations(page);
});

test('a next the URL parser would turn into another site (/%09/evil.example) leads home after sign-in', async ({ page }) => {
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1')) elsewhere.push(request.url());
  });
  await signIn(page, newNumber(), '', '/login?next=/%09/evil.example');
  await chooseOwner(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();
  await expect(page).toHaveURL('/');
  expect(elsewhere).toEqual([]);
  await expectNoAxeViolations(page);
});

test('an invalid number is explained next to the field and in the error summary', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Nomor HP').fill('0274 123456');
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Ada yang perlu diperbaiki' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Nomor HP diawali 08, misalnya 0812 3456 7890' })).toBeVisible();
  await expect(page.getByLabel('Nomor HP')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  await summary.getByRole('link').click();
  await expect(page.getByLabel('Nomor HP')).toBeFocused();
});

test('a wrong or short code says so, and asking again too soon waits out the countdown', async ({ page }) => {
  const phone = newNumber();
  await page.goto('/login');
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  const real = await codeFor(page, phone);
  await page.getByLabel('Kode 6 angka').fill(real === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Kode salah. Periksa lagi kode yang kami kirim' })).toBeVisible();
  await page.getByLabel('Kode 6 angka').fill('1234');
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Kode terdiri dari 6 angka; Anda mengetik 4' })).toBeVisible();

  // Changing the number does not reset the wait the server asked for.
  await page.getByRole('button', { name: 'Ganti nomor' }).click();
  await expect(page.getByLabel('Nomor HP')).toHaveValue(phone);
  await expect(page.getByRole('button', { name: /Kirim ulang dalam \d+ detik/ })).toBeDisabled();
});

test('a first sign-in asks once who you are; staff then see their members', async ({ page }) => {
  await signIn(page, newNumber());
  await expect(page.getByRole('heading', { name: 'Anda mendaftar sebagai apa?' })).toBeVisible();
  await page.getByLabel(/Staf koperasi/).check();
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('link', { name: 'Masukkan nama koperasi' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Masukkan nama Anda' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Nama koperasi').fill('Koperasi Tani Makmur');
  await page.getByLabel('Nama Anda').fill('Rina');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anggota Koperasi Tani Makmur' })).toBeVisible();
  expect((await (await page.request.get('/api/v1/me')).json()).name).toBe('Rina');
  await expect(page.getByText('Belum ada anggota yang terdaftar.')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a session that ended mid-form keeps the input and saves it after signing in again (429 counted down)', async ({ page }) => {
  test.setTimeout(150_000);
  const phone = newNumber();
  await signIn(page, phone);
  await page.getByLabel(/Staf koperasi/).check();
  await page.getByLabel('Nama koperasi').fill('Koperasi Sumber Rejeki');
  await page.getByLabel('Nama Anda').fill('Dewi');
  await page.reload();
  await expect(page.getByLabel('Nama koperasi')).toHaveValue('Koperasi Sumber Rejeki');
  await expect(page.getByLabel('Nama Anda')).toHaveValue('Dewi');

  // The server forgets the session (as after an idle timeout) while the form is open.
  await page.request.post('/api/v1/auth/logout');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sesi Anda sudah berakhir' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);
  await expect(dialog.getByLabel('Nomor HP')).toHaveValue(e164(phone));
  // The last code went out less than a minute ago: the button counts down, then works.
  await dialog.getByRole('button', { name: 'Kirim kode' }).click();
  await expect(dialog.getByRole('button', { name: /Kirim ulang dalam \d+ detik/ })).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Kirim kode' })).toBeEnabled({ timeout: 70_000 });
  await dialog.getByRole('button', { name: 'Kirim kode' }).click();
  await dialog.getByLabel('Kode 6 angka').fill(await codeFor(page, phone));
  await dialog.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Anggota Koperasi Sumber Rejeki' })).toBeVisible();
  expect((await (await page.request.get('/api/v1/me')).json()).name).toBe('Dewi');
});

test('logout ends the session and leaves no Rantai data on the device', async ({ page }) => {
  await signIn(page, newNumber());
  await chooseOwner(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in with your phone number' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'You are signed out. The server has confirmed it.' })).toBeVisible();
  const left = await page.evaluate(async () => {
    const keys = [...Object.keys(localStorage), ...Object.keys(sessionStorage)];
    const databases = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name ?? '') : [];
    return [...keys, ...databases].filter((name) => name.startsWith('rantai'));
  });
  expect(left).toEqual([]);
  await expectNoAxeViolations(page);
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);
});

test('the sign-in page and the signed-out home have no accessibility violations in English', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Sign in with your phone number' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Rantai' })).toBeVisible();
  await expectNoAxeViolations(page);
});
