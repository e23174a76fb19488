import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exposureCheck } from '../../src/checks/exposure/index.ts'
import {
  ERROR_PAGE_LEAKS,
  readableText
} from '../../src/checks/exposure/signatures.ts'
import type { UnitOutcome } from '../../src/checks/types.ts'
import { PolicyError } from '../../src/policy/errors.ts'
import {
  findingMessages,
  policyFrom,
  runUnit,
  testContext
} from '../support/context.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

// Planted at run time from pieces, so the repository holds no real-looking key.
const DB_PASSWORD = ['s3cr3t', 'Passw0rd', 'Zq9x'].join('-')
const GIT_TOKEN = ['ghp', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('_')

let leaky: TestServer
let catchAll: TestServer
let tidy: TestServer

const NODE_TRACE = [
  'URIError: URI malformed',
  '    at decodeURIComponent (<anonymous>)',
  '    at parseQuery (/usr/src/app/server/query.js:41:17)',
  '    at Layer.handle (/usr/src/app/node_modules/express/lib/router/layer.js:95:5)'
].join('<br> &nbsp; &nbsp;')

beforeAll(async () => {
  // A deploy that leaks: its .env and .git/config are served, errors show
  // a stack trace, and /uploads/ is an auto-index.
  leaky = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (url.pathname === '/.env') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      return res.end(`# prod\nDB_PASSWORD=${DB_PASSWORD}\nPORT=3000\n`)
    }
    if (url.pathname === '/.git/config') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      return res.end(
        `[core]\n\trepositoryformatversion = 0\n[remote "origin"]\n\turl = https://x:${GIT_TOKEN}@github.com/o/r.git\n`
      )
    }
    if (url.pathname === '/admin/.htpasswd') {
      res.writeHead(200)
      return res.end('admin:$apr1$abcdefgh$ijklmnopqrstuv\n')
    }
    if (url.pathname === '/uploads/') {
      res.writeHead(200, { 'content-type': 'text/html' })
      return res.end(
        '<html><head><title>Index of /uploads</title></head><body><h1>Index of /uploads</h1></body></html>'
      )
    }
    if (url.search.includes('%E0%A4%A')) {
      res.writeHead(400, { 'content-type': 'text/html' })
      return res.end(`<pre>${NODE_TRACE}</pre>`)
    }
    res.writeHead(404, { 'content-type': 'text/html' })
    res.end('<h1>Not found</h1>')
  })
  // "200 for everything", the page naming the path it was asked for: no
  // probe may count it as a served file.
  catchAll = await startServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(
      `<!doctype html><html><head><title>Shop</title></head><body><div id="root"></div><p>Nothing at ${req.url}</p><script src="/app.js"></script></body></html>`
    )
  })
  tidy = await startServer((req, res) => {
    res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html' })
    res.end('<h1>Hello</h1>')
  })
})

afterAll(async () => {
  await Promise.all([leaky.close(), catchAll.close(), tidy.close()])
})

async function runExposure(
  server: TestServer,
  yaml = 'exposure: {}'
): Promise<Record<string, UnitOutcome>> {
  const { policy } = policyFrom(`version: 1\n${yaml}\n`)
  const units = exposureCheck.units(
    policy.exposure as NonNullable<typeof policy.exposure>,
    policy
  )
  const outcomes: Record<string, UnitOutcome> = {}
  for (const unit of units) {
    outcomes[unit.name] = await runUnit(
      unit,
      testContext({ target: new URL(`${server.url}/app/`) })
    )
  }
  return outcomes
}

