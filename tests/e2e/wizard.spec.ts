import { test, expect, expectNoAxeViolations, FAULTY } from './fixtures';
import { chooseIn, fillAddress, fillBank, fillBusiness, fillOwner, getPatiently, newPhone, otpFor, signInNewOwner, TYPED_PROFILE } from './support';
import type { Page } from '@playwright/test';

async function saveAndContinue(page: Page, nextHeading: string) {
  await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: nextHeading })).toBeVisible({ timeout: 30_000 });
}

test('a new UMKM owner completes every step and submits for verification', async ({ page }) => {
  test.setTimeout(120_000);
  await signInNewOwner(page);
  await page.goto('/');
  await page.getByRole('link', { name: 'Profil usaha' }).click();
  await expect(page.getByText('Langkah 1 dari 5')).toBeVisible();
  await expectNoAxeViolations(page);

  // Errors first: next to the field and in a summary that takes focus.
  await page.getByLabel('NIB').fill('123456789012');
  await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Ada yang perlu diperbaiki' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'NIB harus 13 digit; Anda mengetik 12.' })).toBeVisible();
  await expect(page.locator('#business-nib-error')).toHaveText('Kesalahan: NIB harus 13 digit; Anda mengetik 12.');
  await expectNoAxeViolations(page);
  await summary.getByRole('link', { name: /NIB harus 13 digit/ }).click();
  await expect(page.getByLabel('NIB')).toBeFocused();

  await fillBusiness(page);
  await saveAndContinue(page, 'Data pemilik');
  await expect(page.getByLabel('Nomor HP')).not.toHaveValue('');
  await fillOwner(page);
  await expectNoAxeViolations(page);
  await saveAndContinue(page, 'Alamat usaha');
  await fillAddress(page);
  await expectNoAxeViolations(page);
  await saveAndContinue(page, 'Rekening bank');
  await fillBank(page);
  await expectNoAxeViolations(page);
  await saveAndContinue(page, 'Periksa jawaban Anda');
  await expect(page.getByText('Rp50.000.000')).toBeVisible();
  await expect(page.getByText('Kabupaten Bantul')).toBeVisible();
  await expectNoAxeViolations(page);

  // "Change" returns here after editing.
  await page.getByRole('link', { name: 'Ubah Email (tidak wajib)' }).click();
  await expect(page.getByLabel('Email (tidak wajib)')).toBeFocused();
  await page.getByLabel('Email (tidak wajib)').fill('bu.sari@warung.id');
  await page.getByRole('button', { name: 'Simpan dan kembali ke pemeriksaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Periksa jawaban Anda' })).toBeVisible();
  await expect(page.getByText('bu.sari@warung.id')).toBeVisible();

  await page.getByRole('button', { name: 'Kirim untuk verifikasi' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sudah dikirim, menunggu pemeriksaan' })).toBeVisible();

  // What the server holds is what was typed.
  const owner = await (await page.request.get('/api/v1/supplier/owner')).json();
  expect(owner).toMatchObject({ name: 'Sari Wulandari', nik: '3402014508850001', email: 'bu.sari@warung.id' });
  const business = await (await page.request.get('/api/v1/supplier/business')).json();
  expect(business).toMatchObject({ nib: '1234567890123', npwp: '0012345674901000', capital: 50000000, scale: 'mikro', pkp: false });
});

test('a reload in the middle of step 2 keeps what was typed', async ({ page }) => {
  await signInNewOwner(page);
  await page.goto('/register/owner');
  await expect(page.getByText('Langkah 2 dari 5')).toBeVisible();
  await page.getByLabel('Nama pemilik').fill('Sari Wulandari');
  await page.getByLabel('NIK').fill('3402014508850001');
  // No "Save and continue": the page is reloaded straight away.
  await page.reload();
  await expect(page.getByLabel('Nama pemilik')).toHaveValue('Sari Wulandari');
  await expect(page.getByLabel('NIK')).toHaveValue('3402014508850001');
  // The reopened page sends what the device kept.
  await expect(page.getByRole('status').filter({ hasText: /^Tersimpan\.$/ })).toBeVisible();
  const owner = await (await page.request.get('/api/v1/supplier/owner')).json();
  expect(owner).toMatchObject({ name: 'Sari Wulandari', nik: '3402014508850001' });
});

test('a section changed on another device is shown beside this one, and the person chooses', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signInNewOwner(page);
  await page.goto('/register/owner');
  await fillOwner(page);
  await page.getByLabel('Nama pemilik').fill('Sari');
  await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alamat usaha' })).toBeVisible();

  // This phone loses its connection and the owner keeps typing.
  await page.getByRole('link', { name: 'Pemilik' }).click();
  await expect(page.getByLabel('Nama pemilik')).toHaveValue('Sari');
  await page.waitForLoadState('networkidle');
  await page.context().setOffline(true);
  await page.getByLabel('Nama pemilik').fill('Sari Wulandari');
  await expect(page.getByRole('status').filter({ hasText: /^Tersimpan di perangkat ini/ })).toBeVisible();

  // Meanwhile the same account saves the section from another device.
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await other.addCookies(await page.context().cookies());
  const otherPage = await other.newPage();
  await otherPage.goto('/register/owner');
  await expect(otherPage.getByLabel('Nama pemilik')).toHaveValue('Sari');
  await otherPage.getByLabel('Nama pemilik').fill('Sari W.');
  await otherPage.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Alamat usaha' })).toBeVisible();
  await other.close();

  // Back online, the queued save meets the newer version: both are shown.
  await page.context().setOffline(false);
  const conflict = page.getByRole('region', { name: 'Ada dua versi jawaban' });
  await expect(conflict).toBeVisible({ timeout: 20_000 });
  await expect(conflict.getByRole('row', { name: /Nama pemilik/ })).toContainText('Sari Wulandari');
  await expect(conflict.getByRole('row', { name: /Nama pemilik/ })).toContainText('Sari W.');
  await expectNoAxeViolations(page);
  await conflict.getByRole('button', { name: 'Simpan versi perangkat ini' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /^Tersimpan\.$/ })).toBeVisible();
  const owner = await (await page.request.get('/api/v1/supplier/owner')).json();
  expect(owner.name).toBe('Sari Wulandari');
});

