// Registers the service worker (public/sw.js; each release build writes its
// own dist/sw.js) once the page has loaded and the browser is idle, and
// tells the app when a new version waits: the attribute
// `data-update-ready` on <html> and the event `rantai-update-ready`, which
// src/components/update_banner.rs shows. The app's event
// `rantai-update-accept` (its "Muat ulang") lets the new version take over
// and reloads this tab into it. Inlined into index.html by Trunk: no request
// of its own, and dev-api's CSP allows it by its hash. Written in JS, not
// Rust: the browser's API is all it uses, and this way it costs the shell
// a few hundred bytes instead of the wasm bindings for it.
(() => {
  const workers = navigator.serviceWorker;
  if (!workers) return;
  const ready = () => {
    if (!workers.controller) return; // the first install: nothing older to replace
    document.documentElement.setAttribute('data-update-ready', '');
    window.dispatchEvent(new Event('rantai-update-ready'));
  };
  const register = async () => {
    const registration = await workers.register('/sw.js').catch(() => undefined);
    if (!registration) return; // no worker in this build (trunk serve), or refused
    if (registration.waiting) ready();
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed') ready();
      });
    });
  };
  window.addEventListener('rantai-update-accept', async () => {
    workers.addEventListener('controllerchange', () => location.reload());
    const waiting = (await workers.getRegistration())?.waiting;
    if (waiting) waiting.postMessage('activate-now');
    else location.reload();
  });
  window.addEventListener('load', () => (window.requestIdleCallback ?? setTimeout)(register));
})();
