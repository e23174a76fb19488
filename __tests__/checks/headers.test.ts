import type { OutgoingHttpHeaders } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  scanPage,
  upgradesInsecureRequests
} from '../../src/checks/html/mixed-content.ts'
import { headersCheck, hstsFindings } from '../../src/checks/headers.ts'
import { parseHsts } from '../../src/checks/http-headers/hsts.ts'
import {
  missingCookieFlags,
  parseSetCookie
} from '../../src/checks/http-headers/set-cookie.ts'
import type { UnitOutcome } from '../../src/checks/types.ts'
import { makeTestCerts, type TestCerts } from '../support/certs.ts'
import {
  findingMessages,
  policyFrom,
  runUnit,
  testContext
} from '../support/context.ts'
import { startServer, type TestServer } from '../support/http-server.ts'
import { startHttpsServer } from '../support/https-server.ts'

const GOOD = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'self'",
  'x-content-type-options': 'nosniff'
}

const MIXED_PAGE = `<!doctype html><html><head>
<link rel="stylesheet" href="http://cdn.example/site.css">
<link rel="canonical" href="http://example.com/">
<script src="https://cdn.example/ok.js"></script>
<!-- <script src="http://cdn.example/commented.js"></script> -->
</head><body>
<a href="http://example.com/">a link is not mixed content</a>
<img src="/logo.png" srcset="/logo-2x.png 2x, http://cdn.example/logo-3x.png 3x">
<script src="http://cdn.example/app.js"></script>
<iframe src="http://video.example/embed"></iframe>
<form action="http://example.com/signup" method="post"></form>
</body></html>`

const PAGES: Partial<Record<string, OutgoingHttpHeaders & { body?: string }>> =
  {
    '/good': {
      ...GOOD,
      'content-type': 'text/html',
      'set-cookie': 'sid=s3cr3t; Path=/; Secure; HttpOnly; SameSite=Lax',
      body: '<script src="/app.js"></script><img src="https://cdn.example/a.png">'
    },
    '/no-hsts': { ...GOOD, 'strict-transport-security': undefined },
    '/short-hsts': { ...GOOD, 'strict-transport-security': 'max-age=300' },
    '/bad-hsts': { ...GOOD, 'strict-transport-security': 'max-age=abc' },
    '/twice-hsts': {
      ...GOOD,
      'strict-transport-security': 'max-age=1; max-age=31536000'
    },
    '/no-subdomains': {
      ...GOOD,
      'strict-transport-security': 'max-age=31536000'
    },
    '/empty-csp': { ...GOOD, 'content-security-policy': '' },
    '/hsts-subdomains-false': {
      ...GOOD,
      'strict-transport-security': 'max-age=31536000; includeSubDomains=false'
    },
    '/hsts-report-uri': {
      ...GOOD,
      'strict-transport-security':
        'max-age=31536000; report-uri=https://r.example/hsts'
    },
    '/hsts-preload-twice': {
      ...GOOD,
      'strict-transport-security':
        'max-age=31536000; includeSubDomains; preload; preload'
    },
    '/hsts-two-years': {
      ...GOOD,
      'strict-transport-security':
        'max-age=63072000; includeSubDomains; preload'
    },
    '/powered': { ...GOOD, 'x-powered-by': 'Express', server: 'nginx/1.18.0' },
    '/vendor': { ...GOOD, server: 'Vercel' },
    '/cookies': {
      ...GOOD,
      'set-cookie': [
        'session=s3cr3t-token; Path=/',
        'theme=dark; Secure; HttpOnly; SameSite=Lax'
      ]
    },
    '/mixed': {
      ...GOOD,
      'content-type': 'text/html; charset=utf-8',
      body: MIXED_PAGE
    },
    '/mixed-upgraded': {
      ...GOOD,
      'content-security-policy':
        'default-src https:; upgrade-insecure-requests',
      'content-type': 'text/html',
      body: MIXED_PAGE
    },
    '/mixed-json': {
      ...GOOD,
      'content-type': 'application/json',
      body: MIXED_PAGE
    }
  }

let certs: TestCerts
let secure: TestServer
let plain: TestServer

beforeAll(async () => {
  certs = makeTestCerts()
  const handler = (
    url: string | undefined,
    res: import('node:http').ServerResponse
  ) => {
    const page = PAGES[url ?? '']
    if (!page) {
      res.writeHead(404, GOOD)
      return res.end()
    }
    const { body, ...headers } = page
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) res.setHeader(name, value)
    }
    res.end(body ?? 'ok')
  }
  secure = await startHttpsServer(certs.good, (req, res) =>
    handler(req.url, res)
  )
  plain = await startServer((req, res) => handler(req.url, res))
})
afterAll(async () => {
  await Promise.all([secure.close(), plain.close()])
  certs.remove()
})

