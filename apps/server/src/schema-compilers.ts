/**
 * Fastify's request validators and response serializers, compiled once per process for a given schema
 * instead of once per app instance. A server builds one app, so this changes nothing for it; the tests
 * build a dozen apps per worker, and compiling ~120 routes' schemas took ~1.4 s of each build
 * (fast-json-stringify ~1 s, Ajv ~0.3 s, measured with --cpu-prof).
 *
 * Pools are keyed as Fastify's own per-instance pool is (the shared `addSchema` schemas and the options,
 * as JSON), so apps with different shared schemas never share a compiled function; within a pool a
 * route's schema is keyed by its JSON too, since routes build their schema objects per registration.
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;
type CompilersFactory = NonNullable<SchemaController['compilersFactory']>;

type Compile = (route: { schema: unknown }) => unknown;
type Factory = (externals: unknown, opts: unknown) => Compile;

/** A compiler factory whose compilers remember what they compiled, per pool key and schema JSON. */
function pooled(factory: Factory): Factory {
  const pools = new Map<string, Compile>();
  return (externals, opts) => {
    const key = JSON.stringify(externals) + JSON.stringify(opts ?? {});
    const existing = pools.get(key);
    if (existing) return existing;
    const compile = factory(externals, opts);
    const compiled = new Map<string, unknown>();
    const pool: Compile = (route) => {
      const schemaKey = JSON.stringify(route.schema);
      if (!compiled.has(schemaKey)) compiled.set(schemaKey, compile(route));
      return compiled.get(schemaKey);
    };
    pools.set(key, pool);
    return pool;
  };
}

export const sharedSchemaController: SchemaController = {
  compilersFactory: {
    buildValidator: pooled(AjvCompiler() as never) as CompilersFactory['buildValidator'],
    buildSerializer: pooled(SerializerSelector() as never) as CompilersFactory['buildSerializer'],
  },
};
