#!/usr/bin/env node
// Prepares a release build (`dist/`, from scripts/build) for the production
// static site (deploy/Caddyfile): a copy of it with every compressible file
// beside its brotli and gzip forms (served as is, never compressed per
// request), and the Content-Security-Policy for exactly this build's
// index.html (its inline scripts by hash), as dev-api computes it.
//
// Usage: node deploy/prepare.js <dist> <out>
//   writes <out>/site/ (what is served) and <out>/csp.caddy (imported by the
//   Caddyfile). Run it again for each new build; the API's address is not
//   part of it (RANTAI_API, read when the server starts).
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');

const [dist, out] = process.argv.slice(2);
if (!dist || !out) {
  console.error('usage: node deploy/prepare.js <dist> <out>');
  process.exit(2);
}
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`prepare: ${dist} has no index.html: build the app first (scripts/build)`);
  process.exit(2);
}

const site = path.join(out, 'site');
fs.rmSync(site, { recursive: true, force: true });
fs.cpSync(dist, site, { recursive: true });

// What compresses (images are compressed already).
const COMPRESSIBLE = /\.(html|css|js|wasm|bin|json|svg|webmanifest|txt)$/;
let files = 0;
for (const entry of fs.readdirSync(site, { recursive: true })) {
  const file = path.join(site, entry);
  if (!fs.statSync(file).isFile() || !COMPRESSIBLE.test(file)) continue;
  const bytes = fs.readFileSync(file);
  const brotli = zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 22 },
  });
  fs.writeFileSync(`${file}.br`, brotli);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  files++;
}

/** The bodies of index.html's inline scripts (those without `src=`). */
function inlineScripts(html) {
  const scripts = [];
  for (const [, tag, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (!tag.includes(' src=')) scripts.push(body);
  }
  return scripts;
}

const html = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
const hashes = inlineScripts(html)
  .map((body) => ` 'sha256-${crypto.createHash('sha256').update(body).digest('base64')}'`)
  .join('');
const csp =
  `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'${hashes}; ` +
  "style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "font-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; " +
  "form-action 'self'; frame-ancestors 'none'";
fs.writeFileSync(
  path.join(out, 'csp.caddy'),
  `# Made by deploy/prepare.js for this build's index.html.\nheader Content-Security-Policy "${csp}"\n`,
);
console.log(`prepare: ${site} (${files} files compressed), ${path.join(out, 'csp.caddy')}`);