const SECTION = `  require: [content-security-policy, x-content-type-options]
  forbid: [x-powered-by]
`

async function runPath(
  path: string,
  section = SECTION,
  base = secure.url
): Promise<UnitOutcome> {
  const { policy } = policyFrom(
    `version: 1\nheaders:\n  paths: ["${path}"]\n${section}`
  )
  const [unit] = headersCheck.units(policy.headers!, policy)
  const ctx = testContext({
    target: new URL(base),
    httpOptions: { ca: [certs.ca] }
  })
  return runUnit(unit, ctx)
}

const messages = findingMessages

describe('headers check against local servers', () => {
  it('passes a page with HSTS, the required headers and safe cookies', async () => {
    const outcome = await runPath(
      '/good',
      `${SECTION}  hsts: { include_subdomains: true }\n`
    )
    expect(outcome.findings).toEqual([])
    expect(outcome.summary).toBe(
      '200: HSTS ok, 2 required present, none of 1 forbidden'
    )
  })

  it('fails a missing HSTS header', async () => {
    expect(messages(await runPath('/no-hsts'))).toEqual([
      'Strict-Transport-Security is missing; expected max-age ≥ 15552000 (180 days)'
    ])
    expect(
      (await runPath('/no-hsts', `${SECTION}  hsts: false\n`)).summary
    ).toBe('200: HSTS not checked, 2 required present, none of 1 forbidden')
  })

  it('fails an HSTS max-age below the minimum', async () => {
    expect(messages(await runPath('/short-hsts'))).toEqual([
      'Strict-Transport-Security max-age=300 (5 minutes) is below 15552000 (180 days): raise it'
    ])
    expect(
      (await runPath('/short-hsts', `${SECTION}  hsts: { min_max_age: 300 }\n`))
        .ok
    ).toBe(true)
  })

  it('fails an HSTS header browsers would ignore', async () => {
    expect(messages(await runPath('/bad-hsts'))).toEqual([
      'Strict-Transport-Security "max-age=abc" is invalid (max-age "abc" is not a whole number of seconds), so browsers ignore it; expected max-age ≥ 15552000 (180 days)'
    ])
    expect(messages(await runPath('/twice-hsts'))).toEqual([
      'Strict-Transport-Security "max-age=1; max-age=31536000" is invalid (max-age appears twice), so browsers ignore it; expected max-age ≥ 15552000 (180 days)'
    ])
  })

  it('fails HSTS without includeSubDomains when asked for it', async () => {
    expect((await runPath('/no-subdomains')).ok).toBe(true)
    expect(
      messages(
        await runPath(
          '/no-subdomains',
          `${SECTION}  hsts: { include_subdomains: true }\n`
        )
      )
    ).toEqual([
      'Strict-Transport-Security "max-age=31536000" lacks includeSubDomains, which include_subdomains: true requires'
    ])
  })

  it('fails a required header that is missing or empty', async () => {
    expect(
      messages(await runPath('/good', '  require: [permissions-policy]\n'))
    ).toEqual(['required header permissions-policy is missing: add it'])
    expect(messages(await runPath('/empty-csp'))).toEqual([
      'required header content-security-policy is empty: give it a value'
    ])
  })

  it('fails a forbidden header, or only a forbidden value', async () => {
    const section = `  forbid: [x-powered-by, { header: server, matching: '\\d' }]\n`
    expect(messages(await runPath('/powered', section))).toEqual([
      'forbidden header x-powered-by is present: remove it',
      'header server is "nginx/1.18.0", which matches the forbidden /\\d/: change or remove it'
    ])
    expect((await runPath('/vendor', section)).ok).toBe(true)
  })

  it('warns on cookies without Secure, HttpOnly or SameSite, never showing values', async () => {
    const outcome = await runPath('/cookies')
    expect(outcome.ok).toBe(true)
    expect(messages(outcome)).toEqual([
      'cookie "session" is set without Secure, HttpOnly, SameSite; expected Secure; HttpOnly; SameSite=Lax (or Strict)'
    ])
    expect(outcome.summary).toBe(
      '200: HSTS ok, 2 required present, none of 1 forbidden; warning: cookie "session" is set without Secure, HttpOnly, SameSite; expected Secure; HttpOnly; SameSite=Lax (or Strict)'
    )
    expect(JSON.stringify(outcome)).not.toContain('s3cr3t')
  })

  it('warns on mixed content in an https page, found by parsing the HTML', async () => {
    const outcome = await runPath('/mixed')
    expect(outcome.ok).toBe(true)
    expect(
      outcome.findings?.every(
        f => f.rule === 'mixed-content' && f.file === `${secure.url}/mixed`
      )
    ).toBe(true)
    expect(messages(outcome)).toEqual(
      [
        '<link href="http://cdn.example/site.css">',
        '<img srcset="/logo-2x.png 2x, http://cdn.example/logo-3x.png 3x">',
        '<script src="http://cdn.example/app.js">',
        '<iframe src="http://video.example/embed">'
      ]
        .map(
          tag =>
            `mixed content: ${tag} loads over http on an https page; expected an https URL`
        )
        .concat(
          'mixed content: <form action="http://example.com/signup"> submits over http from an https page; expected an https URL'
        )
    )
  })

  it('does not warn when the page upgrades insecure requests or is not HTML', async () => {
    expect(messages(await runPath('/mixed-upgraded'))).toEqual([])
    expect(messages(await runPath('/mixed-json'))).toEqual([])
  })

  it('fails a path that answers with an error status', async () => {
    expect(messages(await runPath('/gone'))[0]).toBe(
      'status 404: expected a page that answers, to judge its headers'
    )
  })

  it('skips HSTS, cookies and mixed content on plain http unless HSTS is asked for', async () => {
    expect(messages(await runPath('/cookies', SECTION, plain.url))).toEqual([])
    expect(messages(await runPath('/mixed', SECTION, plain.url))).toEqual([])
    expect((await runPath('/no-hsts', SECTION, plain.url)).summary).toBe(
      '200: HSTS not checked (http), 2 required present, none of 1 forbidden'
    )
    expect(
      messages(
        await runPath(
          '/good',
          `${SECTION}  hsts: { min_max_age: 300 }\n`,
          plain.url
        )
      )
    ).toEqual([
      `HSTS is required but ${plain.url}/good is plain http, where browsers ignore it; serve it over https or set hsts: false`
    ])
    expect(
      (await runPath('/good', `${SECTION}  hsts: false\n`, plain.url)).ok
    ).toBe(true)
  })
})

