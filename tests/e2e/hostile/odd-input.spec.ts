import { test, expect } from '../fixtures';
import { fillBusiness, newPhone, signInNewOwner } from '../support';
import type { Locator, Page } from '@playwright/test';

// Numbers and identifiers given what a phone keyboard, a copy from a PDF or
// a chat can give: 10,000 characters, an emoji, right-to-left marks,
// full-width digits, formatted text pasted. Each is said to be wrong next
// to its field, or read as the valid value it is; the page never panics
// (the fixture fails on a console error: a wasm panic is one) and nothing
// else typed on the page is lost.

/** `text` with its digits full-width (`１２３`), as some keyboards type them. */
function fullWidth(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
}

/** Ways of getting a valid `value` wrong, by name. */
function oddVersions(value: string): [string, string][] {
  return [
    ['10,000 characters', '9'.repeat(10_000)],
    ['an emoji', `${value}😀`],
    ['right-to-left marks', `\u202E${value}\u200F`],
    ['full-width digits', fullWidth(value)],
    ['a zero-width joiner', `${value.slice(0, 2)}\u200D${value.slice(2)}`],
  ];
}

/** The field is marked wrong and says why next to it. */
async function expectRefused(field: Locator) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/Kesalahan: \S/);
}

/**
 * Pastes `text` into `field` as a copy from a web page or a document gives
 * it: HTML and plain text. (No inline `style`: Chromium parses pasted HTML
 * in the page, and the app's CSP reports a style attribute there, which
 * the app cannot prevent and which is harmless.)
 */
async function paste(page: Page, field: Locator, text: string) {
  await field.fill('');
  await field.focus();
  await page.evaluate(
    (text) =>
      navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([`<meta charset="utf-8"><b>${text}</b>`], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        }),
      ]),
    text,
  );
  await page.keyboard.press('ControlOrMeta+V');
  await expect(field).toHaveValue(text);
}

/**
 * For each odd version, types it into every one of `fields` (label → a
 * valid value), presses `save`, and expects each field refused with its
 * text kept as typed, and `kept` (label → value) untouched.
 */
