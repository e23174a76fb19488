/**
 * The launch policy, version 1 (spec §4): the one source of truth for its
 * types, its validation and the published JSON Schema.
 */
import { z } from 'zod'
import { isResolverSpec } from '../util/host.ts'
import {
  GENERATED_NAMES,
  COMMIT_NAMES,
  RESERVED_NAMES,
  TEMPLATE_NAME,
  Template,
  templateNames
} from '../util/template.ts'
import {
  AGE_HINT,
  DURATION_HINT,
  parseDuration,
  readAge,
  readDuration
} from '../util/duration.ts'
import { LIGHTHOUSE_CATEGORIES, PAGE_BUDGET_KEYS } from './budget-keys.ts'
import { regressionBudgets } from './regression.ts'

/** A timer (§7.0): `500ms` … `24h`, above 0; milliseconds once parsed. */
const duration = z
  .string({ error: `expected ${DURATION_HINT}` })
  .transform((text, ctx) => {
    const ms = readDuration(text)
    if (typeof ms === 'number') return ms
    ctx.issues.push({ code: 'custom', message: ms, input: text })
    return z.NEVER
  })
  .meta({ pattern: '^\\d+(\\.\\d+)?(ms|s|m|h)$' })

/** The load-test warm-up: a duration, where `0s` turns it off (not a timer). */
const warmup = z
  .string({ error: `expected ${DURATION_HINT}` })
  .transform((text, ctx) => {
    const ms = parseDuration(text) === 0 ? 0 : readDuration(text)
    if (typeof ms === 'number') return ms
    ctx.issues.push({ code: 'custom', message: ms, input: text })
    return z.NEVER
  })
  .meta({ pattern: '^\\d+(\\.\\d+)?(ms|s|m|h)$' })

/** An age (§7.0): seconds, or `s|m|h|d`, up to 2 years; seconds once parsed. */
const age = z
  .union([z.int(), z.string().meta({ pattern: '^\\d+(s|m|h|d)$' })], {
    error: `expected ${AGE_HINT}`
  })
  .transform((value, ctx) => {
    const seconds = readAge(value)
    if (typeof seconds === 'number') return seconds
    ctx.issues.push({ code: 'custom', message: seconds, input: value })
    return z.NEVER
  })

const level = z
  .enum(['error', 'warn'])
  .default('error')
  .describe('error: a failure fails the gate; warn: reported only')

const sectionLevel = z.enum(['error', 'warn']).optional()

const name = z.string().min(1).describe('name shown in the report')

const path = z
  .string()
  .startsWith('/', { error: 'expected a path starting with /' })
  .describe('path relative to the target')

const absoluteUrl = z.url({
  protocol: /^https?$/,
  error: 'expected an absolute http(s) URL'
})

const statusCode = z.int().min(100).max(599)

const statusList = z.union([statusCode, z.array(statusCode).min(1)])

const httpMethod = z.enum([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS'
])

const headerMap = z.record(z.string().min(1), z.string())

/** An absolute URL, or one a `{{name}}` template fills in (a captured link). */
const requestUrl = z
  .string()
  .refine(text => /^https?:\/\//i.test(text) || /^\{\{[^}]+\}\}/.test(text), {
    error: 'expected an absolute http(s) URL'
  })
  .refine(text => !new Template(text).isStatic || URL.canParse(text), {
    error: 'expected an absolute http(s) URL'
  })
  .describe('absolute URL; may hold {{name}} templates')

/**
 * What a request sends (spec §7.4), shared by smoke, journey steps, latency,
 * rate limits and the post-deploy wait. Request headers are `headers`, except
 * where `headers` already means the expected response headers (smoke, wait).
 */
function requestKeys<H extends string>(sentHeaders: H) {
  return {
    path: path.optional(),
    url: requestUrl.optional(),
    method: httpMethod.default('GET'),
    [sentHeaders]: headerMap.optional().describe('request headers to send'),
    body: z
      .unknown()
      .optional()
      .describe('request body: an object is sent as JSON, a string as is'),
    form: z
      .record(z.string(), z.string())
      .optional()
      .describe('request body, sent urlencoded')
  } as {
    path: z.ZodOptional<typeof path>
    url: z.ZodOptional<typeof requestUrl>
    method: z.ZodDefault<typeof httpMethod>
    body: z.ZodOptional<z.ZodUnknown>
    form: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodString>>
  } & { [K in H]: z.ZodOptional<typeof headerMap> }
}

