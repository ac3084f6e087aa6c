import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { test, expect, expectNoAxeViolations } from './fixtures';
import { signInNewOwner } from './support';
import type { Page } from '@playwright/test';

// The service worker (public/sw.js). Every other spec blocks it
// (playwright.config.ts), so that they see the app's own requests; here it
// runs as it does for a person.
test.use({ serviceWorkers: 'allow' });

type Build = { version: string; shell: string[]; chunks: string[] };

/** The reference lists the worker keeps for everyone (public/sw.js). */
const REFERENCE_LISTS = ['provinces', 'banks', 'product-categories'].map((list) => `/api/v1/reference/${list}`);

/** What the build's worker keeps: its BUILD line. */
async function buildOf(page: Page, origin = ''): Promise<Build> {
  const worker = await (await page.context().request.get(`${origin}/sw.js`)).text();
  return JSON.parse(worker.match(/\/\* BUILD \*\/ (\{.*\});\n/)![1]);
}

/** Waits until the worker controls the page and keeps every file of `build`. */
async function keepsEverything(page: Page, build: Build) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect
    .poll(
      () =>
        page.evaluate(async (files) => {
          const missing = [];
          for (const file of files) if (!(await caches.match(file))) missing.push(file);
          return missing;
        }, [...build.shell, ...build.chunks, ...REFERENCE_LISTS]),
      { timeout: 60_000 },
    )
    .toEqual([]);
}

/** Every URL the worker's caches hold. */
async function keptUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
}

test.describe('with no connection', () => {
  // Chromium reports each request the offline page could not send (through
  // the worker, which could not either: ERR_FAILED).
  test.use({ expectedConsoleErrors: /net::ERR_INTERNET_DISCONNECTED|net::ERR_FAILED|Failed to fetch/ });

  test('the app opens, the wizard and a product form keep what is typed, and it reaches the server when the connection returns', async ({ page, context }) => {
    test.setTimeout(120_000);
    await signInNewOwner(page);
    await page.goto('/register/owner');
    await expect(page.getByRole('heading', { level: 1, name: 'Data pemilik' })).toBeVisible();
    await keepsEverything(page, await buildOf(page));

    // Offline, a reload opens the same step: the shell, the wizard's code and
    // who is signed in all come from this device.
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Data pemilik' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Anda sedang offline' })).toBeVisible();
    await page.getByLabel('Nama pemilik').fill('Sari Wulandari');
    await page.getByLabel('NIK').fill('3402014508850001');
    await page.getByLabel('Email (tidak wajib)').fill('sari@warung.id');
    await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    // The next step, its provinces from the device; the owner's step says
    // its answers wait for the connection.
    await expect(page.getByRole('heading', { level: 1, name: 'Alamat usaha' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Provinsi', exact: true }).getByRole('radio').first()).toBeVisible();
    await page.getByRole('link', { name: /Pemilik/ }).click();
    await expect(page.getByText(/Belum terkirim karena koneksi/)).toBeVisible();
    await expect(page.getByLabel('NIK')).toHaveValue('3402014508850001');
    await expectNoAxeViolations(page);

    // A product's form opens offline too, with its lists, and keeps what is
    // typed across another reload.
    await page.goto('/products/new');
    await page.getByLabel('Nama produk').fill('Keripik tempe 250 gram');
    await page.getByLabel('Kategori').selectOption({ label: 'Makanan dan minuman' });
    await page.reload();
    await expect(page.getByLabel('Nama produk')).toHaveValue('Keripik tempe 250 gram');
    await expect(page.getByLabel('Kategori')).toHaveValue(/.+/);

    // Back online: the owner's answers reach the server by themselves. A
    // send that leaves just as the connection returns may stall until its
    // time limit (20 s) before it is sent again: a minute is the bound.
    await context.setOffline(false);
    await expect
      .poll(async () => (await (await page.request.get('/api/v1/supplier/owner')).json()).name, { timeout: 60_000 })
      .toBe('Sari Wulandari');
    expect(await (await page.request.get('/api/v1/supplier/owner')).json()).toMatchObject({
      nik: '3402014508850001',
      email: 'sari@warung.id',
    });

    // Nothing personal was ever kept by the worker: only the app's files
    // and the reference lists.
    const urls = await keptUrls(page);
    expect(urls.filter((url) => url.startsWith('/api/') && !url.startsWith('/api/v1/reference/'))).toEqual([]);
    expect(urls).toContain('/api/v1/reference/product-categories');
  });
});