describe('parseHsts', () => {
  it.each([
    [
      'max-age=31536000',
      { maxAge: 31536000, includeSubDomains: false, preload: false }
    ],
    ['max-age=0', { maxAge: 0, includeSubDomains: false, preload: false }],
    [
      'MAX-AGE="600"; IncludeSubDomains; preload',
      { maxAge: 600, includeSubDomains: true, preload: true }
    ],
    [
      ' includeSubDomains ; max-age=5 ; ',
      { maxAge: 5, includeSubDomains: true, preload: false }
    ],
    [
      'max-age=5; future-directive="a;b"',
      { maxAge: 5, includeSubDomains: false, preload: false }
    ]
  ])('%j is valid', (value, hsts) => {
    expect(parseHsts(value)).toEqual({ valid: true, hsts })
  })

  it.each([
    ['includeSubDomains', 'max-age is missing'],
    ['max-age', 'max-age has no value'],
    ['max-age=-1', 'max-age "-1" is not a whole number of seconds'],
    ['max-age=1.5', 'max-age "1.5" is not a whole number of seconds'],
    ['max-age=1; Max-Age=2', 'max-age appears twice'],
    [
      'max-age=1; includeSubDomains; includesubdomains',
      'includesubdomains appears twice'
    ],
    [
      'max-age=1, includeSubDomains',
      'the value of max-age is not a token or a quoted string'
    ],
    ['max-age=1; "x"', '""x"" is not a directive']
  ])('%j is invalid: %s', (value, problem) => {
    expect(parseHsts(value)).toEqual({ valid: false, problem })
  })

  it('judges only the first of several headers, as browsers do', () => {
    expect(
      hstsFindings({ min_max_age: 100, include_subdomains: false }, [
        'max-age=100',
        'max-age=1'
      ])
    ).toEqual([])
  })
})

const invalidHsts = (value: string, problem: string) =>
  `Strict-Transport-Security "${value}" is invalid (${problem}), so browsers ignore it; expected max-age ≥ 15552000 (180 days)`
