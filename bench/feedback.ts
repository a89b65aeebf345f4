/**
 * `npm run bench` (feedback part): the public intake under load, with autocannon on loopback.
 *   Intake — citizens sending cases with a 1600×1200 photo each, at BENCH_FEEDBACK_RATE submissions per
 *   second (default 100) for BENCH_LOAD_SECONDS; each submission from its own address (X-Forwarded-For,
 *   trusted from loopback in the bench only), as citizens' phones are. Reported: achieved rate, latency,
 *   errors, event-loop delay, RSS, and whether every accepted case is in the list once (no loss, no double).
 *   Flood — one address sending 100 at once is limited (429) while other addresses still get 201.
 *   BENCH_DATABASE_URL=postgres://…  PostgreSQL part (skipped without it); PGlite always.
 */
import type pg from 'pg';
import sharp from 'sharp';
import autocannon from 'autocannon';
import { login, onEachDatabase, rssOf, startServer } from './server';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const RATE = Number(process.env.BENCH_FEEDBACK_RATE ?? 100);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const BOUNDARY = '----cchcbench';

/** A phone-camera-like JPEG (noise compresses like a photo, not like a flat colour). */
async function photo(): Promise<Buffer> {
  const w = 1600;
  const h = 1200;
  const raw = Buffer.alloc(w * h * 3);
  let x = 12345;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = (i % 3 === 0 ? 120 : 90) + (x % 40);
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 80 })
    .withExif({ IFD0: { ImageDescription: 'GPS 10.25 105.97' } })
    .toBuffer();
}

function multipart(fields: Record<string, string>, jpeg: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="photos"; filename="anh.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`),
  );
  parts.push(jpeg, Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

let addressSeq = 0;
/** A new citizen's address for each submission (198.18.0.0/15, the benchmarking range). */
const nextAddress = () => {
  const n = addressSeq++;
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
};

async function webCases(url: string, office: Record<string, string>): Promise<number> {
  const r = await fetch(`${url}/api/feedback?channel=web&limit=1`, { headers: office });
  return ((await r.json()) as { total: number }).total;
}

async function bench(label: string, env: Record<string, string>, db?: pg.Client) {
  console.log(`\n== Feedback intake, ${label}: ${RATE} submissions/s with a photo each, ${SECONDS} s ==`);
  const server = await startServer({ ...env, TRUST_PROXY: '127.0.0.1' });
  try {
    const admin = await login(server.url, 'admin', { 'x-forwarded-for': '198.19.255.1' });
    const office = await login(server.url, 'cchc', { 'x-forwarded-for': '198.19.255.2' });
    const jpeg = await photo();
    const body = multipart(
      {
        name: 'Nguyễn Văn An',
        phone: '0912345678',
        category: 'moi_truong',
        content: 'Rác thải tồn đọng nhiều ngày tại đầu hẻm 12 đường Phạm Thái Bường, bốc mùi hôi.',
        place: 'Hẻm 12 đường Phạm Thái Bường',
        consent: 'true',
      },
      jpeg,
    );
    const before = await webCases(server.url, office);
    await fetch(`${server.url}/api/system/runtime?reset=true`, { headers: admin });
    const result = await autocannon({
      url: server.url,
      connections: 32,
      overallRate: RATE,
      // A fixed number, so that every submission sent is answered before the count below.
      amount: RATE * SECONDS,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          path: '/api/public/feedback',
          headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
          body,
          setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': nextAddress() } }),
        },
      ],
    });
    const alive = server.proc.exitCode === null;
    const rt = alive
      ? ((await (await fetch(`${server.url}/api/system/runtime`, { headers: admin })).json()) as {
          eventLoopDelayMs: { p99: number; max: number };
          rssMb: number;
        })
      : null;
    const codes = (result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats ?? {};
    const created = codes['201']?.count ?? 0;
    const after = alive ? await webCases(server.url, office) : NaN;
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(
      `intake (photo ${fmt(jpeg.length / 1024)} kB)`.padEnd(30) +
        ` ${fmt(result.requests.average).padStart(5)} req/s (asked ${RATE})  p50 ${fmt(result.latency.p50)} ms  p97.5 ${fmt(result.latency.p97_5)} ms  p99 ${fmt(result.latency.p99)} ms  errors ${errors} (codes ${Object.entries(
          codes,
        )
          .map(([c, v]) => `${c}×${v.count}`)
          .join(' ')})  ` +
        (rt
          ? `loop delay p99 ${rt.eventLoopDelayMs.p99} ms max ${rt.eventLoopDelayMs.max} ms  RSS ${rt.rssMb} MB (peak ${fmt(rssOf(server.proc.pid!, 'VmHWM') / 1048576)} MB)`
          : 'SERVER CRASHED'),
    );
    console.log(
      `cases in the list: ${fmt(after - before)} new for ${fmt(created)} answered 201 → ${after - before === created ? 'none lost, none doubled' : 'MISMATCH'}`,
    );

    if (db) {
      // The photos wait for the background job that removes their metadata: how long until none waits.
      const t0 = Date.now();
      const pending = async () => Number((await db.query('select count(*) as n from feedback_photo where not cleaned')).rows[0].n);
      const first = await pending();
      while ((await pending()) > 0 && Date.now() - t0 < 300_000) await new Promise((r) => setTimeout(r, 500));
      console.log(
        `photos waiting to be cleaned when the load stopped: ${fmt(first)}; all cleaned ${fmt((Date.now() - t0) / 1000)} s later (${(await pending()) ? 'NOT ALL' : 'none left'})`,
      );
    }
    // Flood: one address, 100 at once; then ten other citizens.
    const send = (address: string) =>
      fetch(`${server.url}/api/public/feedback`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'x-forwarded-for': address },
        body,
      }).then((r) => r.status);
    const flood = await Promise.all(Array.from({ length: 100 }, () => send('198.19.254.1')));
    const others = await Promise.all(Array.from({ length: 10 }, () => send(nextAddress())));
    const count = (xs: number[], code: number) => xs.filter((c) => c === code).length;
    console.log(
      `flood from one address: ${count(flood, 201)} accepted, ${count(flood, 428)} asked for a challenge, ${count(flood, 429)} limited (429); ` +
        `other addresses meanwhile: ${count(others, 201)}/10 accepted`,
    );
  } finally {
    if (server.proc.exitCode === null) await server.stop();
    else console.log(`server exited with ${server.proc.exitCode}`);
  }
}

await onEachDatabase('feedback', bench);
