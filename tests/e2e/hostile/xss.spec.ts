import { test, expect } from '../fixtures';
import { documentsOn, fillBusiness, newPhone, otpFor, pdf, signInNewOwner } from '../support';
import type { Page } from '@playwright/test';
import { CORPUS, LONG, expectShownAsText, payload, watchForScripts } from './corpus';

// Every payload of the corpus goes through at least one field or one piece
// of the server's data, and every field gets several; each must be shown
// as the text it is, and none may run (`__pwned()`), open a dialog, load
// `src=x`, or break the Content-Security-Policy (the fixture fails on a CSP
// violation or a console error).

test('tender titles, buyers and descriptions from the server, and the tender search, stay text', async ({ page }) => {
  const watch = await watchForScripts(page);
  // One tender per payload, and one 10,000 characters long; a word of their
  // own finds them all on one page.
  const titles = [...CORPUS, LONG];
  for (const [index, title] of titles.entries()) {
    const created = await page.request.post('/api/v1/dev/tenders', {
      data: { title, buyer: payload(index + 1), description: `${payload(index + 2)} zamrudhostil` },
    });
    expect(created.status()).toBe(201);
  }
  // Page by page (20 a page), each tender's title and buyer as the API
  // lists them there.
  const resultsPage = (number: number) => `/tenders?q=zamrudhostil${number > 1 ? `&page=${number}` : ''}`;
  const pageOf = new Map<string, number>();
  for (let number = 1; pageOf.size < titles.length; number++) {
    const listed = await page.request.get(`/api/v1/tenders?q=zamrudhostil&per_page=20&page=${number}`);
    const { items } = (await listed.json()) as { items: { title: string; buyer: string }[] };
    expect(items.length).toBeGreaterThan(0);
    await page.goto(resultsPage(number));
    await expect(page.getByText(`${titles.length} tender`, { exact: true })).toBeVisible();
    for (const { title, buyer } of items) {
      await expectShownAsText(page, title);
      await expectShownAsText(page, buyer);
      pageOf.set(title, number);
    }
  }
  expect([...pageOf.keys()].sort()).toEqual([...titles].sort());

  // A tender's own page: title, buyer, description.
  await page.goto(resultsPage(pageOf.get(payload(1))!));
  await page.getByRole('link', { name: payload(1), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(payload(1));
  await expectShownAsText(page, payload(2));
  await expectShownAsText(page, `${payload(3)} zamrudhostil`);
  await page.goBack();

  // The search box takes them as words.
  const search = page.getByLabel('Cari tender (judul, pembeli, uraian)');
  for (const index of [0, 4, 9, 21, 22, 28, 30, 32]) {
    await search.fill(payload(index));
    await expect(search).toHaveValue(payload(index));
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(payload(index));
    await expect(page.getByText('Memuat tender…')).toHaveCount(0);
  }
  await watch.expectNothingRan();
});

/** Picks `option` in the search-and-radios group `legend`, after searching `hostile` there first. */
async function chooseAfter(page: Page, legend: string, hostile: string, search: string, option: string | RegExp) {
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByRole('searchbox').fill(hostile);
  await expect(group.getByRole('searchbox')).toHaveValue(hostile);
  await group.getByRole('searchbox').fill(search);
  await group.getByRole('radio', { name: option }).check();
}

/** Fills `label` with each of `texts` in turn: each is the field's value as typed. */
async function typeEach(page: Page, label: string, texts: string[]) {
  const field = page.getByLabel(label, { exact: true });
  for (const text of texts) {
    await field.fill(text);
    await expect(field).toHaveValue(text);
  }
}

async function saveAndContinue(page: Page, nextHeading: string) {
  await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: nextHeading })).toBeVisible({ timeout: 30_000 });
}

