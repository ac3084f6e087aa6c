import { test, expect, expectNoAxeViolations, BAD_NETWORK } from './fixtures';
import {
  addDocument,
  documentsOn,
  fillAddress,
  fillBank,
  fillBusiness,
  fillOwner,
  fillProduct,
  getPatiently,
  otpFor,
  pdf,
  phonePhoto,
  pressUntil,
  signInNewOwner,
  signInOnPage,
  TYPED_PROFILE,
} from './support';
import type { DocumentFields, ProductFields } from './support';
import type { Page, Request } from '@playwright/test';

// Two slow journeys, each a person's, end to end: everything an owner does
// to become a supplier over a bad mobile network, and a session that ends
// while a product is half typed.

/** The upload client's chunk (src/api/upload.rs). */
const CHUNK = 256 * 1024;

/**
 * Counts the API requests the network failed for the page: dropped
 * connections and 5xx answers (a request the app itself cancelled, e.g. on
 * leaving a page, is not a failure).
 */
function countFailures(page: Page) {
  const failed = new Map<Request, string>();
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (request.url().includes('/api/') && reason !== 'net::ERR_ABORTED') failed.set(request, reason);
  });
  page.on('response', (response) => {
    if (response.url().includes('/api/') && response.status() >= 500) failed.set(response.request(), String(response.status()));
  });
  return failed;
}

/**
 * Records every upload's bytes as the page sends them (each PATCH body at
 * its `Upload-Offset`, dropped ones too), across page loads; answers a
 * function that puts an upload's file together from them. Every byte sent
 * more than once must have been the same byte each time.
 */
async function recordUploads(page: Page) {
  const pieces = new Map<string, { offset: number; bytes: Buffer }[]>();
  await page.exposeBinding('__rantaiSent', (_source, id: string, offset: number, base64: string) => {
    pieces.set(id, [...(pieces.get(id) ?? []), { offset, bytes: Buffer.from(base64, 'base64') }]);
  });
  await page.addInitScript(() => {
    const send = window.fetch.bind(window);
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const upload = /\/api\/v1\/uploads\/([^/?]+)$/.exec(new URL(request.url).pathname);
      if (request.method === 'PATCH' && upload) {
        const bytes = new Uint8Array(await request.clone().arrayBuffer());
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        (window as any).__rantaiSent(upload[1], Number(request.headers.get('Upload-Offset')), btoa(text));
      }
      return send(request);
    };
  });
  return (id: string, length: number): Buffer => {
    const file = Buffer.alloc(length);
    const covered = new Uint8Array(length);
    for (const { offset, bytes } of pieces.get(id) ?? []) {
      for (let i = 0; i < bytes.length; i++) {
        if (covered[offset + i] && file[offset + i] !== bytes[i]) throw new Error(`upload ${id}: byte ${offset + i} sent twice, differently`);
        file[offset + i] = bytes[i];
        covered[offset + i] = 1;
      }
    }
    expect(covered.indexOf(0), `upload ${id}: the first byte never sent`).toBe(-1);
    return file;
  };
}

/** An upload's file as the server keeps it. */
async function storedFile(page: Page, id: string): Promise<Buffer> {
  const response = await getPatiently(page, `${BAD_NETWORK}/api/v1/uploads/${id}/file`);
  expect(response.status()).toBe(200);
  return Buffer.from(await response.body());
}

/** A photo's size and mean hue (0–360), decoded in the page. */
async function looksOf(page: Page, photo: Buffer) {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes]));
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [64, 48];
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0, 64, 48);
    const data = context.getImageData(0, 0, 64, 48).data;
    let [r, g, b] = [0, 0, 0];
    for (let i = 0; i < data.length; i += 4) [r, g, b] = [r + data[i], g + data[i + 1], b + data[i + 2]];
    const [max, min] = [Math.max(r, g, b), Math.min(r, g, b)];
    const sector = max === r ? (g - b) / (max - min) : max === g ? 2 + (b - r) / (max - min) : 4 + (r - g) / (max - min);
    return { width: bitmap.width, height: bitmap.height, hue: (sector * 60 + 360) % 360 };
  }, photo.toString('base64'));
}