/** What the answer must be: the smoke expectations. */
const expectationKeys = {
  status: statusList.default(200),
  contains: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  json: z
    .unknown()
    .optional()
    .describe('the body is JSON and contains this subset'),
  max_time: duration.optional()
}

const responseHeaders = headerMap
  .optional()
  .describe('each response header must contain the value')

/** Exactly one of `path` and `url` names what a request goes to. */
function onePlace(item: { path?: string; url?: string }): boolean {
  return (item.path === undefined) !== (item.url === undefined)
}
const onePlaceError = { error: 'give exactly one of path or url' }

function oneBody(item: { body?: unknown; form?: unknown }): boolean {
  return item.body === undefined || item.form === undefined
}
const oneBodyError = { error: 'give at most one of body or form' }

/** One request and what its answer must be (smoke items, the wait). */
const smokeRequest = z.strictObject({
  ...requestKeys('request_headers'),
  ...expectationKeys,
  headers: responseHeaders
})

/** HEAD gets no body, so no body expectation can hold. */
function headWithoutBody(item: {
  method?: string
  contains?: unknown
  json?: unknown
}): boolean {
  return (
    item.method !== 'HEAD' ||
    (item.contains === undefined && item.json === undefined)
  )
}
const headWithoutBodyError = {
  error:
    'method HEAD gets no body: contains and json need GET (or another method)',
  path: ['method']
}

const smokeItem = smokeRequest
  .extend({ name: name.optional(), level })
  .refine(onePlace, onePlaceError)
  .refine(oneBody, oneBodyError)
  .refine(headWithoutBody, headWithoutBodyError)

/** `json:<JSONPath>`, `header:<name>`, `cookie:<name>`, `regex:<one group>`. */
const captureSpec = z
  .string()
  .refine(spec => /^(json|header|cookie|regex):./.test(spec), {
    error:
      'expected json:<JSONPath>, header:<name>, cookie:<name> or regex:<pattern with one group>'
  })
  .refine(
    spec => !spec.startsWith('regex:') || regexGroups(spec.slice(6)) === 1,
    { error: 'a regex: capture needs a valid pattern with exactly one group' }
  )

/** Capturing groups of a pattern; -1 when it is not a valid regex. */
function regexGroups(source: string): number {
  try {
    return (new RegExp(`${source}|`).exec('') as RegExpExecArray).length - 1
  } catch {
    return -1
  }
}

/** Capture names: usable as `{{name}}`, none of the generated ones. */
function captureNameProblem(name: string): string | undefined {
  if (!TEMPLATE_NAME.test(name)) {
    return `capture name ${JSON.stringify(name)}: expected letters, digits, _ and -`
  }
  if (RESERVED_NAMES.has(name)) {
    return `capture name ${name}: ${[...RESERVED_NAMES].join(', ')} are generated, not captured`
  }
  return undefined
}

const journeyStep = z
  .strictObject({
    name: name.optional(),
    ...requestKeys('headers'),
    ...expectationKeys,
    response_headers: responseHeaders,
    follow_redirects: z
      .boolean()
      .default(false)
      .describe('follow redirects (cookies kept at every hop)'),
    capture: z
      .record(z.string(), captureSpec)
      .superRefine((captures, ctx) => {
        for (const name of Object.keys(captures)) {
          const message = captureNameProblem(name)
          if (message) ctx.addIssue({ code: 'custom', message, path: [name] })
        }
      })
      .optional()
      .describe('values for {{name}} in later steps')
  })
  .refine(onePlace, onePlaceError)
  .refine(oneBody, oneBodyError)
  .refine(headWithoutBody, headWithoutBodyError)

const journey = z.strictObject({
  name,
  steps: z.array(journeyStep).min(1).max(50),
  level
})

const urlOrPath = z
  .union([absoluteUrl, path], {
    error: 'expected an absolute http(s) URL or a path starting with /'
  })
  .describe('absolute URL, or a path on the target')

