import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no guard against two processes opening one data directory, which corrupts it.
 * We take an exclusive lock file beside the data (created with O_EXCL); a lock left by a dead
 * process is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(path.resolve(dataDir), '..', `${path.basename(path.resolve(dataDir))}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          `Thư mục dữ liệu ${dataDir} đang được tiến trình khác (PID ${pid}) sử dụng. ` +
            'Hãy dừng tiến trình đó trước, hoặc dùng thư mục khác qua biến DATA_DIR.',
          409,
        );
      }
      if (pid === process.pid) {
        throw new AppError('DATA_DIR_LOCKED', `Thư mục dữ liệu ${dataDir} đã được mở trong tiến trình này.`, 409);
      }
      fs.unlinkSync(file); // stale lock from a process that died
    }
  }
  throw new AppError('DATA_DIR_LOCKED', `Không khóa được thư mục dữ liệu ${dataDir}.`, 409);
}
