// Rantai's service worker: the app opens with no connection.
//
// What it keeps (Cache Storage), and nothing else:
// - the app's own files of this build: the shell on install; every area's
//   code as it is fetched, and all of it once the worker is active unless
//   the browser asks to save data;
// - the reference lists (regions, KBLI, banks, categories, units, document
//   kinds): public, the same for everyone.
// Never an API answer about a person: those pass through untouched (a
// request not named above is not even looked at), so signing out has
// nothing personal to clear here.
//
// Updates: a new build is a new worker (its BUILD differs). It installs
// beside the running one and waits; the page announces it, and it takes
// over only when the person chooses to reload (message "activate-now"), so
// code never changes under a half-filled form. The previous build's files
// are kept too, for tabs still running it that open an area later.
//
// scripts/tools/service-worker.js writes the build's own BUILD below.
const BUILD = /* BUILD */ { version: 'unbuilt', shell: [], chunks: [], packFiles: {}, packs: {} };

const APP = `rantai-app-${BUILD.version}`;
const REFERENCE = 'rantai-reference';
const REFERENCE_PATH = /^\/api\/v1\/reference\/[a-z-]+$/;
const PACK_PATH = /^\/pack_(\w+)-[0-9a-f]+\.bin$/;
// The lists every person needs, whatever they type (regions below a
// province and KBLI searches are kept as they are asked for).
const REFERENCE_LISTS = ['provinces', 'banks', 'product-categories'].map((list) => `/api/v1/reference/${list}`);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(APP).then((cache) => cache.addAll(BUILD.shell)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const builds = (await caches.keys()).filter((name) => name.startsWith('rantai-app-'));
      const previous = builds.filter((name) => name !== APP).pop();
      await Promise.all(builds.filter((name) => name !== APP && name !== previous).map((name) => caches.delete(name)));
      await self.clients.claim();
      if (!self.navigator.connection?.saveData) await keepEveryArea();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'activate-now') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const packOf = url.pathname.match(PACK_PATH)?.[1];
  if (request.mode === 'navigate' && isAppPage(url.pathname)) {
    event.respondWith(page(request));
  } else if (REFERENCE_PATH.test(url.pathname)) {
    event.respondWith(reference(request));
  } else if (packOf && Object.hasOwn(BUILD.packs, packOf)) {
    event.respondWith(pack(packOf, request));
  } else if (isAppFile(url.pathname)) {
    event.respondWith(appFile(request));
  }
});

/** A page of the app, not a file (an upload opened in a tab, say). */
function isAppPage(path) {
  return !path.startsWith('/api/') && !/\.\w+$/.test(path);
}

/** A file of some build: the shell, an area's chunk, the loader. */
function isAppFile(path) {
  return BUILD.shell.includes(path) || /^\/(chunk_\d+|split_\w+)-[0-9a-f]+\.wasm$/.test(path);
}

/** Any page of the app is index.html: this build's, else the network's. */
async function page(request) {
  const cache = await caches.open(APP);
  return (await cache.match('/index.html')) ?? fetch(request);
}

/** A file of this build or the previous one, else fetched and kept. */
async function appFile(request) {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(APP);
    await cache.put(request, response.clone());
  }
  return response;
}

/**
 * Reference data: the copy kept here at once, refreshed behind it; the
 * network's when none is kept; the kept one when the network fails.
 */
async function reference(request) {
  const cache = await caches.open(REFERENCE);
  // The same for everyone: whatever the answer varied by does not matter.
  const kept = await cache.match(request, { ignoreVary: true });
  const fresh = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(request, response.clone());
    return response;
  });
  if (kept) {
    fresh.catch(() => {});
    return kept;
  }
  return fresh;
}

/**
 * An area's pack (its chunks end to end, for one download): made from the
 * chunks kept here when they all are; the whole pack from the network when
 * at least half its bytes are missing, kept chunk by chunk; else only the
 * missing chunks fetched. A chunk that cannot come fails the load, which
 * the page says and retries.
 */
async function pack(area, request) {
  const parts = BUILD.packs[area];
  const cache = await caches.open(APP);
  const held = await Promise.all(parts.map(([file]) => caches.match(file)));
  const bytes = (keep) => parts.reduce((sum, [, length], i) => sum + (keep(i) ? length : 0), 0);
  const missing = bytes((i) => !held[i]);
  let bodies;
  if (missing * 2 >= bytes(() => true)) {
    const response = await fetch(request);
    if (!response.ok) return response;
    const whole = new Uint8Array(await response.arrayBuffer());
    let offset = 0;
    bodies = parts.map(([, length]) => whole.subarray(offset, (offset += length)));
    await Promise.all(parts.map(([file], i) => held[i] || cache.put(file, wasm(bodies[i]))));
  } else {
    bodies = await Promise.all(
      parts.map(async ([file], i) => {
        const response = held[i] ?? (await appFile(new Request(file)));
        if (!response.ok) throw new Error(`${file}: ${response.status}`);
        return new Uint8Array(await response.arrayBuffer());
      }),
    );
  }
  return new Response(new Blob(bodies), { headers: { 'Content-Type': 'application/octet-stream' } });
}

function wasm(bytes) {
  return new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } });
}

/**
 * Every area's code, one pack at a time, then any chunk no pack brought,
 * and the reference lists, so that any page opens offline.
 */
async function keepEveryArea() {
  try {
    for (const area of Object.keys(BUILD.packs)) await pack(area, new Request(BUILD.packFiles[area]));
    for (const file of BUILD.chunks) await appFile(new Request(file));
    const lists = await caches.open(REFERENCE);
    for (const list of REFERENCE_LISTS) if (!(await lists.match(list, { ignoreVary: true }))) await reference(new Request(list));
  } catch {
    // Offline or failing: what is kept stays; the rest comes when opened.
  }
}