const redirectRule = z.strictObject({
  name: name.optional(),
  from: urlOrPath,
  to: urlOrPath,
  status: statusList
    .optional()
    .describe('required final-hop status; default any of 301/308'),
  level: sectionLevel
})

const redirects = z.strictObject({
  max_hops: z.int().min(1).max(20).default(1),
  allow_relative: z
    .boolean()
    .default(true)
    .describe(
      'accept a relative Location header (valid HTTP, RFC 9110); false demands absolute ones'
    ),
  allow_hosts: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "hosts a chain may pass through besides the target and the rule's from/to hosts; *.example.com for subdomains"
    ),
  rules: z.array(redirectRule).min(1),
  level: sectionLevel
})

const tlsHost = z
  .string()
  .regex(
    /^(\[[0-9A-Fa-f:.]+\]|[^\s:/[\]]+)(:\d{1,5})?$|^[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*$/,
    {
      error:
        'expected a host or host:port, e.g. example.com or example.com:8443'
    }
  )

const tls = z.strictObject({
  hosts: z
    .array(tlsHost)
    .min(1)
    .optional()
    .describe('host or host:port; default: the target host'),
  min_days_remaining: z.int().min(0).default(14),
  min_version: z
    .enum(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'])
    .default('TLSv1.2'),
  level: sectionLevel
})

const headers = z.strictObject({
  paths: z.array(path).min(1).default(['/']),
  hsts: z
    .union([
      z.literal(false),
      z.strictObject({
        min_max_age: age.default(15_552_000).describe('seconds, or 180d'),
        include_subdomains: z.boolean().default(false)
      })
    ])
    .optional()
    .describe('false turns the HSTS check off'),
  require: z.array(z.string().min(1)).default([]),
  forbid: z
    .array(
      z.union(
        [
          z.string().min(1),
          z.strictObject({
            header: z.string().min(1),
            matching: z
              .string()
              .refine(isRegex, { error: 'expected a valid regular expression' })
              .describe('only a value matching this regex is forbidden')
          })
        ],
        { error: 'expected a header name, or { header, matching }' }
      )
    )
    .default([])
    .describe('header names, or { header, matching } to forbid some values'),
  level: sectionLevel
})

function isRegex(source: string): boolean {
  try {
    new RegExp(source)
    return true
  } catch {
    return false
  }
}

const cacheItem = z
  .strictObject({
    name: name.optional(),
    path: path.optional(),
    url: absoluteUrl.optional(),
    expect: z.enum(['public', 'private']),
    min_max_age: age.optional().describe('seconds, or 1d, 12h'),
    level
  })
  .refine(onePlace, onePlaceError)

const latencyItem = z
  .strictObject({
    name: name.optional(),
    ...requestKeys('headers'),
    paths: z
      .array(path)
      .min(1)
      .optional()
      .describe('requests are spread over these'),
    setup: name
      .optional()
      .describe(
        'a journey run once first; its cookies and captures serve the load'
      ),
    rate: z
      .number()
      .positive()
      .max(10_000)
      .optional()
      .describe('arrivals per second (open model)'),
    concurrency: z
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('requests in flight (closed model)'),
    duration: duration.optional(),
    requests: z.int().min(1).max(1_000_000).optional(),
    warmup: warmup
      .optional()
      .describe('samples in this window are dropped; 0s turns it off'),
    p50: duration.optional(),
    p90: duration.optional(),
    p95: duration.optional(),
    p99: duration.optional(),
    max: duration.optional(),
    error_rate: z.number().min(0).max(1).optional(),
    regression: regressionBudgets('latency'),
    level
  })
  .refine(
    item => (item.rate === undefined) !== (item.concurrency === undefined),
    {
      error:
        'give exactly one of rate (open model) or concurrency (closed model)'
    }
  )
  .refine(item => item.duration === undefined || item.duration <= 10 * 60_000, {
    error: 'duration must be at most 10m',
    path: ['duration']
  })
  .refine(
    item =>
      [item.path, item.url, item.paths].filter(p => p !== undefined).length ===
      1,
    { error: 'give exactly one of path, url or paths' }
  )
  .refine(oneBody, oneBodyError)

const regex = z.string().refine(
  source => {
    try {
      new RegExp(source)
      return true
    } catch {
      return false
    }
  },
  { error: 'expected a valid regular expression' }
)

const secrets = z.strictObject({
  scope: z.enum(['diff', 'repo', 'off']).default('diff'),
  exclude: z.array(z.string().min(1)).default([]).describe('globs'),
  allow: z
    .array(regex)
    .default([])
    .describe('a finding whose matched text matches one is dropped'),
  bundle: z
    .boolean()
    .default(false)
    .describe('also scan the HTML, JS and CSS the target serves'),
  bundle_paths: z
    .array(path)
    .min(1)
    .default(['/'])
    .describe('pages whose scripts and styles are scanned when bundle is on'),
  known_values: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/))
    .default([])
    .describe('environment variable names whose values must appear nowhere'),
  paths: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'globs of working-tree files to scan too, tracked or not (build output, logs)'
    ),
  responses: z
    .boolean()
    .default(false)
    .describe(
      'also scan every response other checks fetched (not journey steps that capture)'
    ),
  pii: z
    .array(z.enum(['email']))
    .default([])
    .describe('personal data to report too: email'),
  pii_allow: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'an e-mail address holding one of these texts is not reported (e.g. "@example.com", "noreply@")'
    ),
  baseline: z
    .string()
    .min(1)
    .optional()
    .describe(
      'JSON file of accepted findings (fingerprint, reason, optional expiry); read at the base with policy-ref: base'
    ),
  level: sectionLevel
})

