import semver from 'semver'
import { request, type Dispatcher } from 'undici'
import { CheckError } from '../../errors.ts'
import { USER_AGENT } from '../../net/http.ts'

export type Severity = 'low' | 'moderate' | 'high' | 'critical'

export const SEVERITY_RANK: Record<Severity, number> = {
  low: 1,
  moderate: 2,
  high: 3,
  critical: 4
}

/** GHSA says `medium` where npm says `moderate`; `info`/`unknown` count as low. */
export function normaliseSeverity(text: string | undefined): Severity {
  switch (text?.toLowerCase()) {
    case 'critical':
      return 'critical'
    case 'high':
      return 'high'
    case 'moderate':
    case 'medium':
      return 'moderate'
    default:
      return 'low'
  }
}

/** One advisory as it applies to one package name. */
export interface Advisory {
  /** `GHSA-…`, or the npm advisory's GHSA id / number. */
  id: string
  cve?: string
  severity: Severity
  title: string
  url?: string
  /** Vulnerable versions, as a semver range. */
  range: string
  /** The first fixed version, where the source gives it. */
  fixed?: string
}

export interface PackageRef {
  name: string
  version: string
}

/** What a source answers: advisories by package name. */
export type AdvisoriesByName = Map<string, Advisory[]>

export interface AdvisorySource {
  /** A label for notes: `GitHub Advisory Database`, `the npm registry`. */
  readonly label: string
  /** Requests sent so far, for the report. */
  readonly calls: number
  lookup(
    packages: readonly PackageRef[],
    signal: AbortSignal
  ): Promise<AdvisoriesByName>
}

/** Every answer is read up to this size: an advisory list, not a download. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024
const REQUEST_TIMEOUT_MS = 30_000
/** `affects` values per request, and pages followed per batch. */
const GITHUB_BATCH = 100
const MAX_PAGES = 50
/** Names per npm bulk request. */
const NPM_BATCH = 500

/** The affected packages of `advisories` whose version is in a vulnerable range. */
export function vulnerable(
  pkg: PackageRef,
  advisories: AdvisoriesByName
): Advisory[] {
  const version = semver.valid(
    semver.coerce(pkg.version, { includePrerelease: true }) ?? pkg.version
  )
  if (!version) return []
  return (advisories.get(pkg.name) ?? []).filter(a =>
    semver.satisfies(version, a.range, { includePrerelease: true })
  )
}

/** `>= 1.0.0, < 1.2.3` (GHSA) → `>=1.0.0 <1.2.3` (semver). */
export function ghsaRange(text: string): string {
  return text
    .split(',')
    .map(part =>
      part.trim().replace(/^(=|[<>]=?)\s*/, (_, op) => (op === '=' ? '' : op))
    )
    .join(' ')
}

interface JsonAnswer {
  status: number
  headers: Dispatcher.ResponseData['headers']
  body: unknown
}

async function fetchJson(
  url: URL,
  init: {
    method?: 'GET' | 'POST'
    headers: Record<string, string>
    body?: string
  },
  signal: AbortSignal,
  what: string
): Promise<JsonAnswer> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
  let res: Dispatcher.ResponseData
  try {
    res = await request(url, {
      method: init.method ?? 'GET',
      headers: {
        'user-agent': USER_AGENT,
        'accept-encoding': 'identity',
        ...init.headers
      },
      body: init.body,
      signal: AbortSignal.any([signal, timeout])
    })
  } catch (error) {
    const reason = timeout.aborted
      ? `no answer within ${REQUEST_TIMEOUT_MS / 1000}s`
      : ((error as { code?: string }).code ?? (error as Error).message)
    throw new CheckError(
      `${what} could not be reached (${url.host}): ${reason}`
    )
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length
    if (size > MAX_ANSWER_BYTES) {
      res.body.destroy()
      throw new CheckError(
        `${what} answered more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`
      )
    }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (res.statusCode < 200 || res.statusCode > 299) {
    return {
      status: res.statusCode,
      headers: res.headers,
      body: text.slice(0, 200)
    }
  }
  try {
    return {
      status: res.statusCode,
      headers: res.headers,
      body: JSON.parse(text)
    }
  } catch {
    throw new CheckError(
      `${what} answered ${res.statusCode} with something that is not JSON`
    )
  }
}

