import { randomBytes } from 'node:crypto'
import { CheckError } from '../../errors.ts'
import type { HttpResponse } from '../../net/http.ts'
import type { Policy } from '../../policy/schema.ts'
import { runPool } from '../../util/pool.ts'
import { failedOutcome } from '../outcome.ts'
import { requestsPlan } from '../plan.ts'
import { redact } from '../secrets/redact.ts'
import type {
  Check,
  CheckContext,
  Finding,
  Unit,
  UnitOutcome
} from '../types.ts'
import {
  DIRECTORY_LISTING,
  ERROR_PAGE_LEAKS,
  FILE_PROBES,
  LISTING_PATHS,
  readableText,
  type FileProbe
} from './signatures.ts'

export type ExposureSection = NonNullable<Policy['exposure']>

/** A probe reads this much of an answer: enough to recognise it, never a download. */
const PROBE_BODY_BYTES = 64 * 1024

/** Probes in flight at once against the target. */
const PROBE_CONCURRENCY = 4

/**
 * `exposure`: three checks, each a bounded set of GETs to the target's own
 * origin (the shared client sends `defaults.headers` there and nowhere
 * else): files that must not be served, error pages that tell too much, and
 * directory listings.
 */
export const exposureCheck: Check<'exposure'> = {
  kind: 'exposure',
  // One "not found" baseline, the file probes, two error pages, the folders.
  plan: (section, policy) => {
    const allowed = new Set(section.allow)
    const probes =
      1 +
      fileProbes(section, allowed).length +
      errorProbePaths().length +
      LISTING_PATHS.filter(path => !allowed.has(path)).length
    return requestsPlan(policy, probes, 'probes')
  },
  units(section) {
    const level = section.level ?? 'error'
    const allowed = new Set(section.allow)
    const unit = (
      name: string,
      run: (ctx: CheckContext, origin: URL) => Promise<UnitOutcome>
    ): Unit => ({
      name,
      level,
      policyPath: ['exposure'],
      run: ctx => run(ctx, originOf(ctx))
    })
    return [
      unit('files', (ctx, origin) =>
        probeFiles(ctx, origin, fileProbes(section, allowed))
      ),
      unit('error pages', (ctx, origin) => probeErrorPages(ctx, origin)),
      unit('directory listings', (ctx, origin) =>
        probeListings(
          ctx,
          origin,
          LISTING_PATHS.filter(path => !allowed.has(path))
        )
      )
    ]
  }
}

function originOf(ctx: CheckContext): URL {
  if (!ctx.target) {
    throw new CheckError(
      'no target URL to probe: set target in the policy, the url input or --url'
    )
  }
  return new URL(ctx.target.origin)
}

/** The built-in probes and the site's own (`exposure.paths`), less `allow`. */
function fileProbes(
  section: ExposureSection,
  allowed: ReadonlySet<string>
): FileProbe[] {
  const own: FileProbe[] = section.paths.map(path => ({
    path,
    what: 'a file this policy says must not be served',
    secret: true,
    matches: () => true
  }))
  const known = new Set(FILE_PROBES.map(p => p.path))
  return [...FILE_PROBES, ...own.filter(p => !known.has(p.path))].filter(
    p => !allowed.has(p.path)
  )
}

async function get(
  ctx: CheckContext,
  origin: URL,
  path: string
): Promise<HttpResponse> {
  return ctx.http.sendWithRetries({
    url: new URL(path, origin),
    maxBodyBytes: PROBE_BODY_BYTES,
    signal: ctx.signal
  })
}

/** A path no site serves, to learn what this one answers for "not found". */
function randomPath(): string {
  return `/launch-gate-${randomBytes(8).toString('hex')}`
}

async function probeFiles(
  ctx: CheckContext,
  origin: URL,
  probes: readonly FileProbe[]
): Promise<UnitOutcome> {
  const missingPath = randomPath()
  const notFound = await get(ctx, origin, missingPath)
  const findings: Finding[] = []
  await runPool(probes, PROBE_CONCURRENCY, async probe => {
    const res = await get(ctx, origin, probe.path)
    if (res.status < 200 || res.status > 299) return
    if (isSoftNotFound(res, probe.path, notFound, missingPath)) return
    const text = res.body.toString('latin1')
    if (!probe.matches(res.body, text)) return
    findings.push(fileFinding(res, probe, text))
  })
  const metrics = { probes: probes.length + 1, served: findings.length }
  if (findings.length > 0) return failedOutcome(sortByUrl(findings), metrics)
  return {
    ok: true,
    summary: `none of ${probes.length} well-known files is served`,
    metrics,
    notes: softNotFoundNote(notFound)
  }
}

