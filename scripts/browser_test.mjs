// Browser test of the HTML reading view (run by scripts/browser_test.sh).
//
// usage: node scripts/browser_test.mjs PLAYWRIGHT_DIR TABLES_DIR HTML_DIR [TABLES_DIR HTML_DIR ...]
//
// For every document page of every (tables, html) pair: each entities row of the document is
// highlighted exactly once ([data-mention=eN], text equal to the row's text), each claims row
// exactly once ([data-claim=cN]), no other marks; the page runs only its own script, loads
// nothing from the network and window.__pwned stays undefined; clicking a claim in the side
// panel jumps to it. Screenshots of one Arabic and one Persian page go to out/.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pwDir, ...pairs] = process.argv.slice(2);
if (!pwDir || pairs.length === 0 || pairs.length % 2) {
  console.error('usage: browser_test.mjs PLAYWRIGHT_DIR TABLES_DIR HTML_DIR [TABLES_DIR HTML_DIR ...]');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(pwDir), 'package.json'));
const { chromium } = require('playwright-core');

// RFC 4180 reader: rows of column -> value.
function readCsv(file) {
  let s = fs.readFileSync(file, 'utf8');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const rows = [];
  let row = [], cell = '', i = 0, quoted = false;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      cell += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(cell); cell = ''; i++; continue; }
    if (c === '\r' && s[i + 1] === '\n') { i++; continue; }
    if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; continue; }
    cell += c; i++;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

const failures = [];
const fail = (msg) => { failures.push(msg); console.error('FAIL ' + msg); };

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'isnad-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
const network = [];
page.on('request', (r) => { if (!r.url().startsWith('file:')) network.push(r.url()); });
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.on('dialog', (d) => { fail(`dialog opened: ${d.message()}`); d.dismiss(); });

let pages = 0, marks = 0;
const shots = { ar: null, fa: null };
for (let p = 0; p < pairs.length; p += 2) {
  const [tablesDir, htmlDir] = [pairs[p], pairs[p + 1]];
  const docs = readCsv(path.join(tablesDir, 'documents.csv'));
  const ents = readCsv(path.join(tablesDir, 'entities.csv'));
  const claims = readCsv(path.join(tablesDir, 'claims.csv'));

  await page.goto(pathToFileURL(path.resolve(htmlDir, 'index.html')).href);
  const links = await page.$$eval('a[data-doc-id]', (as) => as.map((a) => [a.dataset.docId, a.getAttribute('href')]));
  const hrefOf = new Map(links);
  if (hrefOf.size !== docs.length) fail(`${htmlDir}/index.html links ${hrefOf.size} documents, documents.csv has ${docs.length}`);
  if (await page.evaluate(() => typeof window.__pwned !== 'undefined')) fail(`${htmlDir}/index.html: window.__pwned is set`);
  const edges = await page.$$eval('svg path', (ps) => ps.length);
  console.log(`${htmlDir}/index.html: ${links.length} documents, ${edges} graph edges`);

  for (const d of docs) {
    const href = hrefOf.get(d.doc_id);
    if (!href) { fail(`${d.doc_id}: no link on the index page`); continue; }
    const file = path.resolve(htmlDir, href);
    await page.goto(pathToFileURL(file).href);
    pages++;
    const where = `${htmlDir}/${href}`;
    const got = await page.evaluate(() => ({
      pwned: typeof window.__pwned !== 'undefined',
      scripts: document.scripts.length,
      imgs: document.querySelectorAll('img').length,
      mentions: [...document.querySelectorAll('[data-mention]')].map((e) => [e.dataset.mention, e.textContent]),
      claims: [...document.querySelectorAll('[data-claim]')].map((e) => e.dataset.claim),
      dir: document.querySelector('.article')?.getAttribute('dir') ?? null,
    }));
    if (got.pwned) fail(`${where}: window.__pwned is set`);
    if (got.scripts !== 1) fail(`${where}: ${got.scripts} <script> elements (expected only the page's own)`);
    if (got.imgs !== 0) fail(`${where}: ${got.imgs} <img> elements`);
    if (d.status === 'ok') {
      const want = ['ar', 'fa'].includes(d.lang) ? 'rtl' : 'ltr';
      if (got.dir !== want) fail(`${where}: article dir=${got.dir}, expected ${want}`);
    }
    const mine = ents.filter((e) => e.doc_id === d.doc_id);
    const count = new Map();
    for (const [id] of got.mentions) count.set(id, (count.get(id) ?? 0) + 1);
    for (const e of mine) {
      const n = count.get(e.mention_id) ?? 0;
      if (n !== 1) { fail(`${where}: ${e.mention_id} highlighted ${n} times`); continue; }
      const text = got.mentions.find(([id]) => id === e.mention_id)[1];
      // The DOM turns CRLF into LF; the mark holds the whole mention (maybe with a nested cue).
      if (text !== e.text.replace(/\r\n?/g, '\n')) fail(`${where}: ${e.mention_id} shows ${JSON.stringify(text)}, row has ${JSON.stringify(e.text)}`);
      marks++;
    }
    if (got.mentions.length !== mine.length) fail(`${where}: ${got.mentions.length} mention marks for ${mine.length} entity rows`);
    const myClaims = claims.filter((c) => c.doc_id === d.doc_id);
    for (const c of myClaims) {
      const n = got.claims.filter((id) => id === c.claim_id).length;
      if (n !== 1) fail(`${where}: ${c.claim_id} highlighted ${n} times`);
      else marks++;
    }
    if (got.claims.length !== myClaims.length) fail(`${where}: ${got.claims.length} claim marks for ${myClaims.length} claim rows`);
    // Clicking a claim in the side panel jumps to its cue and flags its content.
    if (myClaims.length) {
      const id = myClaims[myClaims.length - 1].claim_id;
      await page.click(`aside a[data-goto="${id}"]`);
      const ok = await page.evaluate((id) => {
        const t = document.getElementById(id);
        const r = t.getBoundingClientRect();
        return location.hash === '#' + id && t.classList.contains('flash') && r.bottom > 0 && r.top < innerHeight;
      }, id);
      if (!ok) fail(`${where}: clicking ${id} in the side panel did not bring it into view`);
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    if (d.status === 'ok' && (d.lang === 'ar' || d.lang === 'fa') && !shots[d.lang] && d.doc_id.startsWith(d.lang + '/')) {
      shots[d.lang] = `out/screenshot_${d.lang}.png`;
      await page.goto(pathToFileURL(file).href);
      await page.screenshot({ path: shots[d.lang] });
      console.log(`screenshot of ${d.doc_id} -> ${shots[d.lang]}`);
    }
  }
}
for (const e of pageErrors) fail(`page error: ${e}`);
for (const u of network) fail(`network request: ${u}`);
if (!shots.ar) fail('no Arabic page to screenshot');
if (!shots.fa) fail('no Persian page to screenshot');
await context.close();
fs.rmSync(userDataDir, { recursive: true, force: true });
console.log(`${pages} pages, ${marks} entity and claim marks checked, ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
