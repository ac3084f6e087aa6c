import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

// Moving through pages with the keyboard alone, checking on the way what a
// person on a keyboard needs: every stop shows where focus is, stops come in
// reading order, and Tab always gets out again.

/** Where focus is, as the person sees it (the label of a visually hidden input). */
interface Stop {
  /** Its tag, type and accessible text, for messages. */
  name: string;
  /** Not on anything: the document itself, or the browser's own controls. */
  outside: boolean;
  /** The skip link, the first stop of every page. */
  skipLink: boolean;
  /** What is wrong with how it shows focus; empty when nothing. */
  problems: string[];
  /** Where it is on the page (not the viewport): its top, bottom and left. */
  top: number;
  bottom: number;
  left: number;
}

/** The focused element and how it shows focus. */
async function focusNow(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const at = { top: 0, bottom: 0, left: 0 };
    if (!element || element === document.body || element === document.documentElement) {
      return { name: 'the document', outside: true, skipLink: false, problems: [], ...at };
    }
    const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 50);
    const label = (element as HTMLInputElement).labels?.[0] ?? null;
    const type = element.getAttribute('type');
    const name = `${element.tagName.toLowerCase()}${type ? `[${type}]` : ''} "${label?.textContent?.trim().slice(0, 50) ?? text}"`;
    // A visually hidden input (a photo's file input) shows focus on its label.
    const own = element.getBoundingClientRect();
    const shown = own.width <= 1 || own.height <= 1 || getComputedStyle(element).opacity === '0' ? label : element;
    const problems: string[] = [];
    if (!element.matches(':focus-visible')) problems.push('does not match :focus-visible');
    if (!shown) return { name, outside: false, skipLink: false, problems: [...problems, 'is hidden and has no label'], ...at };
    const style = getComputedStyle(shown);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    if (!outline && style.boxShadow === 'none') problems.push('has no outline or box shadow');
    if (style.visibility !== 'visible' || style.opacity === '0') problems.push('is not visible');
    const box = shown.getBoundingClientRect();
    // Not hidden (WCAG 2.4.11): some of it is on screen, with nothing drawn
    // over that part. (A link that wraps is one box per line.)
    const onScreen = [...shown.getClientRects()]
      .map((line) => ({
        left: Math.max(line.left, 0),
        top: Math.max(line.top, 0),
        right: Math.min(line.right, innerWidth),
        bottom: Math.min(line.bottom, innerHeight),
      }))
      .filter((part) => part.right - part.left >= 4 && part.bottom - part.top >= 4);
    if (box.width < 8 || box.height < 8) problems.push(`is ${box.width} x ${box.height} px`);
    else if (onScreen.length === 0) problems.push('is outside the viewport');
    else {
      const hits = onScreen.map((part) => document.elementFromPoint((part.left + part.right) / 2, (part.top + part.bottom) / 2));
      if (!hits.some((hit) => hit && (shown.contains(hit) || hit === label))) {
        problems.push(`is covered by ${hits.map((hit) => hit?.tagName ?? 'nothing').join(', ')}`);
      }
    }
    return {
      name,
      outside: false,
      skipLink: element.getAttribute('href') === '#main',
      problems,
      top: box.top + scrollY,
      bottom: box.bottom + scrollY,
      left: box.left + scrollX,
    };
  });
}

/** Expects the focused element to be on screen, uncovered, with a visible focus indicator. */
export async function expectFocusShown(page: Page) {
  const stop = await focusNow(page);
  expect(stop.outside, 'focus is on something').toBe(false);
  expect(stop.problems, `the focused ${stop.name}`).toEqual([]);
}

/**
 * Whether `next` comes after `previous` in reading order: lower down, or
 * on the same line further right (a few pixels of slack for controls of
 * different heights on one line).
 */
function readsAfter(previous: Stop, next: Stop): boolean {
  const sameLine = next.top < previous.bottom - 4 && previous.top < next.bottom - 4;
  return sameLine ? next.left >= previous.left - 4 : next.top >= previous.top - 4;
}

/**
 * Presses `key` until `target` has focus, at most `max` times; every stop on
 * the way must show focus, and Tab must move in reading order (back to the
 * skip link when it leaves the page).
 */
export async function tabTo(page: Page, target: Locator, { key = 'Tab', max = 40 }: { key?: 'Tab' | 'Shift+Tab'; max?: number } = {}) {
  let previous: Stop | null = null;
  for (let presses = 0; presses <= max; presses++) {
    const stop = await focusNow(page);
    // Where focus started was put there by the page (a heading) or checked already.
    if (!stop.outside && presses > 0) {
      expect(stop.problems, `the focused ${stop.name}`).toEqual([]);
      if (key === 'Tab' && previous && !stop.skipLink) {
        expect(readsAfter(previous, stop), `Tab from ${previous.name} to ${stop.name} goes back up the page`).toBe(true);
      }
    }
    previous = stop.outside ? null : stop;
    if (await target.evaluate((element) => element === document.activeElement)) return;
    if (presses < max) await page.keyboard.press(key);
  }
  throw new Error(`${max} presses of ${key} never reached ${target}`);
}

/** Presses Tab once and expects `target` to have focus and show it. */
export async function tab(page: Page, target: Locator) {
  await page.keyboard.press('Tab');
  try {
    await expect(target).toBeFocused();
  } catch (error) {
    throw new Error(`Tab reached ${(await focusNow(page)).name}, not ${target}`, { cause: error });
  }
  await expectFocusShown(page);
}

/**
 * Tabs once round the whole page from the focused control back to it: out
 * of the page, in at the skip link, through every stop. Proves that no
 * widget keeps focus (each is left by Tab) and that the page reads in
 * order; answers the stops' names.
 */
export async function tabRound(page: Page, max = 80): Promise<string[]> {
  const start = page.locator(':focus');
  await expect(start).toHaveCount(1);
  const handle = await start.elementHandle();
  const names: string[] = [];
  let previous: Stop | null = null;
  let leftThePage = false;
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press('Tab');
    const stop = await focusNow(page);
    if (stop.outside || stop.skipLink) leftThePage = true;
    if (!stop.outside) {
      names.push(stop.name);
      expect(stop.problems, `the focused ${stop.name}`).toEqual([]);
      if (previous && !stop.skipLink) {
        expect(readsAfter(previous, stop), `Tab from ${previous.name} to ${stop.name} goes back up the page`).toBe(true);
      }
    }
    previous = stop.outside ? null : stop;
    if (await handle!.evaluate((element) => element === document.activeElement)) {
      expect(leftThePage, 'Tab went round without leaving the page').toBe(true);
      return names;
    }
  }
  throw new Error(`${max} presses of Tab did not come back round to where they started: ${names.join(', ')}`);
}