function header(
  headers: Dispatcher.ResponseData['headers'],
  name: string
): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** The next page from a `Link` header, only on the same host. */
function nextPage(
  headers: Dispatcher.ResponseData['headers'],
  current: URL
): URL | undefined {
  const link = header(headers, 'link')
  const match = link && /<([^>]+)>;\s*rel="next"/.exec(link)
  if (!match) return undefined
  const next = new URL(match[1], current)
  return next.host === current.host ? next : undefined
}

interface GhsaAdvisory {
  ghsa_id?: string
  cve_id?: string | null
  summary?: string
  severity?: string
  html_url?: string
  vulnerabilities?: {
    package?: { ecosystem?: string; name?: string }
    vulnerable_version_range?: string | null
    first_patched_version?: string | { identifier?: string } | null
  }[]
}

/**
 * The GitHub Advisory Database: `GET /advisories?ecosystem=npm&affects=…`,
 * a batch of name@version per request, every page followed. A token is
 * optional (it raises the rate limit).
 */
export function githubAdvisories(
  apiUrl: string,
  token?: string
): AdvisorySource {
  let calls = 0
  const base = apiUrl.replace(/\/+$/, '')
  return {
    label: 'the GitHub Advisory Database',
    get calls() {
      return calls
    },
    async lookup(packages, signal) {
      const found: AdvisoriesByName = new Map()
      const seen = new Set<string>()
      for (let i = 0; i < packages.length; i += GITHUB_BATCH) {
        const batch = packages.slice(i, i + GITHUB_BATCH)
        let url: URL | undefined = new URL(`${base}/advisories`)
        url.searchParams.set('ecosystem', 'npm')
        url.searchParams.set('per_page', '100')
        url.searchParams.set(
          'affects',
          batch.map(p => `${p.name}@${p.version}`).join(',')
        )
        for (let page = 0; url && page < MAX_PAGES; page++) {
          calls++
          const answer = await fetchJson(
            url,
            {
              headers: {
                accept: 'application/vnd.github+json',
                'x-github-api-version': '2022-11-28',
                ...(token ? { authorization: `Bearer ${token}` } : {})
              }
            },
            signal,
            'the GitHub Advisory Database'
          )
          if (answer.status !== 200) throw githubError(answer)
          if (!Array.isArray(answer.body)) {
            throw new CheckError(
              'the GitHub Advisory Database answered something that is not a list of advisories'
            )
          }
          for (const advisory of answer.body as GhsaAdvisory[]) {
            if (!advisory.ghsa_id || seen.has(advisory.ghsa_id)) continue
            seen.add(advisory.ghsa_id)
            addGhsa(found, advisory)
          }
          url = nextPage(answer.headers, url)
        }
      }
      return found
    }
  }
}

