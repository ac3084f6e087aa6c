import { test, expect, expectNoAxeViolations } from './fixtures';
import { signInNewOwner } from './support';
import type { Page } from '@playwright/test';

/** What a new owner types, step by step (valid, checked by the server too). */
export async function fillBusiness(page: Page) {
  await page.getByLabel('Nama usaha').fill('Keripik Bu Sari');
  await page.getByLabel('Perorangan / UD').check();
  await page.getByLabel('NIB').fill('1234567890123');
  await page.getByLabel('NPWP').fill('01.234.567.4-901.000');
  await expect(page.getByText('NPWP 16 digit: 0012345674901000')).toBeVisible();
  await page.getByRole('group', { name: /PKP/ }).getByLabel('Tidak').check();
  await page.getByLabel('Modal usaha').fill('50000000');
  await page.getByLabel('Hasil penjualan setahun (tidak wajib)').click();
  await expect(page.getByLabel('Modal usaha')).toHaveValue('50.000.000');
  await expect(page.getByText('Skala usaha Anda: usaha mikro.')).toBeVisible();
  await page.getByLabel('Cari KBLI').fill('keripik');
  await page.getByRole('checkbox').first().check();
}

export async function fillOwner(page: Page) {
  await page.getByLabel('Nama pemilik').fill('Sari Wulandari');
  await page.getByLabel('NIK').fill('3402014508850001');
  await expect(page.getByText(/lahir 5 Agu 1985, perempuan, terdaftar di Kabupaten Bantul/)).toBeVisible();
  await page.getByLabel('Email (tidak wajib)').fill('sari@warung.id');
}

export async function chooseIn(page: Page, legend: string, search: string, option: string | RegExp) {
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByRole('searchbox').fill(search);
  await group.getByRole('radio', { name: option }).check();
}

export async function fillAddress(page: Page) {
  await chooseIn(page, 'Provinsi', 'yogya', 'Daerah Istimewa Yogyakarta');
  await chooseIn(page, 'Kabupaten/kota', 'bantul', 'Kabupaten Bantul');
  await chooseIn(page, 'Kecamatan', 'sewon', 'Sewon');
  await chooseIn(page, 'Desa/kelurahan', 'panggung', 'Panggungharjo');
  await page.getByLabel('Jalan, nomor, RT/RW').fill('Jl. Parangtritis Km 5, RT 03/RW 02');
  await page.getByLabel('Kode pos').fill('55188');
}

export async function fillBank(page: Page) {
  await chooseIn(page, 'Bank', 'bri', /BRI/);
  await page.getByLabel('Nomor rekening').fill('0123 0100 1234 567');
  await page.getByLabel('Nama pemilik rekening').fill('Sari Wulandari');
}

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
  await page.getByRole('link', { name: 'Ubah email (tidak wajib)' }).click();
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
