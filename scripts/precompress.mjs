// Compresses a built site's assets once, so the server can send them as
// they are (server/src/assets.rs): `<file>.br` (Brotli, quality 11) and
// `<file>.gz` (gzip, level 9) beside every wasm, JS and CSS file under
// `pkg/` and `vendor/`. A compressed copy is kept only when it is smaller;
// copies whose original is gone (an earlier build) are removed.
//
//   node scripts/precompress.mjs <site root>
import { readdirSync, readFileSync, writeFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = process.argv[2];
if (!root || !existsSync(root)) {
  console.error(`usage: node scripts/precompress.mjs <site root> (got ${root ?? 'nothing'})`);
  process.exit(2);
}
const KINDS = ['.wasm', '.js', '.css'];
const COPIES = ['.br', '.gz'];
const totals = { plain: 0, br: 0, gz: 0 };

for (const dir of ['pkg', 'vendor'].map((d) => join(root, d)).filter(existsSync)) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const copy = COPIES.find((c) => name.endsWith(c));
    if (copy) {
      if (!existsSync(path.slice(0, -copy.length))) rmSync(path);
      continue;
    }
    if (!statSync(path).isFile() || !KINDS.some((k) => name.endsWith(k))) continue;
    const plain = readFileSync(path);
    const br = brotliCompressSync(plain, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
        [constants.BROTLI_PARAM_MODE]: name.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = gzipSync(plain, { level: 9 });
    for (const [ext, bytes] of [['.br', br], ['.gz', gz]]) {
      if (bytes.length < plain.length) writeFileSync(path + ext, bytes);
      else rmSync(path + ext, { force: true });
    }
    totals.plain += plain.length;
    totals.br += Math.min(br.length, plain.length);
    totals.gz += Math.min(gz.length, plain.length);
    console.log(`[precompress] ${name}: ${plain.length} B, gzip ${gz.length} B, brotli ${br.length} B`);
  }
}
console.log(`[precompress] total: ${totals.plain} B, gzip ${totals.gz} B, brotli ${totals.br} B`);
