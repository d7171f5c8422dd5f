import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT, tempDir } from '../helpers/bot.js';
import { message, post } from '../helpers/http.js';

describe('the server process', () => {
  it('starts on its defaults, and on SIGTERM finishes, flushes its state and exits 0', async () => {
    const dataDir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'index.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', MicrosoftAppId: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += String(chunk);
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    const res = await post(url, message('help', { conversation: { id: 'shutdown-test' } }));
    expect(res.status).toBe(200);

    const exitCode = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exitCode).toBe(0);
    const state = JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(state).some((k) => k.includes('shutdown-test'))).toBe(true);
  }, 30_000);
});
