/**
 * `npm start` / `npm run serve`: runs the server as a child process and starts it again when it dies
 * (a crash, an out-of-memory abort), with back-off — 1 s, 2 s, 4 s … up to 60 s, back to 1 s after
 * it has stayed up for 5 minutes — and says why in the log. SIGINT/SIGTERM stop the child and the
 * supervisor. In production systemd does the same job (README: `Restart=always`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_ARGS } from './node-args';

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');
const log = (m: string) => console.error(`[cchc] ${new Date().toISOString()} ${m}`);
let child: ChildProcess | null = null;
let stopping = false;
let delay = 1_000;

function start() {
  const startedAt = Date.now();
  child = spawn(process.execPath, [...SERVER_NODE_ARGS, main], { stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    child = null;
    if (stopping) process.exit(0);
    // A configuration error at start (exit code 1 within a second or two) would only loop: stop.
    if (code === 1 && Date.now() - startedAt < 2_000 && delay === 1_000) {
      log('Máy chủ dừng ngay khi khởi động (lỗi cấu hình hoặc dữ liệu); xem thông báo ở trên.');
      process.exit(1);
    }
    if (Date.now() - startedAt > 5 * 60_000) delay = 1_000;
    log(`Máy chủ dừng bất thường (${signal ? `tín hiệu ${signal}` : `mã thoát ${code}`}); khởi động lại sau ${delay / 1000} giây.`);
    setTimeout(start, delay);
    delay = Math.min(delay * 2, 60_000);
  });
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    stopping = true;
    if (child) child.kill(sig);
    else process.exit(0);
  });
}
start();
