// How fast the tender results draw once the answer is here, and whether
// typing in the search box is ever held up. The list marks
// `rantai:tenders-answer` when an answer arrives and `rantai:tenders-drawn`
// on the next frame after its cards (a page of 20) are in the page.
import { test, expect } from '@playwright/test';
import { drawTimes, median, typingLongestTask } from './support';

const SEARCHES = ['sort=newest', 'sort=hps_desc', 'sort=hps_asc', 'status=open', 'status=closing_soon', 'q=pengadaan', 'q=jasa', 'q=beras', 'category=makanan', 'province=34', 'sort=newest&page=2', ''];

test('a page of 20 result cards draws soon after their answer; typing is never held up', async ({ page }) => {
  await page.goto('/tenders');
  const cards = page.locator('.tender-card');
  await expect(cards.first()).toBeVisible();
  const draws = await drawTimes(page, 'rantai:tenders', SEARCHES.map((query) => `/tenders?${query}`), cards);
  console.log(
    `tender results: median ${median(draws).toFixed(1)} ms, slowest ${Math.max(...draws).toFixed(1)} ms from answer to drawn (target: a page of cards within 100 ms)`,
  );

  // Typing: the longest task on the main thread while a search is typed
  // key by key and its results come in.
  const { typingMs, longest } = await typingLongestTask(
    page,
    page.getByLabel('Cari tender (judul, pembeli, uraian)'),
    'pengadaan beras premium',
    async () => {
      await expect(page).toHaveURL(/q=pengadaan\+beras\+premium|q=pengadaan%20beras%20premium/);
      await expect(cards.first()).toBeVisible();
    },
  );
  console.log(
    `typing 23 keys (${typingMs} ms): longest main-thread task ${longest.toFixed(0)} ms (a task of 50 ms or more is "long"; 0 means none)`,
  );
});
