// How fast a cooperative's roster of 500 members draws a page of cards once
// the answer is here, and whether typing a search in it is ever held up.
// The server gives the demo cooperative 500 members (`--seed-members 500`,
// playwright.config.ts); the roster marks `rantai:roster-answer` when an
// answer arrives and `rantai:roster-drawn` on the next frame after its
// cards are in the page (src/timing.rs).
import { test, expect } from '@playwright/test';
import { drawTimes, median, typingLongestTask } from './support';

/** The seeded cooperative's staff member (dev-api's demo account). */
const STAFF = '+6281298765432';

const VIEWS = ['sort=name', 'sort=updated', 'status=draft', 'status=approved', 'status=changes_requested', 'q=siti', 'q=keripik', 'page=2', 'sort=name&page=5', ''];

test('a roster of 500 members draws a page of cards soon after its answer; typing a search is never held up', async ({ page }) => {
  const request = page.context().request;
  expect((await request.post('/api/v1/auth/otp', { data: { phone: STAFF, channel: 'sms' } })).status()).toBe(202);
  const { code } = await (await request.get(`/api/v1/dev/otp?phone=${encodeURIComponent(STAFF)}`)).json();
  expect((await request.post('/api/v1/auth/verify', { data: { phone: STAFF, code } })).ok()).toBe(true);
  const { total } = await (await request.get('/api/v1/coop/members?per_page=1')).json();
  console.log(`  roster: ${total} members, 50 a page`);

  await page.goto('/members');
  const cards = page.locator('.member-card');
  await expect(cards.first()).toBeVisible();
  const draws = await drawTimes(page, 'rantai:roster', VIEWS.map((view) => `/members?${view}`), cards);
  console.log(
    `roster of ${total}: median ${median(draws).toFixed(1)} ms, slowest ${Math.max(...draws).toFixed(1)} ms from answer to drawn (target: 50 cards within 100 ms)`,
  );

  const { typingMs, longest } = await typingLongestTask(
    page,
    page.getByLabel('Cari anggota (nama, usaha, nomor HP)'),
    'wulandari',
    async () => {
      await expect(page).toHaveURL(/q=wulandari$/);
      await expect(cards.first()).toBeVisible();
    },
  );
  console.log(
    `roster typing 9 keys (${typingMs} ms): longest main-thread task ${longest.toFixed(0)} ms (a task of 50 ms or more is "long"; 0 means none)`,
  );
});
