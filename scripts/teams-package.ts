/**
 * Builds appPackage/build/partner-helpdesk.zip for sideloading in Teams: manifest.json with the
 * configured ids, the localization files and the two icons (drawn here, so no binary is committed by
 * hand; `--icons` only redraws appPackage/color.png and outline.png).
 *
 *   MicrosoftAppId=<guid> [TEAMS_APP_ID=<guid>] npm run teams:package
 */
import 'dotenv/config';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { drawIcon, fillManifest, zip } from '../src/channels/teams/appPackage.js';

const dir = path.resolve(import.meta.dirname, '..', 'appPackage');
const colorPng = drawIcon('color');
const outlinePng = drawIcon('outline');
writeFileSync(path.join(dir, 'color.png'), colorPng);
writeFileSync(path.join(dir, 'outline.png'), outlinePng);
if (process.argv.includes('--icons')) {
  console.log('appPackage/color.png (192×192) and appPackage/outline.png (32×32) drawn');
  process.exit(0);
}

const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const filled = fillManifest(manifest, { botId: process.env.MicrosoftAppId, appId: process.env.TEAMS_APP_ID });
if (!filled.ok) {
  console.error(filled.reason);
  process.exit(2);
}
const localizations = readdirSync(dir).filter((f) => /^[a-z]{2}-[a-z]{2}\.json$/.test(f));
const files = [
  { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(filled.value, null, 2)}\n`) },
  { name: 'color.png', data: colorPng },
  { name: 'outline.png', data: outlinePng },
  ...localizations.map((f) => ({ name: f, data: readFileSync(path.join(dir, f)) })),
];
mkdirSync(path.join(dir, 'build'), { recursive: true });
const out = path.join(dir, 'build', 'partner-helpdesk.zip');
writeFileSync(out, zip(files));
console.log(`${path.relative(process.cwd(), out)}: ${files.map((f) => f.name).join(', ')} (app id ${String(filled.value.id)})`);
