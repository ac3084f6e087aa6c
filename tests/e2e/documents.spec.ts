import { test, expect, expectNoAxeViolations, DROPS_LARGE } from './fixtures';
import { addDocument, documentsOn, pdf, signInNewOwner } from './support';

const CHUNK = 256 * 1024;

/**
 * The most a server that cuts every `every` bytes can read past its cuts
 * from a client that sends `CHUNK`-sized PATCHes from its offset.
 */
function readPastCuts(length: number, every: number): number {
  let past = 0;
  for (let offset = 0; offset < length; ) {
    const end = Math.min(offset + CHUNK, length);
    const cut = (Math.floor(offset / every) + 1) * every;
    if (cut < end) {
      past += end - cut;
      offset = cut;
    } else {
      offset = end;
    }
  }
  return past;
}

/** Today as Indonesia (WIB) has it, plus `days`, as YYYY-MM-DD. */
function wibDay(days = 0): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test('a 6 MB PDF cut off every 2 MB arrives by itself, each byte sent about once', async ({ page }) => {
  await page.goto(`${DROPS_LARGE}/`);
  await signInNewOwner(page, DROPS_LARGE);
  const file = pdf(6 * 1024 * 1024, 3);
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/uploads') && r.method() === 'POST') posts.push(r.url());
  });
  const document = await addDocument(
    page,
    { kind: 'NIB (Nomor Induk Berusaha)', number: '9120 0012 3456 7', file, name: 'nib-oss.pdf' },
    DROPS_LARGE,
  );
  expect(posts).toHaveLength(1);
  expect(document.kind).toBe('nib');
  expect(document.number).toBe('9120001234567');
  expect(document.file.size).toBe(file.length);
  // Every byte arrived once, give or take what was on its way at each cut:
  // this server cuts every 2,000,000 bytes (playwright.config.ts), not a
  // multiple of a chunk, so the server may have read part of the chunk past
  // each cut (how much depends on timing) and discarded it. Chromium sends
  // a chunk cut off again by itself; the server answers it 409 without
  // reading it, and the client asks HEAD and goes on. A client that started
  // over, or sent a chunk twice, is over this bound.
  const counter = await (await page.context().request.get(`${DROPS_LARGE}/api/v1/dev/uploads/${document.upload_id}`)).json();
  expect(counter.received).toBe(file.length);
  expect(counter.patches).toBeGreaterThan(file.length / CHUNK);
  expect(counter.arrived).toBeLessThanOrEqual(file.length + readPastCuts(file.length, 2_000_000));
  const stored = Buffer.from(await (await page.context().request.get(`${DROPS_LARGE}/api/v1/uploads/${document.upload_id}/file`)).body());
  expect(stored.equals(file)).toBe(true);
  // The wallet shows it, a PDF with its pages counted.
  const card = page.getByRole('listitem').filter({ hasText: 'NIB (Nomor Induk Berusaha)' });
  await expect(card.getByText('Menunggu diperiksa')).toBeVisible();
  await expect(card.getByText('3 halaman')).toBeVisible();
  await expect(card.getByText('9120001234567')).toBeVisible();
});

