import { test, expect, expectNoAxeViolations, FAULTY } from './fixtures';
import { fillProduct, signInNewOwner } from './support';
import type { ProductFields } from './support';
import type { APIRequestContext, Page } from '@playwright/test';

/** The supplier's products as the API has them (all of them). */
async function productsOnServer(request: APIRequestContext, origin = '') {
  for (let attempt = 0; ; attempt++) {
    const response = await request.get(`${origin}/api/v1/products?per_page=100`);
    if (response.ok()) return (await response.json()) as { total: number; items: any[] };
    if (attempt > 20) throw new Error(`products: ${response.status()}`);
  }
}

/** Creates a product through the API (the form has its own tests). */
async function createProduct(page: Page, product: Record<string, unknown>) {
  const response = await page.context().request.post('/api/v1/products', {
    data: product,
    headers: { 'Idempotency-Key': `e2e-${Math.random().toString(36).slice(2)}-key` },
  });
  expect(response.status()).toBe(201);
  return response.json();
}

/** The product the form tests type. */
const KERIPIK: ProductFields = {
  name: 'Keripik tempe 250 gram',
  category: 'Makanan dan minuman',
  unit: 'pak',
  price: 15000,
  minOrder: '10',
  stock: '250',
  tkdn: '40,5',
  halal: true,
  sku: 'KT-250',
};

test('an empty catalog says what a good first product is and offers both ways to add one', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  await page.goto('/');
  await page.getByRole('link', { name: 'Produk' }).click();
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByRole('heading', { name: 'Katalog Anda masih kosong' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Tambah produk' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Impor dari spreadsheet' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await expect(page.getByRole('heading', { name: 'Your catalog is empty' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a product is added, found by search in the address, edited, deleted and brought back', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  await page.goto('/products/new');
  await expect(page.getByRole('heading', { name: 'Tambah produk' })).toBeVisible();
  // Save with nothing: the error summary takes focus and names each field.
  await page.getByRole('button', { name: 'Simpan produk' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Ada yang perlu diperbaiki' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Isi Nama produk.' })).toBeVisible();
  await expectNoAxeViolations(page);

  await fillProduct(page, KERIPIK);
  // Typed in the middle of the price: the caret stays by the digit.
  await page.getByRole('button', { name: 'Simpan produk' }).click();
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByRole('status').filter({ hasText: '«Keripik tempe 250 gram» disimpan.' })).toBeVisible();
  await expect(page.getByText('Rp15.000 / pak').first()).toBeVisible();
  const [saved] = (await productsOnServer(page.context().request)).items;
  expect(saved).toMatchObject({
    name: 'Keripik tempe 250 gram',
    category: 'makanan',
    unit: 'pak',
    price: 15000,
    min_order: 10,
    stock: 250,
    tkdn_percent: 40.5,
    halal: true,
    sku: 'KT-250',
  });
  await expectNoAxeViolations(page);

  await createProduct(page, { name: 'Batik tulis', unit: 'pcs', price: 350000 });
  await page.getByLabel('Cari nama atau SKU').fill('keripik');
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page).toHaveURL(/\/products\?q=keripik$/);
  await page.reload();
  await expect(page.getByLabel('Cari nama atau SKU')).toHaveValue('keripik');
  await expect(page.getByText('1 produk')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Batik tulis' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Keripik tempe 250 gram' }).click();
  await expect(page.getByRole('heading', { name: 'Ubah produk' })).toBeVisible();
  await expect(page.getByLabel('Harga per satuan')).toHaveValue('15.000');
  await page.getByLabel('Harga per satuan').fill('17500');
  await page.getByRole('button', { name: 'Simpan produk' }).click();
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByText('Rp17.500 / pak').first()).toBeVisible();

  await page.getByRole('link', { name: 'Keripik tempe 250 gram' }).click();
  await page.getByRole('button', { name: 'Hapus produk' }).click();
  await expect(page.getByText(/Hapus «Keripik tempe 250 gram» dari katalog\?/)).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Ya, hapus' }).click();
  await expect(page.getByText('«Keripik tempe 250 gram» dihapus.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Keripik tempe 250 gram' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Urungkan' }).click();
  await expect(page.getByRole('link', { name: 'Keripik tempe 250 gram' }).first()).toBeVisible();
  expect((await productsOnServer(page.context().request)).total).toBe(2);

  // Deleted for good once the few seconds pass.
  await page.getByRole('link', { name: 'Keripik tempe 250 gram' }).first().click();
  await page.getByRole('button', { name: 'Hapus produk' }).click();
  await page.getByRole('button', { name: 'Ya, hapus' }).click();
  await expect
    .poll(async () => (await productsOnServer(page.context().request)).total, { timeout: 15_000 })
    .toBe(1);
});

test('the price regroups as it is typed and keeps the caret where the person types', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  await page.goto('/products/new');
  const price = page.getByLabel('Harga per satuan');
  await price.pressSequentially('150000');
  await expect(price).toHaveValue('150.000');
  // A digit typed after the first "1": the caret stays after it.
  await price.press('Home');
  await price.press('ArrowRight');
  await price.press('2');
  await expect(price).toHaveValue('1.250.000');
  await price.press('5');
  await expect(price).toHaveValue('12.550.000');
});