const dnsRecord = z.strictObject({
  name: z.string().min(1).describe('domain name'),
  type: z.enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'CAA', 'NS']),
  value: z.string().optional().describe('the record equals or contains this'),
  level
})

const dns = z.strictObject({
  resolver: z
    .string()
    .refine(isResolverSpec, {
      error:
        'expected an IP address or a host name, optionally with a port: 1.1.1.1, 127.0.0.1:5353, [2606:4700::1111]:53 or dns.internal:53'
    })
    .optional()
    .describe(
      'host or host:port ([IPv6]:port) of the DNS server to ask; default: the system resolver'
    ),
  records: z
    .array(dnsRecord)
    .default([])
    .describe(
      'each record is one check; may be empty when only email uses the resolver'
    )
})

const email = z.strictObject({
  domain: z.string().min(1),
  spf: z.boolean().default(true),
  dmarc: z
    .union([
      z.literal(false),
      z.strictObject({
        min_policy: z.enum(['none', 'quarantine', 'reject']).default('none')
      })
    ])
    .default({ min_policy: 'none' }),
  dkim: z
    .strictObject({ selectors: z.array(z.string().min(1)).min(1) })
    .optional(),
  level: sectionLevel
})

const rateLimitItem = z
  .strictObject({
    name: name.optional(),
    ...requestKeys('headers'),
    requests: z.int().min(1).max(200, {
      error: 'requests must be at most 200: a probe is a tiny burst'
    }),
    expect_status: statusList.default(429),
    within: z.int().min(1),
    level
  })
  .refine(onePlace, onePlaceError)
  .refine(oneBody, oneBodyError)
  .refine(item => item.within <= item.requests, {
    error: 'within cannot exceed requests',
    path: ['within']
  })

const exposure = z.strictObject({
  paths: z
    .array(path)
    .max(50)
    .default([])
    .describe("extra files of this site's own that must not be served"),
  allow: z
    .array(path)
    .default([])
    .describe('probes this site serves on purpose (dropped)'),
  level: sectionLevel
})

const dependencies = z.strictObject({
  fail_on: z
    .enum(['low', 'moderate', 'medium', 'high', 'critical'])
    .default('high')
    .describe('fail at this severity and above (moderate = medium)'),
  dev: z.boolean().default(true).describe('include devDependencies'),
  new_only: z
    .boolean()
    .default(false)
    .describe('on pull requests and pushes: only what the change adds'),
  source: z
    .enum(['github', 'npm'])
    .default('github')
    .describe(
      'GitHub Advisory Database, or the registry bulk advisory endpoint'
    ),
  exclude: z
    .array(z.string().min(1))
    .default([])
    .describe('globs of lockfiles not to audit'),
  ignore: z
    .array(
      z.strictObject({
        id: z
          .string()
          .regex(
            /^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,}|npm:\d+)$/i,
            {
              error: 'expected a GHSA-xxxx-xxxx-xxxx or CVE-YYYY-NNNN id'
            }
          ),
        until: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, {
            error: 'expected a date like 2027-01-31'
          })
          .optional(),
        reason: z.string().min(1, { error: 'say why it is ignored' })
      })
    )
    .default([]),
  level: sectionLevel
})

