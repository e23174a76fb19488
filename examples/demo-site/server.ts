// A small shop-like site for the demo and the tests: healthy by default,
// with the headers, cache rules and login limiter a launch policy expects.
// startDemoEnvironment adds what the other checks need: an https twin whose
// certificate comes from a local CA, and a DNS server for the shop's domain.
//
//   node examples/demo-site/server.ts [--broken] [--write-env FILE]
//
// starts that whole environment (PORT sets the http port) until interrupted,
// and prints (or writes to FILE) the variables examples/launch-policy.yml uses.
import { generateKeyPair, randomInt } from 'node:crypto'
import { renameSync, writeFileSync } from 'node:fs'
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import {
  createServer as createHttpsServer,
  type Server as HttpsServer
} from 'node:https'
import type { AddressInfo } from 'node:net'
import { parseArgs, promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { LOCAL_NAMES, makeLocalCa, type KeyPair } from './certs.ts'
import { startDnsServer, type LocalDnsServer } from './dns-server.ts'
import { DEMO_DOMAIN, demoZone } from './zone.ts'

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

// The pages check's two sides: a light page (gzip, small) and a heavy one
// (uncompressed HTML, a 400 KiB script, third-party assets from 127.0.0.2).
const LIGHT_HTML = gzipSync(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Light page</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="A light page: one stylesheet, compressed.">
<link rel="stylesheet" href="/assets/app.css">
</head><body><h1>Light page</h1><p>${'Small and compressed. '.repeat(80)}</p></body></html>`)
const HEAVY_JS = `var pad="${'x'.repeat(400 * 1024)}";\n`
const heavyHtml = (thirdParty: string) => `<!doctype html>
<html><head><title>Heavy page</title>
<script src="/assets/heavy.js"></script>
<script src="${thirdParty}/widget.js"></script>
</head><body><h1>Heavy page</h1><img src="${thirdParty}/banner.png" alt="">
<p>${'Every byte of this page is sent uncompressed. '.repeat(60)}</p></body></html>`
const WIDGET_JS = `var widget="${'w'.repeat(30 * 1024)}";\n`
const BANNER_PNG = Buffer.alloc(20 * 1024, 0x89)

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin'
}
const HSTS = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains'
}
const DAY_MS = 86_400_000

/** A running demo site (http, or its https twin). */
export interface DemoSite {
  /** http://127.0.0.1:port (https:// for the twin). */
  url: string
  /** 127.0.0.1:port */
  host: string
  server: Server | HttpsServer
  close(): Promise<void>
}

export interface DemoSiteOptions {
  /** Serve https with this certificate: the https twin. */
  tls?: KeyPair
  /** Origin of the third-party host the heavy page loads from (127.0.0.2). */
  thirdParty?: string
  /**
   * Make the launch mistakes the demo policy catches: a live Stripe key in
   * app.js, no HSTS, /account cacheable by everyone, a slow /api/members.
   */
  broken?: boolean
}

/** Starts the demo site on 127.0.0.1 (port 0: an ephemeral port). */
export async function startDemoSite(
  port = 0,
  options: DemoSiteOptions = {}
): Promise<DemoSite> {
  const handler = demoHandler(
    options.tls !== undefined,
    options.broken,
    options.thirdParty
  )
  const server = options.tls
    ? createHttpsServer(options.tls, handler)
    : createServer(handler)
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}`,
    host,
    server,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function demoHandler(https: boolean, broken = false, thirdParty = '') {
  const logins = new Map<string, number>()
  const appJs = broken ? withLeakedKey(APP_JS) : APP_JS
  const siteHeaders =
    https && !broken ? { ...SECURITY_HEADERS, ...HSTS } : SECURITY_HEADERS

  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://demo').pathname
    const send = (status: number, type: string, body: string, headers = {}) => {
      res.writeHead(status, {
        'content-type': type,
        ...siteHeaders,
        ...headers
      })
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
        return json(
          200,
          { status: 'ok', checks: { db: 'ok' } },
          { 'cache-control': 'no-store' }
        )
      case '/api/feed':
        return json(
          200,
          { items: [{ id: 1, title: 'Hello' }] },
          { 'cache-control': 'no-store' }
        )
      case '/api/members': {
        const answer = () =>
          json(200, { members: 42 }, { 'cache-control': 'no-store' })
        // Broken: an unindexed query, far over the 300 ms p95 budget.
        if (broken) return void setTimeout(answer, 400)
        return answer()
      }
      case '/assets/app.js':
        return send(200, 'text/javascript', appJs, {
          'cache-control': 'public, max-age=31536000, immutable'
        })
      case '/light':
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-encoding': 'gzip',
          ...siteHeaders
        })
        return res.end(req.method === 'HEAD' ? undefined : LIGHT_HTML)
      case '/heavy':
        return send(200, 'text/html; charset=utf-8', heavyHtml(thirdParty), {
          // The heavy page's third-party assets: allowed, and counted.
          'content-security-policy': `default-src 'self' ${thirdParty}`
        })
      case '/assets/heavy.js':
        return send(200, 'text/javascript', HEAVY_JS)
      case '/assets/app.js.map':
        return send(200, 'application/json', APP_JS_MAP)
      case '/assets/app.css':
        return send(200, 'text/css', 'body{font-family:sans-serif}', {
          'cache-control': 'public, max-age=31536000, immutable'
        })
      case '/account':
        // Broken: a shared cache would serve one user's account to the next.
        return send(200, 'text/html; charset=utf-8', '<h1>Your account</h1>', {
          'cache-control': broken ? 'public, max-age=3600' : 'private, no-store'
        })
      case '/old-pricing':
        res.writeHead(301, { location: '/pricing' })
        return res.end()
      case '/pricing':
        return send(200, 'text/html; charset=utf-8', '<h1>Pricing</h1>')
      case '/pricing/': {
        // The canonical URL has no trailing slash: one absolute, permanent hop.
        const scheme = https ? 'https' : 'http'
        res.writeHead(308, {
          location: `${scheme}://${req.headers.host}/pricing`
        })
        return res.end()
      }
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
  }
}