async function refuseEachOddVersion(
  page: Page,
  fields: Record<string, string>,
  save: Locator,
  kept: Record<string, string> = {},
) {
  for (const version of oddVersions('0').keys()) {
    const typed: Record<string, string> = {};
    for (const [label, valid] of Object.entries(fields)) {
      typed[label] = oddVersions(valid)[version][1];
      await page.getByLabel(label, { exact: true }).fill(typed[label]);
    }
    await save.click();
    for (const [label, text] of Object.entries(typed)) {
      const field = page.getByLabel(label, { exact: true });
      await expectRefused(field);
      await expect(field, `${label}: ${oddVersions(fields[label])[version][0]}`).toHaveValue(text);
    }
    for (const [label, value] of Object.entries(kept)) {
      await expect(page.getByLabel(label, { exact: true })).toHaveValue(value);
    }
  }
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('the wizard refuses odd identifiers and amounts with a message, and reads pasted formatted ones', async ({ page }) => {
  test.setTimeout(90_000);
  await signInNewOwner(page);
  await page.goto('/register/business');
  await fillBusiness(page);
  const save = page.getByRole('button', { name: 'Simpan dan lanjutkan' });
  await refuseEachOddVersion(
    page,
    { NIB: '1234567890123', NPWP: '012345674901000', 'Modal usaha': '50000000', 'Hasil penjualan setahun (tidak wajib)': '90000000' },
    save,
    { 'Nama usaha': 'Keripik Bu Sari' },
  );
  await expect(page.getByRole('alert').filter({ hasText: 'Ada yang perlu diperbaiki' })).toBeVisible();
  // Pasted from a document, formatted: read as the number it is.
  await paste(page, page.getByLabel('NIB'), '1234 5678 90123');
  await paste(page, page.getByLabel('NPWP'), '01.234.567.4-901.000');
  await paste(page, page.getByLabel('Modal usaha'), 'Rp 50.000.000,-');
  await paste(page, page.getByLabel('Hasil penjualan setahun (tidak wajib)'), 'Rp. 90.000.000,00');
  await save.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Data pemilik' })).toBeVisible();

  await page.getByLabel('Nama pemilik').fill('Sari Wulandari');
  const phone = await page.getByLabel('Nomor HP').inputValue();
  await refuseEachOddVersion(page, { NIK: '3402014508850001', 'Nomor HP': '081234567890' }, save, {
    'Nama pemilik': 'Sari Wulandari',
  });
  await paste(page, page.getByLabel('NIK'), '3402 0145 0885 0001');
  await paste(page, page.getByLabel('Nomor HP'), phone.replace(/^\+62/, '0').replace(/(\d{4})(?=\d)/g, '$1-'));
  await save.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alamat usaha' })).toBeVisible();

  for (const [legend, search, option] of [
    ['Provinsi', 'yogya', 'Daerah Istimewa Yogyakarta'],
    ['Kabupaten/kota', 'bantul', 'Kabupaten Bantul'],
    ['Kecamatan', 'sewon', 'Sewon'],
    ['Desa/kelurahan', 'panggung', 'Panggungharjo'],
  ]) {
    const group = page.getByRole('group', { name: legend, exact: true });
    await group.getByRole('searchbox').fill(search);
    await group.getByRole('radio', { name: option }).check();
  }
  await page.getByLabel('Jalan, nomor, RT/RW').fill('Jl. Parangtritis Km 5');
  await refuseEachOddVersion(page, { 'Kode pos': '55188' }, save, { 'Jalan, nomor, RT/RW': 'Jl. Parangtritis Km 5' });
  await expect(page.getByRole('radio', { name: 'Panggungharjo' })).toBeChecked();
  await paste(page, page.getByLabel('Kode pos'), '55 188');
  await save.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rekening bank' })).toBeVisible();

  const bank = page.getByRole('group', { name: 'Bank', exact: true });
  await bank.getByRole('searchbox').fill('bri');
  await bank.getByRole('radio', { name: /BRI/ }).check();
  await page.getByLabel('Nama pemilik rekening').fill('Sari Wulandari');
  await refuseEachOddVersion(page, { 'Nomor rekening': '012301001234567' }, save, {
    'Nama pemilik rekening': 'Sari Wulandari',
  });
  await paste(page, page.getByLabel('Nomor rekening'), '0123-01-001234-56-7');
  await save.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Periksa jawaban Anda' })).toBeVisible();

  // What the server holds is the numbers, read from what was pasted.
  const get = async (section: string) => (await page.request.get(`/api/v1/supplier/${section}`)).json();
  expect(await get('business')).toMatchObject({ nib: '1234567890123', npwp: '0012345674901000', capital: 50000000, annual_sales: 90000000 });
  expect(await get('owner')).toMatchObject({ nik: '3402014508850001', phone });
  expect(await get('address')).toMatchObject({ postal_code: '55188' });
  expect(await get('bank')).toMatchObject({ account_number: '012301001234567' });
});

test('the product form refuses odd prices, quantities and TKDN with a message, and reads pasted formatted ones', async ({ page }) => {
  await signInNewOwner(page);
  await page.goto('/products/new');
  await page.getByLabel('Nama produk').fill('Keripik tempe 250 gram');
  await page.getByLabel('Satuan', { exact: true }).selectOption({ label: 'pak' });
  await page.getByLabel('SKU (kode produk Anda)').fill('KT-250');
  const save = page.getByRole('button', { name: 'Simpan produk' });
  await refuseEachOddVersion(
    page,
    { 'Harga per satuan': '15000', 'Pesanan paling sedikit': '10', Stok: '250', 'Waktu kirim (hari)': '3', 'TKDN (%)': '40,5' },
    save,
    { 'Nama produk': 'Keripik tempe 250 gram', 'SKU (kode produk Anda)': 'KT-250' },
  );
  await paste(page, page.getByLabel('Harga per satuan'), 'Rp 15.000');
  await paste(page, page.getByLabel('Pesanan paling sedikit'), '10');
  await paste(page, page.getByLabel('Stok'), '1.250');
  await paste(page, page.getByLabel('Waktu kirim (hari)'), ' 3 ');
  await paste(page, page.getByLabel('TKDN (%)'), '40,5 %');
  await save.click();
  await expect(page).toHaveURL(/\/products$/);
  const [saved] = (await (await page.request.get('/api/v1/products')).json()).items;
  expect(saved).toMatchObject({ price: 15000, min_order: 10, stock: 1250, lead_time_days: 3, tkdn_percent: 40.5, sku: 'KT-250' });
});

test('document numbers and TKDN figures, a tender budget and a sign-in number refuse odd input with a message', async ({ page }) => {
  // Signed out first: the sign-in number.
  await page.goto('/login');
  const number = page.getByLabel('Nomor HP');
  for (const [, odd] of oddVersions('081234567890')) {
    await number.fill(odd);
    await page.getByRole('button', { name: 'Kirim kode' }).click();
    await expectRefused(number);
    await expect(number).toHaveValue(odd);
  }
  // A tender budget is not applied, and says what to type.
  await page.goto('/tenders?province=34');
  const budget = page.getByLabel('HPS paling sedikit (Rp)');
  for (const [, odd] of oddVersions('100000000')) {
    await budget.fill('');
    await budget.press('Tab');
    await expect(budget).not.toHaveAttribute('aria-invalid', 'true');
    await budget.fill(odd);
    await budget.press('Tab');
    await expect(budget).toHaveAttribute('aria-invalid', 'true');
    await expect(budget).toHaveAccessibleDescription(/Tulis nilai rupiah dengan angka/);
    await expect(page).toHaveURL(/\/tenders\?province=34$/);
    await expect(budget).toHaveValue(odd);
  }

  await signInNewOwner(page);
  await page.goto('/documents/new');
  const kind = page.getByLabel('Jenis dokumen');
  const save = page.getByRole('button', { name: 'Simpan dokumen' });
  await page.getByLabel('Penerbit').fill('Dinas Kesehatan Kabupaten Bantul');
  const kept = { Penerbit: 'Dinas Kesehatan Kabupaten Bantul' };
  for (const [label, valid] of [
    ['NIB (Nomor Induk Berusaha)', '1234567890123'],
    ['KTP pemilik', '3402014508850001'],
    ['Izin P-IRT', '206340101001225'],
  ]) {
    await kind.selectOption({ label });
    await refuseEachOddVersion(page, { 'Nomor dokumen': valid }, save, kept);
  }
  // An SNI certificate cites its standard's year: odd characters in it.
  await kind.selectOption({ label: 'Sertifikat SNI' });
  for (const year of ['20😀', '201€', '２０１０', '2\u200D010', '9'.repeat(10_000)]) {
    const number = page.getByLabel('Nomor dokumen');
    await number.fill(`SPPT-0123 SNI 3140.3:${year}`);
    await save.click();
    await expectRefused(number);
    await expect(page.getByLabel('Penerbit')).toHaveValue(kept.Penerbit);
  }
  await kind.selectOption({ label: 'Sertifikat TKDN' });
  await refuseEachOddVersion(page, { 'Nilai TKDN (%)': '45,5', 'Nilai BMP (%)': '10' }, save, kept);
});