const budgetMap = (value: z.ZodNumber) =>
  z.strictObject(
    Object.fromEntries(
      PAGE_BUDGET_KEYS.map(key => [key, value.optional()])
    ) as Record<(typeof PAGE_BUDGET_KEYS)[number], z.ZodOptional<z.ZodNumber>>
  )

const pagesItem = z
  .strictObject({
    name: name.optional(),
    path: path.optional(),
    url: absoluteUrl.optional(),
    budgets: z
      .strictObject({
        sizes: budgetMap(z.number().min(0))
          .optional()
          .describe('transfer sizes in KiB (1024 bytes) per type'),
        counts: budgetMap(z.int().min(0))
          .optional()
          .describe('request counts per type')
      })
      .optional(),
    budget_file: z
      .string()
      .min(1)
      .optional()
      .describe(
        'a Lighthouse budget.json: the first entry whose path pattern matches applies'
      ),
    compression: z
      .boolean()
      .default(true)
      .describe('text resources over 1 KiB must be served br, gzip or zstd'),
    regression: regressionBudgets('pages'),
    level
  })
  .refine(onePlace, onePlaceError)
  .refine(item => !(item.budgets && item.budget_file), {
    error: 'give budgets or budget_file, not both'
  })

const score = z.number().min(0).max(100)

const lighthouse = z.strictObject({
  urls: z.array(urlOrPath).min(1).max(20).default(['/']),
  preset: z.enum(['mobile', 'desktop']).default('mobile'),
  runs: z
    .int()
    .min(1)
    .max(9)
    .default(3)
    .describe('runs per URL; the median run (by performance score) is judged'),
  min_scores: z
    .strictObject(
      Object.fromEntries(
        LIGHTHOUSE_CATEGORIES.map(key => [key, score.optional()])
      ) as Record<
        (typeof LIGHTHOUSE_CATEGORIES)[number],
        z.ZodOptional<typeof score>
      >
    )
    .default({})
    .describe('points 0–100 per category'),
  metrics: z
    .strictObject({
      lcp: duration.optional(),
      fcp: duration.optional(),
      tbt: duration.optional(),
      si: duration.optional(),
      ttfb: duration.optional(),
      cls: z.number().min(0).optional()
    })
    .default({})
    .describe('upper bounds on the median run'),
  regression: regressionBudgets('lighthouse'),
  level: sectionLevel
})

/** `wait: { until }` without `for` waits this long at most. */
export const DEFAULT_WAIT_MS = 10 * 60_000

const defaults = z.strictObject({
  timeout: duration.default(10_000).describe('per request'),
  wait: z
    .union([
      duration.transform(ms => ({ for: ms, until: undefined })),
      z.strictObject({
        for: duration.default(DEFAULT_WAIT_MS).describe('the bound'),
        until: smokeRequest
          .refine(onePlace, onePlaceError)
          .refine(oneBody, oneBodyError)
          .optional()
          .describe('one request whose answer must meet these expectations')
      })
    ])
    .optional()
    .describe(
      'a duration: poll the target until it answers; { for, until }: poll until a request meets its expectations'
    ),
  retries: z.int().min(0).max(5).default(0),
  headers: headerMap
    .default({})
    .describe('sent with every request to the target')
})

export const historySection = z
  .strictObject({
    store: z
      .enum(['branch', 'file'])
      .default('branch')
      .describe(
        'branch: a data branch written through the GitHub API; file: JSON Lines at path'
      ),
    branch: z
      .string()
      .regex(/^(?!.*\.\.)(?!\/)[A-Za-z0-9._/-]+(?<![./])$/, {
        error: 'expected a branch name like launch-gate-history'
      })
      .default('launch-gate-history'),
    path: z.string().min(1).default('.launch-gate/history.jsonl'),
    key: z.string().default('').describe('optional extra part of the gate key'),
    keep: z
      .int()
      .min(1)
      .max(5000)
      .default(200)
      .describe('records kept per gate'),
    baseline_runs: z
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe('baseline = median over the last N comparable runs'),
    min_runs: z
      .int()
      .min(1)
      .max(100)
      .default(3)
      .describe('fewer comparable runs than this: no baseline yet')
  })
  .refine(h => h.min_runs <= h.baseline_runs, {
    error: 'min_runs cannot exceed baseline_runs',
    path: ['min_runs']
  })

