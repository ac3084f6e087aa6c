// What the browser benches share: moving between views of a list inside
// the app, timing each from its answer to its cards drawn (the marks of
// src/timing.rs), and the longest main-thread task while a search is typed.
import type { Locator, Page } from '@playwright/test';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Opens each of `hrefs` inside the app (the router, no reload, as a person
 * moves between views) and returns, for each, the milliseconds from
 * `<list>-answer` to `<list>-drawn`; prints a line per view with how many
 * `cards` it drew.
 */
export async function drawTimes(page: Page, list: string, hrefs: string[], cards: Locator): Promise<number[]> {
  const draws: number[] = [];
  for (const href of hrefs) {
    await page.evaluate(() => performance.clearMarks());
    await page.evaluate((href) => {
      history.pushState(null, '', href);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, href);
    const measured = await page.waitForFunction((list) => {
      const answer = performance.getEntriesByName(`${list}-answer`)[0];
      const drawn = performance.getEntriesByName(`${list}-drawn`)[0];
      return answer && drawn ? drawn.startTime - answer.startTime : null;
    }, list);
    const ms = (await measured.jsonValue()) as number;
    draws.push(ms);
    console.log(`  ${href}: ${await cards.count()} cards drawn ${ms.toFixed(1)} ms after the answer`);
  }
  return draws;
}

/**
 * Types `text` into `box` key by key (60 ms apart), then waits for
 * `settled` (its results shown); returns how long typing took and the
 * longest main-thread task meanwhile (PerformanceObserver `longtask`: 0
 * means none of 50 ms or more).
 */
export async function typingLongestTask(
  page: Page,
  box: Locator,
  text: string,
  settled: () => Promise<void>,
): Promise<{ typingMs: number; longest: number }> {
  await page.evaluate(() => {
    (window as any).__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        (window as any).__longest = Math.max((window as any).__longest, entry.duration);
      }
    }).observe({ type: 'longtask', buffered: false });
  });
  await box.fill('');
  const started = Date.now();
  await box.pressSequentially(text, { delay: 60 });
  const typingMs = Date.now() - started;
  await settled();
  return { typingMs, longest: await page.evaluate(() => (window as any).__longest as number) };
}
