import { test, expect, expectNoAxeViolations } from './fixtures';
import { newPhone, signInNewOwner } from './support';
import { request as playwrightRequest } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';

/** New cooperative staff, signed in on a browser of their own (their own cookies). */
async function newStaff(baseURL: string, cooperative: string): Promise<APIRequestContext> {
  const staff = await playwrightRequest.newContext({ baseURL });
  const { e164 } = newPhone();
  expect((await staff.post('/api/v1/auth/otp', { data: { phone: e164, channel: 'sms' } })).status()).toBe(202);
  const { code } = await (await staff.get(`/api/v1/dev/otp?phone=${encodeURIComponent(e164)}`)).json();
  expect((await staff.post('/api/v1/auth/verify', { data: { phone: e164, code } })).ok()).toBe(true);
  const role = await staff.put('/api/v1/me/role', { data: { role: 'coop_staff', cooperative_name: cooperative } });
  expect(role.ok()).toBe(true);
  return staff;
}

test('a cooperative that asks to support an owner waits for the owner to approve, and the owner can end it', async ({
  page,
  baseURL,
}) => {
  const { e164, supplierId } = await signInNewOwner(page);
  const staff = await newStaff(baseURL!, 'Koperasi Maju Bersama');
  const invited = await staff.post('/api/v1/coop/members', {
    data: { phone: e164, owner_name: 'Sari Wulandari' },
    headers: { 'Idempotency-Key': `invite-${e164}` },
  });
  expect(invited.ok()).toBe(true);
  const actFor = () => staff.put('/api/v1/coop/acting', { data: { supplier_id: supplierId } });
  expect((await actFor()).status()).toBe(403);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Pendaftaran pemasok Anda' })).toBeVisible();
  const links = page.getByRole('region', { name: 'Pendampingan koperasi' });
  const asking = links.getByRole('listitem').filter({ hasText: 'Koperasi Maju Bersama ingin mendampingi Anda' });
  await expect(asking).toContainText('termasuk NIK dan rekening bank');
  await expectNoAxeViolations(page);

  await asking.getByRole('button', { name: 'Setujui' }).click();
  const supporting = links.getByRole('listitem').filter({ hasText: 'Didampingi oleh Koperasi Maju Bersama' });
  await expect(supporting).toBeVisible();
  await expect(links.getByRole('button', { name: 'Setujui' })).toHaveCount(0);
  expect((await actFor()).status()).toBe(200);
  await expectNoAxeViolations(page);

  // It stays after a reload, in English too.
  await page.reload();
  await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Supported by Koperasi Maju Bersama' })).toBeVisible();
  await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();

  await supporting.getByRole('button', { name: 'Akhiri' }).click();
  await expect(links).toHaveCount(0);
  expect((await actFor()).status()).toBe(403);
  await staff.dispose();
});
