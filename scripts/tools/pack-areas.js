#!/usr/bin/env node
// Area packs: one download per area instead of dozens.
//
// The splitter cuts the code areas share into one chunk per set of areas that
// use it (about 130 chunks for nine areas), and a page opened cold fetches
// its area's own chunk and every shared one it needs: 40 to 75 files, each
// compressed on its own. Compressed apart they weigh 30 to 40 % more than
// together (measured on the tenders' 75 files: 132.9 KB apart, 91.1 KB as
// one stream). So for each area this writes `pack_<area>-<hash>.bin`, the
// area's files end to end, and teaches the loader to fetch that one file
// when most of what the area needs is not here yet. When most of it is
// (another area brought the shared chunks), the loader fetches the few files
// still missing one by one, as before. Either way each chunk is instantiated
// once; a failed pack rejects only that load, which the app retries.
//
// Usage: pack-areas.js <staging dir> <loader file name> [<description.json>],
// after the chunks are staged under their hashed names and the loader names
// them. The description (each pack's files and lengths, in order) is for the
// service worker, which makes a pack from the chunks it keeps
// (scripts/tools/service-worker.js).
'use strict';
const fs = require('fs');
const path = require('path');
const { PAGES, loaderSource } = require('./start-areas.js');

const [staging, loaderName, descriptionPath] = process.argv.slice(2);
if (!staging || !loaderName) {
  console.error('usage: pack-areas.js <staging dir> <loader file name>');
  process.exit(2);
}
const loaderPath = path.join(staging, loaderName);
const loader = fs.readFileSync(loaderPath, 'utf8');

// Each file the loader fetches, by the name of what loads it.
const FETCH = /fetch\(new URL\("(\.\/[^"]+\.wasm)", import\.meta\.url\)\)/;
const files = {};
const deps = {};
const LOADER =
  /(?:const (__chunk_\d+)|export const __wasm_split_load_(\w+)) = (?:wrapAsyncCb\()?makeLoad\(([\s\S]*?)\n, \[([^\]]*)\]\)/g;
for (const [, chunk, area, body, list] of loader.matchAll(LOADER)) {
  const name = chunk ?? area;
  const file = body.match(FETCH);
  if (!file) throw new Error(`pack-areas: ${name} fetches no file`);
  files[name] = file[1];
  deps[name] = list.split(',').map((d) => d.trim()).filter(Boolean);
}
const areas = Object.keys(files).filter((name) => !name.startsWith('__chunk_'));
if (areas.length === 0) throw new Error(`pack-areas: no area in ${loaderName}`);
for (const { area } of PAGES) {
  if (!areas.includes(area)) throw new Error(`pack-areas: start-areas.js names ${area}, which the build has not`);
}

/** The files an area's load fetches, its own first. */
function closure(name, seen = new Set()) {
  if (seen.has(name)) return [];
  seen.add(name);
  return [files[name], ...deps[name].flatMap((dep) => closure(dep, seen))];
}

// trunk-post-build names every chunk `<name>-<build>.wasm` with one hash.
const builds = new Set(Object.values(files).map((file) => file.match(/^\.\/\w+-([0-9a-f]{16})\.wasm$/)?.[1]));
if (builds.size !== 1 || builds.has(undefined)) throw new Error('pack-areas: the chunks are not named by one build hash');
const [build] = builds;
const chunkNumber = (file) => Number(file.match(/^\.\/chunk_(\d+)-/)?.[1] ?? NaN);
for (const [name, list] of Object.entries(deps)) {
  if (name.startsWith('__chunk_') && list.length > 0) {
    throw new Error(`pack-areas: ${name} depends on other chunks, which this loader does not express`);
  }
}

// Each pack holds the area's own file, then its chunks by number: the loader
// finds a file's place from the lengths below, so it needs no list of names.
const packs = {};
const description = {};
const chunkLengths = [];
const ownLengths = {};
for (const area of areas) {
  const [own, ...chunks] = closure(area);
  if (own !== `./split_${area}-${build}.wasm`) throw new Error(`pack-areas: ${area}'s own file is ${own}`);
  const numbers = chunks.map(chunkNumber).sort((a, b) => a - b);
  if (numbers.some(Number.isNaN)) throw new Error(`pack-areas: ${area} needs a file that is not a chunk`);
  const bodies = [own, ...numbers.map((n) => `./chunk_${n}-${build}.wasm`)].map((file) =>
    fs.readFileSync(path.join(staging, file)),
  );
  numbers.forEach((n, i) => (chunkLengths[n] = bodies[i + 1].length));
  ownLengths[area] = bodies[0].length;
  if (numbers.length === 0) continue;
  fs.writeFileSync(path.join(staging, `pack_${area}-${build}.bin`), Buffer.concat(bodies));
  packs[area] = ranges(numbers);
  description[area] = {
    file: `/pack_${area}-${build}.bin`,
    parts: [own, ...numbers.map((n) => `./chunk_${n}-${build}.wasm`)].map((file, i) => [file.slice(1), bodies[i].length]),
  };
}

/** 10,11,12,14 as "10-12,14". */
function ranges(numbers) {
  const parts = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    parts.push(i === j ? `${numbers[i]}` : `${numbers[i]}-${numbers[j]}`);
    i = j;
  }
  return parts.join(',');
}

