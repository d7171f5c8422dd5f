/**
 * Copies Web Chat's prebuilt bundle (dist/webchat.js, ~3.9 MB) into public/vendor/ so the page is
 * served with no CDN. The botframework-webchat package unpacks to ~160 MB and pulls React, the speech
 * SDK and more; the page needs only this one file, so we fetch the package tarball with `npm pack`
 * (the ordinary npm client, through its cache), check it against the pinned integrity, and extract two
 * files. Run: npm run vendor:webchat (also run by postinstall, where a failure only warns).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PACKAGE = 'botframework-webchat';
const VERSION = '4.18.1';
const INTEGRITY = 'sha512-7jpEUJ7olT62Xm+8eh7BhhIcXVfU2xD4pZDaeBt8K4XcNy6K/83UGIxE9BFkXmHMZ4hDEVOzs5cre07GWuaXzg==';
const FILES = ['dist/webchat.js', 'dist/webchat.js.LICENSE.txt'] as const;

const root = path.resolve(import.meta.dirname, '..');
const vendorDir = path.join(root, 'public', 'vendor');
const stampFile = path.join(vendorDir, 'webchat.source.json');
const optional = process.argv.includes('--optional');

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function upToDate(): boolean {
  const bundle = path.join(vendorDir, 'webchat.js');
  if (!existsSync(bundle) || !existsSync(stampFile)) return false;
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { version?: string; sha256?: string };
  return stamp.version === VERSION && stamp.sha256 === sha256(bundle);
}

function vendor(): void {
  if (upToDate()) {
    console.log(`public/vendor/webchat.js is ${PACKAGE}@${VERSION} already`);
    return;
  }
  const work = mkdtempSync(path.join(tmpdir(), 'webchat-'));
  try {
    const out = execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--pack-destination', work, '--json', '--silent'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [info] = JSON.parse(out) as Array<{ filename: string; integrity: string }>;
    if (!info) throw new Error('npm pack printed nothing');
    const tarball = path.join(work, info.filename);
    const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (actual !== INTEGRITY) throw new Error(`${info.filename} does not match the pinned integrity (${actual})`);
    execFileSync('tar', ['-xzf', tarball, '-C', work, ...FILES.map((f) => `package/${f}`)]);
    mkdirSync(vendorDir, { recursive: true });
    for (const f of FILES) copyFileSync(path.join(work, 'package', f), path.join(vendorDir, path.basename(f)));
    const bundle = path.join(vendorDir, 'webchat.js');
    writeFileSync(stampFile, `${JSON.stringify({ package: PACKAGE, version: VERSION, integrity: INTEGRITY, sha256: sha256(bundle) }, null, 2)}\n`);
    console.log(`public/vendor/webchat.js ← ${PACKAGE}@${VERSION} (${Math.round(readFileSync(bundle).length / 1024)} KiB)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  vendor();
} catch (err) {
  const message = `Could not vendor Web Chat: ${(err as Error).message}`;
  if (!optional) throw new Error(message, { cause: err });
  console.warn(`${message}\nThe chat page needs it: run npm run vendor:webchat when the npm registry is reachable.`);
}