test('the wizard shows typed hostile text as text, and so does the reviewer asking for changes', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = await watchForScripts(page);
  const { supplierId } = await signInNewOwner(page);
  await page.goto('/register/business');
  await page.getByLabel('Cari KBLI').fill(payload(2));
  await expect(page.getByLabel('Cari KBLI')).toHaveValue(payload(2));
  await fillBusiness(page);
  await typeEach(page, 'Nama usaha', [payload(1), payload(8), payload(0)]);
  await saveAndContinue(page, 'Data pemilik');
  await typeEach(page, 'Nama pemilik', [payload(11), payload(19), payload(29)]);
  await page.getByLabel('NIK').fill('3402014508850001');
  await saveAndContinue(page, 'Alamat usaha');
  await chooseAfter(page, 'Provinsi', payload(22), 'yogya', 'Daerah Istimewa Yogyakarta');
  await chooseAfter(page, 'Kabupaten/kota', payload(3), 'bantul', 'Kabupaten Bantul');
  await chooseAfter(page, 'Kecamatan', payload(31), 'sewon', 'Sewon');
  await chooseAfter(page, 'Desa/kelurahan', payload(26), 'panggung', 'Panggungharjo');
  await typeEach(page, 'Jalan, nomor, RT/RW', [payload(7), payload(20), payload(13)]);
  await page.getByLabel('Kode pos').fill('55188');
  await saveAndContinue(page, 'Rekening bank');
  await chooseAfter(page, 'Bank', payload(24), 'bri', /BRI/);
  await page.getByLabel('Nomor rekening').fill('0123 0100 1234 567');
  // A holder unlike the business and the owner is a warning that may name them.
  await typeEach(page, 'Nama pemilik rekening', [payload(17), payload(33)]);
  await saveAndContinue(page, 'Periksa jawaban Anda');
  for (const shown of [payload(0), payload(29), payload(13), payload(33)]) await expectShownAsText(page, shown);

  // "Change" and back: a second payload through each field to the answers.
  for (const [label, text] of [
    ['Nama usaha', payload(14)],
    ['Nama pemilik', payload(25)],
    ['Jalan, nomor, RT/RW', payload(27)],
    ['Nama pemilik rekening', payload(34)],
  ]) {
    await page.getByRole('link', { name: `Ubah ${label}`, exact: true }).click();
    await typeEach(page, label, [text]);
    await page.getByRole('button', { name: 'Simpan dan kembali ke pemeriksaan' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Periksa jawaban Anda' })).toBeVisible();
    await expectShownAsText(page, text);
  }
  await page.getByRole('button', { name: 'Kirim untuk verifikasi' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sudah dikirim, menunggu pemeriksaan' })).toBeVisible();

  // The reviewer's reasons, one per answer, and one on a field name nobody knows.
  const fields = [
    'business.name', 'business.nib', 'business.npwp', 'business.capital', 'business.kbli',
    'owner.name', 'owner.nik', 'address.street', 'address.postal_code', 'bank.account_number',
    'bank.holder_name', '"><img src=x onerror=__pwned()>',
  ];
  const reasons = fields.map((field, index) => ({ field, message: payload(4 + index * 3) }));
  const reviewed = await page.request.post(`/api/v1/dev/review/${supplierId}`, {
    data: { decision: 'request_changes', reasons },
  });
  expect(reviewed.ok()).toBe(true);
  await page.goto('/');
  await expect(page.getByText('Yang perlu diperbaiki:')).toBeVisible();
  for (const reason of reasons) await expectShownAsText(page, reason.message);
  await page.goto('/register/check');
  for (const reason of reasons.slice(0, -1)) await expectShownAsText(page, reason.message);
  await watch.expectNothingRan();
});

test('product names, descriptions and SKUs typed in the catalog, and its search, stay text', async ({ page }) => {
  const watch = await watchForScripts(page);
  await signInNewOwner(page);
  const products = [
    { name: payload(5), description: payload(6), sku: payload(21) },
    { name: payload(9), description: `${payload(10)}\n${payload(12)}`, sku: payload(23) },
    { name: payload(15), description: payload(16), sku: payload(28) },
    { name: payload(30), description: LONG.slice(0, 4000), sku: payload(18) },
  ];
  for (const product of products) {
    await page.goto('/products/new');
    await typeEach(page, 'Nama produk', [product.name]);
    await page.getByLabel('Keterangan').fill(product.description);
    await expect(page.getByLabel('Keterangan')).toHaveValue(product.description);
    await page.getByLabel('Satuan', { exact: true }).selectOption({ label: 'pak' });
    await page.getByLabel('Harga per satuan').fill('15000');
    await typeEach(page, 'SKU (kode produk Anda)', [product.sku]);
    await page.getByRole('button', { name: 'Simpan produk' }).click();
    await expect(page).toHaveURL(/\/products$/);
    await expectShownAsText(page, `«${product.name}» disimpan.`);
  }
  for (const product of products) await expectShownAsText(page, product.name);

  // Its page has each as typed; deleting names it in the question.
  await page.getByRole('link', { name: products[1].name, exact: true }).first().click();
  await expect(page.getByLabel('Nama produk')).toHaveValue(products[1].name);
  await expect(page.getByLabel('Keterangan')).toHaveValue(products[1].description);
  await expect(page.getByLabel('SKU (kode produk Anda)')).toHaveValue(products[1].sku);
  await page.getByRole('button', { name: 'Hapus produk' }).click();
  await expectShownAsText(page, `Hapus «${products[1].name}» dari katalog?`);
  await page.getByRole('button', { name: 'Batal' }).click();

  await page.goto('/products');
  const search = page.getByLabel('Cari nama atau SKU');
  for (const index of [11, 24, 29, 32, 35]) {
    await search.fill(payload(index));
    await page.getByRole('button', { name: 'Cari' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(payload(index));
    await expect(search).toHaveValue(payload(index));
    await expectShownAsText(page, `Tidak ada produk yang cocok dengan "${payload(index)}".`);
  }
  // 10,000 characters typed, or in a link: the 100 the API takes are
  // searched, and find the product whose description starts with them
  // (once it was a "fix the fields" error with a futile retry).
  await search.fill(LONG);
  await expect(search).toHaveValue(LONG.slice(0, 100));
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(LONG.slice(0, 100));
  await expect(page.getByText('1 produk', { exact: true })).toBeVisible();
  await expectShownAsText(page, products[3].name);
  await page.goto(`/products?q=${encodeURIComponent(LONG)}`);
  await expect(search).toHaveValue(LONG.slice(0, 100));
  await expect(page.getByText('1 produk', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Coba lagi' })).toHaveCount(0);
  await watch.expectNothingRan();
});

test('document numbers, issuers and file names typed, and the reviewer rejecting them, stay text', async ({ page }) => {
  const watch = await watchForScripts(page);
  await signInNewOwner(page);
  const documents = [
    { number: payload(19), issuer: payload(20), file: `${payload(1)}.pdf`, reason: payload(2) },
    { number: payload(31), issuer: payload(34), file: `${payload(28)}.pdf`, reason: payload(17) },
  ];
  for (const document of documents) {
    await page.goto('/documents/new');
    await page.getByLabel('Jenis dokumen').selectOption({ label: 'Dokumen lain' });
    await typeEach(page, 'Nomor dokumen', [payload(5), document.number]);
    await typeEach(page, 'Penerbit', [payload(7), document.issuer]);
    await page
      .getByLabel('Pilih file (PDF, JPEG, PNG)')
      .setInputFiles({ name: document.file, mimeType: 'application/pdf', buffer: pdf(20_000, 1) });
    await expectShownAsText(page, document.file);
    await page.getByRole('button', { name: 'Simpan dokumen' }).click();
    await expect(page).toHaveURL(/\/documents$/, { timeout: 30_000 });
  }
  for (const document of documents) {
    await expectShownAsText(page, document.number);
    await expectShownAsText(page, document.issuer);
  }
  for (const [index, saved] of (await documentsOn(page)).entries()) {
    const rejected = await page.request.post(`/api/v1/dev/documents/${saved.id}/review`, {
      data: { decision: 'reject', reason: documents[index].reason },
    });
    expect(rejected.ok()).toBe(true);
  }
  await page.goto('/documents');
  for (const document of documents) await expectShownAsText(page, document.reason);
  await page.goto('/');
  for (const document of documents) await expectShownAsText(page, `Dokumen lain ditolak pemeriksa: ${document.reason}`);
  await page.getByRole('link', { name: new RegExp(`ditolak pemeriksa`) }).first().click();
  await expect(page.getByLabel('Penerbit')).toHaveValue(documents[0].issuer);
  await expectShownAsText(page, documents[0].reason);
  await watch.expectNothingRan();
});

test('a cooperative, its staff and the members they invite, named with hostile text, and the member search stay text', async ({ page }) => {
  const watch = await watchForScripts(page);
  const request = page.context().request;
  const { e164 } = newPhone();
  expect((await request.post('/api/v1/auth/otp', { data: { phone: e164, channel: 'sms' } })).status()).toBe(202);
  const code = await otpFor(page, e164);
  expect((await request.post('/api/v1/auth/verify', { data: { phone: e164, code } })).ok()).toBe(true);
  const role = await request.put('/api/v1/me/role', {
    data: { role: 'coop_staff', cooperative_name: payload(3), name: payload(4) },
  });
  expect(role.ok()).toBe(true);
  await page.goto('/members');
  await expectShownAsText(page, payload(3));

  const members = [
    { owner: payload(6), business: payload(9) },
    { owner: payload(12), business: payload(15) },
  ];
  for (const member of members) {
    await page.getByRole('link', { name: 'Tambah anggota' }).click();
    await typeEach(page, 'Nama pemilik usaha', [payload(16), member.owner]);
    await page.getByLabel('Nomor HP pemilik').fill(newPhone().typed);
    await typeEach(page, 'Nama usaha (boleh dikosongkan)', [payload(18), member.business]);
    await page.getByRole('button', { name: 'Kirim undangan' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Konfirmasi anggota' })).toBeVisible();
    await page.getByRole('link', { name: /Kembali ke daftar anggota/ }).click();
    await expect(page).toHaveURL(/\/members/);
  }
  for (const member of members) {
    await expectShownAsText(page, member.business);
    await expectShownAsText(page, member.owner);
  }
  const search = page.getByLabel('Cari anggota (nama, usaha, nomor HP)');
  for (const index of [0, 8, 21, 23, 29, 35]) {
    await search.fill(payload(index));
    await expect(search).toHaveValue(payload(index));
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(payload(index));
  }
  await watch.expectNothingRan();
});
