#!/usr/bin/env node
// Writes the build's service worker: public/sw.js with this build's BUILD,
// what the worker keeps and how the packs are made (see public/sw.js).
//
//   shell   every file the first page needs, kept on install: index.html,
//           (not the PNG icons, which only installing the app asks for)
//           the glue and main module, the loader, styles, icons, manifest;
//   packs   each area's pack: its file and its chunks with their lengths,
//           from pack-areas.js's description;
//   chunks  every chunk, so areas without a pack are kept too;
//   version one hash of all the above and the worker's own code: a new
//           build is a new worker, which the page announces.
//
// Usage: service-worker.js <staging dir> <pack description.json>
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const [staging, descriptionPath] = process.argv.slice(2);
if (!staging || !descriptionPath) {
  console.error('usage: service-worker.js <staging dir> <pack description.json>');
  process.exit(2);
}
const template = fs.readFileSync(path.join(__dirname, '../../public/sw.js'), 'utf8');
const description = JSON.parse(fs.readFileSync(descriptionPath, 'utf8'));

const names = fs.readdirSync(staging).filter((name) => fs.statSync(path.join(staging, name)).isFile()).sort();
const isCode = (name) => /^(chunk_\d+|split_\w+)-[0-9a-f]+\.wasm$/.test(name);
const shell = names.filter((name) => !isCode(name) && !name.startsWith('pack_') && !name.endsWith('.png') && name !== 'sw.js').map((name) => `/${name}`);
if (!shell.includes('/index.html')) throw new Error('service-worker: no index.html in the build');
const chunks = names.filter(isCode).map((name) => `/${name}`);

const hash = crypto.createHash('sha256');
hash.update(template);
hash.update(fs.readFileSync(path.join(staging, 'index.html')));
for (const name of names) hash.update(`${name}\n`);
const build = {
  version: hash.digest('hex').slice(0, 16),
  shell,
  chunks,
  packFiles: Object.fromEntries(Object.entries(description).map(([area, pack]) => [area, pack.file])),
  packs: Object.fromEntries(Object.entries(description).map(([area, pack]) => [area, pack.parts])),
};

const MARK = /\/\* BUILD \*\/ \{[^\n]*\};/;
if (!MARK.test(template)) throw new Error('service-worker: public/sw.js has no /* BUILD */ line');
fs.writeFileSync(path.join(staging, 'sw.js'), template.replace(MARK, `/* BUILD */ ${JSON.stringify(build)};`));
console.log(`service-worker: version ${build.version}, ${shell.length} shell files, ${chunks.length} chunks, ${Object.keys(build.packs).length} packs`);
