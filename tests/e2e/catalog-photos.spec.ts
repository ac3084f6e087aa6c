import { test, expect, expectNoAxeViolations, DROPS } from './fixtures';
import { phonePhoto, signInNewOwner } from './support';
import type { Page } from '@playwright/test';

/** A photo's size and bytes as dev-api stored them. */
async function stored(page: Page, origin: string, uploadId: string) {
  return page.evaluate(async (url) => {
    const blob = await (await fetch(url)).blob();
    const bitmap = await createImageBitmap(blob);
    return { bytes: blob.size, width: bitmap.width, height: bitmap.height, type: blob.type };
  }, `${origin}/api/v1/uploads/${uploadId}/file`);
}

async function productsOn(page: Page, origin = '') {
  const response = await page.context().request.get(`${origin}/api/v1/products`);
  expect(response.ok()).toBe(true);
  return (await response.json()).items as any[];
}

test('a product gets two phone photos, each sent at most 400 KB and 1600 px', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  await page.goto('/products/new');
  await page.getByLabel('Nama produk').fill('Tas anyaman pandan');
  await page.getByLabel('Satuan', { exact: true }).selectOption({ label: 'pcs / buah' });
  await page.getByLabel('Harga per satuan').fill('85000');
  for (const hue of [30, 200]) {
    const buffer = await phonePhoto(page, hue);
    expect(buffer.length).toBeGreaterThan(1_000_000);
    await page.getByLabel('Pilih foto dari galeri').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer });
  }
  const photos = page.getByRole('group', { name: 'Foto' });
  await expect(photos.getByRole('img', { name: /Foto \d/ })).toHaveCount(2, { timeout: 30_000 });
  await expect(photos.getByText('Foto utama', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Simpan produk' }).click();
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByText('Lengkap').first()).toBeVisible();
  // The card's thumbnail (decorative: the name is beside it) has loaded.
  const thumbnail = page.locator('.product-card img').first();
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeLessThanOrEqual(320);

  const [product] = await productsOn(page);
  expect(product.photo_upload_ids).toHaveLength(2);
  for (const id of product.photo_upload_ids) {
    const photo = await stored(page, '', id);
    expect(photo.bytes).toBeLessThanOrEqual(400 * 1024);
    expect(Math.max(photo.width, photo.height)).toBeLessThanOrEqual(1600);
    expect(Math.max(photo.width, photo.height)).toBeGreaterThanOrEqual(640);
    expect(photo.width / photo.height).toBeCloseTo(4 / 3, 2);
  }

  // The second photo made the main one, then the first removed.
  await page.getByRole('link', { name: 'Tas anyaman pandan' }).first().click();
  await photos.getByRole('button', { name: 'Jadikan foto 2 utama' }).click();
  // The first photo is the second now.
  await photos.getByRole('button', { name: 'Hapus foto 2' }).click();
  await expect(photos.getByRole('img', { name: /Foto \d/ })).toHaveCount(1);
  await page.getByRole('button', { name: 'Simpan produk' }).click();
  await expect(page).toHaveURL(/\/products$/);
  const [edited] = await productsOn(page);
  expect(edited.photo_upload_ids).toEqual([product.photo_upload_ids[1]]);
});

test('a tiny image or a file that is not one is refused with its reason before anything is sent', async ({ page }) => {
  await page.goto('/');
  await signInNewOwner(page);
  await page.goto('/products/new');
  const uploads: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/uploads')) uploads.push(request.method());
  });
  const tiny = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [200, 150];
    canvas.getContext('2d')!.fillRect(0, 0, 200, 150);
    const blob: Blob = await new Promise((done) => canvas.toBlob((b) => done(b!), 'image/png'));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  await page.getByLabel('Pilih foto dari galeri').setInputFiles({ name: 'kecil.png', mimeType: 'image/png', buffer: Buffer.from(tiny) });
  await expect(page.getByRole('alert').filter({ hasText: 'Foto ini terlalu kecil (200 × 150 piksel)' })).toBeVisible();
  const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096, 1)]);
  await page.getByLabel('Pilih foto dari galeri').setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: program });
  await expect(page.getByRole('alert').filter({ hasText: 'File ini bukan foto' })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(uploads).toEqual([]);
});

test('an upload cut off every 100 KB goes on from where it stopped, by itself', async ({ page }) => {
  await page.goto(`${DROPS}/`);
  await signInNewOwner(page, DROPS);
  await page.goto(`${DROPS}/products/new`);
  const sent: { method: string; offset: number; url: string }[] = [];
  page.on('request', (request) => {
    if (!request.url().includes('/api/v1/uploads')) return;
    const offset = Number(request.headers()['upload-offset'] ?? -1);
    sent.push({ method: request.method(), offset, url: request.url() });
  });
  await page.getByLabel('Nama produk').fill('Kain tenun ikat');
  await page.getByLabel('Satuan', { exact: true }).selectOption({ label: 'meter' });
  await page.getByLabel('Harga per satuan').fill('120000');
  await page.getByLabel('Pilih foto dari galeri').setInputFiles({ name: 'tenun.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto(page, 10, { tile: 800 }) });
  const photos = page.getByRole('group', { name: 'Foto' });
  await expect(photos.getByRole('img', { name: 'Foto 1' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Simpan produk' }).click();
  await expect(page).toHaveURL(/\/products$/);
  const [product] = await productsOn(page, DROPS);
  const photo = await stored(page, DROPS, product.photo_upload_ids[0]);
  // One upload made; every PATCH started where the server said the last
  // one stopped (asked with HEAD), never again from the start.
  expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
  const patches = sent.filter((r) => r.method === 'PATCH').map((r) => r.offset);
  expect(patches.length).toBeGreaterThan(1);
  expect(sent.some((r) => r.method === 'HEAD')).toBe(true);
  for (let i = 1; i < patches.length; i++) expect(patches[i]).toBeGreaterThan(patches[i - 1]);
  // Cut at least once: the photo is larger than what one PATCH may bring.
  expect(photo.bytes).toBeGreaterThan(100_000);
});
