import { test, expect, expectNoAxeViolations } from './fixtures';
import { addDocument, fillBusiness, newPhone, pdf, signInNewOwner } from './support';
import type { Browser, Page } from '@playwright/test';

/** A new owner in a browser of their own: their number and supplier. */
async function newOwner(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const owner = await signInNewOwner(page, 'http://127.0.0.1:' + (Number(process.env.RANTAI_E2E_PORT ?? 8090)));
  return { ...owner, page, request: context.request, close: () => context.close() };
}

/** Signs `page`'s browser in as `e164` (by the API). */
async function signInByApi(page: Page, e164: string) {
  const request = page.context().request;
  expect((await request.post('/api/v1/auth/otp', { data: { phone: e164, channel: 'sms' } })).status()).toBe(202);
  const { code } = await (await request.get(`/api/v1/dev/otp?phone=${encodeURIComponent(e164)}`)).json();
  expect((await request.post('/api/v1/auth/verify', { data: { phone: e164, code } })).ok()).toBe(true);
}

/** Signs `page`'s browser in as new staff of `cooperative`, named `name` (by the API). */
async function signInNewStaff(page: Page, cooperative: string, name: string) {
  await signInByApi(page, newPhone().e164);
  const role = await page.context().request.put('/api/v1/me/role', {
    data: { role: 'coop_staff', cooperative_name: cooperative, name },
  });
  expect(role.ok()).toBe(true);
}

/** Goes to `href` inside the app (the router, no reload), as a link does: what the app keeps in memory stays. */
async function openInApp(page: Page, href: string) {
  await page.evaluate((href) => {
    history.pushState(null, '', href);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, href);
}

/**
 * From now on, records every time one of `words` is drawn in the page or
 * is in a field, even for one frame: what a list or a form shows before
 * its own data arrives counts too.
 */
async function watchFor(page: Page, words: string[]) {
  await page.evaluate((words) => {
    const seen: string[] = [];
    (window as any).__seen = seen;
    const check = (text: string | null | undefined) => {
      for (const word of words) if (text?.includes(word)) seen.push(`${word} on ${location.pathname}`);
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'characterData') check(record.target.textContent);
        record.addedNodes.forEach((node) => check(node.textContent));
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    const fields = () => {
      document.querySelectorAll<HTMLInputElement>('input, textarea').forEach((field) => check(field.value));
      requestAnimationFrame(fields);
    };
    fields();
  }, words);
}

/** What `watchFor` saw. */
async function seen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as any).__seen);
}

/** The localStorage keys holding `text`. */
async function keysHolding(page: Page, text: string): Promise<string[]> {
  return page.evaluate((text) => Object.keys(localStorage).filter((k) => (localStorage.getItem(k) ?? '').includes(text)), text);
}

/** The last code sent to `e164` (dev-api's dev endpoint). */
async function lastCode(page: Page, e164: string): Promise<string> {
  return (await (await page.context().request.get(`/api/v1/dev/otp?phone=${encodeURIComponent(e164)}`)).json()).code;
}

/** `0812…` as a person types it. */
function local(e164: string): string {
  return '0' + e164.slice(3);
}

