// A small Prometheus stand-in on 127.0.0.1 for what a real server will not
// do on demand: fail with HTTP 500 (with and without Prometheus' JSON error
// body), answer garbage or a vector, cut a response off mid-body, hang past
// any time-out. Everything else — numbers, PromQL errors, empty results — is
// tested against the real Prometheus (prometheus.mjs).
//
// The behaviour is the first segment of the path: give `stub.base('hang')`
// (`http://127.0.0.1:PORT/hang`) as the Prometheus URL. Every request is
// recorded (method, URL, headers), and every answer carries CORS headers
// allowing any origin and `X-Scope-OrgID`, `Authorization` — as a Mimir or
// a proxy in front of Prometheus would — so pages on other origins can read it.
// Started with `{upstream}` (a real Prometheus), `proxy` forwards to it: a
// gateway that records tenants' headers, or (behind `switch`) one that
// breaks between two refreshes.

import { createServer } from 'node:http';

/** What each behaviour answers to `GET …/api/v1/query_range?query&start&end&step`. */
const BEHAVIOURS = {
  /** Every query: one series, the value 1 at every instant of the requested grid. */
  ok: (res, q) => json(res, 200, matrix([{ metric: {}, values: grid(q, '1') }])),
  /** Prometheus' own error body with a 500. */
  'http-500-json': (res) =>
    json(res, 500, { status: 'error', errorType: 'internal', error: 'stub: the storage is on fire' }),
  /** A proxy's 500: plain text. */
  'http-500': (res) => text(res, 500, 'upstream exploded\n', 'text/plain; charset=utf-8'),
  /** A 502 from a load balancer, in HTML. */
  'http-502-html': (res) => text(res, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html'),
  /** A success status and a body that is no JSON (markup a page must show as text, if at all). */
  garbage: (res) => text(res, 200, '<html><body>Bad gateway <img src=x onerror=alert(1)></body></html>', 'text/html'),
  /** An instant query's answer. */
  vector: (res) => json(res, 200, { status: 'success', data: { resultType: 'vector', result: [] } }),
  /** Prometheus' error body with a success status. */
  'error-200': (res) => json(res, 200, { status: 'error', errorType: 'execution', error: 'stub: query processing would load too many samples into memory' }),
  /** Half a valid response, then the connection closes: the body is shorter than its Content-Length. */
  cut: (res, q) => {
    const body = JSON.stringify(matrix([{ metric: {}, values: grid(q, '1') }]));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.write(body.slice(0, body.length >> 1));
    setTimeout(() => res.socket?.destroy(), 50);
  },
  /** No answer at all, ever; `stub.hung` records each such request and whether the client closed it. */
  hang: (res, q, req, stub) => {
    const entry = { url: req.url, closed: false };
    stub.hung.push(entry);
    req.socket.once('close', () => {
      entry.closed = true;
    });
  },
  /** The upstream Prometheus' own answer (`startStub({upstream})`). */
  proxy: async (res, q, req, stub) => {
    if (!stub.upstream) return text(res, 500, 'stub: started without an upstream to proxy to\n');
    const answer = await fetch(`${stub.upstream}/api/v1/query_range?${q}`);
    return text(res, answer.status, await answer.text(), answer.headers.get('content-type') ?? 'application/json');
  },
  /** Headers and the start of a body, then nothing. */
  'hang-body': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"status":"success","data":{"resultType":"matrix","result":[');
  },
};

/**
 * Starts the stub; resolves to `{url, base(behaviour), requests, hung,
 * switchTo(behaviour), close()}`. The behaviour `switch` is whichever
 * `switchTo` set last (`ok` at first): one URL whose answers change, as a
 * server that breaks between two refreshes. `upstream`: a Prometheus'
 * base URL for `proxy`.
 */
export async function startStub({ upstream = null } = {}) {
  const requests = [];
  const hung = [];
  const self = { upstream, hung };
  let switched = 'ok';
  const sockets = new Set();
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://stub');
    requests.push({ method: req.method, url: req.url, headers: { ...req.headers } });
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    res.setHeader('access-control-allow-headers', 'Accept, Authorization, X-Scope-OrgID');
    res.setHeader('access-control-allow-methods', 'GET, OPTIONS');
    res.setHeader('vary', 'Origin');
    if (req.method === 'OPTIONS') return text(res, 204, '');
    const [, behaviour, ...rest] = url.pathname.split('/');
    const handler = BEHAVIOURS[behaviour === 'switch' ? switched : behaviour];
    if (!handler || rest.join('/') !== 'api/v1/query_range') return text(res, 404, `stub: no ${url.pathname}\n`);
    handler(res, url.searchParams, req, self);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    base: (behaviour) => `${url}/${behaviour}`,
    requests,
    hung,
    switchTo(behaviour) {
      if (!BEHAVIOURS[behaviour]) throw new Error(`the stub has no behaviour ${behaviour}`);
      switched = behaviour;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The instants of the requested grid, each with `value`. */
function grid(q, value) {
  const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(q.get(k)));
  const values = [];
  for (let t = start; t <= end + 1e-9; t = Math.round((t + step) * 1000) / 1000) values.push([t, value]);
  return values;
}

function matrix(result) {
  return { status: 'success', data: { resultType: 'matrix', result } };
}

function json(res, status, body) {
  text(res, status, JSON.stringify(body), 'application/json');
}

function text(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