// The loader after the splitter's own helpers (its import of the glue,
// shared imports, `wrapAsyncCb`, `makeLoad`), written anew: the splitter
// writes five lines and a list of every dependency per file (a fifth of the
// shell's loader); here a file is its area's name or its chunk's number, an
// area's chunks a range list that its pack shares, and every fetch goes
// through `packedFetch`, which takes a file from a pack on its way when
// `openPack` sent for one (because most of the area was not here yet). Last,
// the page being opened has its area's pack sent for at once
// (start-areas.js), not when the main module gets to ask for it.
const firstLoader = loader.search(/^(?:\/\* [\w, ]+ \*\/\n)?(?:const __chunk_\d+|export const __wasm_split_load_\w+) = /m);
if (firstLoader < 0) throw new Error(`pack-areas: no loader in ${loaderName}`);
const runtime = `
const CHUNK_LENGTHS = [${Array.from(chunkLengths, (n) => (n === undefined ? '' : n)).join(',')}];
const chunkLoads = [];
const requested = new Set();
const fromPack = new Map();
const fileOf = (key) => typeof key === "number" ? \`./chunk_\${key}-${build}.wasm\` : \`./split_\${key}-${build}.wasm\`;
function numbersIn(ranges) {
    const numbers = [];
    for (const part of ranges ? ranges.split(",") : []) {
        const [first, last = first] = part.split("-").map(Number);
        for (let n = first; n <= last; n++) numbers.push(n);
    }
    return numbers;
}
// Sends for what area \`area\` needs that is not here yet: its pack when that
// is half its bytes or more. Otherwise a load fetches the rest file by file
// as it needs them, and so does a fetch ahead (\`everyFile\`) at once. The
// bytes wait in \`fromPack\` for the load; the promise says when they came.
function openPack(area, ownLength, numbers, everyFile) {
    const files = [[area, ownLength], ...numbers.map((n) => [n, CHUNK_LENGTHS[n]])];
    const missing = new Set(files.filter(([key]) => !requested.has(key) && !fromPack.has(key)).map(([key]) => key));
    const bytes = (keep) => files.reduce((sum, [key, length]) => sum + (keep(key) ? length : 0), 0);
    // Fetched ahead for a page the person may never open: a failure is only
    // that load's, never an unhandled rejection.
    const keep = (key, response) => {
        response.catch(() => {});
        fromPack.set(key, response);
        return response;
    };
    if (numbers.length > 0 && bytes((key) => missing.has(key)) * 2 >= bytes(() => true)) {
        const file = \`./pack_\${area}-${build}.bin\`;
        const body = fetch(new URL(file, import.meta.url)).then((response) => {
            if (!response.ok) throw new Error(\`\${file}: \${response.status}\`);
            return response.arrayBuffer();
        });
        let offset = 0;
        for (const [key, length] of files) {
            const start = offset;
            offset += length;
            if (!missing.has(key)) continue;
            keep(key, body.then((buffer) => new Response(new Uint8Array(buffer, start, length), {
                headers: { "Content-Type": "application/wasm" },
            })));
        }
        return body;
    }
    if (!everyFile) return Promise.resolve();
    return Promise.all([...missing].map((key) => keep(key, fetch(new URL(fileOf(key), import.meta.url)))));
}
function packedFetch(key) {
    requested.add(key);
    const packed = fromPack.get(key);
    fromPack.delete(key);
    const response = packed ?? fetch(new URL(fileOf(key), import.meta.url));
    response.catch(() => requested.delete(key));
    return response;
}
function load(key, deps) {
    return makeLoad(() => {
        const src = packedFetch(key);
        src.catch(() => {});
        return async (imports) => WebAssembly.instantiateStreaming(src, imports);
    }, deps);
}
function chunkLoad(n) {
    return (chunkLoads[n] ??= load(n, []));
}
const packOf = new Map();
function openArea(name, everyFile) {
    const [ownLength, numbers] = packOf.get(name) ?? [];
    return numbers === undefined ? Promise.resolve() : openPack(name, ownLength, numbers, everyFile);
}
// The app's fetch ahead (src/lazy.rs \`prefetch\`): an area's code, fetched
// and kept for its first load, not started. Settles when the bytes came or
// could not (then the load sends for them again).
globalThis.rantaiFetchArea = (name) => openArea(name, true).then(() => {}, () => {});
function area(name, ownLength, ranges) {
    const numbers = numbersIn(ranges);
    packOf.set(name, [ownLength, numbers]);
    const areaLoad = load(name, numbers.map(chunkLoad));
    return wrapAsyncCb(() => {
        openArea(name, false);
        return areaLoad();
    });
}
${areas
  .map((name) => `export const __wasm_split_load_${name} = area("${name}", ${ownLengths[name]}, "${packs[name] ?? ''}");`)
  .join('\n')}
${loaderSource('rantaiFetchArea')}`;
fs.writeFileSync(loaderPath, loader.slice(0, firstLoader) + runtime);
if (descriptionPath) fs.writeFileSync(descriptionPath, JSON.stringify(description));
for (const [area, chunks] of Object.entries(packs)) {
  console.log(`pack-areas: pack_${area}-${build}.bin: split_${area} and chunks ${chunks}`);
}
