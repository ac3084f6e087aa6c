import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

/**
 * Hostile text: what someone might type, paste or put in the server's data
 * to make the app run it instead of showing it. Every payload that could
 * run calls `__pwned()` (counted by `watchForScripts`) or opens a dialog;
 * none has leading or trailing spaces (fields are trimmed) or a line break
 * (an `<input>` drops it), so each can be looked for exactly as it is.
 */
export const CORPUS: readonly string[] = [
  // tags and attributes
  '<script>__pwned()</script>',
  '<img src=x onerror=__pwned()>',
  '<svg onload=__pwned()>',
  '<svg><script>__pwned()</script></svg>',
  '"><script>__pwned()</script>',
  "'><img src=x onerror=__pwned()>",
  '<body onload=__pwned()>',
  '<details open ontoggle=__pwned()>',
  '<input autofocus onfocus=__pwned()>',
  '<iframe srcdoc="<script>parent.__pwned()</script>">',
  '<style>*{background:url("javascript:__pwned()")}</style>',
  '<meta http-equiv="refresh" content="0;url=javascript:__pwned()">',
  '<base href="javascript:__pwned()//">',
  '<!--<img src="--><img src=x onerror=__pwned()//">',
  '</textarea><script>__pwned()</script>',
  '" onmouseover="__pwned()" x="',
  // javascript: and data: URLs
  '<a href="javascript:__pwned()">klik</a>',
  'javascript:__pwned()',
  'JaVaScRiPt:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5fX3B3bmVkKCk8L3NjcmlwdD4=',
  '<math><mi xlink:href="javascript:__pwned()">x</mi></math>',
  // templates
  '{{7*7}}',
  '${alert(1)}',
  '{{constructor.constructor("__pwned()")()}}',
  '#{7*7} <%= 7*7 %> [[7*7]]',
  // entities and escapes
  '&lt;script&gt;__pwned()&lt;/script&gt;',
  '&#60;img src=x onerror=__pwned()&#62;',
  '%3Cscript%3E__pwned()%3C%2Fscript%3E',
  '\\u003cscript\\u003e__pwned()\\u003c/script\\u003e',
  // unicode tricks
  'Nota \u202Egpj.exe\u202C Toko',
  'Kopi\u200DMerapi\u200B\u200CBantul\uFEFFjaya',
  'Z\u0337\u0351a\u0336\u0313l\u0335\u0342g\u0334\u030Fo\u0327\u0300 toko',
  '＜script＞__pwned()＜／script＞',
  'Keripik 🌶️🔥 Bu Sari 👩🏽‍🍳',
  'مرحبا Toko עברית',
  // SQL and quotes
  "Robert'); DROP TABLE products;--",
  '"; __pwned(); "',
];

/** A very long string (10,000 characters, some of them markup). */
export const LONG = ('<b>panjang</b> ' + 'A'.repeat(85)).repeat(100);

/** Payload `index`, taken round the corpus. */
export function payload(index: number): string {
  return CORPUS[index % CORPUS.length];
}

/**
 * Before the page loads: `__pwned()` counts calls in `window.__xss`, and
 * a request for `/x` (what `<img src=x>` would ask for) is recorded. After
 * the test: `expectNothingRan`.
 */
export async function watchForScripts(page: Page) {
  const dialogs: string[] = [];
  const strayRequests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/x') || url.protocol === 'javascript:') strayRequests.push(request.url());
  });
  await page.addInitScript(() => {
    (window as any).__xss = 0;
    (window as any).__pwned = () => {
      (window as any).__xss += 1;
    };
  });
  return {
    /** No payload ran, opened a dialog or loaded anything. */
    async expectNothingRan() {
      expect(await page.evaluate(() => (window as any).__xss)).toBe(0);
      expect(dialogs).toEqual([]);
      expect(strayRequests).toEqual([]);
    },
  };
}

/**
 * `text` is drawn on the page as text, character for character, in one
 * visible text node (markup that became elements would not be there).
 */
export async function expectShownAsText(page: Page, text: string) {
  await expect
    .poll(
      () =>
        page.evaluate((text) => {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if ((node as Text).data.includes(text) && node.parentElement?.checkVisibility()) return true;
          }
          return false;
        }, text),
      { message: `shown as text: ${JSON.stringify(text)}` },
    )
    .toBe(true);
}