test('staff add a member who reads out the code, work for them (wizard, a document, a product, a tender), and switching members carries nothing over', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const first = await newOwner(browser);
  const second = await newOwner(browser);
  // A number gets one code a minute: the members signed in just now, so
  // the invitation's code can go out a minute later.
  const codesAllowed = Date.now() + 62_000;
  await page.goto('/');
  await signInNewStaff(page, 'Koperasi Makmur Jaya', 'Rina');
  await page.goto('/');
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Anggota Koperasi Makmur Jaya' })).toBeVisible();
  await expect(page.getByText('Belum ada anggota yang terdaftar.')).toBeVisible();
  await expectNoAxeViolations(page);

  // Add the first member: the code they read out confirms the link.
  await page.getByRole('link', { name: 'Tambah anggota' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tambah anggota' })).toBeVisible();
  await page.getByRole('button', { name: 'Kirim undangan' }).click();
  await expect(page.getByRole('link', { name: 'Tulis nama pemilik usaha.' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Nama pemilik usaha').fill('Sari Wulandari');
  await page.getByLabel('Nomor HP pemilik').fill(local(first.e164));
  await page.waitForTimeout(Math.max(0, codesAllowed - Date.now()));
  await page.getByRole('button', { name: 'Kirim undangan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Konfirmasi anggota' })).toBeVisible();
  await page.getByLabel('Kode dari HP anggota').fill('000000');
  await page.getByRole('button', { name: 'Konfirmasi' }).click();
  await expect(page.getByText('Kode salah. Periksa lagi kode yang dibacakan anggota.')).toBeVisible();
  await page.getByLabel('Kode dari HP anggota').fill(await lastCode(page, first.e164));
  await page.getByRole('button', { name: 'Konfirmasi' }).click();
  await expect(page.getByText('Sari Wulandari sekarang anggota koperasi Anda.')).toBeVisible();
  await expectNoAxeViolations(page);

  // The second member is invited and confirms later (here: by the API).
  const request = page.context().request;
  const invited = await request.post('/api/v1/coop/members', {
    data: { phone: second.e164, owner_name: 'Budi Santoso', business_name: 'Tenun Budi' },
    headers: { 'Idempotency-Key': `invite-${second.e164}` },
  });
  expect(invited.ok()).toBe(true);
  const link = await invited.json();
  await page.getByRole('link', { name: /Kembali ke daftar anggota/ }).click();
  // Pending, it shows what staff typed; confirmed, what the member's profile says.
  await expect(page.getByRole('listitem').filter({ hasText: 'Tenun Budi' })).toContainText('Menunggu persetujuan anggota');
  const budi = page.getByRole('listitem').filter({ hasText: 'Budi Santoso' });
  const confirmed = await request.post(`/api/v1/coop/links/${link.link_id}/confirm`, {
    data: { code: await lastCode(page, second.e164) },
  });
  expect(confirmed.ok()).toBe(true);

  // The roster: each with its progress; searched in the address.
  await page.reload();
  const sari = page.getByRole('listitem').filter({ hasText: 'Sari Wulandari' });
  await expect(sari).toContainText('0 dari 4 langkah');
  await expectNoAxeViolations(page);
  await page.getByLabel('Cari anggota (nama, usaha, nomor HP)').pressSequentially('budi', { delay: 30 });
  await expect(page).toHaveURL(/\/members\?q=budi$/);
  await expect(page.getByRole('listitem').filter({ hasText: 'Sari Wulandari' })).toHaveCount(0);
  await expect(budi).toBeVisible();
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Members of Koperasi Makmur Jaya' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
  await page.goto('/members');

  // Work for the first: the banner names them; the wizard saves to them.
  await sari.getByRole('button', { name: /Bekerja untuk/ }).click();
  const banner = page.getByRole('region', { name: 'Bekerja untuk anggota' });
  await expect(banner).toContainText('Anda bekerja untuk:');
  await expect(page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/register/business');
  await fillBusiness(page);
  await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
  await expect(page).toHaveURL(/\/register\/owner$/);
  await expect(banner).toBeVisible();
  const saved = await (await first.request.get('/api/v1/supplier/business')).json();
  expect(saved.name).toBe('Keripik Bu Sari');
  // Typed but not saved: kept on this device under the first member only.
  await page.getByLabel('Nama pemilik').fill('Sari Draft');
  await expect.poll(() => keysHolding(page, 'Sari Draft')).toEqual([expect.stringContaining(`.s${first.supplierId}.`)]);

  // A document, a product and a saved tender for the first: theirs.
  await addDocument(page, { kind: 'NIB (Nomor Induk Berusaha)', number: '9120001234567', file: pdf(20_000) });
  await expect(banner).toContainText('Keripik Bu Sari');
  await page.goto('/products/new');
  await page.getByLabel('Nama produk').fill('Sambal Bu Sari');
  await page.getByLabel('Satuan', { exact: true }).selectOption({ label: 'pak' });
  await page.getByLabel('Harga per satuan').fill('15000');
  await page.getByRole('button', { name: 'Simpan produk' }).click();
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByRole('status').filter({ hasText: '«Sambal Bu Sari» disimpan.' })).toBeVisible();
  const tender = (await (await request.get('/api/v1/tenders?per_page=1')).json()).items[0];
  await page.goto(`/tenders/${tender.id}`);
  await page.getByRole('button', { name: 'Simpan tender' }).click();
  await expect(page.getByText('Tender disimpan.')).toBeVisible();
  const theirDocuments = (await (await first.request.get('/api/v1/documents')).json()).items;
  expect(theirDocuments.map((d: any) => [d.kind, d.number])).toEqual([['nib', '9120001234567']]);
  const theirProducts = (await (await first.request.get('/api/v1/products')).json()).items;
  expect(theirProducts.map((p: any) => p.name)).toEqual(['Sambal Bu Sari']);
  expect((await (await first.request.get(`/api/v1/tenders/${tender.id}`)).json()).saved).toBe(true);
  await first.page.goto('/products');
  await expect(first.page.getByRole('listitem').filter({ hasText: 'Sambal Bu Sari' })).toBeVisible();

  // Their lists seen in the app (kept in memory where the app keeps them),
  // and a product and a document typed but not saved (kept on the device).
  await openInApp(page, '/products');
  await expect(page.getByRole('listitem').filter({ hasText: 'Sambal Bu Sari' })).toBeVisible();
  await openInApp(page, '/documents');
  await expect(page.getByText('9120001234567')).toBeVisible();
  await openInApp(page, '/tenders/saved');
  await expect(page.getByRole('link', { name: tender.title })).toBeVisible();
  await openInApp(page, '/products/new');
  await page.getByLabel('Nama produk').fill('Rendang Draft Sari');
  await openInApp(page, '/documents/new');
  await page.getByLabel('Penerbit').fill('Dinkes Draft Sari');
  await openInApp(page, '/');
  for (const draft of ['Rendang Draft Sari', 'Dinkes Draft Sari']) {
    await expect.poll(() => keysHolding(page, draft)).toEqual([expect.stringContaining(`.s${first.supplierId}.`)]);
  }

  // Stop, then work for the second: nothing of the first on their pages.
  await banner.getByRole('button', { name: 'Selesai' }).click();
  await expect(page).toHaveURL(/\/members/);
  await expect(banner).toHaveCount(0);
  await budi.getByRole('button', { name: /Bekerja untuk/ }).click();
  await expect(banner).toContainText('Tenun Budi');
  await expect(page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();
  // The second's lists and forms, reached inside the app: nothing of the
  // first's is drawn or filled in, not even before their own data arrives.
  await watchFor(page, ['Sambal Bu Sari', '9120001234567', tender.title, 'Rendang Draft Sari', 'Dinkes Draft Sari', 'Keripik Bu Sari', 'Sari Draft']);
  await openInApp(page, '/products');
  await expect(page.getByRole('heading', { name: 'Katalog Anda masih kosong' })).toBeVisible();
  await openInApp(page, '/documents');
  await expect(page.getByText(/Belum ada sertifikat\./)).toBeVisible();
  await openInApp(page, '/tenders/saved');
  await expect(page.getByText(/Belum ada tender yang Anda simpan\./)).toBeVisible();
  await openInApp(page, '/products/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Tambah produk' })).toBeVisible();
  await expect(page.getByLabel('Nama produk')).toHaveValue('');
  await openInApp(page, '/documents/new');
  await expect(page.getByLabel('Penerbit')).toHaveValue('');
  await openInApp(page, '/register/owner');
  await expect(page.getByLabel('Nama pemilik')).toBeVisible();
  await openInApp(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();
  expect(await seen(page)).toEqual([]);
  // The first's unsaved product and document are still on the device,
  // under the first only.
  for (const draft of ['Rendang Draft Sari', 'Dinkes Draft Sari']) {
    expect(await keysHolding(page, draft)).toEqual([expect.stringContaining(`.s${first.supplierId}.`)]);
  }
  await page.goto('/register/business');
  await expect(page.getByLabel('NIB')).toHaveValue('');
  await expect(page.getByLabel('Nama usaha')).not.toHaveValue('Keripik Bu Sari');
  await page.goto('/register/owner');
  await expect(page.getByLabel('Nama pemilik')).not.toHaveValue('Sari Draft');
  const secondBusiness = await (await second.request.get('/api/v1/supplier/business')).json();
  expect(secondBusiness.nib ?? null).toBeNull();
  await banner.getByRole('button', { name: 'Selesai' }).click();
  await expect(page).toHaveURL(/\/members/);

  // The member sees on their own home what staff filled in for them.
  await first.page.goto('/');
  const trail = first.page.getByRole('region', { name: 'Diisi oleh staf koperasi' });
  for (const part of ['tender', 'produk', 'dokumen', 'profil usaha']) {
    await expect(trail.getByRole('listitem').filter({ hasText: new RegExp(`: ${part}$`) })).toHaveText(
      new RegExp(`^Diisi oleh Rina \\(Koperasi Makmur Jaya\\) pada \\d+ \\w+ \\d{4}: ${part}$`),
    );
  }
  await expectNoAxeViolations(first.page);

  await first.close();
  await second.close();
});

test('an owner opening the members page is told it is for cooperative staff', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  await page.goto('/members');
  await expect(page.getByRole('heading', { level: 1, name: 'Halaman ini untuk staf koperasi' })).toBeVisible();
  await expectNoAxeViolations(page);
  expect((await page.context().request.get('/api/v1/coop/members')).status()).toBe(403);
});

test('every staff page, and the member pages under the banner, have no accessibility violations in either language', async ({
  page,
}) => {
  // The seeded cooperative: its staff member Rina, and its member Siti Rahayu.
  await page.goto('/');
  await signInByApi(page, '+6281298765432');
  const languages = [
    {
      members: 'Anggota Koperasi Produsen Makmur Bantul',
      add: 'Tambah anggota',
      invite: 'Kirim undangan',
      missing: 'Tulis nama pemilik usaha.',
      back: /Kembali ke daftar anggota/,
      actFor: 'Bekerja untuk Siti Rahayu',
      banner: 'Bekerja untuk anggota',
      home: 'Pendaftaran pemasok Anda',
      business: 'Data usaha',
      stop: 'Selesai',
    },
    {
      members: 'Members of Koperasi Produsen Makmur Bantul',
      add: 'Add a member',
      invite: 'Send the invitation',
      missing: "Write the business owner's name.",
      back: /Back to the members/,
      actFor: 'Work for Siti Rahayu',
      banner: 'Working for a member',
      home: 'Your supplier registration',
      business: 'About your business',
      stop: 'Done',
    },
  ];
  for (const [index, words] of languages.entries()) {
    if (index === 1) {
      await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
      await expect(page.getByRole('heading', { level: 1, name: words.members })).toBeVisible();
    }
    await page.goto('/members');
    await expect(page.getByRole('heading', { level: 1, name: words.members })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Siti Rahayu' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: words.add }).click();
    await expect(page.getByRole('heading', { level: 1, name: words.add })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: words.invite }).click();
    await expect(page.getByRole('link', { name: words.missing })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: words.back }).click();

    await page.getByRole('listitem').filter({ hasText: 'Siti Rahayu' }).getByRole('button', { name: words.actFor }).click();
    const banner = page.getByRole('region', { name: words.banner });
    await expect(banner).toContainText('Siti Rahayu');
    await expect(page.getByRole('heading', { level: 1, name: words.home })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/register/business');
    await expect(page.getByRole('heading', { level: 1, name: words.business })).toBeVisible();
    await expect(banner).toBeVisible();
    await expectNoAxeViolations(page);
    await banner.getByRole('button', { name: words.stop }).click();
    await expect(page.getByRole('heading', { level: 1, name: words.members })).toBeVisible();
  }
});

test('staff who gave no name are asked it on the roster, in either language, once', async ({ page }) => {
  // An account made before staff were asked their name with the role.
  await page.goto('/');
  await signInByApi(page, newPhone().e164);
  const request = page.context().request;
  const role = await request.put('/api/v1/me/role', { data: { role: 'coop_staff', cooperative_name: 'Koperasi Tanpa Nama' } });
  expect(role.ok()).toBe(true);
  await page.goto('/members');
  const ask = page.getByRole('region', { name: 'Tulis nama Anda' });
  await expect(ask).toContainText('Tanpa nama, mereka hanya melihat nomor HP Anda yang disamarkan.');
  await ask.getByRole('button', { name: 'Simpan nama' }).click();
  await expect(ask.getByText('Masukkan nama Anda')).toBeVisible();
  await expect(ask.getByLabel('Nama Anda')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  expect((await (await request.get('/api/v1/me')).json()).name).toBeNull();

  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  const askInEnglish = page.getByRole('region', { name: 'Write your name' });
  await expect(askInEnglish).toBeVisible();
  await expectNoAxeViolations(page);
  await askInEnglish.getByLabel('Your name').fill('Dewi');
  await askInEnglish.getByRole('button', { name: 'Save the name' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your name is saved. Members see what you fill in as filled in by Dewi.' })).toBeVisible();
  await expect(askInEnglish).toHaveCount(0);
  expect((await (await request.get('/api/v1/me')).json()).name).toBe('Dewi');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Members of Koperasi Tanpa Nama' })).toBeVisible();
  // Loaded (the roster's answer is here), and not asked again.
  await expect(page.getByText('No members are registered yet.')).toBeVisible();
  await expect(askInEnglish).toHaveCount(0);
});
