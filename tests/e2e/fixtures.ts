import { test as base, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Every WCAG 2.0 to 2.2 level A and AA rule axe-core knows. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The dev-api that fails 30 % of API requests (playwright.config.ts). */
export const FAULTY = `http://127.0.0.1:${Number(process.env.RANTAI_E2E_PORT ?? 8090) + 4}`;

/** The dev-api that drops an upload's connection at every 100,000 bytes it receives. */
export const DROPS = `http://127.0.0.1:${Number(process.env.RANTAI_E2E_PORT ?? 8090) + 6}`;

/** The dev-api that drops an upload's connection at every 2 MB it receives. */
export const DROPS_LARGE = `http://127.0.0.1:${Number(process.env.RANTAI_E2E_PORT ?? 8090) + 8}`;

/**
 * The dev-api of a bad mobile network: 30 % of API requests fail, each
 * waits 300 ms, an upload drops at every 150,000 bytes (playwright.config.ts).
 */
export const BAD_NETWORK = `http://127.0.0.1:${Number(process.env.RANTAI_E2E_PORT ?? 8090) + 10}`;

/** Runs axe-core on the page as it is now and expects no violation. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}

/**
 * A page that records Content-Security-Policy violations and errors; each
 * test fails if the page reported any. A test that breaks something on
 * purpose names the console errors that breakage causes with
 * `test.use({ expectedConsoleErrors: /…|…/ })`.
 */
export const test = base.extend<{ page: Page; expectedConsoleErrors: RegExp | undefined }>({
  expectedConsoleErrors: [undefined, { option: true }],
  page: async ({ page, expectedConsoleErrors }, use) => {
    const problems: string[] = [];
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as any).__cspViolations = (window as any).__cspViolations ?? [];
        (window as any).__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
      });
    });
    // Chromium logs every 4xx answer as a console error; a 401 when signed
    // out or a 422 for a wrong code is the API speaking, not a fault.
    const expected = /net::ERR_INTERNET_DISCONNECTED|the server responded with a status of 4\d\d/;
    // The fault-injecting servers' 503s and dropped connections are the test.
    const injected = /the server responded with a status of 503|net::ERR_/;
    page.on('console', (message) => {
      const url = message.location().url;
      const fromFaultyServer = url.startsWith(FAULTY) || url.startsWith(BAD_NETWORK);
      if (
        message.type() === 'error' &&
        !expected.test(message.text()) &&
        !(fromFaultyServer && injected.test(message.text())) &&
        !expectedConsoleErrors?.test(message.text())
      ) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await use(page);
    const violations = await page
      .evaluate(() => (window as any).__cspViolations ?? [])
      .catch(() => []);
    expect([...violations.map((v: string) => `CSP ${v}`), ...problems]).toEqual([]);
  },
});

export { expect };
