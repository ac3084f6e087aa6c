import { test, expect, expectNoAxeViolations } from './fixtures';
import { signInNewOwner } from './support';
import type { APIRequestContext, Page } from '@playwright/test';

/** The tenders the API answers for a query string (what the page asks). */
async function apiSearch(request: APIRequestContext, query: string) {
  const response = await request.get(`/api/v1/tenders?per_page=20&${query}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as { items: any[]; total: number };
}

/** The titles of the result cards, in order. */
async function cardTitles(page: Page): Promise<string[]> {
  return page.locator('.tender-card__title').allInnerTexts();
}

/** The language switch, then its axe run. */
async function axeInBothLanguages(page: Page, englishHeading: RegExp) {
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: englishHeading })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: /Bahasa Indonesia/ }).click();
}

test('signed out: search with filters in the address, open a tender, come back to the same place', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Lihat tender BUMN dan pemerintah' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tender' })).toBeVisible();
  await expect(page.locator('.tender-card').first()).toBeVisible();

  // Words are searched after a pause in typing: one request, not one per key.
  const searches: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/tenders?')) searches.push(r.url());
  });
  await page.getByLabel('Cari tender (judul, pembeli, uraian)').pressSequentially('pengadaan', { delay: 30 });
  await expect(page).toHaveURL(/\/tenders\?q=pengadaan$/);
  await page.getByText('Saring dan urutkan').click();
  await page.getByLabel('Status').selectOption({ label: 'Buka' });
  await expect(page).toHaveURL(/\/tenders\?q=pengadaan&status=open$/);
  await page.getByLabel('Urutkan').selectOption({ label: 'HPS terbesar' });
  await expect(page).toHaveURL(/q=pengadaan&status=open&sort=hps_desc$/);
  expect(searches.filter((url) => url.includes('q=pengad') && !url.includes('status')).length).toBe(1);

  // The cards are what the API has for this view.
  const expected = await apiSearch(page.context().request, 'q=pengadaan&status=open&sort=hps_desc');
  const grouped = expected.total.toLocaleString('de-DE');
  await expect(page.getByRole('status').filter({ hasText: `${grouped} tender` })).toBeVisible();
  await expect.poll(() => cardTitles(page)).toEqual(expected.items.map((t) => t.title));
  await axeInBothLanguages(page, /^Tenders$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tender' })).toBeVisible();

  // Open the 15th, far down the page; back finds the same results there.
  const fifteenth = page.locator('.tender-card__title a').nth(14);
  await fifteenth.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(1000);
  await fifteenth.click();
  await expect(page).toHaveURL(new RegExp(`/tenders/${expected.items[14].id}$`));
  await expect(page.getByRole('heading', { level: 1, name: expected.items[14].title })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Masuk untuk memeriksa apakah usaha Anda memenuhi syarat' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Masuk untuk menyimpan atau mendaftarkan minat' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/q=pengadaan&status=open&sort=hps_desc$/);
  await expect.poll(() => cardTitles(page)).toEqual(expected.items.map((t) => t.title));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 50);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(before + 50);

  // Back again: the search before the order changed.
  await page.goBack();
  await expect(page).toHaveURL(/\/tenders\?q=pengadaan&status=open$/);
  await expect(page.getByLabel('Urutkan')).toHaveValue('deadline');
});

test('a copied address shows the same results in a fresh browser, and nothing found says what to relax', async ({
  page,
  browser,
}) => {
  await page.goto('/tenders?category=pertanian&status=open&hps_max=2000000000&sort=newest&page=2');
  await expect(page.locator('.tender-card').first()).toBeVisible();
  const titles = await cardTitles(page);
  expect(titles.length).toBeGreaterThan(0);
  await expect(page.getByRole('navigation', { name: 'Halaman' })).toContainText('Halaman 2');

  const fresh = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
  const other = await fresh.newPage();
  await other.goto(page.url());
  await expect(other.locator('.tender-card').first()).toBeVisible();
  expect(await cardTitles(other)).toEqual(titles);
  await expect(other.getByLabel('Status')).toHaveValue('open');
  await expect(other.getByLabel('Kategori')).toHaveValue('pertanian');
  await expect(other.getByLabel('HPS paling banyak (Rp)')).toHaveValue('2.000.000.000');
  await fresh.close();

  // Nothing matches: each filter given is a link to the view without it.
  await page.goto('/tenders?q=zzqqxx&province=34');
  await expect(page.getByRole('heading', { name: 'Tidak ada tender yang cocok' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Tanpa kata kunci' }).click();
  await expect(page).toHaveURL(/\/tenders\?province=34$/);
  await expect(page.locator('.tender-card').first()).toBeVisible();
  await expect(page.getByLabel('Cari tender (judul, pembeli, uraian)')).toHaveValue('');

  // A budget that is not an amount says so and is not applied.
  await page.getByLabel('HPS paling sedikit (Rp)').fill('sepuluh juta');
  await page.getByLabel('HPS paling sedikit (Rp)').press('Tab');
  await expect(page.getByText('Tulis nilai rupiah dengan angka, misalnya 50.000.000 atau 50000000.')).toBeVisible();
  await expect(page).toHaveURL(/\/tenders\?province=34$/);
  await page.getByLabel('HPS paling sedikit (Rp)').fill('Rp 100.000.000');
  await page.getByLabel('HPS paling sedikit (Rp)').press('Tab');
  await expect(page).toHaveURL(/\/tenders\?province=34&hps_min=100000000$/);
});

test('a supplier sees its eligibility as its data says, saves, unsaves, registers interest and shares', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await signInNewOwner(page);
  const request = page.context().request;
  // An open tender asking a KBLI, documents and a least TKDN.
  const found = await apiSearch(request, 'status=open');
  const tender = found.items.find(
    (t) => t.required_kbli.length > 0 && t.min_tkdn_percent !== null && t.required_documents.includes('nib'),
  );
  expect(tender).toBeTruthy();
  // This supplier's KBLI is one asked; its only product has a lower TKDN; no documents.
  const business = await request.get('/api/v1/supplier/business');
  const saved = await request.put('/api/v1/supplier/business', {
    headers: { 'If-Match': business.headers()['etag'] },
    data: { ...(await business.json()), kbli: [tender.required_kbli[0]] },
  });
  expect(saved.ok()).toBe(true);
  const low = Math.floor(tender.min_tkdn_percent) - 5;
  const product = await request.post('/api/v1/products', {
    headers: { 'Idempotency-Key': `tkdn-${Date.now()}` },
    data: { name: 'Keripik tempe', unit: 'pcs', price: 15000, tkdn_percent: low },
  });
  expect(product.ok()).toBe(true);

  await page.goto(`/tenders/${tender.id}`);
  await expect(page.getByRole('heading', { level: 1, name: tender.title })).toBeVisible();
  const checks = page.locator('.eligibility__item');
  await expect(checks.filter({ hasText: 'Bidang usaha (KBLI)' })).toContainText('Memenuhi');
  await expect(checks.filter({ hasText: 'Bidang usaha (KBLI)' })).toContainText(
    `KBLI Anda ${tender.required_kbli[0]} termasuk yang diminta.`,
  );
  const nib = checks.filter({ hasText: 'Belum ada NIB' });
  await expect(nib).toContainText('Belum memenuhi');
  await expect(nib.getByRole('link', { name: 'Tambahkan' })).toHaveAttribute('href', '/documents/new?kind=nib');
  const wanted = String(tender.min_tkdn_percent).replace('.', ',');
  await expect(checks.filter({ hasText: 'TKDN paling sedikit' })).toContainText(
    `TKDN produk tertinggi ${low} % < ${wanted} % yang diminta.`,
  );
  await expect(page.getByText('Belum memenuhi syarat', { exact: true })).toBeVisible();
  await axeInBothLanguages(page, new RegExp(tender.title.slice(0, 10)));

  // Save: shown at once, kept by the server, listed under saved tenders.
  const save = page.getByRole('button', { name: 'Simpan tender' });
  await save.click();
  await expect(page.getByText('Tender disimpan.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hapus dari simpanan' })).toBeVisible();
  expect((await (await request.get(`/api/v1/tenders/${tender.id}`)).json()).saved).toBe(true);
  await page.goto('/tenders/saved');
  await expect(page.getByRole('heading', { level: 1, name: 'Tender tersimpan' })).toBeVisible();
  await expect.poll(() => cardTitles(page)).toEqual([tender.title]);
  await expect(page.locator('.tender-card').getByText('Belum memenuhi syarat')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: tender.title }).click();
  await page.getByRole('button', { name: 'Hapus dari simpanan' }).click();
  await expect(page.getByText('Tender dihapus dari simpanan.')).toBeVisible();
  expect((await (await request.get(`/api/v1/tenders/${tender.id}`)).json()).saved).toBe(false);

  // Interest: asked first, with a note for the buyer.
  await page.getByRole('button', { name: 'Daftarkan minat' }).click();
  await expect(page.getByRole('heading', { name: 'Daftarkan minat pada tender ini?' })).toBeVisible();
  await expect(page.getByLabel('Pesan untuk pembeli (boleh dikosongkan)')).toBeFocused();
  await page.getByLabel('Pesan untuk pembeli (boleh dikosongkan)').fill('Kapasitas 2 ton per bulan');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Ya, daftarkan minat' }).click();
  await expect(page.getByText('Minat Anda sudah terdaftar.', { exact: false })).toBeFocused();
  await expect.poll(async () => (await (await request.get(`/api/v1/tenders/${tender.id}`)).json()).interested).toBe(true);

  // Share: no share sheet in desktop Chromium, so the link is copied.
  await page.getByRole('button', { name: 'Bagikan' }).click();
  await expect(page.getByText('Tautan tender disalin.', { exact: false })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test.describe('with the connection cut', () => {
  test.use({ expectedConsoleErrors: /ERR_CONNECTION_RESET|Failed to load resource/ });

  test('a save that fails is undone and says so', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  const found = await apiSearch(page.context().request, 'status=open');
  await page.route('**/api/v1/tenders/*/saved', (route) => route.abort('connectionreset'));
  await page.goto(`/tenders/${found.items[0].id}`);
  await page.getByRole('button', { name: 'Simpan tender' }).click();
  await expect(page.getByText('Belum tersimpan: koneksi terputus atau server menolak. Coba lagi.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Simpan tender' })).toBeVisible();
});
});
