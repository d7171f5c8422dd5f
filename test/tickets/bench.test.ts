import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('bench-tickets script', () => {
  it('runs and prints the create cost and the concurrent rate', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'scripts', 'bench-tickets.ts'), '--quick'],
      { cwd: root, timeout: 60_000 },
    );
    expect(stdout).toMatch(/create, 1,000 stored: +median \d+\.\d+ ms/);
    expect(stdout).toMatch(/create, 10,000 stored: +median \d+\.\d+ ms/);
    expect(stdout).toMatch(/50 concurrent writers: +\d+ durable creates\/s/);
  }, 60_000);
});
