import { test, expect, expectNoAxeViolations } from './fixtures';
import { fillOwner, signInNewOwner } from './support';
import type { Page } from '@playwright/test';

// The release build is split: the shell first, then each area's code the
// first time the area is opened: its pack (`pack_<area>-<hash>.bin`, the
// area's own chunk and the chunks it shares, as one download), or, when
// another area brought most of the shared ones, its own chunk
// (`split_<area>-<hash>.wasm`) and the few missing ones.

/** The paths of the areas' code files (chunks and packs) the page fetches from now on. */
function codeRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/\/(split|chunk|pack)_\w+-[0-9a-f]{16}\.(wasm|bin)$/.test(path)) paths.push(path);
  });
  return paths;
}

// The wizard's code: a chunk (and pack) per step.
const REGISTER_CHUNK = /\/(split|pack)_register_\w+-[0-9a-f]{16}\.(wasm|bin)$/;

/** Signs a new owner in, as the app does: this device then knows them (`rantai.me`). */
async function signInOnThisDevice(page: Page) {
  await signInNewOwner(page);
  await page.goto('/tenders');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('rantai.me'))).not.toBeNull();
  // Gone, so that nothing it fetches ahead is counted for the next page.
  await page.goto('about:blank');
}

test('the code of the page opened is sent for as the loader starts, before the app asks who is signed in', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/^\/pack_\w+-[0-9a-f]{16}\.bin$|^\/api\/v1\/auth\/session$/.test(path)) asked.push(path.replace(/-[0-9a-f]{16}\.bin$/, ''));
  });
  /** The packs `path` sends for before the app's first question to the API. */
  async function beforeTheApp(path: string) {
    // The page before is gone first: what it fetched ahead is not counted.
    await page.goto('about:blank');
    asked.length = 0;
    await page.goto(path);
    await expect.poll(() => asked.includes('/api/v1/auth/session')).toBe(true);
    return asked.slice(0, asked.indexOf('/api/v1/auth/session'));
  }
  // A visitor: the page's own area, or sign-in where the page needs a session.
  expect(await beforeTheApp('/tenders')).toEqual(['/pack_tenders']);
  expect(await beforeTheApp('/products/new')).toEqual(['/pack_sign_in']);
  await expect(page.getByRole('heading', { level: 1, name: 'Masuk ke Rantai' })).toBeVisible();
  // Someone this device knows as signed in: the page's own area.
  await signInOnThisDevice(page);
  expect(await beforeTheApp('/products/new')).toEqual(['/pack_product']);
  await expect(page.getByRole('heading', { level: 1, name: 'Tambah produk' })).toBeVisible();
  expect(await beforeTheApp('/documents/new')).toEqual(['/pack_document']);
  expect(await beforeTheApp('/register/bank')).toEqual(['/pack_register_bank']);
  await expect(page.getByText('Langkah 4 dari 5')).toBeVisible();
});

test('a cold deep link into the wizard loads the shell and the wizard before any sign-in code', async ({ page }) => {
  await signInOnThisDevice(page);
  const fetched = codeRequests(page);
  await page.goto('/register/owner');
  await expect(page.getByRole('heading', { level: 1, name: 'Data pemilik' })).toBeVisible();
  await expect(page.getByText('Langkah 2 dari 5')).toBeVisible();
  // The wizard's code came first; sign-in's (prefetched once a page is shown,
  // for the session dialog) never before it.
  // One download brought the wizard's code: its pack, not dozens of chunks.
  expect(fetched[0]).toMatch(/\/pack_register_owner-[0-9a-f]{16}\.bin$/);
  expect(fetched.some((path) => /\/split_register_owner-/.test(path))).toBe(false);
  const register = fetched.findIndex((path) => REGISTER_CHUNK.test(path));
  const signIn = fetched.findIndex((path) => /\/(split|pack)_sign_in-/.test(path));
  expect(register).toBeGreaterThanOrEqual(0);
  expect(signIn === -1 || signIn > register).toBe(true);
  await expectNoAxeViolations(page);
});