test('a new product typed before a reload is still there, and a SKU another product has is a field error', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  await createProduct(page, { name: 'Keripik pisang', unit: 'pak', price: 12000, sku: 'KT-250' });
  await page.goto('/products/new');
  await fillProduct(page, KERIPIK);
  await page.reload();
  await expect(page.getByLabel('Nama produk')).toHaveValue('Keripik tempe 250 gram');
  await expect(page.getByLabel('Harga per satuan')).toHaveValue('15.000');
  await expect(page.getByLabel('SKU (kode produk Anda)')).toHaveValue('KT-250');
  await page.getByRole('button', { name: 'Simpan produk' }).click();
  const error = 'SKU (kode produk Anda): sudah dipakai produk lain Anda. Pakai kode lain.';
  await expect(page.getByRole('alert').getByRole('link', { name: error })).toBeVisible();
  await expect(page.getByLabel('SKU (kode produk Anda)')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('SKU (kode produk Anda)').fill('KT-250-B');
  await page.getByRole('button', { name: 'Simpan produk' }).click();
  await expect(page).toHaveURL(/\/products$/);
  expect((await productsOnServer(page.context().request)).total).toBe(2);
});

test('with 30 % of requests failing, saving a new product still makes exactly one', async ({ page }) => {
  await page.goto(`${FAULTY}/`);
  await signInNewOwner(page, FAULTY);
  await page.goto(`${FAULTY}/products/new`);
  await expect(page.getByRole('heading', { name: 'Tambah produk' })).toBeVisible();
  await page.getByLabel('Nama produk').fill('Keripik tempe 250 gram');
  await page.getByLabel('Satuan', { exact: true }).selectOption({ label: 'pak' });
  await page.getByLabel('Harga per satuan').fill('15000');
  // A person presses Save again until the catalog shows the product.
  for (let press = 0; press < 10 && !page.url().endsWith('/products'); press++) {
    await page.getByRole('button', { name: /Simpan produk|Menyimpan/ }).click().catch(() => {});
    await page.waitForURL(/\/products$/, { timeout: 6_000 }).catch(() => {});
  }
  await expect(page).toHaveURL(/\/products$/);
  const products = await productsOnServer(page.context().request, FAULTY);
  expect(products.total).toBe(1);
});

/** A 200-row spreadsheet as Indonesian Excel saves it: Windows-1252, `;`. */
function spreadsheet(): Buffer {
  const lines = ['Nama;Satuan;Harga;Stok;SKU'];
  for (let n = 1; n <= 200; n++) {
    let [name, unit, price] = [`Kue kering ${n} cafè`, 'pak', `${10 + n}.000`];
    if (n === 14) price = 'sepuluh ribu';
    if (n === 77) unit = 'ember';
    if (n === 150) name = '';
    lines.push(`${name};${unit};${price};${n * 3};KK-${n}`);
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
}

test('a 200-row Windows-1252 spreadsheet with 3 bad rows imports the rest once', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  await page.goto('/products/import');
  await expect(page.getByRole('heading', { name: 'Impor produk dari spreadsheet' })).toBeVisible();
  await expectNoAxeViolations(page);
  const file = { name: 'produk.csv', mimeType: 'text/csv', buffer: spreadsheet() };
  await page.getByLabel('Pilih file CSV').setInputFiles(file);
  await expect(page.getByText('197 baris siap diimpor, 3 baris bermasalah.')).toBeVisible();
  const problems = page.getByRole('heading', { name: 'Baris yang bermasalah' }).locator('..').getByRole('listitem');
  await expect(problems).toHaveCount(3);
  // Row numbers as the spreadsheet shows them (the header is row 1).
  await expect(problems.nth(0)).toHaveText(/^Baris 15, 'sepuluh ribu': Harga per satuan: tulis angka saja/);
  await expect(problems.nth(1)).toHaveText(/^Baris 78, 'ember': Satuan: pilih dari daftar/);
  await expect(problems.nth(2)).toHaveText(/^Baris 151: Isi Nama produk\./);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Impor 197 produk yang benar' }).click();
  await expect(page.getByText('Dibuat: 197 produk')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Dilewati karena bermasalah di file: 3 baris')).toBeVisible();
  await expectNoAxeViolations(page);
  const products = await productsOnServer(page.context().request);
  expect(products.total).toBe(197);
  expect(products.items.some((p) => p.name === 'Kue kering 200 cafè')).toBe(true);

  // The same file again (as after a dropped connection): nothing twice.
  await page.reload();
  await page.getByLabel('Pilih file CSV').setInputFiles(file);
  await page.getByRole('button', { name: 'Impor 197 produk yang benar' }).click();
  await expect(page.getByText('Impor selesai')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Sudah diimpor sebelumnya dari perangkat ini, dilewati: 197 baris')).toBeVisible();
  expect((await productsOnServer(page.context().request)).total).toBe(197);
});

test('every catalog page has no accessibility violations in English either', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  const product = await createProduct(page, { name: 'Woven pandan bag', unit: 'pcs', price: 85000, stock: 12 });
  await page.goto('/products');
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await expect(page.getByRole('heading', { name: 'Product catalog' })).toBeVisible();
  await expect(page.getByText('Rp85.000 / pcs / piece').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Woven pandan bag' }).first().click();
  await expect(page.getByRole('heading', { name: 'Edit product' })).toBeVisible();
  await expect(page.getByLabel('Product name')).toHaveValue('Woven pandan bag');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page).toHaveURL(/\/products$/);
  await page.goto(`/products/${product.id}`);
  await page.getByLabel('Price per unit').fill('');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Enter: Price per unit.' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/products/import');
  await expect(page.getByRole('heading', { name: 'Import products from a spreadsheet' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/products/new');
  await expect(page.getByRole('heading', { name: 'Add a product' })).toBeVisible();
  await expectNoAxeViolations(page);
});
