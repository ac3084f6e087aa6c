import { test, expect } from './fixtures';

// dev-api serves the app and the API from one origin: no CORS, one port.

test('the API answers on the app origin with cacheable reference data', async ({ page }) => {
  const response = await page.request.get('/api/v1/reference/provinces');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toContain('max-age');
  const body = await response.json();
  expect(body.items).toHaveLength(38);
  expect(body.version).toBe('idn-area-data 3.1.2');
});

test('an unknown API path is a problem+json 404, never the app page', async ({ page }) => {
  const response = await page.request.get('/api/v1/tidak-ada');
  expect(response.status()).toBe(404);
  expect(response.headers()['content-type']).toBe('application/problem+json');
});

test('private API routes need a session', async ({ page }) => {
  const response = await page.request.get('/api/v1/me');
  expect(response.status()).toBe(401);
  expect(response.headers()['cache-control']).toBe('no-store');
});

test('hashed assets are cached for a year and served compressed', async ({ page }) => {
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto('/');
  const response = await wasm;
  const headers = await response.allHeaders();
  expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(['br', 'gzip']).toContain(headers['content-encoding']);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
