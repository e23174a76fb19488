// A small shop-like site for the demo and the tests: healthy by default,
// with the headers, cache rules and login limiter a launch policy expects.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

const HTML = `<!doctype html>
<html><head><title>Demo shop</title>
<link rel="stylesheet" href="/assets/app.css">
</head><body><h1>Demo shop</h1><a href="/signup">Sign up</a>
<script src="/assets/app.js"></script></body></html>`

const APP_JS = `(function(){var api="/api/feed";fetch(api).then(function(r){return r.json()})})();\n//# sourceMappingURL=app.js.map\n`
const APP_JS_MAP = JSON.stringify({
  version: 3,
  file: 'app.js',
  sources: ['src/app.ts'],
  sourcesContent: ['const api = "/api/feed"\nfetch(api).then(r => r.json())\n'],
  mappings: 'AAAA'
})

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin'
}

export interface DemoSite {
  url: string
  server: Server
  close(): Promise<void>
}

/** Starts the demo site on 127.0.0.1 (port 0: an ephemeral port). */
export async function startDemoSite(port = 0): Promise<DemoSite> {
  const logins = new Map<string, number>()
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://demo').pathname
    const send = (status: number, type: string, body: string, headers = {}) => {
      res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS, ...headers })
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    const json = (status: number, value: unknown, headers = {}) =>
      send(status, 'application/json', JSON.stringify(value), headers)

    switch (path) {
      case '/':
        return send(200, 'text/html; charset=utf-8', HTML, {
          'cache-control': 'public, max-age=60'
        })
      case '/api/health':
        return json(200, { status: 'ok', checks: { db: 'ok' } }, { 'cache-control': 'no-store' })
      case '/api/feed':
        return json(200, { items: [{ id: 1, title: 'Hello' }] }, { 'cache-control': 'no-store' })
      case '/api/members':
        return json(200, { members: 42 }, { 'cache-control': 'no-store' })
      case '/assets/app.js':
        return send(200, 'text/javascript', APP_JS, {
          'cache-control': 'public, max-age=31536000, immutable'
        })
      case '/assets/app.js.map':
        return send(200, 'application/json', APP_JS_MAP)
      case '/assets/app.css':
        return send(200, 'text/css', 'body{font-family:sans-serif}', {
          'cache-control': 'public, max-age=31536000, immutable'
        })
      case '/account':
        return send(200, 'text/html; charset=utf-8', '<h1>Your account</h1>', {
          'cache-control': 'private, no-store'
        })
      case '/old-pricing':
        res.writeHead(301, { location: '/pricing' })
        return res.end()
      case '/pricing':
        return send(200, 'text/html; charset=utf-8', '<h1>Pricing</h1>')
      case '/pricing/':
        // The canonical URL has no trailing slash: one absolute, permanent hop.
        res.writeHead(308, { location: `http://${req.headers.host}/pricing` })
        return res.end()
      case '/api/login': {
        // Five attempts per client, then 429: what a login limiter should do.
        const client = req.socket.remoteAddress ?? ''
        const attempts = (logins.get(client) ?? 0) + 1
        logins.set(client, attempts)
        req.resume()
        return attempts > 5
          ? json(429, { error: 'too many attempts' }, { 'retry-after': '60' })
          : json(401, { error: 'wrong email or password' })
      }
      default:
        return send(404, 'text/plain', 'not found')
    }
  })
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}`,
    server,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const site = await startDemoSite(Number(process.env.PORT ?? 0))
  console.log(`demo site on ${site.url}`)
}