describe('exposure', () => {
  it('finds served dotfiles, a leaking error page and a directory listing', async () => {
    const before = leaky.requests.length
    const out = await runExposure(
      leaky,
      'exposure:\n  paths: [/admin/.htpasswd]'
    )
    expect(out.files.ok).toBe(false)
    expect(findingMessages(out.files)).toEqual([
      expect.stringMatching(
        /^\/\.env is served \(200, \d+ bytes\): it looks like an environment file/
      ),
      expect.stringMatching(
        /^\/\.git\/config is served .*git repository config/
      ),
      expect.stringMatching(/^\/admin\/\.htpasswd is served/)
    ])
    expect(out['error pages'].ok).toBe(false)
    expect(findingMessages(out['error pages'])).toEqual([
      expect.stringContaining(
        'shows a Node.js stack trace, a server file-system path'
      )
    ])
    expect(out['directory listings'].ok).toBe(false)
    expect(findingMessages(out['directory listings'])[0]).toMatch(
      /^\/uploads\/ is a directory listing/
    )
    // Bounded: 1 baseline + 16 known + 1 own file, 2 error pages, 6 folders.
    expect(leaky.requests.length - before).toBe(26)
    expect(leaky.requests.every(r => r.method === 'GET')).toBe(true)
  })

  it('never shows what a served file holds', async () => {
    const out = await runExposure(leaky)
    const text = JSON.stringify(out)
    expect(text).not.toContain(DB_PASSWORD)
    expect(text).not.toContain(GIT_TOKEN)
    expect(out.files.findings?.[0].redacted).toMatch(
      /^DB_PASSWORD= s3cr\*+Zq9x$/
    )
  })

  it('tells a catch-all page from a served file: no false positives', async () => {
    const out = await runExposure(catchAll)
    expect(findingMessages(out.files)).toEqual([])
    expect(out.files.ok).toBe(true)
    expect(out.files.notes).toEqual([
      expect.stringContaining('answers 200 for paths that do not exist')
    ])
    expect(out['error pages'].ok).toBe(true)
    expect(out['directory listings'].ok).toBe(true)
  })

  it('passes a tidy site and drops allowed probes', async () => {
    const out = await runExposure(tidy, 'exposure:\n  allow: [/.env, /]')
    expect(out.files.summary).toBe('none of 15 well-known files is served')
    expect(out['directory listings'].summary).toBe(
      'no directory listing in 5 folders'
    )
    expect(tidy.requests.some(r => r.path === '/.env')).toBe(false)
  })

  it('is an error without a target, never a pass', async () => {
    const { policy } = policyFrom('version: 1\nexposure: {}\n')
    const [unit] = exposureCheck.units(
      policy.exposure as NonNullable<typeof policy.exposure>,
      policy
    )
    await expect(runUnit(unit, testContext())).rejects.toThrow(
      'no target URL to probe'
    )
  })

  it('refuses probe paths that are not paths', () => {
    expect(() =>
      policyFrom('version: 1\nexposure:\n  paths: [admin/.htpasswd]\n')
    ).toThrow(PolicyError)
  })
})

describe('error page shapes', () => {
  const leaksIn = (body: string) =>
    ERROR_PAGE_LEAKS.filter(l => l.pattern.test(readableText(body))).map(
      l => l.what
    )

  it.each([
    ['Node.js', NODE_TRACE, 'a Node.js stack trace'],
    [
      'Python',
      'Traceback (most recent call last):\n  File "app.py", line 3, in <module>',
      'a Python traceback'
    ],
    [
      'Ruby',
      "app/controllers/users_controller.rb:12:in `show'",
      'a Ruby backtrace'
    ],
    [
      'PHP',
      '<b>Fatal error</b>: Uncaught Error: x in <b>/srv/www/index.php</b> on line <b>4</b>',
      'a PHP error'
    ],
    [
      'Java',
      'java.lang.NullPointerException\n\tat com.shop.Cart.total(Cart.java:42)',
      'a Java stack trace'
    ],
    ['.NET', "<h1>Server Error in '/' Application.</h1>", 'a .NET stack trace'],
    [
      'Go',
      'panic: runtime error: index out of range\n\ngoroutine 1 [running]:',
      'a Go panic'
    ],
    [
      'Django',
      "You're seeing this error because you have <code>DEBUG = True</code> in your settings",
      'the Django debug page'
    ],
    ['Laravel', 'Whoops! There was an error.', 'the Laravel debug page'],
    [
      'Rails',
      '<h1>Routing Error</h1><p>No route matches</p>',
      'the Rails debug page'
    ],
    [
      'Next.js',
      '<script src="/_next/static/chunks/react-refresh.js"></script>',
      'the Next.js development overlay'
    ],
    [
      'a private address',
      'upstream 10.0.3.7:5432 refused',
      'a private network address'
    ]
  ])('names %s', (_, body, what) => {
    expect(leaksIn(body)).toContain(what)
  })

  it.each([
    '<h1>Page not found</h1><p>Try the <a href="/">home page</a>.</p>',
    '<p>Opening hours: at 10:30 every day, version 1.2.3.4</p>',
    '{"error":"not_found","message":"No route for GET /x"}'
  ])('finds nothing in an ordinary error page: %s', body => {
    expect(leaksIn(body)).toEqual([])
  })
})

describe('exposure plan', () => {
  it('counts every probe the run may send (check --dry-run)', () => {
    const { policy } = policyFrom(
      'version: 1\nexposure:\n  paths: [/admin/.htpasswd]\n  allow: [/uploads/]\n'
    )
    const plan = exposureCheck.plan?.(
      policy.exposure as NonNullable<typeof policy.exposure>,
      policy
    )
    // 1 baseline + 16 known + 1 own + 2 error pages + 5 folders
    expect(plan).toMatchObject({ maxRequests: 25, basis: '25 probes' })
  })
})
