/**
 * How the server process is started (npm run serve, the browser tests, the benchmark). The 256 MB V8
 * heap limit keeps a multi-million-row import at ~280 MB RSS instead of ~480 MB at the same speed:
 * without it V8 lets garbage grow before collecting. Keep package.json's "serve" script in step.
 */
export const SERVER_NODE_ARGS = ['--max-old-space-size=256', '--import', 'tsx'];