const policyShape = z.strictObject({
  version: z.literal(1, { error: 'expected version: 1' }),
  target: absoluteUrl.optional().describe('base URL for relative paths'),
  defaults: defaults.default({ timeout: 10_000, retries: 0, headers: {} }),
  smoke: z.array(smokeItem).optional(),
  redirects: redirects.optional(),
  tls: tls.optional(),
  headers: headers.optional(),
  cache: z.array(cacheItem).optional(),
  latency: z.array(latencyItem).optional(),
  secrets: secrets.optional(),
  dns: dns.optional(),
  email: email.optional(),
  rate_limits: z.array(rateLimitItem).optional(),
  journeys: z
    .array(journey)
    .optional()
    .describe('multi-step user journeys: each is one check'),
  exposure: exposure.optional(),
  history: historySection
    .optional()
    .describe(
      'run history: baselines, regression budgets, trends (off when absent)'
    ),
  dependencies: dependencies.optional(),
  pages: z.array(pagesItem).optional(),
  lighthouse: lighthouse.optional()
})

export const policySchema = policyShape.superRefine((policy, ctx) => {
  for (const problem of templateProblems(policy)) ctx.addIssue(problem)
})

type PolicyShape = z.output<typeof policyShape>

/**
 * Every `{{name}}` must have a value where it is used: a journey step may
 * use what earlier steps captured, a load test what its setup journey
 * captured, and everything may use the generated and commit names. A typo
 * is a policy error at its place, not a failure halfway through a run.
 */
function templateProblems(policy: PolicyShape) {
  const problems: { code: 'custom'; message: string; path: PropertyKey[] }[] =
    []
  const always = [...GENERATED_NAMES, ...COMMIT_NAMES] as string[]
  const check = (value: unknown, known: Set<string>, at: PolicyPath) => {
    for (const used of templateNames(value)) {
      if (!known.has(used)) {
        problems.push({
          code: 'custom',
          message: `{{${used}}} has no value here: ${
            known.size > always.length
              ? `captured names are ${[...known].filter(n => !always.includes(n)).join(', ')}`
              : 'nothing is captured before it'
          }`,
          path: [...at]
        })
        return
      }
    }
  }
  const captures = new Map<string, Set<string>>()
  for (const [j, journey] of (policy.journeys ?? []).entries()) {
    if (captures.has(journey.name)) {
      problems.push({
        code: 'custom',
        message: `a journey named ${journey.name} is already defined`,
        path: ['journeys', j, 'name']
      })
    }
    const known = new Set(always)
    for (const [i, step] of journey.steps.entries()) {
      const { capture, ...rest } = step
      check(rest, known, ['journeys', j, 'steps', i])
      for (const captured of Object.keys(capture ?? {})) known.add(captured)
    }
    captures.set(journey.name, known)
  }
  for (const [i, item] of (policy.latency ?? []).entries()) {
    let known = new Set(always)
    if (item.setup !== undefined) {
      const setup = captures.get(item.setup)
      if (!setup) {
        problems.push({
          code: 'custom',
          message: `no journey named ${item.setup} (setup names one of journeys)`,
          path: ['latency', i, 'setup']
        })
        continue
      }
      known = setup
    }
    check(item, known, ['latency', i])
  }
  const plain = new Set(always)
  for (const section of ['smoke', 'rate_limits'] as const) {
    for (const [i, item] of (policy[section] ?? []).entries()) {
      check(item, plain, [section, i])
    }
  }
  const wait = policy.defaults.wait
  if (wait?.until) check(wait.until, plain, ['defaults', 'wait', 'until'])
  return problems
}

/** A validated policy, durations in milliseconds, defaults filled in. */
export type Policy = z.output<typeof policySchema>

export type HistorySettings = z.output<typeof historySection>

/** Keys and indexes from the document root to a node. */
export type PolicyPath = readonly (string | number)[]