const parsed = (
  maxAge: number,
  includeSubDomains = false,
  preload = false
) => ({
  valid: true,
  hsts: { maxAge, includeSubDomains, preload }
})
const ignored = (problem: string) => ({ valid: false, problem })

describe('HSTS rule 11: includeSubDomains and preload take no value', () => {
  it.each([
    [
      'max-age=1; includeSubDomains=false',
      ignored('includeSubDomains takes no value, but has "=false"')
    ],
    [
      'max-age=1; includeSubDomains=""',
      ignored('includeSubDomains takes no value, but has "="""')
    ],
    [
      'max-age=1; INCLUDESUBDOMAINS = true',
      ignored('INCLUDESUBDOMAINS takes no value, but has "=true"')
    ],
    [
      'max-age=1; preload=yes',
      ignored('preload takes no value, but has "=yes"')
    ],
    ['max-age=1; includeSubDomains', parsed(1, true)],
    ['max-age=1; preload', parsed(1, false, true)],
    [' max-age=1 ; includeSubDomains ; preload ', parsed(1, true, true)]
  ])('%j', (value, expected) => {
    expect(parseHsts(value)).toEqual(expected)
  })

  it('end to end: a valued includeSubDomains fails and satisfies nothing', async () => {
    const value = 'max-age=31536000; includeSubDomains=false'
    const problem = 'includeSubDomains takes no value, but has "=false"'
    expect(messages(await runPath('/hsts-subdomains-false'))).toEqual([
      invalidHsts(value, problem)
    ])
    expect(
      messages(
        await runPath(
          '/hsts-subdomains-false',
          `${SECTION}  hsts: { include_subdomains: true }\n`
        )
      )
    ).toEqual([
      `Strict-Transport-Security "${value}" is invalid (${problem}), so browsers ignore it; expected max-age ≥ 15552000 (180 days) with includeSubDomains`
    ])
  })
})

describe('HSTS rule 12: a directive value is a token or a quoted string', () => {
  it.each([
    [
      'max-age=1; report-uri=https://r.example/hsts',
      ignored('the value of report-uri is not a token or a quoted string')
    ],
    [
      'max-age=1; foo=a b',
      ignored('the value of foo is not a token or a quoted string')
    ],
    [
      'max-age=1; foo="unterminated',
      ignored('the value of foo is not a token or a quoted string')
    ],
    [
      'max-age=1; foo=',
      ignored('the value of foo is not a token or a quoted string')
    ],
    [
      'max-age=1; foo=@',
      ignored('the value of foo is not a token or a quoted string')
    ],
    [
      'max-age=1, includeSubDomains',
      ignored('the value of max-age is not a token or a quoted string')
    ],
    ['max-age=1; =x', ignored('"=x" is not a directive')],
    ['max-age=1; foo=bar', parsed(1)],
    ['max-age=1; foo="a b;c"', parsed(1)],
    ['max-age=1; foo="esc\\"aped"', parsed(1)],
    ['max-age=1; foo', parsed(1)],
    ['max-age = "600"', parsed(600)]
  ])('%j', (value, expected) => {
    expect(parseHsts(value)).toEqual(expected)
  })

  it('end to end: an unquoted URL value voids the header', async () => {
    expect(messages(await runPath('/hsts-report-uri'))).toEqual([
      invalidHsts(
        'max-age=31536000; report-uri=https://r.example/hsts',
        'the value of report-uri is not a token or a quoted string'
      )
    ])
  })
})

describe('HSTS rule 13: only a repeated max-age or includeSubDomains voids the header', () => {
  it.each([
    ['max-age=1; max-age=1', ignored('max-age appears twice')],
    [
      'max-age=1; includeSubDomains; INCLUDESUBDOMAINS',
      ignored('includesubdomains appears twice')
    ],
    ['max-age=1; preload; preload', parsed(1, false, true)],
    ['max-age=1; preload; Preload; includeSubDomains', parsed(1, true, true)],
    ['max-age=1; foo=1; foo=2', parsed(1)]
  ])('%j', (value, expected) => {
    expect(parseHsts(value)).toEqual(expected)
  })

  it('end to end: a repeated preload passes', async () => {
    expect(
      await runPath(
        '/hsts-preload-twice',
        `${SECTION}  hsts: { include_subdomains: true }\n`
      )
    ).toMatchObject({ ok: true, findings: [] })
  })
})

