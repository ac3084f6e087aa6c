import { test, expect, expectNoAxeViolations } from './fixtures';
import { newPhone, otpFor, signInNewOwner } from './support';
import type { Page } from '@playwright/test';

// An office computer many people use: what one person leaves behind, and
// whether the next one is ever shown as them.

/** Every key Rantai has in local and session storage, sorted. */
function rantaiKeys(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((key) => key.startsWith('rantai')).sort(),
  );
}

/** The profile sections the page saves from now on (their URLs). */
function sectionSaves(page: Page): string[] {
  const saved: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().includes('/api/v1/supplier/')) saved.push(request.url());
  });
  return saved;
}

const PENDING = 'Anda sudah keluar di perangkat ini; server belum mengonfirmasi — kami coba lagi.';

test.describe('sign-out the server cannot confirm', () => {
  // The aborted logout requests are the test.
  test.use({ expectedConsoleErrors: /net::ERR_FAILED/ });

  test('wipes the device at once, says the server has not confirmed, and the next visitor is never signed in as them', async ({
    page,
  }) => {
    const context = page.context();
    await signInNewOwner(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();

    // dev-api cannot be reached at the moment of sign-out.
    await context.route('**/api/v1/auth/logout', (route) => route.abort());
    await page.getByRole('button', { name: 'Keluar' }).click();
    await expect(page.getByRole('status').filter({ hasText: PENDING })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Masuk dengan nomor HP' })).toBeVisible();
    expect(await rantaiKeys(page)).toEqual(['rantai.signout']);
    // Which is why it says so: the server's session still lives.
    expect((await context.request.get('/api/v1/me')).status()).toBe(200);
    await expectNoAxeViolations(page);

    // The next person opens the app while the server is still unreachable:
    // nobody is shown signed in, and the app never asks who is.
    const next = await context.newPage();
    const askedWho: string[] = [];
    next.on('request', (request) => {
      if (/\/api\/v1\/(me|auth\/session)\b/.test(request.url())) askedWho.push(request.url());
    });
    await next.goto('/');
    await expect(next.getByRole('status').filter({ hasText: PENDING })).toBeVisible();
    await expect(next.getByRole('link', { name: 'Masuk dengan nomor HP' })).toBeVisible();
    await next.goto('/register/owner');
    await expect(next).toHaveURL(/\/login\?next=/);
    await expect(next.getByRole('heading', { level: 1, name: 'Masuk ke Rantai' })).toBeVisible();
    await expect(next.getByRole('button', { name: 'Keluar' })).toHaveCount(0);
    expect(askedWho).toEqual([]);
    await next.close();

    // The connection is back: a fresh page ends the session first, then
    // finds nobody signed in.
    await context.unroute('**/api/v1/auth/logout');
    const later = await context.newPage();
    await later.goto('/register/owner');
    await expect(later.getByRole('heading', { level: 1, name: 'Masuk ke Rantai' })).toBeVisible();
    await expect.poll(async () => (await context.request.get('/api/v1/me')).status()).toBe(401);
    await expect.poll(() => rantaiKeys(later)).toEqual([]);
    await expect(later.getByRole('status').filter({ hasText: PENDING })).toHaveCount(0);
    await expect(later.getByRole('button', { name: 'Keluar' })).toHaveCount(0);
    await later.close();

    // The page where it was pressed stops saying it is waiting (another
    // page finished the sign-out: the marker is gone).
    await expect(page.getByRole('status').filter({ hasText: PENDING })).toHaveCount(0, { timeout: 40_000 });
  });
});

test('after a session ended, "not you?" signs out and wipes this device, typed identifiers included', async ({ page }) => {
  await signInNewOwner(page);
  await page.goto('/register/owner');
  await page.getByLabel('Nama pemilik').fill('Sari Wulandari');
  await page.getByLabel('NIK').fill('3402014508850001');
  await expect
    .poll(async () => (await rantaiKeys(page)).filter((key) => key.endsWith('.profile.owner')).length)
    .toBe(1);

  // The session ends on the server while the form is open; the next save asks to sign in again.
  await page.request.post('/api/v1/auth/logout');
  await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sesi Anda sudah berakhir' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);

  await dialog.getByRole('button', { name: 'Bukan Anda? Keluar dan hapus data di perangkat ini' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Masuk ke Rantai' })).toBeVisible();
  await expect(page.getByLabel('Nomor HP')).toHaveValue('');
  await expect.poll(() => rantaiKeys(page)).toEqual([]);
  await expectNoAxeViolations(page);

  // The next person signs in here: the first one's save that waited for a
  // sign-in is never sent with their session.
  const sections = sectionSaves(page);
  const { typed, e164 } = newPhone();
  await page.getByLabel('Nomor HP').fill(typed);
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  await page.getByLabel('Kode 6 angka').fill(await otpFor(page, e164));
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anda mendaftar sebagai apa?' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(sections).toEqual([]);
});

test('drafts past their time are dropped when the app starts; copies of what the server has go with the session', async ({
  page,
}) => {
  await page.goto('/');
  const store = (entries: [string, number, boolean][]) =>
    page.evaluate(
      ([entries, now]) => {
        localStorage.setItem('rantai.owner', '999999');
        for (const [name, daysAgo, dirty] of entries as [string, number, boolean][]) {
          const record = { values: { nik: '3402014508850001' }, etag: '"1"', base: {}, dirty, theirs: null };
          const editedMs = (now as number) - daysAgo * 86_400_000;
          localStorage.setItem(`rantai.u999999.s5.${name}`, JSON.stringify({ ...record, edited_ms: editedMs }));
        }
      },
      [entries, Date.now()] as const,
    );
  await store([
    ['profile.owner', 8, true], // unsent, typed 8 days ago
    ['profile.bank', 1, true], // unsent, typed yesterday
    ['profile.address', 0, false], // the server has it
  ]);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Masuk dengan nomor HP' })).toBeVisible();
  // Nobody is signed in (the server said so): only the unsent, recent draft stays.
  await expect.poll(() => rantaiKeys(page)).toEqual(['rantai.owner', 'rantai.u999999.s5.profile.bank']);

  // A week later it goes too, and with it whose data this was.
  await store([['profile.bank', 7, true]]);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Masuk dengan nomor HP' })).toBeVisible();
  await expect.poll(() => rantaiKeys(page)).toEqual([]);
});

test('signing out in one tab signs the other tabs out, and what they hold is never sent for the next person', async ({
  page,
  context,
}) => {
  await signInNewOwner(page);
  await page.goto('/register/owner');
  await page.getByLabel('Nama pemilik').fill('Sari Wulandari');
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();

  const sections = sectionSaves(page);
  await other.getByRole('button', { name: 'Keluar' }).click();
  await expect(other.getByRole('link', { name: 'Masuk dengan nomor HP' })).toBeVisible();

  // The first tab shows nobody signed in and leaves the wizard.
  await expect(page.getByRole('button', { name: 'Keluar' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Masuk ke Rantai' })).toBeVisible();
  await expect.poll(() => rantaiKeys(page)).toEqual([]);
  expect(sections).toEqual([]);
  await other.close();
});