function fileFinding(
  res: HttpResponse,
  probe: FileProbe,
  text: string
): Finding {
  const where = res.url.pathname
  const excerpt = probe.secret ? redactedExcerpt(text) : undefined
  return {
    rule: 'exposed-file',
    file: res.url.href,
    message: `${where} is served (${res.status}, ${res.body.length}${res.truncated ? '+' : ''} bytes): it looks like ${probe.what}; remove it from the deploy or deny it at the server`,
    ...(excerpt ? { redacted: excerpt } : {})
  }
}

/**
 * The first `key = value` (or `key: value`) line with its value redacted
 * like a secret, so the reader sees what leaked without the leak.
 */
function redactedExcerpt(text: string): string | undefined {
  const match = /^\s*([^\s=:#[<]{1,64}\s*[=:]\s*)(\S[^\r\n]{0,300})/m.exec(text)
  return match ? `${match[1].trim()} ${redact(match[2])}` : undefined
}

/**
 * A catch-all page (SPAs, "200 for everything" hosts): the answer for the
 * probe is the answer for a random path, once the paths themselves are
 * taken out of both.
 */
function isSoftNotFound(
  res: HttpResponse,
  path: string,
  notFound: HttpResponse,
  missingPath: string
): boolean {
  if (notFound.status !== res.status) return false
  const normalise = (body: Buffer, own: string) =>
    body.toString('latin1').split(own).join('').replace(/\s+/g, ' ')
  const a = normalise(res.body, path)
  const b = normalise(notFound.body, missingPath)
  if (a === b) return true
  const title = (s: string) => /<title[^>]*>([^<]{0,200})</i.exec(s)?.[1]
  const close =
    Math.abs(a.length - b.length) <= Math.max(a.length, b.length) * 0.1
  return close && title(a) !== undefined && title(a) === title(b)
}

function softNotFoundNote(notFound: HttpResponse): string[] {
  return notFound.status >= 200 && notFound.status <= 299
    ? [
        `the site answers ${notFound.status} for paths that do not exist: probes were told apart from that page by their content`
      ]
    : []
}

/**
 * A path that cannot exist, and one whose query cannot be decoded
 * (frameworks throw on `%E0%A4%A` while parsing parameters).
 */
function errorProbePaths(): string[] {
  return [`${randomPath()}/..%2f%00`, `/?launch_gate=%E0%A4%A&id[]='"`]
}

async function probeErrorPages(
  ctx: CheckContext,
  origin: URL
): Promise<UnitOutcome> {
  const paths = errorProbePaths()
  const findings: Finding[] = []
  await runPool(paths, PROBE_CONCURRENCY, async path => {
    const res = await get(ctx, origin, path)
    const text = readableText(res.body.toString('utf8'))
    const leaks = ERROR_PAGE_LEAKS.filter(leak => leak.pattern.test(text))
    if (leaks.length === 0) return
    findings.push({
      rule: 'error-page-leak',
      file: res.url.href,
      message: `the answer to ${shortPath(res.url)} (${res.status}) shows ${leaks.map(l => l.what).join(', ')}: serve a generic error page in production and log the details instead`
    })
  })
  const metrics = { probes: paths.length, leaking: findings.length }
  if (findings.length > 0) return failedOutcome(sortByUrl(findings), metrics)
  return {
    ok: true,
    summary: `${paths.length} error pages show no stack trace, debug page or internal detail`,
    metrics
  }
}

async function probeListings(
  ctx: CheckContext,
  origin: URL,
  paths: readonly string[]
): Promise<UnitOutcome> {
  const findings: Finding[] = []
  await runPool(paths, PROBE_CONCURRENCY, async path => {
    const res = await get(ctx, origin, path)
    if (res.status < 200 || res.status > 299) return
    if (!DIRECTORY_LISTING.test(res.body.toString('latin1'))) return
    findings.push({
      rule: 'directory-listing',
      file: res.url.href,
      message: `${res.url.pathname} is a directory listing: turn off auto-indexing (autoindex, Options -Indexes, serve-index)`
    })
  })
  const metrics = { probes: paths.length, listings: findings.length }
  if (findings.length > 0) return failedOutcome(sortByUrl(findings), metrics)
  return {
    ok: true,
    summary: `no directory listing in ${paths.length} folders`,
    metrics
  }
}

/** The probe path as sent, short enough for a summary line. */
function shortPath(url: URL): string {
  const text = url.pathname + url.search
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/** One order for findings, whatever order the answers came in. */
function sortByUrl(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? ''))
}
