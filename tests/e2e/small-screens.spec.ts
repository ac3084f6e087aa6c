import { test, expect } from './fixtures';
import { signInNewOwner } from './support';
import type { Page } from '@playwright/test';

// The smallest phones in use are 320 CSS px wide, which is also a 1280 px
// window zoomed to 400 % (WCAG 1.4.10, reflow): no page may scroll sideways
// there. And text enlarged to 200 % (WCAG 1.4.4, the browser's font size
// setting) on a 360 px phone must still fit: nothing wider than the screen.

/** What sticks out past the right edge of the window, named for the failure message. */
async function wider(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in ${width} px`);
    }
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 0.5) continue;
      // An element inside something that scrolls on its own (a wide table
      // in its scroll box) may be wider: the page is not.
      let scrolls = false;
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent).overflowX;
        if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') scrolls = true;
      }
      if (scrolls) continue;
      const name = `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}${element.className ? '.' + String(element.className).split(' ').join('.') : ''}`;
      out.push(`${name} ends at ${Math.round(box.right)} px: "${(element.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return out.slice(0, 10);
  });
}

/** Opens `path`, waits for its heading, and expects nothing wider than the window. */
async function fits(page: Page, path: string, heading: string | RegExp) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  expect(await wider(page), `${path} at ${page.viewportSize()?.width} px`).toEqual([]);
}

/** Every page an owner sees, signed out and in. */
async function everyPage(page: Page) {
  await fits(page, '/', 'Jadi pemasok BUMN dan pemerintah');
  await fits(page, '/login', 'Masuk ke Rantai');
  await fits(page, '/tenders', 'Tender');
  const tender = (await (await page.request.get('/api/v1/tenders?per_page=1')).json()).items[0];
  await fits(page, `/tenders/${tender.id}`, tender.title);

  await signInNewOwner(page);
  await fits(page, '/', 'Pendaftaran pemasok Anda');
  await fits(page, '/register/business', 'Data usaha');
  await fits(page, '/register/owner', 'Data pemilik');
  await fits(page, '/register/address', 'Alamat usaha');
  await fits(page, '/register/bank', 'Rekening bank');
  await fits(page, '/register/check', 'Periksa jawaban Anda');
  await fits(page, '/products', 'Katalog produk');
  await fits(page, '/products/new', 'Tambah produk');
  await fits(page, '/products/import', 'Impor produk dari spreadsheet');
  await fits(page, '/documents', 'Sertifikat dan dokumen');
  await fits(page, '/documents/new', 'Tambah dokumen');
  await fits(page, '/tenders/saved', 'Tender tersimpan');
  await fits(page, `/tenders/${tender.id}`, tender.title);
}

test.describe('320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('no page scrolls sideways', async ({ page }) => {
    test.setTimeout(120_000);
    await everyPage(page);
  });
});

test.describe('text at 200 % on a 360 px phone', () => {
  test('no page scrolls sideways', async ({ page }) => {
    test.setTimeout(120_000);
    // As the browser's own font size setting does: every size in rem or em
    // follows the root's.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        document.documentElement.style.fontSize = '200%';
      });
    });
    await everyPage(page);
  });
});