/** Three products as an owner types them, each with its photo's hue. */
const PRODUCTS: (ProductFields & { hue: number })[] = [
  {
    name: 'Keripik tempe original 250 gram',
    category: 'Makanan dan minuman',
    description: 'Tempe kedelai lokal, minyak kelapa. Tahan 3 bulan.',
    unit: 'pak',
    price: 15000,
    minOrder: '20',
    stock: '400',
    leadTime: '3',
    tkdn: '40,5',
    halal: true,
    sku: 'KT-250',
    hue: 30,
  },
  {
    name: 'Tas anyaman pandan',
    category: 'Kerajinan tangan',
    description: 'Anyaman tangan pengrajin Bantul, 30 × 25 cm.',
    unit: 'pcs / buah',
    price: 85000,
    minOrder: '5',
    stock: '60',
    leadTime: '14',
    tkdn: '92',
    halal: false,
    sku: 'TAS-PDN-01',
    hue: 120,
  },
  {
    name: 'Sambal bawang botol 150 ml',
    category: 'Makanan dan minuman',
    description: 'Cabai rawit dan bawang putih, tanpa pengawet.',
    unit: 'lusin (12 buah)',
    price: 216000,
    minOrder: '2',
    stock: '35',
    leadTime: '5',
    tkdn: '75,25',
    halal: true,
    sku: 'SB-150',
    hue: 230,
  },
];

/** What the API holds for a product typed as `typed`. */
function asStored(typed: ProductFields) {
  return {
    name: typed.name,
    category: typed.category === 'Kerajinan tangan' ? 'kerajinan' : 'makanan',
    description: typed.description,
    unit: { pak: 'pak', 'pcs / buah': 'pcs', 'lusin (12 buah)': 'lusin' }[typed.unit!],
    price: typed.price,
    min_order: Number(typed.minOrder),
    stock: Number(typed.stock),
    lead_time_days: Number(typed.leadTime),
    tkdn_percent: Number(typed.tkdn!.replace(',', '.')),
    halal: typed.halal,
    sku: typed.sku,
  };
}

/** Two documents as an owner types them. */
const DOCUMENTS: DocumentFields[] = [
  {
    kind: 'NIB (Nomor Induk Berusaha)',
    number: '9120 0012 3456 7',
    issuer: 'OSS RBA',
    issued: '2024-03-15',
    file: pdf(420_000, 2),
    name: 'nib-oss.pdf',
  },
  {
    kind: 'Kartu NPWP',
    number: '01.234.567.4-901.000',
    issuer: 'KPP Pratama Bantul',
    issued: '2019-07-01',
    file: pdf(310_000, 1),
    name: 'npwp.pdf',
  },
];

