import { test, expect, expectNoAxeViolations } from './fixtures';
import { newPhone, otpFor, signInNewOwner } from './support';
import { expectFocusShown, tab, tabRound, tabTo } from './keyboard-support';
import type { Locator, Page } from '@playwright/test';

// With the keyboard alone (no clicks): where focus lands each time the page,
// or a step within it, changes (src/focus.rs); that every control shows
// focus, in reading order, and that Tab gets out of every widget
// (keyboard-support.ts).

/** The page's heading, the one focus moves to when the page changes. */
function heading(page: Page, name: string): Locator {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/**
 * Goes once round the step (no trap), then Tab to "Simpan dan lanjutkan"
 * and Enter: the next step opens at `path`, its heading focused.
 */
async function saveAndContinue(page: Page, next: string, path: string) {
  await tabRound(page);
  await tab(page, page.getByRole('button', { name: 'Simpan dan lanjutkan' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, next)).toBeFocused({ timeout: 30_000 });
  await expect(page).toHaveURL(path);
}

/** A small product photo, made in the page (JPEG bytes). */
async function photo(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [800, 600];
    const context = canvas.getContext('2d')!;
    context.fillStyle = 'hsl(30 60% 50%)';
    context.fillRect(0, 0, 800, 600);
    context.fillStyle = 'hsl(200 60% 40%)';
    context.fillRect(200, 150, 400, 300);
    const blob: Blob = await new Promise((done) => canvas.toBlob((b) => done(b!), 'image/jpeg', 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    return btoa(String.fromCharCode(...bytes));
  });
  return Buffer.from(base64, 'base64');
}

/**
 * One of the address's searchable lists: type in its search box until one
 * entry is left, Tab to it and choose it with Space.
 */
async function chooseByKeyboard(page: Page, legend: string, search: string, entry: string | RegExp) {
  const group = page.getByRole('group', { name: legend, exact: true });
  await expect(group.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type(search);
  await expect(group.getByRole('radio')).toHaveCount(1);
  await tab(page, group.getByRole('radio', { name: entry }));
  await page.keyboard.press('Space');
  await expect(group.getByRole('radio', { name: entry })).toBeChecked();
}

test('a new owner signs in, registers, submits and adds a product with the keyboard alone', async ({ page }) => {
  test.setTimeout(240_000);
  const { typed, e164 } = newPhone();
  await page.goto('/');
  // The first load leaves focus at the top of the document, as a browser does;
  // the first Tab is the skip link.
  await expect(heading(page, 'Jadi pemasok BUMN dan pemerintah')).toBeVisible();
  await expect(heading(page, 'Jadi pemasok BUMN dan pemerintah')).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  await tab(page, page.getByRole('link', { name: 'Langsung ke isi utama' }));

  await tabTo(page, page.getByRole('link', { name: 'Masuk dengan nomor HP' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/login');
  await expect(heading(page, 'Masuk ke Rantai')).toBeFocused();

  // The number, then the code: the code step replaces the number step, and its field takes focus.
  await tab(page, page.getByLabel('Nomor HP'));
  await page.keyboard.type(typed);
  await tab(page, page.getByRole('radio', { name: 'SMS' }));
  await tab(page, page.getByRole('button', { name: 'Kirim kode' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Kode sudah dikirim ke')).toBeVisible();
  await expect(page.getByLabel('Kode 6 angka')).toBeFocused();
  await expectFocusShown(page);
  // (axe-core's run opens a page beside this one, which can move focus
  // when it closes: checked where it stays at the top of the page.)
  await expectNoAxeViolations(page);
  await expect(page.getByLabel('Kode 6 angka')).toBeFocused();
  await tabRound(page);
  await page.keyboard.type(await otpFor(page, e164));
  await page.keyboard.press('Enter');

  // A new account: the role question replaces the code step, and its heading takes focus.
  await expect(heading(page, 'Anda mendaftar sebagai apa?')).toBeFocused();
  await tab(page, page.getByRole('radio', { name: /Pemilik UMKM/ }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: /Pemilik UMKM/ })).toBeChecked();
  await tabRound(page);
  await tab(page, page.getByRole('button', { name: 'Lanjut' }));
  await page.keyboard.press('Enter');

  // Home, then the wizard (its code arrives when first opened): each new page's heading.
  await expect(page).toHaveURL('/');
  await expect(heading(page, 'Pendaftaran pemasok Anda')).toBeFocused();
  // The task list comes after the heading, once its answer is here.
  await expect(page.getByRole('link', { name: 'Profil usaha' })).toBeVisible();
  await tab(page, page.getByRole('link', { name: 'Profil usaha' }));
  await tabRound(page);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/register/business');
  await expect(heading(page, 'Data usaha')).toBeFocused();
  await expectNoAxeViolations(page);
  await expect(heading(page, 'Data usaha')).toBeFocused();

  // Step 1, the business. The step links come before the heading, the fields after it.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('link', { name: 'Periksa dan kirim' })).toBeFocused();
  await expectFocusShown(page);
  await tab(page, page.getByLabel('Nama usaha'));
  await page.keyboard.type('Keripik Bu Sari');
  await tab(page, page.getByRole('radio', { name: 'Perorangan / UD' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Perorangan / UD' })).toBeChecked();
  await tab(page, page.getByLabel('NIB'));
  await page.keyboard.type('123456789012');

  // Enter in a field saves the step: the error summary takes focus, its link the field.
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'Ada yang perlu diperbaiki' });
  await expect(summary).toBeFocused();
  await expectFocusShown(page);
  await expect(page).toHaveURL('/register/business');
  await tabTo(page, summary.getByRole('link', { name: 'NIB harus 13 digit; Anda mengetik 12.' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('NIB')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type('3');
  await expect(page.getByLabel('NIB')).toHaveValue('1234567890123');

  // The tax questions: the NPWP, and PKP with the arrow keys.
  await tab(page, page.getByLabel('NPWP'));
  await page.keyboard.type('01.234.567.4-901.000');
  await expect(page.getByText('NPWP 16 digit: 0012345674901000')).toBeVisible();
  const pkp = page.getByRole('group', { name: /PKP/ });
  await tab(page, pkp.getByRole('radio', { name: 'Ya' }));
  await page.keyboard.press('ArrowDown');
  await expect(pkp.getByRole('radio', { name: 'Tidak' })).toBeChecked();
  await expect(pkp.getByRole('radio', { name: 'Tidak' })).toBeFocused();
  await tab(page, page.getByLabel('Modal usaha'));
  await page.keyboard.type('50000000');
  await tab(page, page.getByLabel('Hasil penjualan setahun (tidak wajib)'));
  await expect(page.getByLabel('Modal usaha')).toHaveValue('50.000.000');
  await tab(page, page.getByLabel('Cari KBLI'));
  await page.keyboard.type('keripik');
  const firstCode = page.getByRole('checkbox').first();
  await expect(firstCode).toBeVisible();
  await tab(page, firstCode);
  await page.keyboard.press('Space');
  await expect(firstCode).toBeChecked();
  await tabRound(page);

  // Saved: the next step's heading has focus, and the first Tab is its first field.
  await tabTo(page, page.getByRole('button', { name: 'Simpan dan lanjutkan' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Data pemilik')).toBeFocused({ timeout: 30_000 });
  await expect(page).toHaveURL('/register/owner');
  const business = await (await page.request.get('/api/v1/supplier/business')).json();
  expect(business).toMatchObject({ name: 'Keripik Bu Sari', nib: '1234567890123', capital: 50000000, pkp: false });

  // Step 2, the owner.
  await tab(page, page.getByLabel('Nama pemilik'));
  await page.keyboard.type('Sari Wulandari');
  await tab(page, page.getByLabel('NIK'));
  await page.keyboard.type('3402014508850001');
  await expect(page.getByText(/lahir 5 Agu 1985, perempuan, terdaftar di Kabupaten Bantul/)).toBeVisible();
  await tab(page, page.getByLabel('Nomor HP'));
  await expect(page.getByLabel('Nomor HP')).not.toHaveValue('');
  await tab(page, page.getByLabel('Email (tidak wajib)'));
  await page.keyboard.type('sari@warung.id');
  await saveAndContinue(page, 'Alamat usaha', '/register/address');

  // Step 3, the address: four searchable lists, each narrowed by typing and
  // chosen with Space; each choice loads the next list.
  await page.keyboard.press('Tab');
  await chooseByKeyboard(page, 'Provinsi', 'yogya', 'Daerah Istimewa Yogyakarta');
  await page.keyboard.press('Tab');
  await chooseByKeyboard(page, 'Kabupaten/kota', 'bantul', 'Kabupaten Bantul');
  await page.keyboard.press('Tab');
  await chooseByKeyboard(page, 'Kecamatan', 'sewon', 'Sewon');
  await page.keyboard.press('Tab');
  await chooseByKeyboard(page, 'Desa/kelurahan', 'panggung', 'Panggungharjo');
  await tab(page, page.getByLabel('Jalan, nomor, RT/RW'));
  await page.keyboard.type('Jl. Parangtritis Km 5, RT 03/RW 02');
  await tab(page, page.getByLabel('Kode pos'));
  await page.keyboard.type('55188');
  await saveAndContinue(page, 'Rekening bank', '/register/bank');

  // Step 4, the bank account.
  await page.keyboard.press('Tab');
  await chooseByKeyboard(page, 'Bank', 'bri', /BRI/);
  await tab(page, page.getByLabel('Nomor rekening'));
  await page.keyboard.type('0123 0100 1234 567');
  await tab(page, page.getByLabel('Nama pemilik rekening'));
  await page.keyboard.type('Sari Wulandari');
  await tabRound(page);
  await tab(page, page.getByRole('button', { name: 'Simpan dan lanjutkan' }));
  await page.keyboard.press('Enter');

  // Step 5: check the answers, then send them.
  await expect(heading(page, 'Periksa jawaban Anda')).toBeFocused({ timeout: 30_000 });
  await expect(page).toHaveURL('/register/check');
  await expect(page.getByText('Rp50.000.000')).toBeVisible();
  await expect(page.getByText('Kabupaten Bantul')).toBeVisible();
  await expect(page.getByText('sari@warung.id')).toBeVisible();
  await tab(page, page.getByRole('link', { name: 'Ubah Nama usaha' }));
  await tabRound(page);
  await tabTo(page, page.getByRole('button', { name: 'Kirim untuk verifikasi' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Sudah dikirim, menunggu pemeriksaan' })).toBeVisible();
  const overview = await (await page.request.get('/api/v1/supplier')).json();
  expect(overview.status).toBe('submitted');
  // The button is gone with the sending; Tab goes on from where it was.
  await tab(page, page.getByRole('link', { name: 'Kembali ke daftar langkah' }));
  await page.keyboard.press('Enter');

  // Then the first product, from the home page's task list.
  await expect(heading(page, 'Pendaftaran pemasok Anda')).toBeFocused();
  await tabTo(page, page.getByRole('link', { name: 'Produk' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/products');
  await expect(heading(page, 'Katalog produk')).toBeFocused();
  await tab(page, page.getByRole('link', { name: 'Tambah produk' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/products/new');
  await expect(heading(page, 'Tambah produk')).toBeFocused();
  await tab(page, page.getByLabel('Nama produk'));
  await page.keyboard.type('Keripik tempe 250 gram');
  // A closed select chooses by typing the start of an option.
  await tab(page, page.getByLabel('Kategori'));
  await page.keyboard.type('Makanan');
  await expect(page.getByLabel('Kategori')).toHaveValue('makanan');
  await tab(page, page.getByLabel('Keterangan'));
  await page.keyboard.type('Tempe dari kedelai lokal, digoreng renyah.');
  await tab(page, page.getByLabel('Satuan', { exact: true }));
  await page.keyboard.type('pak');
  await expect(page.getByLabel('Satuan', { exact: true })).toHaveValue('pak');
  await tab(page, page.getByLabel('Harga per satuan'));
  await page.keyboard.type('15000');
  await expect(page.getByLabel('Harga per satuan')).toHaveValue('15.000');
  await tab(page, page.getByLabel('Pesanan paling sedikit'));
  await page.keyboard.type('10');
  await tab(page, page.getByLabel('Stok'));
  await page.keyboard.type('250');
  await tab(page, page.getByLabel('Waktu kirim (hari)'));
  await tab(page, page.getByLabel('TKDN (%)'));
  await page.keyboard.type('40,5');
  await tab(page, page.getByRole('radio', { name: 'Ya, bersertifikat halal' }));
  await page.keyboard.press('Space');
  await tab(page, page.getByLabel('SKU (kode produk Anda)'));
  await page.keyboard.type('KT-250');

  // The photo: the gallery's file input opens the file chooser from the keyboard.
  await tab(page, page.getByLabel('Ambil foto dengan kamera'));
  await tab(page, page.getByLabel('Pilih foto dari galeri'));
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles({ name: 'keripik.jpg', mimeType: 'image/jpeg', buffer: await photo(page) });
  const photos = page.getByRole('group', { name: 'Foto' });
  await expect(photos.getByRole('img', { name: /Foto 1/ })).toBeVisible({ timeout: 30_000 });
  await tabRound(page);
  await tabTo(page, page.getByRole('button', { name: 'Simpan produk' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/products', { timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: '«Keripik tempe 250 gram» disimpan.' })).toBeVisible();
  const products = await (await page.request.get('/api/v1/products')).json();
  expect(products.items).toHaveLength(1);
  expect(products.items[0]).toMatchObject({ name: 'Keripik tempe 250 gram', category: 'makanan', unit: 'pak', price: 15000, min_order: 10, stock: 250, tkdn_percent: 40.5, halal: true, sku: 'KT-250' });
  expect(products.items[0].photo_upload_ids).toHaveLength(1);
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