test('an upload goes on from where it was after a reload and after its tab was killed', async ({ page, context }) => {
  await page.goto('/');
  await signInNewOwner(page);
  const file = pdf(3 * 1024 * 1024);
  // A slow connection: each chunk takes a while, so there is time to reload.
  const slow = async (route: any) => {
    if (route.request().method() === 'PATCH') await new Promise((done) => setTimeout(done, 400));
    await route.continue();
  };
  await context.route('**/api/v1/uploads/**', slow);
  const sent: { method: string; offset: number }[] = [];
  context.on('request', (r) => {
    if (!r.url().includes('/api/v1/uploads')) return;
    sent.push({ method: r.method(), offset: Number(r.headers()['upload-offset'] ?? -1) });
  });
  await page.goto('/documents/new?kind=npwp');
  await expect(page.getByLabel('Jenis dokumen')).toHaveValue('npwp');
  await page.getByLabel('Nomor dokumen').fill('01.234.567.4-901.000');
  await page.getByLabel('Pilih file (PDF, JPEG, PNG)').setInputFiles({ name: 'npwp.pdf', mimeType: 'application/pdf', buffer: file });
  await expect.poll(() => sent.filter((r) => r.method === 'PATCH').length).toBeGreaterThanOrEqual(3);
  await page.reload();
  // What was typed is still there, and the upload goes on by itself from
  // the server's offset: asked with HEAD, never a new upload.
  await expect(page.getByLabel('Nomor dokumen')).toHaveValue('01.234.567.4-901.000');
  await expect.poll(() => sent.filter((r) => r.method === 'HEAD').length).toBeGreaterThanOrEqual(1);
  const afterReload = sent.length;
  await expect.poll(() => sent.slice(afterReload).filter((r) => r.method === 'PATCH').length).toBeGreaterThanOrEqual(1);
  expect(sent.slice(afterReload).find((r) => r.method === 'PATCH')!.offset).toBeGreaterThan(0);
  // The tab is killed; a new one finds the upload on the wallet.
  await page.close();
  const again = await context.newPage();
  await again.goto('/documents');
  const unfinished = again.getByRole('region', { name: 'Belum selesai' });
  await expect(unfinished.getByText(/npwp\.pdf: [\d.]+ KB dari 3\.072 KB \(\d+ %\)/)).toBeVisible();
  await expectNoAxeViolations(again);
  const beforeContinue = sent.length;
  await unfinished.getByRole('link', { name: 'Lanjutkan mengunggah' }).click();
  await expect(again.getByLabel('Nomor dokumen')).toHaveValue('01.234.567.4-901.000');
  await again.getByRole('button', { name: 'Simpan dokumen' }).click();
  await expect(again).toHaveURL(/\/documents$/, { timeout: 60_000 });
  const resumed = sent.slice(beforeContinue).filter((r) => r.method === 'PATCH');
  expect(resumed[0].offset).toBeGreaterThan(0);
  expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
  const [document] = await documentsOn(again);
  const stored = Buffer.from(await (await again.context().request.get(`/api/v1/uploads/${document.upload_id}/file`)).body());
  expect(stored.equals(file)).toBe(true);
  await expect(again.getByRole('region', { name: 'Belum selesai' })).toHaveCount(0);
});