function githubError(answer: JsonAnswer): CheckError {
  const remaining = header(answer.headers, 'x-ratelimit-remaining')
  if (
    (answer.status === 403 || answer.status === 429) &&
    (remaining === '0' || header(answer.headers, 'retry-after'))
  ) {
    const reset = Number(header(answer.headers, 'x-ratelimit-reset'))
    const when =
      Number.isFinite(reset) && reset > 0
        ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC`
        : ''
    return new CheckError(
      `the GitHub Advisory Database rate limit is used up${when}: set GITHUB_TOKEN to raise it`
    )
  }
  return new CheckError(
    `the GitHub Advisory Database answered ${answer.status}`
  )
}

function addGhsa(found: AdvisoriesByName, advisory: GhsaAdvisory): void {
  for (const v of advisory.vulnerabilities ?? []) {
    const name = v.package?.name
    if (!name || (v.package?.ecosystem && v.package.ecosystem !== 'npm'))
      continue
    const range = ghsaRange(v.vulnerable_version_range ?? '')
    if (!semver.validRange(range)) continue
    const fixed =
      typeof v.first_patched_version === 'string'
        ? v.first_patched_version
        : (v.first_patched_version?.identifier ?? undefined)
    const list = found.get(name) ?? []
    list.push({
      id: advisory.ghsa_id as string,
      cve: advisory.cve_id ?? undefined,
      severity: normaliseSeverity(advisory.severity),
      title: advisory.summary ?? '',
      url: advisory.html_url,
      range,
      fixed
    })
    found.set(name, list)
  }
}

interface NpmBulkAdvisory {
  id?: number
  url?: string
  title?: string
  severity?: string
  vulnerable_versions?: string
}

/**
 * The registry's bulk advisory endpoint (`npm audit` uses it):
 * `POST <registry>/-/npm/v1/security/advisories/bulk` with `{name: [versions]}`.
 */
export function npmAdvisories(registry: string): AdvisorySource {
  let calls = 0
  const endpoint = new URL(
    '-/npm/v1/security/advisories/bulk',
    registry.endsWith('/') ? registry : `${registry}/`
  )
  return {
    label: 'the npm registry',
    get calls() {
      return calls
    },
    async lookup(packages, signal) {
      const versions = new Map<string, Set<string>>()
      for (const p of packages) {
        versions.set(p.name, (versions.get(p.name) ?? new Set()).add(p.version))
      }
      const names = [...versions.keys()]
      const found: AdvisoriesByName = new Map()
      for (let i = 0; i < names.length; i += NPM_BATCH) {
        const body = Object.fromEntries(
          names
            .slice(i, i + NPM_BATCH)
            .map(name => [name, [...(versions.get(name) as Set<string>)]])
        )
        calls++
        const answer = await fetchJson(
          endpoint,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'application/json'
            },
            body: JSON.stringify(body)
          },
          signal,
          'the npm registry'
        )
        if (answer.status !== 200) {
          throw new CheckError(
            `the npm registry's advisory endpoint answered ${answer.status}`
          )
        }
        if (
          typeof answer.body !== 'object' ||
          answer.body === null ||
          Array.isArray(answer.body)
        ) {
          throw new CheckError(
            "the npm registry's advisory endpoint answered something that is not an advisory map"
          )
        }
        for (const [name, list] of Object.entries(
          answer.body as Record<string, NpmBulkAdvisory[]>
        )) {
          if (!Array.isArray(list)) continue
          for (const a of list) {
            const range = a.vulnerable_versions ?? ''
            if (!semver.validRange(range)) continue
            const ghsa = /GHSA-[\w-]+/.exec(a.url ?? '')?.[0]
            const advisories = found.get(name) ?? []
            advisories.push({
              id: ghsa ?? `npm:${a.id ?? '?'}`,
              severity: normaliseSeverity(a.severity),
              title: a.title ?? '',
              url: a.url,
              range
            })
            found.set(name, advisories)
          }
        }
      }
      return found
    }
  }
}

/**
 * One lookup per package per run, whichever lockfile asks: lockfiles of a
 * monorepo share most of their packages. Lookups queue behind each other so
 * two lockfiles never ask for the same package at once.
 */
export class CachedSource {
  private readonly answers = new Map<string, Advisory[]>()
  private queue: Promise<unknown> = Promise.resolve()
  readonly source: AdvisorySource

  constructor(source: AdvisorySource) {
    this.source = source
  }

  /** Matching advisories by `name@version`, only for vulnerable packages. */
  lookup(
    packages: readonly PackageRef[],
    signal: AbortSignal
  ): Promise<AdvisoriesByName> {
    const run = this.queue.then(() => this.lookupNow(packages, signal))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async lookupNow(
    packages: readonly PackageRef[],
    signal: AbortSignal
  ): Promise<AdvisoriesByName> {
    const key = (p: PackageRef) => `${p.name}@${p.version}`
    const missing = packages.filter(p => !this.answers.has(key(p)))
    if (missing.length > 0) {
      const found = await this.source.lookup(missing, signal)
      for (const p of missing) this.answers.set(key(p), vulnerable(p, found))
    }
    const matched: AdvisoriesByName = new Map()
    for (const p of packages) {
      const advisories = this.answers.get(key(p)) ?? []
      if (advisories.length > 0) matched.set(key(p), advisories)
    }
    return matched
  }
}