test('from home the wizard opens from the task list, its code fetched while the person reads', async ({ page }) => {
  await signInNewOwner(page);
  const fetched = codeRequests(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();
  // Prefetched once the browser is idle, before anything is tapped.
  await expect.poll(() => fetched.some((path) => REGISTER_CHUNK.test(path))).toBe(true);
  await page.getByRole('link', { name: 'Profil usaha' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Data usaha' })).toBeVisible();
  await expect(page.getByText('Langkah 1 dari 5')).toBeVisible();
});

test.describe('a chunk that does not arrive', () => {
  // Chromium and the chunk loader both report the failed fetch; that is the test.
  test.use({ expectedConsoleErrors: /net::ERR_INTERNET_DISCONNECTED|Failed to fetch/ });

  test('says so in the page, comes on "Coba lagi", and keeps what was typed', async ({ page }) => {
    await signInNewOwner(page);
    await page.goto('/register/business');
    await page.getByLabel('Nama usaha').fill('Keripik Bu Sari');
    // Written to the device a moment after typing pauses.
    await expect
      .poll(() =>
        page.evaluate(() =>
          Object.keys(localStorage).some((key) => (localStorage.getItem(key) ?? '').includes('Keripik Bu Sari')),
        ),
      )
      .toBe(true);

    // The next load of the wizard's code fails once (routing also turns off the cache).
    let failures = 0;
    await page.route(REGISTER_CHUNK, (route) =>
      failures++ === 0 ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Halaman ini belum bisa dimuat' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Kami mencoba lagi sendiri');
    // The shell is alive: the header and the language switch still work.
    await expect(page.getByRole('button', { name: /English/ })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Coba lagi' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Data usaha' })).toBeVisible();
    await expect(page.getByLabel('Nama usaha')).toHaveValue('Keripik Bu Sari');
  });

  test('a part of a page (a product\'s photos) says so in its place while the fields go on working, and comes on "Coba lagi"', async ({
    page,
  }) => {
    await signInNewOwner(page);
    // The photos' code comes after the product's fields, as a pack or as
    // its own chunk; its first load fails.
    let failures = 0;
    await page.route(/\/(split|pack)_photos-[0-9a-f]{16}\.(wasm|bin)$/, (route) =>
      failures++ === 0 ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.goto('/products/new');
    await expect(page.getByRole('heading', { level: 1, name: 'Tambah produk' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Bagian ini belum bisa dimuat');
    await page.getByLabel('Nama produk').fill('Keripik Tempe');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Coba lagi' }).click();
    await expect(page.getByText('Ambil foto dengan kamera')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByLabel('Nama produk')).toHaveValue('Keripik Tempe');
    expect(failures).toBe(2);
  });

  test('a save pressed before the code that sends it has come stays on the device, says so, and reaches the server by itself', async ({
    page,
  }) => {
    await signInNewOwner(page);
    // The draft sync's sending half (`draft_send`) comes after the page;
    // until let through, it cannot arrive.
    let blocked = true;
    let refused = 0;
    await page.route(/\/(split|pack)_draft_send-[0-9a-f]{16}\.(wasm|bin)$/, (route) => {
      if (!blocked) return route.continue();
      refused++;
      return route.abort('internetdisconnected');
    });
    const ownerName = async () => {
      const owner = await page.request.get('/api/v1/supplier/owner');
      return owner.ok() ? ((await owner.json()).name ?? null) : null;
    };
    await page.goto('/register/owner');
    await expect(page.getByRole('heading', { level: 1, name: 'Data pemilik' })).toBeVisible();
    await fillOwner(page);
    await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    // Kept on the device, the step moves on as after a save cut off.
    await expect(page.getByRole('heading', { level: 1, name: 'Alamat usaha' })).toBeVisible();
    expect(refused).toBeGreaterThan(0);
    expect(await ownerName()).not.toBe('Sari Wulandari');
    await page.getByRole('link', { name: /Pemilik/ }).click();
    await expect(page.getByText(/Belum terkirim karena koneksi/)).toBeVisible();
    await expect(page.getByLabel('NIK')).toHaveValue('3402014508850001');
    await expectNoAxeViolations(page);

    // The code comes on a later try (every few seconds), and the answers
    // with it.
    blocked = false;
    await expect.poll(ownerName, { timeout: 30_000 }).toBe('Sari Wulandari');
    await expect(page.getByText('Tersimpan.', { exact: true })).toBeVisible();
  });

  test('comes by itself when the connection returns', async ({ page }) => {
    await signInNewOwner(page);
    // No wizard code can arrive while "offline" (the idle prefetch included).
    let offline = true;
    await page.route(REGISTER_CHUNK, (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
    await page.goto('/');
    // The task list is on the page before the connection goes.
    const profile = page.getByRole('link', { name: 'Profil usaha' });
    await expect(profile).toBeVisible();
    await page.context().setOffline(true);
    await profile.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Halaman ini belum bisa dimuat' })).toBeVisible();

    offline = false;
    await page.context().setOffline(false);
    await expect(page.getByRole('heading', { level: 1, name: 'Data usaha' })).toBeVisible();
  });
});
