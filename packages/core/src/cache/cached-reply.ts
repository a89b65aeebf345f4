/**
 * A cached read sent as bytes: the answer is serialised with the route's response schema once and
 * compressed once per encoding, then every request for it until the data changes is a memory copy —
 * on a deadline morning the same dashboard goes to hundreds of officials.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DATA_TOPIC, scopeKey, type ReadCache } from './read-cache';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

class PreparedReply {
  private readonly encoded = new Map<'br' | 'gzip', Promise<Buffer>>();
  constructor(readonly json: string) {}
  as(encoding: 'br' | 'gzip'): Promise<Buffer> {
    let p = this.encoded.get(encoding);
    if (!p) {
      // Compressed on libuv's thread pool, not on the event loop.
      p =
        encoding === 'br'
          ? brotli(this.json, {
              params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: this.json.length },
            })
          : gzip(this.json, { level: 6 });
      this.encoded.set(encoding, p);
    }
    return p;
  }
}

export async function cachedReply<T>(
  s: { cache: ReadCache; today(): string },
  req: FastifyRequest,
  reply: FastifyReply,
  actor: Parameters<typeof scopeKey>[0],
  name: string,
  query: unknown,
  load: () => Promise<T>,
): Promise<FastifyReply> {
  const key = `${name}|${scopeKey(actor)}|${s.today()}|${JSON.stringify(query ?? null)}`;
  const prepared = await s.cache.get([DATA_TOPIC], `reply|${key}`, async () => new PreparedReply(reply.serialize(await load()) as string));
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  const accept = String(req.headers['accept-encoding'] ?? '');
  const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  if (!encoding || prepared.json.length < 1024) return reply.send(prepared.json);
  const body = await prepared.as(encoding);
  return reply.header('content-encoding', encoding).send(body);
}