/** app.js with a live Stripe key, made now so this repository holds none. */
function withLeakedKey(appJs: string): string {
  const alphabet =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  let key = `${'sk_'}${'live_'}`
  for (let i = 0; i < 28; i++) key += alphabet[randomInt(alphabet.length)]
  return appJs.replace('var api=', `var stripeKey="${key}",api=`)
}

/** A third-party asset host on 127.0.0.2: another "site" for the pages check. */
async function startThirdParty(): Promise<DemoSite> {
  const server = createServer((req, res) => {
    const script = req.url === '/widget.js'
    res.writeHead(200, {
      'content-type': script ? 'text/javascript' : 'image/png'
    })
    res.end(script ? WIDGET_JS : BANNER_PNG)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.2', resolve))
  const host = `127.0.0.2:${(server.address() as AddressInfo).port}`
  return {
    url: `http://${host}`,
    host,
    server,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The demo site with everything the demo policy's checks talk to. */
export interface DemoEnvironment {
  /** The http site: the policy's target. */
  site: DemoSite
  /** The same site over https, with a certificate from a local CA. */
  httpsSite: DemoSite
  /** Answers for DEMO_DOMAIN (records, SPF, DMARC, DKIM). */
  dns: LocalDnsServer
  /**
   * What the gate's process needs: DEMO_URL, DEMO_HTTPS_HOST and DEMO_DNS for
   * the policy, NODE_EXTRA_CA_CERTS to trust the local CA.
   */
  env: Record<string, string>
  close(): Promise<void>
}

/** Starts the http site on `port`, its https twin and the DNS server. */
export async function startDemoEnvironment({
  port = 0,
  broken = false
} = {}): Promise<DemoEnvironment> {
  // The DKIM key is made in the thread pool while openssl makes certificates.
  const dkimKey = promisify(generateKeyPair)('rsa', { modulusLength: 2048 })
  const authority = makeLocalCa('launch-gate demo CA')
  try {
    const now = Date.now()
    const at = (days: number) => new Date(now + days * DAY_MS)
    // Broken: 5 days left, under the policy's min_days_remaining.
    const cert = authority.issue(
      'demo',
      LOCAL_NAMES,
      at(-1),
      at(broken ? 5.2 : 90.2)
    )
    const thirdParty = await startThirdParty()
    const [site, httpsSite, dns] = await Promise.all([
      startDemoSite(port, { broken, thirdParty: thirdParty.url }),
      startDemoSite(0, { broken, tls: cert, thirdParty: thirdParty.url }),
      dkimKey.then(({ publicKey }) =>
        startDnsServer(demoZone(publicKey, broken))
      )
    ])
    return {
      site,
      httpsSite,
      dns,
      env: {
        DEMO_URL: site.url,
        DEMO_HTTPS_HOST: httpsSite.host,
        DEMO_DNS: dns.address,
        NODE_EXTRA_CA_CERTS: authority.caFile
      },
      close: async () => {
        await Promise.all([
          site.close(),
          httpsSite.close(),
          dns.close(),
          thirdParty.close()
        ])
        authority.remove()
      }
    }
  } catch (error) {
    authority.remove()
    throw error
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      broken: { type: 'boolean', default: false },
      'write-env': { type: 'string' }
    }
  })
  const environment = await startDemoEnvironment({
    port: Number(process.env.PORT ?? 0),
    broken: values.broken
  })
  const env = Object.entries(environment.env)
    .map(([name, value]) => `${name}=${value}\n`)
    .join('')
  console.log(
    `demo site on ${environment.site.url}, https twin on ${environment.httpsSite.url}, DNS for ${DEMO_DOMAIN} on ${environment.dns.address}\n` +
      `the gate needs this environment:\n${env}`
  )
  const envFile = values['write-env']
  if (envFile) {
    // Written whole, then renamed: a poller never reads half of it.
    writeFileSync(`${envFile}.partial`, env)
    renameSync(`${envFile}.partial`, envFile)
  }
  const stop = () => void environment.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
