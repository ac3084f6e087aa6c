// Which area's code each page of the app needs first, by its address. The
// chunk loader (scripts/tools/pack-areas.js writes this table into it)
// starts fetching that area's pack as soon as the loader runs, beside the
// main module, instead of after the main module has arrived, started and
// routed: on a slow phone connection that is a round trip and a start-up
// less before the page appears. `scripts/size` measures every page by the
// same table, and tests/e2e/lazy-areas.spec.ts checks it against what the
// app itself asks for.
//
// A page that needs a session (`session: true`) sends a visitor who is not
// signed in to sign in, so for them the loader fetches sign-in instead. It
// guesses from what the device keeps: `rantai.me` (the last answer about the
// person signed in, gone at sign-out) and `rantai.lang` (English's texts are
// a pack of their own).
'use strict';

/**
 * Each page: its address (a regular expression on the path), the area
 * (a split point's name in src/lazy.rs) that draws it, whether it needs a
 * session, and the address `scripts/size` measures.
 */
const PAGES = [
  { path: '^/$', area: 'home', session: false, example: '/' },
  { path: '^/login$', area: 'sign_in', session: false, example: '/login' },
  { path: '^/register/business$', area: 'register_business', session: true, example: '/register/business' },
  { path: '^/register/owner$', area: 'register_owner', session: true, example: '/register/owner' },
  { path: '^/register/address$', area: 'register_address', session: true, example: '/register/address' },
  { path: '^/register/bank$', area: 'register_bank', session: true, example: '/register/bank' },
  { path: '^/register/check$', area: 'register_check', session: true, example: '/register/check' },
  { path: '^/products$', area: 'catalog', session: true, example: '/products' },
  { path: '^/products/import$', area: 'import', session: true, example: '/products/import' },
  { path: '^/products/[^/]+$', area: 'product', session: true, example: '/products/new' },
  { path: '^/documents$', area: 'documents', session: true, example: '/documents' },
  { path: '^/documents/[^/]+$', area: 'document', session: true, example: '/documents/new' },
  { path: '^/tenders$', area: 'tenders', session: false, example: '/tenders' },
  { path: '^/tenders/saved$', area: 'tenders', session: true, example: '/tenders/saved' },
  { path: '^/tenders/[^/]+$', area: 'tender', session: false, example: '/tenders/1' },
  { path: '^/members(/new)?$', area: 'coop', session: true, example: '/members' },
];

/**
 * The loader's part: JavaScript that, run once, calls `open(area)` for the
 * area of `location.pathname` and for English's texts when they will be
 * needed.
 */
function loaderSource(open) {
  const table = PAGES.map((p) => `[/${p.path.replace(/\//g, '\\/')}/, "${p.area}", ${p.session}]`).join(', ');
  return `
// What this page needs first, fetched now beside the main module
// (scripts/tools/start-areas.js).
(() => {
    let signedIn = false;
    let lang = null;
    try {
        signedIn = localStorage.getItem("rantai.me") !== null;
        lang = localStorage.getItem("rantai.lang");
    } catch {}
    lang ??= navigator.language ?? "";
    const page = [${table}].find(([path]) => path.test(location.pathname));
    if (page) ${open}(page[2] && !signedIn ? "sign_in" : page[1]);
    if (/^en\\b/i.test(lang)) ${open}("lang_en");
})();
`;
}

module.exports = { PAGES, loaderSource };