test('a renamed program is refused before a byte is sent, and by the server with 415', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  const uploads: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/uploads')) uploads.push(r.method());
  });
  await page.goto('/documents/new?kind=ktp');
  const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(8192, 7)]);
  await page.getByLabel('Pilih file (PDF, JPEG, PNG)').setInputFiles({ name: 'ktp.pdf', mimeType: 'application/pdf', buffer: program });
  await expect(page.getByRole('alert').filter({ hasText: 'File ini bukan PDF, JPEG atau PNG' })).toBeVisible();
  await page.getByLabel('Pilih file (PDF, JPEG, PNG)').setInputFiles({ name: 'kosong.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
  await expect(page.getByRole('alert').filter({ hasText: 'File ini kosong' })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(uploads).toEqual([]);
  // Sent past the app, the server refuses it by its bytes.
  const request = page.context().request;
  const created = await request.post('/api/v1/uploads', {
    headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': String(program.length) },
  });
  expect(created.status()).toBe(201);
  const patched = await request.patch(created.headers()['location'], {
    headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
    data: program,
  });
  expect(patched.status()).toBe(415);
});

test('each kind checks its number; a reviewer rejection and an expiry in 30 days show on the wallet and home', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  // A P-IRT number has 15 digits, and a P-IRT expires.
  await page.goto('/documents/new?kind=pirt');
  // Typed key by key, as on a phone: the field keeps focus and every digit.
  await page.getByLabel('Nomor dokumen').pressSequentially('2063401');
  await expect(page.getByLabel('Nomor dokumen')).toBeFocused();
  await expect(page.getByLabel('Nomor dokumen')).toHaveValue('2063401');
  await page.getByLabel('Penerbit').pressSequentially('Dinkes Bantul');
  await expect(page.getByLabel('Penerbit')).toBeFocused();
  await page.getByRole('button', { name: 'Simpan dokumen' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Ada yang perlu diperbaiki' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Nomor dokumen harus 15 digit; Anda mengetik 7.' })).toBeVisible();
  await expect(summary.getByRole('link', { name: /Isi Berlaku sampai/ })).toBeVisible();
  await expect(summary.getByRole('link', { name: /Pilih File dokumen/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const expires = wibDay(30);
  const pirt = await addDocument(page, { kind: 'Izin P-IRT', number: '2063401010012-25', expires, file: pdf(40_000) });
  expect(pirt.expires_on).toBe(expires);
  const bank = await addDocument(page, { kind: 'Bukti rekening bank', file: pdf(30_000, 1) });
  const reason = 'Foto buku tabungan buram; nama pemilik tidak terbaca.';
  const reviewed = await page.context().request.post(`/api/v1/dev/documents/${bank.id}/review`, {
    data: { decision: 'reject', reason },
  });
  expect(reviewed.ok()).toBe(true);

  await page.goto('/documents');
  const bankCard = page.getByRole('listitem').filter({ hasText: 'Bukti rekening bank' });
  await expect(bankCard.getByText('Ditolak', { exact: true })).toBeVisible();
  await expect(bankCard.getByText(reason)).toBeVisible();
  const pirtCard = page.getByRole('listitem').filter({ hasText: 'Izin P-IRT' });
  await expect(pirtCard.getByText(/Izin P-IRT Anda berakhir .* — perbarui \(30 hari lagi\)/)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/');
  const task = page.getByRole('listitem').filter({ hasText: 'Sertifikat dan dokumen' });
  await expect(task.getByText('Perlu diperbaiki')).toBeVisible();
  await expect(task.getByRole('link', { name: /Izin P-IRT Anda berakhir .* \(30 hari lagi\)/ })).toBeVisible();
  await task.getByRole('link', { name: `Bukti rekening bank ditolak pemeriksa: ${reason}` }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${bank.id}$`));
  await expect(page.getByText(reason)).toBeVisible();
  await expectNoAxeViolations(page);
});

test('every documents page has no accessibility violations in English either', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  const nib = await addDocument(page, { kind: 'NIB (Nomor Induk Berusaha)', number: '9120001234567', file: pdf(20_000) });
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await expect(page.getByRole('heading', { name: 'Certificates and documents' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/documents/new?kind=tkdn');
  await expect(page.getByLabel('TKDN (%)')).toBeVisible();
  await page.getByLabel('TKDN (%)').fill('40,255');
  await expect(page.getByText('TKDN (%): at most 2 decimals.')).toBeVisible();
  await expectNoAxeViolations(page);
  // A verified document warns that a change sends it back to review.
  await page.context().request.post(`/api/v1/dev/documents/${nib.id}/review`, { data: { decision: 'verify' } });
  await page.goto(`/documents/${nib.id}`);
  await expect(page.getByLabel('Document number')).toHaveValue('9120001234567');
  await expect(page.getByText('This document is Verified.')).toBeVisible();
  await page.getByLabel('Issued by').fill('OSS RBA');
  await page.getByRole('button', { name: 'Save document' }).click();
  await expect(page.getByText(/This change sends the document back to review/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Yes, save and review again' }).click();
  await expect(page).toHaveURL(/\/documents$/);
  await expect(page.getByText('Document saved; it waits for review again.')).toBeVisible();
  const [saved] = await documentsOn(page);
  expect(saved.status).toBe('uploaded');
  expect(saved.issuer).toBe('OSS RBA');
});