describe('HSTS rule 14: browsers keep HSTS at most a year', () => {
  const advice = (seconds: number, shown: string) =>
    `hsts.min_max_age ${seconds} (${shown}) is over a year, but no browser keeps HSTS longer than a year (31536000 s) whatever max-age says: lower it to 31536000`
  it.each<[string, string | undefined]>([
    ['31536000', undefined],
    ['365d', undefined],
    ['31536001', advice(31536001, '365 days')],
    ['730d', advice(63072000, '730 days')],
    ['63072000', advice(63072000, '730 days')]
  ])('min_max_age: %s', async (written, message) => {
    const outcome = await runPath(
      '/hsts-two-years',
      `${SECTION}  hsts: { min_max_age: ${written} }\n`
    )
    expect(outcome.ok).toBe(true)
    expect(outcome.findings).toEqual(
      message === undefined
        ? []
        : [{ rule: 'hsts-over-a-year', message, severity: 'warning' }]
    )
    if (message) expect(outcome.summary).toContain(`; warning: ${message}`)
  })

  it('a one-year max-age still fails a two-year minimum', async () => {
    const outcome = await runPath(
      '/good',
      `${SECTION}  hsts: { min_max_age: 730d }\n`
    )
    expect(outcome.ok).toBe(false)
    expect(messages(outcome)[0]).toBe(
      'Strict-Transport-Security max-age=31536000 (365 days) is below 63072000 (730 days): raise it'
    )
  })
})

describe('parseSetCookie', () => {
  it.each([
    ['sid=abc; Secure; HttpOnly; SameSite=Strict', 'sid', []],
    ['sid=abc; secure; httponly; samesite=lax', 'sid', []],
    ['sid=abc; Path=/; Max-Age=60', 'sid', ['Secure', 'HttpOnly', 'SameSite']],
    ['a=b=c; Secure', 'a', ['HttpOnly', 'SameSite']],
    ['prefs={"x":1}; HttpOnly; SameSite=None', 'prefs', ['Secure']],
    ['nameless', '', ['Secure', 'HttpOnly', 'SameSite']]
  ])('%j → %j lacks %j', (line, name, missing) => {
    const cookie = parseSetCookie(line)
    expect(cookie.name).toBe(name)
    expect(missingCookieFlags(cookie)).toEqual(missing)
  })
})

describe('scanPage', () => {
  const page = new URL('https://shop.example/a/page')
  const insecure = (html: string) =>
    scanPage(html, page).insecure.map(r => `${r.tag} ${r.attribute}`)

  it.each([
    ['<script src="http://x/a.js"></script>', ['script src']],
    ['<SCRIPT SRC="HTTP://x/a.js"></SCRIPT>', ['script src']],
    ['<script src="//x/a.js"></script><script src="a.js"></script>', []],
    ['<base href="http://x/"><script src="a.js"></script>', ['script src']],
    ['<script src="&#104;ttp://x/a.js"></script>', ['script src']],
    ['<link rel="preload stylesheet" href="http://x/a.css">', ['link href']],
    ['<link rel="alternate" href="http://x/feed">', []],
    [
      '<video src="https://x/v.mp4" poster="http://x/p.jpg"></video>',
      ['video poster']
    ],
    [
      '<object data="http://x/o.swf"></object><embed src="http://x/e">',
      ['object data', 'embed src']
    ],
    ['<button formaction="http://x/post">go</button>', ['button formaction']],
    ['<script>var u = "<img src=http://x/a.png>"</script>', []],
    ['<img src="http://[bad">', []]
  ])('%s', (html, expected) => {
    expect(insecure(html)).toEqual(expected)
  })

  it('collects meta CSP policies and sees upgrade-insecure-requests', () => {
    const scan = scanPage(
      '<meta http-equiv="Content-Security-Policy" content="upgrade-insecure-requests">',
      page
    )
    expect(scan.metaPolicies).toEqual(['upgrade-insecure-requests'])
    expect(upgradesInsecureRequests(scan.metaPolicies)).toBe(true)
    expect(upgradesInsecureRequests(["default-src 'self'"])).toBe(false)
  })
})

describe('headers policy', () => {
  it('names a bad forbid entry or regex', () => {
    expect(() =>
      policyFrom('version: 1\nheaders:\n  forbid: [{ header: server }]\n')
    ).toThrow(
      'policy.yml:3:12: headers.forbid.0: expected a header name, or { header, matching }'
    )
    expect(() =>
      policyFrom(
        'version: 1\nheaders:\n  forbid: [{ header: server, matching: "(" }]\n'
      )
    ).toThrow(
      'policy.yml:3:40: headers.forbid.0.matching: expected a valid regular expression'
    )
  })
})