test('on a bad mobile network a new owner registers, adds 3 products with photos, 2 documents and a tender, and the server holds exactly that', async ({
  page,
}) => {
  test.setTimeout(480_000);
  const started = Date.now();
  const failures = countFailures(page);
  const sentFile = await recordUploads(page);

  // Signs in on the page, as a person does.
  const { e164, rounds } = await signInOnPage(page, BAD_NETWORK);
  // When each part was done, and how many requests had failed by then.
  const laps: string[] = [];
  const lap = (what: string) => laps.push(`${what} ${Math.round((Date.now() - started) / 1000)} s (${failures.size})`);
  lap('signed in');

  // Every step of the wizard, from the home task list, step to step.
  await page.getByRole('link', { name: 'Profil usaha' }).click();
  const steps: [string, (page: Page) => Promise<void>][] = [
    ['Data usaha', fillBusiness],
    ['Data pemilik', fillOwner],
    ['Alamat usaha', fillAddress],
    ['Rekening bank', fillBank],
  ];
  for (const [heading, fill] of steps) {
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible({ timeout: 30_000 });
    await fill(page);
    // One press moves on, whatever the connection did to the save (a save
    // that could not get through is queued and says so).
    await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Periksa jawaban Anda' })).toBeVisible({ timeout: 30_000 });
  for (const shown of ['Keripik Bu Sari', 'Rp50.000.000', 'Kabupaten Bantul', 'sari@warung.id', 'Sari Wulandari']) {
    await expect(page.getByText(shown).first()).toBeVisible();
  }
  const submitted = page.getByRole('status').filter({ hasText: 'Sudah dikirim, menunggu pemeriksaan' });
  const sends = await pressUntil(page.getByRole('button', { name: 'Kirim untuk verifikasi' }), submitted);
  expect(sends).toBeGreaterThan(0);
  lap(`submitted (${sends} press${sends > 1 ? 'es' : ''})`);

  // Three products, each with a photo, from the catalog's own links.
  await page.goto(`${BAD_NETWORK}/`);
  await page.getByRole('link', { name: 'Produk' }).click();
  for (const product of PRODUCTS) {
    await page.getByRole('link', { name: 'Tambah produk' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tambah produk' })).toBeVisible({ timeout: 30_000 });
    await fillProduct(page, product);
    const photo = await phonePhoto(page, product.hue, { width: 2400, height: 1800, noise: 0.35 });
    await page.getByLabel('Pilih foto dari galeri').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect(page.getByRole('group', { name: 'Foto' }).getByRole('img', { name: 'Foto 1' })).toBeVisible({ timeout: 60_000 });
    const saved = page.getByRole('status').filter({ hasText: `«${product.name}» disimpan.` });
    const presses = await pressUntil(page.getByRole('button', { name: 'Simpan produk' }), saved, { wait: 30_000 });
    expect(presses).toBeGreaterThan(0);
    lap(`product (${presses} press${presses > 1 ? 'es' : ''})`);
  }

  // Two documents.
  for (const document of DOCUMENTS) {
    await addDocument(page, document, BAD_NETWORK);
    lap('document');
  }

  // A tender saved, and interest registered in it with a note.
  const open = await (await getPatiently(page, `${BAD_NETWORK}/api/v1/tenders?status=open&per_page=5`)).json();
  const tender = open.items[0];
  await page.goto(`${BAD_NETWORK}/tenders/${tender.id}`);
  await expect(page.getByRole('heading', { level: 1, name: tender.title })).toBeVisible({ timeout: 30_000 });
  expect(await pressUntil(page.getByRole('button', { name: 'Simpan tender' }), page.getByText('Tender disimpan.'))).toBeGreaterThan(0);
  const note = 'Kapasitas 2 ton per bulan, kirim dari Bantul';
  const interested = async () => (await (await getPatiently(page, `${BAD_NETWORK}/api/v1/tenders/${tender.id}`)).json()).interested;
  const register = page.getByRole('button', { name: 'Daftarkan minat' });
  for (let press = 0; press < 5 && !(await interested()); press++) {
    if (!(await register.isVisible())) {
      // On its way: the page says so at once, and takes it back if it fails.
      await expect.poll(async () => (await interested()) || (await register.isVisible()), { timeout: 30_000 }).toBe(true);
      continue;
    }
    await register.click();
    const field = page.getByLabel('Pesan untuk pembeli (boleh dikosongkan)');
    // Pressed again after a failure, the note typed before is still there.
    if (press === 0) await field.fill(note);
    else await expect(field).toHaveValue(note);
    await page.getByRole('button', { name: 'Ya, daftarkan minat' }).click();
    await expect(page.getByText('Minat Anda sudah terdaftar.', { exact: false })).toBeVisible();
  }
  expect(await interested()).toBe(true);

  lap('tender');
  const took = Date.now() - started;
  const reasons = [...failures.values()].reduce<Record<string, number>>((count, reason) => ({ ...count, [reason]: (count[reason] ?? 0) + 1 }), {});
  const summary =
    `${failures.size} API requests failed on the way (${JSON.stringify(reasons)}); ${rounds} number(s) to sign in; ` +
    `${Math.round(took / 1000)} s: ${laps.join(', ')}`;
  console.log(`bad-network journey: ${summary}`);
  test.info().annotations.push({ type: 'retries', description: summary });
  expect(failures.size).toBeGreaterThan(0);

  // What the server holds, read past the faults: exactly what was typed.
  const read = async (path: string) => (await getPatiently(page, `${BAD_NETWORK}/api/v1${path}`)).json();
  for (const [section, typed] of Object.entries(TYPED_PROFILE)) expect(await read(`/supplier/${section}`)).toMatchObject(typed);
  expect((await read('/supplier/owner')).phone).toBe(e164);
  expect((await read('/supplier')).status).toBe('submitted');

  // Exactly three products, each as typed, each with its photo: the photo
  // joins its product when its last byte arrives, which may be after the save.
  await expect
    .poll(async () => (await read('/products?per_page=100')).items.map((p: any) => p.photo_upload_ids.length), { timeout: 60_000 })
    .toEqual([1, 1, 1]);
  const { items: products, total } = await read('/products?per_page=100');
  expect(total).toBe(3);
  const photoSizes: number[] = [];
  for (const typed of PRODUCTS) {
    const matching = products.filter((p: any) => p.name === typed.name);
    expect(matching).toHaveLength(1);
    expect(matching[0]).toMatchObject(asStored(typed));
    // Byte for byte what the page sent, and the photo chosen for this product.
    const [id] = matching[0].photo_upload_ids;
    const stored = await storedFile(page, id);
    expect(stored.equals(sentFile(id, stored.length))).toBe(true);
    photoSizes.push(stored.length);
    const looks = await looksOf(page, stored);
    expect(Math.max(looks.width, looks.height)).toBeLessThanOrEqual(1600);
    expect(Math.abs(looks.hue - typed.hue)).toBeLessThan(15);
  }

  // Exactly two documents, as typed, byte for byte the files chosen; the
  // larger was cut at least twice on its way (at 150,000 and 300,000 bytes).
  const documents = await documentsOn(page, BAD_NETWORK);
  expect(documents).toHaveLength(2);
  const [nib, npwp] = DOCUMENTS.map((typed) => documents.find((d) => d.file.name === typed.name));
  expect(nib).toMatchObject({ kind: 'nib', number: '9120001234567', issuer: 'OSS RBA', issued_on: '2024-03-15' });
  expect(npwp).toMatchObject({ kind: 'npwp', number: '0012345674901000', issuer: 'KPP Pratama Bantul', issued_on: '2019-07-01' });
  for (const [document, typed] of [[nib, DOCUMENTS[0]], [npwp, DOCUMENTS[1]]]) {
    expect((await storedFile(page, document.upload_id)).equals(typed.file)).toBe(true);
  }
  const arrivals = await (await page.context().request.get(`${BAD_NETWORK}/api/v1/dev/uploads/${nib.upload_id}`)).json();
  expect(arrivals.patches).toBeGreaterThan(Math.ceil(DOCUMENTS[0].file.length / CHUNK));
  console.log(`bad-network journey: photos of ${photoSizes.join(', ')} bytes, the NIB's ${arrivals.patches} PATCHes`);

  // The tender: saved, and interest registered with the note as typed (a
  // registration again answers the one kept, and changes nothing).
  expect(await read(`/tenders/${tender.id}`)).toMatchObject({ saved: true, interested: true });
  const again = await (
    await (async () => {
      for (let i = 0; i < 12; i++) {
        const response = await page.context().request.put(`${BAD_NETWORK}/api/v1/tenders/${tender.id}/interest`, { data: {} }).catch(() => null);
        if (response?.ok()) return response;
      }
      throw new Error('could not read the interest');
    })()
  ).json();
  expect(again.note).toBe(note);
});

test('a session that ends while a product is half typed: signed in again in place, nothing typed is lost, the product saves as typed', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const { e164 } = await signInNewOwner(page);
  await page.goto('/products');
  await page.getByRole('link', { name: 'Tambah produk' }).first().click();
  const [typed] = PRODUCTS;
  const { name, category, description, unit, price, ...rest } = typed;
  await fillProduct(page, { name, category, description, unit, price });
  await page
    .getByLabel('Pilih foto dari galeri')
    .setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto(page, typed.hue, { width: 2400, height: 1800, noise: 0.35 }) });
  await expect(page.getByRole('group', { name: 'Foto' }).getByRole('img', { name: 'Foto 1' })).toBeVisible({ timeout: 30_000 });

  // The server ends the session (as an idle timeout does) while the person
  // goes on typing the rest, then saves.
  expect((await page.context().request.post('/api/v1/auth/logout')).ok()).toBe(true);
  await fillProduct(page, rest);
  await page.getByRole('button', { name: 'Simpan produk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sesi Anda sudah berakhir' });
  await expect(dialog).toBeVisible();

  // Under the dialog, every field still holds what was typed.
  const shown: [string, string][] = [
    ['Nama produk', typed.name!],
    ['Keterangan', typed.description!],
    ['Harga per satuan', typed.price!.toLocaleString('de-DE')],
    ['Pesanan paling sedikit', typed.minOrder!],
    ['Stok', typed.stock!],
    ['Waktu kirim (hari)', typed.leadTime!],
    ['TKDN (%)', typed.tkdn!],
    ['SKU (kode produk Anda)', typed.sku!],
  ];
  for (const [label, value] of shown) await expect(page.getByLabel(label, { exact: true })).toHaveValue(value);
  await expectNoAxeViolations(page);

  // Signs in again in place: the code sent at sign-in is less than a minute
  // old, so the button counts down first.
  await expect(dialog.getByLabel('Nomor HP')).toHaveValue(e164);
  await dialog.getByRole('button', { name: 'Kirim kode' }).click();
  await expect(dialog.getByRole('button', { name: 'Kirim kode' })).toBeEnabled({ timeout: 70_000 });
  await dialog.getByRole('button', { name: 'Kirim kode' }).click();
  await dialog.getByLabel('Kode 6 angka').fill(await otpFor(page, e164));
  await dialog.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(dialog).toBeHidden();

  // The save that met the ended session goes on by itself.
  await expect(page.getByRole('status').filter({ hasText: `«${typed.name}» disimpan.` })).toBeVisible({ timeout: 30_000 });
  const { items, total } = await (await page.context().request.get('/api/v1/products?per_page=100')).json();
  expect(total).toBe(1);
  expect(items[0]).toMatchObject(asStored(typed));
  expect(items[0].photo_upload_ids).toHaveLength(1);
});
