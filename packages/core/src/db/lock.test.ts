import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { acquireDataDirLock } from './lock';

const dirs: string[] = [];
function tempDataDir(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-lock-'));
  dirs.push(base);
  return path.join(base, 'data');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('data directory lock', () => {
  it('refuses a second opener while a live process holds it, with a Vietnamese message', () => {
    const dir = tempDataDir();
    // A live process other than us (our parent) holds the lock.
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${dir}.lock`, String(process.ppid));
    let error: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DATA_DIR_LOCKED');
    expect((error as AppError).message).toContain('đang được tiến trình khác');
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.ppid));
  });

  it('takes over a lock left by a process that has died', () => {
    const dir = tempDataDir();
    const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).toString());
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${dir}.lock`, String(deadPid));
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it('lets the same directory be opened again after release', () => {
    const dir = tempDataDir();
    acquireDataDirLock(dir).release();
    const again = acquireDataDirLock(dir);
    again.release();
  });
});
