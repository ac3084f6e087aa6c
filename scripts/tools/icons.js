// Draws the app's PNG icons from public/icon.svg's design with Debian's
// Chromium, for the web manifest: 192 and 512 px as the icon is (rounded
// square), and a maskable 512 px (full-bleed background, the chain inside
// the central 80 % circle that every mask keeps). Run once after changing
// the design: `node scripts/tools/icons.js`; the PNGs are committed.
const { chromium } = require('@playwright/test');
const path = require('path');

const GREEN = '#0a5c57';
// The chain of public/icon.svg, in its 64-unit box.
const CHAIN = '<g fill="none" stroke="#fff" stroke-width="6"><rect x="8" y="22" width="28" height="20" rx="10"/><rect x="28" y="22" width="28" height="20" rx="10"/></g>';

const icons = [
  { file: 'icon-192.png', size: 192, svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="${GREEN}"/>${CHAIN}</svg>` },
  { file: 'icon-512.png', size: 512, svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="${GREEN}"/>${CHAIN}</svg>` },
  // Scaled to 70 % about the centre: the chain's corners stay inside the
  // safe circle (radius 40 % of the icon).
  { file: 'icon-maskable-512.png', size: 512, svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${GREEN}"/><g transform="translate(32 32) scale(0.7) translate(-32 -32)">${CHAIN}</g></svg>` },
];

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { file, size, svg } of icons) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: path.join(__dirname, '../../public', file), omitBackground: true });
  }
  await browser.close();
})();