test.describe('a new version', () => {
  // The test's own server stops and starts again with the new version.
  test.use({ expectedConsoleErrors: /net::ERR_CONNECTION_REFUSED|Failed to fetch/ });

  const port = Number(process.env.RANTAI_E2E_PORT ?? 8090) + 7;
  const origin = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let folder: string;

  /** dev-api serving `site` on this test's port, with one database throughout. */
  async function serve(site: string) {
    server?.kill();
    await new Promise((resolve) => setTimeout(resolve, 300));
    server = spawn('target/release/dev-api', ['--port', String(port), '--dev', '--db', path.join(folder, 'db.sqlite'), '--static', site], {
      stdio: 'ignore',
    });
    // It compresses every file of the build first: seconds on a busy machine.
    for (let i = 0; i < 600; i++) {
      const up = await fetch(`${origin}/index.html`).then((r) => r.ok, () => false);
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('dev-api did not start');
  }

  test.beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rantai-update-'));
  });
  test.afterAll(() => {
    server?.kill();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('is announced, and code never changes under a half-filled form until the person reloads', async ({ page }) => {
    test.setTimeout(120_000);
    // This build, and the next: the same app with a changed worker.
    const now = path.join(folder, 'now');
    const next = path.join(folder, 'next');
    fs.cpSync('dist', now, { recursive: true });
    fs.cpSync('dist', next, { recursive: true });
    const worker = fs.readFileSync(path.join(next, 'sw.js'), 'utf8');
    fs.writeFileSync(path.join(next, 'sw.js'), worker.replace(/"version":"([0-9a-f]+)"/, '"version":"$1-next"'));
    await serve(now);

    await page.goto(`${origin}/`);
    await signInNewOwner(page, origin);
    await page.goto(`${origin}/register/owner`);
    const build = await buildOf(page, origin);
    await keepsEverything(page, build);
    await page.getByLabel('Nama pemilik').fill('Sari Wulandari');

    // The next version is deployed; the browser finds it on the next visit.
    await serve(next);
    await page.reload();
    await expect(page.getByLabel('Nama pemilik')).toHaveValue('Sari Wulandari');
    const banner = page.getByRole('status').filter({ hasText: 'Versi baru Rantai sudah siap' });
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expectNoAxeViolations(page);
    // Still this version, and the form as it was, until the person chooses:
    // the new worker waits.
    await page.getByLabel('NIK').fill('3402014508850001');
    // (Asked again while the page reloads: the question then has no answer.)
    const waiting = () =>
      page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null).catch(() => undefined);
    expect(await waiting()).toBe(true);
    await page.waitForTimeout(1_000);
    expect(await waiting()).toBe(true);
    await expect(page.getByLabel('NIK')).toHaveValue('3402014508850001');

    await banner.getByRole('button', { name: 'Muat ulang' }).click();
    // The page reloads into the new version, which now runs it; the old
    // version's files stay for a tab that still runs it.
    await expect.poll(waiting).toBe(false);
    await expect(page.getByLabel('Nama pemilik')).toHaveValue('Sari Wulandari');
    expect(await page.evaluate(() => caches.keys())).toEqual(
      expect.arrayContaining([`rantai-app-${build.version}`, `rantai-app-${build.version}-next`]),
    );
    await expect(page.getByLabel('NIK')).toHaveValue('3402014508850001');
    await expect(banner).toBeHidden();
  });
});