test('the reviewer asks for a change to the NPWP; the owner fixes it from the link and resubmits', async ({ page }) => {
  test.setTimeout(90_000);
  const { supplierId } = await signInNewOwner(page);
  // A complete profile, sent through the API; the screens are tested above.
  const sections: Record<string, object> = {
    business: { name: 'Keripik Bu Sari', legal_form: 'perorangan', nib: '1234567890123', npwp: '012345674901000', pkp: false, capital: 50000000, kbli: ['10794'] },
    owner: { name: 'Sari Wulandari', nik: '3402014508850001', phone: '+6281234500000' },
    address: { province: '34', regency: '34.02', district: '34.02.15', village: '34.02.15.2004', street: 'Jl. Parangtritis Km 5', postal_code: '55188' },
    bank: { bank_code: '002', account_number: '012301001234567', holder_name: 'Sari Wulandari' },
  };
  for (const [section, body] of Object.entries(sections)) {
    const saved = await page.request.put(`/api/v1/supplier/${section}`, { data: body, headers: { 'If-Match': '"0"' } });
    expect(saved.status()).toBe(200);
  }
  expect((await page.request.post('/api/v1/supplier/submit')).status()).toBe(200);
  const review = await page.request.post(`/api/v1/dev/review/${supplierId}`, {
    data: { decision: 'request_changes', reasons: [{ field: 'business.npwp', message: 'NPWP di kartu tidak sama dengan isian.' }] },
  });
  expect(review.status()).toBe(200);

  await page.goto('/');
  await expect(page.getByText('NPWP di kartu tidak sama dengan isian.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Perbaiki' }).click();
  await expect(page.getByLabel('NPWP')).toBeFocused();
  await expect(page.getByText('Catatan pemeriksa: NPWP di kartu tidak sama dengan isian.')).toBeVisible();
  await expect(page.getByLabel('NPWP')).toHaveValue('0012345674901000');
  // Sections never opened on this device count as done when the server has them.
  await expect(page.getByRole('link', { name: /Alamat \(Selesai\)/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('NPWP').fill('02.345.678.3-123.000');
  await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Data pemilik' })).toBeVisible();
  await page.getByRole('link', { name: 'Periksa dan kirim' }).click();
  await expect(page.getByText('Pemeriksa meminta perbaikan').first()).toBeVisible();
  await page.getByRole('button', { name: 'Kirim ulang untuk verifikasi' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sudah dikirim, menunggu pemeriksaan' })).toBeVisible();
  const business = await (await page.request.get('/api/v1/supplier/business')).json();
  expect(business.npwp).toBe('0023456783123000');
});

test('every step reads well and passes axe-core in English too', async ({ page }) => {
  await signInNewOwner(page);
  await page.goto('/register/business');
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  for (const [path, heading] of [
    ['/register/business', 'About your business'],
    ['/register/owner', 'About the owner'],
    ['/register/address', 'Business address'],
    ['/register/bank', 'Bank account'],
    ['/register/check', 'Check your answers'],
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(/Step \d of 5/)).toBeVisible();
    if (path === '/register/check') {
      await page.getByRole('button', { name: 'Send for verification' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'What still needs doing' })).toBeFocused();
    } else {
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
    }
    await expectNoAxeViolations(page);
  }
});

test('with 30 % of API requests failing, the whole wizard still completes and the profile is what was typed', async ({ page }) => {
  test.setTimeout(300_000);
  await signInNewOwner(page, FAULTY);
  const steps: [string, (page: Page) => Promise<void>][] = [
    ['/register/business', fillBusiness],
    ['/register/owner', fillOwner],
    ['/register/address', fillAddress],
    ['/register/bank', fillBank],
  ];
  for (const [path, fill] of steps) {
    await page.goto(`${FAULTY}${path}`);
    await expect(page.getByRole('navigation', { name: 'Langkah pendaftaran' })).toBeVisible({ timeout: 30_000 });
    await fill(page);
    // One press moves on, whatever the connection did to the save (a save
    // that could not get through is queued and says so).
    await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    await expect(page).not.toHaveURL(new RegExp(`${path}$`), { timeout: 60_000 });
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Periksa jawaban Anda' })).toBeVisible();
  // A person presses again when a send did not get through.
  const submitted = page.getByRole('status').filter({ hasText: 'Sudah dikirim, menunggu pemeriksaan' });
  for (let attempt = 0; attempt < 6 && !(await submitted.isVisible()); attempt++) {
    const button = page.getByRole('button', { name: 'Kirim untuk verifikasi' });
    if (await button.isVisible()) await button.click();
    await submitted.waitFor({ timeout: 20_000 }).catch(() => {});
  }
  await expect(submitted).toBeVisible();

  // Read back without faults getting in the way of the comparison.
  for (const [section, typed] of Object.entries(TYPED_PROFILE)) {
    expect(await (await getPatiently(page, `${FAULTY}/api/v1/supplier/${section}`)).json()).toMatchObject(typed);
  }
});

test('a list that could not load while offline loads by itself when the connection returns', async ({ page }) => {
  await signInNewOwner(page);
  await page.goto('/register/address');
  await expect(page.getByRole('group', { name: 'Provinsi', exact: true }).getByRole('radio').first()).toBeVisible();
  // The chunks fetched once the page is shown have arrived.
  await page.waitForLoadState('networkidle');
  await page.context().setOffline(true);
  await chooseIn(page, 'Provinsi', 'yogya', 'Daerah Istimewa Yogyakarta');
  const regencies = page.getByRole('group', { name: 'Kabupaten/kota', exact: true });
  await expect(regencies.getByText('Memuat daftar…')).toBeVisible();
  await page.context().setOffline(false);
  await expect(regencies.getByRole('radio', { name: 'Kabupaten Bantul' })).toBeVisible({ timeout: 15_000 });
});

test.describe('a role whose save was cut off', () => {
  // The cut-off request is reported by Chromium; that is the test.
  test.use({ expectedConsoleErrors: /net::ERR_CONNECTION_RESET/ });

  test('is asked again before the wizard, and every answer then reaches the server', async ({ page }) => {
    test.setTimeout(120_000);
    // A new owner signs in by code on the page.
    const { typed, e164 } = newPhone();
    await page.goto('/login');
    await page.getByLabel('Nomor HP').fill(typed);
    await page.getByRole('button', { name: 'Kirim kode' }).click();
    await page.getByLabel('Kode 6 angka').fill(await otpFor(page, e164));
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Anda mendaftar sebagai apa?' })).toBeVisible();

    // The role's save is cut off, and the person goes on to the wizard anyway.
    await page.route('**/api/v1/me/role', (route) => route.abort('connectionreset'));
    await page.getByLabel(/Pemilik UMKM/).check();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    // Still cut off while the page is left, so that a retry of the old
    // page's cannot slip through before it is gone.
    await page.goto('/register/business');

    // The wizard needs a supplier: the role question comes first, then back.
    await expect(page.getByRole('heading', { level: 1, name: 'Anda mendaftar sebagai apa?' })).toBeVisible();
    await expect(page).toHaveURL(/\/login\?next=\/register\/business$/);
    await page.unroute('**/api/v1/me/role');
    await page.getByLabel(/Pemilik UMKM/).check();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Data usaha' })).toBeVisible();

    await fillBusiness(page);
    await saveAndContinue(page, 'Data pemilik');
    await fillOwner(page);
    await saveAndContinue(page, 'Alamat usaha');

    const read = async (section: string) => (await page.request.get(`/api/v1/supplier/${section}`)).json();
    expect(await read('business')).toMatchObject({
      name: 'Keripik Bu Sari', legal_form: 'perorangan', nib: '1234567890123', npwp: '0012345674901000', pkp: false, capital: 50000000,
    });
    expect(await read('owner')).toMatchObject({ name: 'Sari Wulandari', nik: '3402014508850001', email: 'sari@warung.id' });
  });
});
