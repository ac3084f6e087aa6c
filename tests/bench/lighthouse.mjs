// Lighthouse's figures for the main pages (`scripts/bench lighthouse`):
// the release build served by dev-api (compressed, as in production) on a
// port of its own, Debian's Chromium, Lighthouse's default mobile profile
// (a mid-range phone on slow 4G, simulated). Printed, not asserted: these
// machines are shared and noisy.
//
// Signed-in pages are opened by a new owner (signed in through the API with
// dev-api's code endpoint) as a returning person's phone has them: the
// session cookie and `rantai.me` on the device, but nothing of the app in
// its caches (HTTP cache, service worker and Cache Storage cleared).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';

const port = Number(process.env.RANTAI_LIGHTHOUSE_PORT ?? 8098);
const origin = `http://127.0.0.1:${port}`;
const database = 'target/lighthouse.sqlite';

/** What a page should reach (README, Lighthouse). */
const TARGETS = { performance: 0.95, accessibility: 1, 'best-practices': 1, lcpMs: 2000, tbtMs: 200, cls: 0.05 };

async function waitForServer() {
  for (let waited = 0; waited < 30_000; waited += 200) {
    try {
      if ((await fetch(`${origin}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`dev-api did not answer at ${origin}`);
}

/** A new UMKM owner's `Cookie` header, signed in through the API. */
async function ownerCookie() {
  const phone = `+62812${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const post = (path, body, cookie) =>
    fetch(`${origin}/api/v1${path}`, {
      method: path === '/me/role' ? 'PUT' : 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const sent = await post('/auth/otp', { phone, channel: 'sms' });
  if (sent.status !== 202) throw new Error(`asking for a code: ${sent.status}`);
  const { code } = await (await fetch(`${origin}/api/v1/dev/otp?phone=${encodeURIComponent(phone)}`)).json();
  const verified = await post('/auth/verify', { phone, code });
  if (!verified.ok) throw new Error(`signing in: ${verified.status}`);
  const cookie = verified.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const role = await post('/me/role', { role: 'supplier' }, cookie);
  if (!role.ok) throw new Error(`choosing the owner role: ${role.status}`);
  return cookie;
}

/**
 * The browser as a returning owner's: `cookie`'s session and the app's
 * `rantai.me` kept, every cached file of the app gone (a cold load).
 */
async function returningOwner(chrome, cookie) {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  try {
    const tab = await browser.newPage();
    const cdp = await tab.createCDPSession();
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'service_workers,cache_storage' });
    const [name, value] = cookie.split(';')[0].split('=');
    await tab.setCookie({ name, value, url: origin, httpOnly: true, sameSite: 'Strict' });
    // A file of the origin that is not the app: its storage, without
    // running the app (a missing file's answer is sandboxed).
    await tab.goto(`${origin}/manifest.webmanifest`);
    const me = await (await fetch(`${origin}/api/v1/me`, { headers: { cookie } })).text();
    await tab.evaluate((me) => localStorage.setItem('rantai.me', me), me);
    await tab.close();
  } finally {
    await browser.disconnect();
  }
}

async function aTenderId() {
  const tenders = await (await fetch(`${origin}/api/v1/tenders`)).json();
  return tenders.items[0].id;
}

/** What an audit's details name (console errors' text, files' addresses), a few at most. */
function named(audit) {
  const items = audit.details?.items ?? [];
  const names = items
    .map((item) => {
      const url = item.url ?? item.sourceLocation?.url;
      return item.description && url ? `${item.description}: ${url}` : (item.description ?? url);
    })
    .filter((name) => typeof name === 'string' && name !== '')
    .map((name) => (name.length > 160 ? `${name.slice(0, 157)}...` : name));
  return [...new Set(names)].slice(0, 3);
}

/**
 * Why a page is below target: the failing audits of each category below
 * target (performance: its opportunities and diagnostics, not its metrics,
 * which the table and the metric lines already give).
 */
function reasons(lhr) {
  const found = [];
  for (const [id, category] of Object.entries(lhr.categories)) {
    if (category.score >= TARGETS[id]) continue;
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (audit.score === null || ['informative', 'notApplicable', 'manual'].includes(audit.scoreDisplayMode)) continue;
      if (id === 'performance' && (ref.group === 'metrics' || ref.weight > 0)) continue;
      if (audit.score >= (id === 'performance' ? 0.9 : 1)) continue;
      const value = audit.displayValue ? ` (${audit.displayValue})` : '';
      found.push(`${category.title}: ${audit.title}${value}`);
      for (const name of named(audit)) found.push(`    ${name}`);
    }
  }
  return found;
}

function row(cells, widths) {
  return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
}

mkdirSync('target/lighthouse', { recursive: true });
rmSync(database, { force: true });
rmSync(`${database}-wal`, { force: true });
rmSync(`${database}-shm`, { force: true });
const server = spawn(
  'target/release/dev-api',
  ['--port', String(port), '--dev', '--db', database, '--static', 'dist'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
let chrome;
try {
  await waitForServer();
  const cookie = await ownerCookie();
  // Visitors first: Lighthouse's reset of the origin's storage keeps cookies.
  const pages = [
    { path: '/' },
    { path: '/login' },
    { path: '/tenders' },
    { path: `/tenders/${await aTenderId()}` },
    { path: '/register/business', cookie },
    { path: '/products', cookie },
  ];
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  const widths = [22, 11, 13, 14, 8, 8, 6];
  const lines = [row(['page', 'performance', 'accessibility', 'best practices', 'LCP', 'TBT', 'CLS'], widths)];
  const below = [];
  const broken = new Set();
  for (const page of pages) {
    // A visitor's storage is reset by Lighthouse; a returning owner's is
    // made here and kept.
    if (page.cookie) await returningOwner(chrome, page.cookie);
    const result = await lighthouse(
      `${origin}${page.path}`,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        disableStorageReset: Boolean(page.cookie),
      },
    );
    const { categories, audits } = result.lhr;
    for (const audit of Object.values(audits)) if (audit.scoreDisplayMode === 'error') broken.add(audit.id);
    const lcp = audits['largest-contentful-paint'].numericValue;
    const tbt = audits['total-blocking-time'].numericValue;
    const cls = audits['cumulative-layout-shift'].numericValue;
    const label = page.path.replace(/\/tenders\/\d+$/, '/tenders/<id>') + (page.cookie ? ' *' : '');
    lines.push(
      row(
        [
          label,
          categories.performance.score.toFixed(2),
          categories.accessibility.score.toFixed(2),
          categories['best-practices'].score.toFixed(2),
          `${(lcp / 1000).toFixed(1)} s`,
          `${Math.round(tbt)} ms`,
          cls.toFixed(3),
        ],
        widths,
      ),
    );
    const name = page.path === '/' ? 'home' : page.path.slice(1).replaceAll('/', '-');
    writeFileSync(`target/lighthouse/${name}.json`, result.report);
    const why = reasons(result.lhr);
    const metrics = [];
    if (lcp > TARGETS.lcpMs) metrics.push(`LCP ${(lcp / 1000).toFixed(1)} s > ${TARGETS.lcpMs / 1000} s`);
    if (tbt > TARGETS.tbtMs) metrics.push(`TBT ${Math.round(tbt)} ms > ${TARGETS.tbtMs} ms`);
    if (cls > TARGETS.cls) metrics.push(`CLS ${cls.toFixed(3)} > ${TARGETS.cls}`);
    if (metrics.length > 0) why.unshift(metrics.join(', '));
    if (why.length > 0) below.push({ label, why });
    console.error(`lighthouse: ${label} done`);
  }
  console.log(lines.join('\n'));
  console.log('  * a new owner, returning: signed in and known to the device, nothing cached');
  console.log(
    `targets: performance >= ${TARGETS.performance}, accessibility ${TARGETS.accessibility.toFixed(2)}, ` +
      `best practices ${TARGETS['best-practices'].toFixed(2)}, LCP <= ${TARGETS.lcpMs / 1000} s, ` +
      `TBT <= ${TARGETS.tbtMs} ms, CLS <= ${TARGETS.cls}`,
  );
  if (below.length === 0) console.log('every page meets every target');
  if (broken.size > 0) console.log(`audits Lighthouse could not run with this Chromium: ${[...broken].sort().join(', ')}`);
  for (const { label, why } of below) {
    console.log(`below target: ${label}`);
    for (const reason of why) console.log(reason.startsWith('    ') ? reason : `  - ${reason}`);
  }
} finally {
  if (chrome) chrome.kill();
  server.kill();
}
