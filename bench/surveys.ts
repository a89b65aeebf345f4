/**
 * `npm run bench` (surveys part): the public survey form under load, with autocannon on loopback.
 *   Answers — sampled citizens sending the SIPAS form (33 items and a profile) at BENCH_SURVEY_RATE per
 *   second (default 200) for BENCH_LOAD_SECONDS, each with its own one-use token and its own address
 *   (X-Forwarded-For, trusted from loopback in the bench only). Reported: achieved rate, latency (p95),
 *   errors, event-loop delay, RSS, and whether every 201 is one stored response (none lost, none doubled).
 *   Flood — one address sending 60 at once is limited (429) while other addresses still get 201.
 *   BENCH_DATABASE_URL=postgres://…  PostgreSQL part (skipped without it); PGlite always.
 */
import autocannon from 'autocannon';
import { login, onEachDatabase, rssOf, startServer } from './server';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const RATE = Number(process.env.BENCH_SURVEY_RATE ?? 200);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

let addressSeq = 0;
/** A new citizen's address for each answer (198.18.0.0/15, the benchmarking range). */
const nextAddress = () => {
  const n = addressSeq++;
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
};

const answers = (i: number) => ({
  A2: 1 + (i % 2),
  A3: 1 + (i % 5),
  C2: [1, 6],
  C8: { '4': 1 },
  ...Object.fromEntries(Array.from({ length: 33 }, (_, k) => [`C9_${String(k + 1).padStart(2, '0')}`, 1 + ((i + k) % 5)])),
});

async function bench(label: string, env: Record<string, string>) {
  const amount = RATE * SECONDS;
  console.log(`\n== Survey answers, ${label}: ${RATE} answers/s, ${SECONDS} s (${fmt(amount)} tokens) ==`);
  const server = await startServer({ ...env, TRUST_PROXY: '127.0.0.1' });
  try {
    const admin = await login(server.url, 'admin', { 'x-forwarded-for': '198.19.255.1' });
    const office = await login(server.url, 'cchc', { 'x-forwarded-for': '198.19.255.2' });
    const json = { ...office, 'content-type': 'application/json', 'x-forwarded-for': '198.19.255.2' };
    const year = new Date().getFullYear();
    const period = { from: `${year}-01-01`, to: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) };
    const stats = (await (
      await fetch(`${server.url}/api/dossiers/stats?from=${period.from}&to=${period.to}&groupBy=unit`, { headers: json })
    ).json()) as {
      key: string;
      resolved: number;
    }[];
    // Every resolved dossier of the busiest units drawn, until there are enough tokens.
    const units: string[] = [];
    let total = 0;
    for (const u of stats.sort((a, b) => b.resolved - a.resolved)) {
      if (total >= amount * 1.4 + 200) break; // one person is drawn once across units: some dossiers give no token
      units.push(u.key);
      total += u.resolved;
    }
    const { id } = (await (
      await fetch(`${server.url}/api/surveys/from-template`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ template: 'sipas-1001', name: 'Khảo sát đo tải', period }),
      })
    ).json()) as { id: number };
    const sample = (await (
      await fetch(`${server.url}/api/surveys/${id}/sample`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          units,
          seed: 1,
          sizes: Object.fromEntries(stats.filter((s) => units.includes(s.key)).map((s) => [s.key, s.resolved])),
        }),
      })
    ).json()) as { units: { tokens: string[] }[] };
    await fetch(`${server.url}/api/surveys/${id}/publish`, { method: 'POST', headers: office });
    const tokens = sample.units.flatMap((u) => u.tokens);
    if (tokens.length < amount + 70) throw new Error(`only ${tokens.length} tokens for ${amount} answers`);
    await fetch(`${server.url}/api/system/runtime?reset=true`, { headers: admin });
    let next = 0;
    const result = await autocannon({
      url: server.url,
      connections: 32,
      overallRate: RATE,
      amount,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          path: '/api/public/surveys/x/responses',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => {
            const i = next++;
            return {
              ...req,
              path: `/api/public/surveys/${tokens[i]}/responses`,
              body: JSON.stringify({ answers: answers(i) }),
              headers: { ...req.headers, 'x-forwarded-for': nextAddress() },
            };
          },
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
    const stored = alive
      ? ((await (await fetch(`${server.url}/api/surveys/${id}/responses?pageSize=1`, { headers: json })).json()) as { total: number }).total
      : NaN;
    const errors = result.errors + result.timeouts + result.non2xx;
    const p95 = (result.latency as unknown as Record<string, number>).p95 ?? result.latency.p97_5;
    console.log(
      'public answers'.padEnd(20) +
        ` ${fmt(result.requests.average).padStart(5)} req/s (asked ${RATE})  p50 ${fmt(result.latency.p50)} ms  p95 ${fmt(p95)} ms  p99 ${fmt(result.latency.p99)} ms  errors ${errors} (codes ${Object.entries(
          codes,
        )
          .map(([c, v]) => `${c}×${v.count}`)
          .join(' ')})  ` +
        (rt
          ? `loop delay p99 ${rt.eventLoopDelayMs.p99} ms max ${rt.eventLoopDelayMs.max} ms  RSS ${rt.rssMb} MB (peak ${fmt(rssOf(server.proc.pid!, 'VmHWM') / 1048576)} MB)`
          : 'SERVER CRASHED'),
    );
    console.log(
      `responses stored: ${fmt(stored)} for ${fmt(created)} answered 201 → ${stored === created ? 'none lost, none doubled' : 'MISMATCH'}`,
    );
    // Flood: one address, 60 at once with fresh tokens; then ten other citizens.
    const send = (token: string, address: string) =>
      fetch(`${server.url}/api/public/surveys/${token}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ answers: answers(0) }),
      }).then((r) => r.status);
    const spare = tokens.slice(amount);
    const flood = await Promise.all(spare.slice(0, 60).map((t) => send(t, '198.19.254.1')));
    const others = await Promise.all(spare.slice(60, 70).map((t) => send(t, nextAddress())));
    const count = (xs: number[], code: number) => xs.filter((c) => c === code).length;
    console.log(
      `flood from one address: ${count(flood, 201)} accepted, ${count(flood, 429)} limited (429); other addresses meanwhile: ${count(others, 201)}/10 accepted`,
    );
  } finally {
    if (server.proc.exitCode === null) await server.stop();
    else console.log(`server exited with ${server.proc.exitCode}`);
  }
}

await onEachDatabase('surveys', bench);
