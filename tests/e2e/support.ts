import { expect } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';

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
  const response = await page.context().request.get(`${origin}/api/v1/documents`);
  expect(response.ok()).toBe(true);
  return (await response.json()).items as any[];
}

/** Fills a new document's form and saves it; answers the server's copy. */
export async function addDocument(
  page: Page,
  fields: { kind: string; number?: string; expires?: string; file: Buffer; name?: string },
  origin = '',
) {
  await page.goto(`${origin}/documents/new`);
  await page.getByLabel('Jenis dokumen').selectOption({ label: fields.kind });
  if (fields.number) await page.getByLabel('Nomor dokumen').fill(fields.number);
  if (fields.expires) await page.getByLabel('Berlaku sampai').fill(fields.expires);
  await page
    .getByLabel('Pilih file (PDF, JPEG, PNG)')
    .setInputFiles({ name: fields.name ?? 'dokumen.pdf', mimeType: 'application/pdf', buffer: fields.file });
  await page.getByRole('button', { name: 'Simpan dokumen' }).click();
  await expect(page).toHaveURL(/\/documents$/, { timeout: 60_000 });
  await expect(page.getByText('Dokumen disimpan. Pemeriksa akan memeriksanya.')).toBeVisible();
  const all = await documentsOn(page, origin);
  return all[all.length - 1];
}
