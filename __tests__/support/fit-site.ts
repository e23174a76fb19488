// A small site for `init --url` to fit a policy to, and its broken twin.
import { startServer, type TestServer } from './http-server.ts'

const PAGE =
  '<!doctype html><html><head><title>Acme Widgets</title>' +
  '<link rel="stylesheet" href="/assets/app.css">' +
  '<script src="/assets/app.js"></script></head>' +
  '<body><h1>Sign up</h1></body></html>'

/** The site as it should be, or (`broken`) after a bad deploy. */
export function startFitSite(broken = false): Promise<TestServer> {
  return startServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname
    if (broken) {
      res.writeHead(path === '/' ? 500 : 404, {
        'x-powered-by': 'Express',
        'cache-control': 'no-store'
      })
      return res.end('Internal Server Error')
    }
    if (path === '/') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'self'",
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cache-control': 'private, no-cache'
      })
      return res.end(PAGE)
    }
    if (path.startsWith('/assets/')) {
      res.writeHead(200, {
        'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/css',
        'cache-control': 'public, max-age=31536000, immutable'
      })
      return res.end('/* app */')
    }
    res.writeHead(404)
    res.end('not found')
  })
}
