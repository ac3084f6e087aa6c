import { expect } from '@playwright/test';
import type { APIRequestContext, APIResponse, Locator, Page } from '@playwright/test';

/** A fresh Indonesian mobile number nobody has used in this run. */
export function newPhone(): { typed: string; e164: string } {
  const typed = `0812${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  return { typed, e164: `+62${typed.slice(1)}` };
}

/** The last one-time code dev-api (--dev) sent to a number (`+62…`). */
export async function otpFor(page: Page, e164: string, origin = ''): Promise<string> {
  // The page's request for a code may still be on its way: wait for it, as
  // a person waits for the SMS.
  for (let waited = 0; ; waited += 250) {
    const response = await page.request.get(`${origin}/api/v1/dev/otp?phone=${encodeURIComponent(e164)}`);
    if (response.ok()) return (await response.json()).code;
    if (waited >= 10_000) throw new Error(`no code for ${e164}: ${response.status()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Retries a request the way a patient person would (for --fault-rate servers). */
async function patiently<T>(attempt: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 12; i++) {
    try {
      last = await attempt();
      if (ok(last)) return last;
    } catch {
      // a dropped connection: try again
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up after 12 attempts: ${JSON.stringify(last)}`);
}

/**
 * A GET with the page's cookies, asked again while the network fails it
 * (a dropped connection or a 5xx from a --fault-rate server); answers the
 * first other response.
 */
export async function getPatiently(page: Page, url: string): Promise<APIResponse> {
  return patiently(
    () => page.context().request.get(url),
    (response) => response.status() < 500,
  );
}

/**
 * Presses `button` the way a person on a bad connection does: again, while
 * `done` has not appeared within `wait` ms (a press while the button says
 * it is busy is skipped). Answers how many presses it took, or 0 if `done`
 * never appeared.
 */
export async function pressUntil(button: Locator, done: Locator, { attempts = 5, wait = 20_000 } = {}): Promise<number> {
  for (let press = 1; press <= attempts; press++) {
    if (await done.isVisible()) return press - 1;
    if ((await button.isVisible()) && (await button.isEnabled()) && (await button.getAttribute('aria-disabled')) !== 'true') {
      await button.click();
    }
    if (await done.waitFor({ timeout: wait }).then(() => true, () => false)) return press;
  }
  return 0;
}

/**
 * Signs a new UMKM owner in on the sign-in page, pressing again whatever
 * the connection lost. A code whose answer was lost cannot be asked again
 * for a minute, and a code used by an answer that was lost is spent: then a
 * new number starts over (a person would wait, or ask again). Answers the
 * number and how many numbers it took.
 */
export async function signInOnPage(page: Page, origin = ''): Promise<{ e164: string; rounds: number }> {
  for (let round = 1; round <= 5; round++) {
    const { typed, e164 } = newPhone();
    await page.goto(`${origin}/login`);
    await page.getByLabel('Nomor HP').fill(typed);
    const code = page.getByLabel('Kode 6 angka');
    if (!(await pressUntil(page.getByRole('button', { name: 'Kirim kode' }), code, { attempts: 3, wait: 8_000 }))) continue;
    await code.fill(await otpFor(page, e164, origin));
    const role = page.getByRole('heading', { level: 1, name: 'Anda mendaftar sebagai apa?' });
    if (!(await pressUntil(page.getByRole('button', { name: 'Masuk', exact: true }), role, { attempts: 3, wait: 8_000 }))) continue;
    await page.getByLabel(/Pemilik UMKM/).check();
    const home = page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' });
    expect(await pressUntil(page.getByRole('button', { name: 'Lanjut' }), home)).toBeGreaterThan(0);
    return { e164, rounds: round };
  }
  throw new Error('could not sign a new owner in on the page');
}

/**
 * Signs a new UMKM owner in through the API with the page's own cookies
 * (the sign-in screens have their own tests) and returns their number and
 * supplier id.
 */
export async function signInNewOwner(page: Page, origin = ''): Promise<{ e164: string; supplierId: number }> {
  const request: APIRequestContext = page.context().request;
  // A dropped answer can cost the code (used, but the cookie never came):
  // then start over with a new number, as a person would ask for a new code.
  for (let round = 0; round < 5; round++) {
    const { e164 } = newPhone();
    try {
      await patiently(
        () => request.post(`${origin}/api/v1/auth/otp`, { data: { phone: e164, channel: 'sms' } }),
        (r) => r.status() === 202 || r.status() === 429,
      );
      const code = await patiently(
        async () => (await request.get(`${origin}/api/v1/dev/otp?phone=${encodeURIComponent(e164)}`)).json(),
        (body) => typeof body.code === 'string',
      );
      await patiently(
        () => request.post(`${origin}/api/v1/auth/verify`, { data: { phone: e164, code: code.code } }),
        (r) => r.ok(),
      );
      const me = await patiently(
        async () => {
          const chosen = await request.put(`${origin}/api/v1/me/role`, { data: { role: 'supplier' } });
          if (chosen.ok()) return chosen.json();
          const current = await request.get(`${origin}/api/v1/me`);
          const body = current.ok() ? await current.json() : null;
          return body?.role === 'supplier' ? body : null;
        },
        (body) => body !== null,
      );
      return { e164, supplierId: me.supplier_id };
    } catch {
      // start over
    }
  }
  throw new Error('could not sign a new owner in');
}

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

/** What the server holds after fillBusiness, fillOwner, fillAddress and fillBank. */
export const TYPED_PROFILE = {
  business: {
    name: 'Keripik Bu Sari', legal_form: 'perorangan', nib: '1234567890123', npwp: '0012345674901000', pkp: false, capital: 50000000, kbli: ['10794'],
  },
  owner: { name: 'Sari Wulandari', nik: '3402014508850001', email: 'sari@warung.id' },
  address: {
    province: '34', regency: '34.02', district: '34.02.15', village: '34.02.15.2004', street: 'Jl. Parangtritis Km 5, RT 03/RW 02', postal_code: '55188',
  },
  bank: { bank_code: '002', account_number: '012301001234567', holder_name: 'Sari Wulandari' },
};

/** A PDF of `pages` pages padded to `bytes` with incompressible bytes. */
export function pdf(bytes: number, pages = 2): Buffer {
  const head = Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Pages /Count ' +
      pages +
      ' >> endobj\n' +
      Array.from({ length: pages }, (_, i) => `${i + 2} 0 obj << /Type /Page /Parent 1 0 R >> endobj\n`).join('') +
      'stream\n',
  );
  const tail = Buffer.from('\nendstream\n%%EOF\n');
  const body = Buffer.alloc(Math.max(0, bytes - head.length - tail.length));
  for (let i = 0; i < body.length; i++) body[i] = (i * 2654435761) >>> 24;
  return Buffer.concat([head, body, tail]);
}

/** The documents of the session's supplier, as the API has them. */
export async function documentsOn(page: Page, origin = '') {
  const response = await getPatiently(page, `${origin}/api/v1/documents`);
  expect(response.ok()).toBe(true);
  return (await response.json()).items as any[];
}

/** What a person types into a new document's form. */
export type DocumentFields = {
  kind: string;
  number?: string;
  issuer?: string;
  issued?: string;
  expires?: string;
  file: Buffer;
  name?: string;
};

/**
 * Fills a new document's form and saves it (pressing Save again if the
 * connection lost the save); answers the server's copy.
 */
export async function addDocument(page: Page, fields: DocumentFields, origin = '') {
  await page.goto(`${origin}/documents/new`);
  await page.getByLabel('Jenis dokumen').selectOption({ label: fields.kind });
  if (fields.number) await page.getByLabel('Nomor dokumen').fill(fields.number);
  if (fields.issuer) await page.getByLabel('Penerbit').fill(fields.issuer);
  if (fields.issued) await page.getByLabel('Tanggal terbit').fill(fields.issued);
  if (fields.expires) await page.getByLabel('Berlaku sampai').fill(fields.expires);
  await page
    .getByLabel('Pilih file (PDF, JPEG, PNG)')
    .setInputFiles({ name: fields.name ?? 'dokumen.pdf', mimeType: 'application/pdf', buffer: fields.file });
  const saved = page.getByText('Dokumen disimpan. Pemeriksa akan memeriksanya.');
  expect(await pressUntil(page.getByRole('button', { name: 'Simpan dokumen' }), saved, { wait: 60_000 })).toBeGreaterThan(0);
  await expect(page).toHaveURL(/\/documents$/);
  const all = await documentsOn(page, origin);
  return all[all.length - 1];
}

/** What a person types into a new product's form (labels as shown). */
export type ProductFields = {
  name?: string;
  category?: string;
  description?: string;
  unit?: string;
  price?: number;
  minOrder?: string;
  stock?: string;
  leadTime?: string;
  tkdn?: string;
  halal?: boolean;
  sku?: string;
};

/**
 * Fills the fields given of the product form; the price is typed key by
 * key and regroups as it goes.
 */
export async function fillProduct(page: Page, product: ProductFields) {
  if (product.name) await page.getByLabel('Nama produk').fill(product.name);
  if (product.category) await page.getByLabel('Kategori').selectOption({ label: product.category });
  if (product.description) await page.getByLabel('Keterangan').fill(product.description);
  if (product.unit) await page.getByLabel('Satuan', { exact: true }).selectOption({ label: product.unit });
  if (product.price !== undefined) {
    await page.getByLabel('Harga per satuan').pressSequentially(String(product.price));
    await expect(page.getByLabel('Harga per satuan')).toHaveValue(product.price.toLocaleString('de-DE'));
  }
  if (product.minOrder) await page.getByLabel('Pesanan paling sedikit').fill(product.minOrder);
  if (product.stock) await page.getByLabel('Stok').fill(product.stock);
  if (product.leadTime) await page.getByLabel('Waktu kirim (hari)').fill(product.leadTime);
  if (product.tkdn) await page.getByLabel('TKDN (%)').fill(product.tkdn);
  if (product.halal !== undefined) await page.getByLabel(product.halal ? 'Ya, bersertifikat halal' : 'Tidak atau belum').check();
  if (product.sku) await page.getByLabel('SKU (kode produk Anda)').fill(product.sku);
}

/**
 * A phone photo made in the page, handed back as JPEG bytes: `width` ×
 * `height` (a 12-megapixel 4000 × 3000 unless told), of one hue under
 * tiles of noise (so it does not compress to nothing). With `noise` 1 the
 * noise covers the hue; below 1 it is laid over it that much, so the photo
 * stays of its hue.
 */
export async function phonePhoto(
  page: Page,
  hue: number,
  { tile = 400, width = 4000, height = 3000, noise = 1 } = {},
): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ hue, tile, width, height, noise }) => {
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [width, height];
      const context = canvas.getContext('2d')!;
      context.fillStyle = `hsl(${hue} 60% 50%)`;
      context.fillRect(0, 0, width, height);
      const [tileWidth, tileHeight] = [tile, (tile * 3) / 4];
      const pixels = context.createImageData(tileWidth, tileHeight);
      for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = (Math.random() * 255) | 0;
      const noisy = document.createElement('canvas');
      [noisy.width, noisy.height] = [tileWidth, tileHeight];
      noisy.getContext('2d')!.putImageData(pixels, 0, 0);
      context.globalAlpha = noise;
      for (let y = 0; y < height; y += tileHeight) {
        for (let x = 0; x < width; x += tileWidth) {
          if (noise >= 1) context.putImageData(pixels, x, y);
          else context.drawImage(noisy, x, y);
        }
      }
      const blob: Blob = await new Promise((done) => canvas.toBlob((b) => done(b!), 'image/jpeg', 0.92));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    },
    { hue, tile, width, height, noise },
  );
  return Buffer.from(base64, 'base64');
}
