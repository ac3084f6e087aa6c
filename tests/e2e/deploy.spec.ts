import { test, expect } from './fixtures';
import { newPhone } from './support';
import { spawn, execFileSync, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

// The production configuration (deploy/Caddyfile, Debian's caddy) serves the
// same build with the same headers as dev-api, and proxies the API to it.

const DEV_API = `http://127.0.0.1:${Number(process.env.RANTAI_E2E_PORT ?? 8090)}`;
const CADDY_PORT = Number(process.env.RANTAI_E2E_PORT ?? 8090) + 9;
const CADDY = `http://127.0.0.1:${CADDY_PORT}`;

let caddy: ChildProcess;
let site: string;

test.beforeAll(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'rantai-deploy-'));
  execFileSync('node', ['deploy/prepare.js', 'dist', site]);
  caddy = spawn('caddy', ['run', '--config', 'deploy/Caddyfile', '--adapter', 'caddyfile'], {
    env: { ...process.env, RANTAI_SITE: site, RANTAI_API: DEV_API, RANTAI_ADDRESS: `:${CADDY_PORT}`, HOME: site },
    stdio: 'ignore',
  });
  for (let waited = 0; ; waited += 200) {
    try {
      if ((await fetch(`${CADDY}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (waited > 15_000) throw new Error('caddy did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

test.afterAll(() => {
  caddy?.kill();
  fs.rmSync(site, { recursive: true, force: true });
});

/** The headers a browser acts on, as sent for `url`. */
async function headersOf(url: string) {
  const response = await fetch(url, { headers: { 'Accept-Encoding': 'br, gzip' } });
  const header = (name: string) => response.headers.get(name);
  return {
    status: response.status,
    contentType: header('content-type'),
    contentEncoding: header('content-encoding'),
    cacheControl: header('cache-control'),
    csp: header('content-security-policy'),
    nosniff: header('x-content-type-options'),
    referrer: header('referrer-policy'),
    frames: header('x-frame-options'),
    permissions: header('permissions-policy'),
    body: response.status === 200 ? Buffer.from(await response.arrayBuffer()).length : 0,
  };
}

test('the production server sends what dev-api sends, file by file', async () => {
  const files = fs.readdirSync('dist');
  const one = (pattern: RegExp) => {
    const file = files.find((name) => pattern.test(name));
    expect(file, `${pattern} in dist/`).toBeTruthy();
    return `/${file}`;
  };
  const paths = [
    '/',
    '/index.html',
    '/tenders/12',
    '/register/business?x=1',
    one(/^rantai-[0-9a-f]+\.js$/),
    one(/^rantai-[0-9a-f]+_bg\.wasm$/),
    one(/^__wasm_split-[0-9a-f]+\.js$/),
    one(/^pack_tenders-[0-9a-f]+\.bin$/),
    one(/^chunk_\d+-[0-9a-f]+\.wasm$/),
    one(/^app-[0-9a-f]+\.css$/),
    '/manifest.webmanifest',
    '/icon.svg',
    '/no-such-file.js',
    '/api/v1/reference/banks',
    '/api/v1/me',
    '/api/v1/no-such-thing',
  ];
  for (const url of paths) {
    const [expected, actual] = await Promise.all([headersOf(DEV_API + url), headersOf(CADDY + url)]);
    expect(actual, url).toEqual(expected);
  }
});

test('the app runs from the production server: sign-in reaches the API through it', async ({ page }) => {
  await page.goto(`${CADDY}/login`);
  await expect(page.getByRole('heading', { level: 1, name: 'Masuk ke Rantai' })).toBeVisible();
  // A number of its own: the demo number's one code a minute is
  // sign-in.spec's, which may run beside this one.
  await page.getByLabel('Nomor HP').fill(newPhone().typed);
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  await expect(page.getByText('Kode sudah dikirim ke')).toBeVisible();
});
