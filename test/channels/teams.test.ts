import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, it, expect } from 'vitest';
import { ActivityTypes, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { TeamsChannelMiddleware, teamsIdentity, ADAPTIVE_CARD_ACTION_DONE } from '../../src/channels/teams/activity.js';
import { unzipSync } from 'fflate';
import { drawIcon, fillManifest, pngSize, zip, PLACEHOLDER_ID } from '../../src/channels/teams/appPackage.js';
import { toSupportedLocale } from '../../src/i18n/locales.js';

const fixture = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.json`), 'utf8')) as Activity;
const APP = path.resolve(import.meta.dirname, '..', '..', 'appPackage');
// Both are CommonJS modules whose class is on `.default` under NodeNext.
const SCHEMAS = path.resolve(import.meta.dirname, '..', '..', 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams', 'v1.30');

/** Runs the middleware on a recorded activity; returns what the bot saw and what was sent back. */
async function through(activity: Activity) {
  const context = new TurnContext(new TestAdapter(), activity);
  const sent: Partial<Activity>[] = [];
  context.onSendActivities(async (_ctx, activities) => {
    sent.push(...activities);
    return activities.map(() => ({ id: '' }));
  });
  let seen: { type: string; text: string | undefined; value: unknown } | undefined;
  await new TeamsChannelMiddleware().onTurn(context, async () => {
    seen = { type: context.activity.type, text: context.activity.text, value: context.activity.value };
  });
  return { seen, sent, after: context.activity };
}

describe('Teams activities', () => {
  it('strips the @mention of the bot from a channel message', async () => {
    const { seen } = await through(fixture('teams-channel-mention'));
    expect(seen).toEqual({ type: 'message', text: 'How do I add a new customer?', value: undefined });
  });

  it('reads identity and tenant from the Teams activity, and its locale maps to ours', () => {
    const a = fixture('teams-channel-mention');
    expect(teamsIdentity(a)).toEqual({ aadObjectId: '6b1f3e2a-9c8d-4e7f-a1b2-c3d4e5f60718', tenantId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' });
    expect(toSupportedLocale(a.locale)).toBe('it-IT');
    expect(toSupportedLocale('it-it')).toBe('it-IT');
  });

  it('hands a card submit to the bot the same way, message-back or invoke, and answers the invoke', async () => {
    const back = await through(fixture('teams-message-back'));
    const invoke = await through(fixture('teams-adaptive-card-invoke'));
    expect(back.seen).toEqual({ type: 'message', text: undefined, value: { action: 'feedback', helpful: true } });
    expect(invoke.seen).toEqual({ type: 'message', text: '', value: { action: 'feedback', helpful: true } });
    expect(back.sent).toEqual([]);
    expect(invoke.after.type).toBe(ActivityTypes.Invoke);
    expect(invoke.sent).toEqual([expect.objectContaining({ type: ActivityTypes.InvokeResponse, value: ADAPTIVE_CARD_ACTION_DONE })]);
  });

  it('leaves other channels alone', async () => {
    const a = { ...fixture('teams-channel-mention'), channelId: 'directline' };
    const { seen } = await through(a);
    expect(seen?.text).toContain('<at>');
  });
});

describe('Teams app package', () => {
  // The Teams schemas have patterns that are not valid in unicode mode ("\b]"), as browsers' validators read them.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const manifest = JSON.parse(readFileSync(path.join(APP, 'manifest.json'), 'utf8')) as Record<string, unknown>;

  it('has a manifest valid against the Teams schema, with the bot in personal, team and group chat', () => {
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, 'MicrosoftTeams.schema.json'), 'utf8')) as object);
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const bots = manifest.bots as Array<{ scopes: string[] }>;
    expect(bots[0]?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const filled = fillManifest(manifest, { botId: '11111111-2222-3333-4444-555555555555' });
    expect(filled.ok && validate(filled.value)).toBe(true);
  });

  it('has a valid localization file for each of the six other languages', () => {
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, 'MicrosoftTeams.Localization.schema.json'), 'utf8')) as object);
    const files = readdirSync(APP).filter((f) => /^[a-z]{2}-[a-z]{2}\.json$/.test(f)).sort();
    expect(files).toEqual(['de-de.json', 'es-es.json', 'it-it.json', 'pt-br.json', 'ru-ru.json', 'zh-cn.json']);
    const listed = (manifest.localizationInfo as { additionalLanguages: Array<{ file: string }> }).additionalLanguages.map((l) => l.file).sort();
    expect(listed).toEqual(files);
    for (const f of files) {
      const loc = JSON.parse(readFileSync(path.join(APP, f), 'utf8')) as Record<string, string>;
      expect(validate(loc), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(loc['description.full']).not.toBe((manifest.description as { full: string }).full);
    }
  });

  it.each([
    ['color', 192],
    ['outline', 32],
  ] as const)('draws the %s icon, %i px square, the same as the committed one', (kind, size) => {
    const png = drawIcon(kind);
    expect(pngSize(png)).toEqual({ width: size, height: size });
    expect(readFileSync(path.join(APP, `${kind}.png`)).equals(png)).toBe(true);
  });

  it.each([
    ['no id', undefined],
    ['not a GUID', 'my-bot'],
  ])('refuses to package with %s', (_name, botId) => {
    expect(fillManifest(manifest, { botId }).ok).toBe(false);
    expect(manifest.id).toBe(PLACEHOLDER_ID);
  });

  it('zips files that read back intact', () => {
    const data = Buffer.from('{"hello":"世界"}');
    const archive = zip([{ name: 'manifest.json', data }]);
    expect(archive.readUInt32LE(0)).toBe(0x04034b50);
    const nameLength = archive.readUInt16LE(26);
    const packedLength = archive.readUInt32LE(18);
    const packed = archive.subarray(30 + nameLength, 30 + nameLength + packedLength);
    expect(inflateRawSync(packed).equals(data)).toBe(true);
    // And the whole archive (central directory included) reads back as the files it was given.
    const files = unzipSync(new Uint8Array(archive));
    expect(Object.keys(files)).toEqual(['manifest.json']);
    expect(Buffer.from(files['manifest.json'] ?? []).equals(data)).toBe(true);
  });
});
