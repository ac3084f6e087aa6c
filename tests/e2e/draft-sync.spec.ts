import { test, expect } from './fixtures';
import { newPhone, signInNewOwner } from './support';
import type { Page } from '@playwright/test';

/** Signs a new person in through the API, without choosing a role yet; their user id. */
async function signInWithoutRole(page: Page): Promise<number> {
  const { e164 } = newPhone();
  const request = page.context().request;
  expect((await request.post('/api/v1/auth/otp', { data: { phone: e164, channel: 'sms' } })).status()).toBe(202);
  const { code } = await (await request.get(`/api/v1/dev/otp?phone=${encodeURIComponent(e164)}`)).json();
  const me = await (await request.post('/api/v1/auth/verify', { data: { phone: e164, code } })).json();
  expect(me.role).toBeNull();
  return me.user_id;
}

test('answers kept on the device before the person had a supplier reach the server once they have one', async ({ page }) => {
  const userId = await signInWithoutRole(page);
  await page.goto('/');
  // Typed into the owner step while the role's save had not come back: the
  // device kept it under the person (no supplier to key it by yet).
  const personKey = `rantai.u${userId}.profile.owner`;
  await page.evaluate(
    ([key, record]) => localStorage.setItem(key, record),
    [personKey, JSON.stringify({ values: { name: 'Sari Wulandari', nik: '3402014508850001' }, etag: '', base: {}, dirty: true, theirs: null, edited_ms: Date.now() })],
  );

  // The role is saved; the next time the app starts it has a supplier, and
  // the step shows what was typed.
  const chosen = await page.request.put('/api/v1/me/role', { data: { role: 'supplier' } });
  expect(chosen.status()).toBe(200);
  const { supplier_id: supplierId } = await chosen.json();
  await page.goto('/register/owner');
  await expect(page.getByLabel('Nama pemilik')).toHaveValue('Sari Wulandari');
  await expect(page.getByLabel('NIK')).toHaveValue('3402014508850001');

  // The draft moved to the supplier's key (one copy, nothing left behind)
  // and is sent from there.
  const supplierKey = `rantai.u${userId}.s${supplierId}.profile.owner`;
  const onDevice = () =>
    page.evaluate(
      ([person, supplier]) => [localStorage.getItem(person), JSON.parse(localStorage.getItem(supplier) ?? 'null')?.dirty],
      [personKey, supplierKey],
    );
  await expect.poll(onDevice, { timeout: 20_000 }).toEqual([null, false]);
  const owner = await (await page.request.get('/api/v1/supplier/owner')).json();
  expect(owner).toMatchObject({ name: 'Sari Wulandari', nik: '3402014508850001' });
});

test('a save the server does not accept is never shown as saved or queued, and the step stays', async ({ page }) => {
  await signInNewOwner(page);
  await page.route('**/api/v1/supplier/owner', (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({
          status: 403,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403 }),
        })
      : route.continue(),
  );
  await page.goto('/register/owner');
  await page.getByLabel('Nama pemilik').fill('Sari Wulandari');
  await page.getByLabel('NIK').fill('3402014508850001');
  await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();

  const status = page.getByRole('status').filter({ hasText: /^Tersimpan di perangkat ini/ });
  await expect(status).toHaveText('Tersimpan di perangkat ini saja. Server tidak menerima jawaban ini, jadi belum terkirim.');
  await expect(status).not.toHaveText(/koneksi/);
  await expect(page.getByRole('heading', { level: 1, name: 'Data pemilik' })).toBeVisible();

  // Nothing typed is lost: a reload reopens the step with it, and once the
  // server accepts, one press saves and moves on.
  await page.reload();
  await expect(page.getByLabel('Nama pemilik')).toHaveValue('Sari Wulandari');
  await page.unroute('**/api/v1/supplier/owner');
  await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alamat usaha' })).toBeVisible();
  const owner = await (await page.request.get('/api/v1/supplier/owner')).json();
  expect(owner).toMatchObject({ name: 'Sari Wulandari', nik: '3402014508850001' });
});

test.describe('answers queued on the device', () => {
  // The cut-off saves are the test: Chromium reports them.
  test.use({ expectedConsoleErrors: /net::ERR_INTERNET_DISCONNECTED|Failed to fetch/ });

  test('reach the server from home, without the wizard being opened again', async ({ page }) => {
    await signInNewOwner(page);
    await page.route('**/api/v1/supplier/owner', (route) =>
      route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.goto('/register/owner');
    await page.getByLabel('Nama pemilik').fill('Sari Wulandari');
    await page.getByLabel('NIK').fill('3402014508850001');
    await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    // Kept on the device, not sent.
    const queued = () =>
      page.evaluate(() =>
        Object.keys(localStorage).some((key) => {
          const record = JSON.parse(localStorage.getItem(key) ?? 'null');
          return key.endsWith('.profile.owner') && record?.dirty && record.values?.name === 'Sari Wulandari';
        }),
      );
    await expect.poll(queued).toBe(true);

    // The tab is closed; the connection comes back; the person next opens
    // only home.
    await page.goto('about:blank');
    await page.unroute('**/api/v1/supplier/owner');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();
    await expect
      .poll(async () => (await (await page.request.get('/api/v1/supplier/owner')).json()).name, { timeout: 20_000 })
      .toBe('Sari Wulandari');
    const owner = await (await page.request.get('/api/v1/supplier/owner')).json();
    expect(owner).toMatchObject({ name: 'Sari Wulandari', nik: '3402014508850001' });
  });
});
