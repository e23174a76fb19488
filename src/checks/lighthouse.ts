import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, copyFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { CheckError } from '../errors.ts'
import { LIGHTHOUSE_CATEGORIES } from '../policy/budget-keys.ts'
import type { Policy } from '../policy/schema.ts'
import { formatDuration } from '../util/duration.ts'
import { HostRule } from '../net/host-rule.ts'
import { findChrome, launchBrowser } from './lighthouse/browser.ts'
import { writeLighthouseConfig } from './lighthouse/config.ts'
import { findLighthouse, LIGHTHOUSE_VERSION } from './lighthouse/package.ts'
import { LIGHTHOUSE_REPORT_DIR } from './lighthouse/reports.ts'
import { failedOutcome } from './outcome.ts'
import { resolveUrl } from './target.ts'
import type {
  Check,
  CheckContext,
  Finding,
  Metrics,
  UnitOutcome
} from './types.ts'

export type LighthouseSection = NonNullable<Policy['lighthouse']>

/** One Lighthouse run may take this long (load, trace, audits). */
const RUN_TIMEOUT_MS = 120_000

/** Policy metric key → Lighthouse audit id, and the report's metric name. */
const METRICS = {
  lcp: { audit: 'largest-contentful-paint', metric: 'lcp_ms' },
  fcp: { audit: 'first-contentful-paint', metric: 'fcp_ms' },
  tbt: { audit: 'total-blocking-time', metric: 'tbt_ms' },
  si: { audit: 'speed-index', metric: 'si_ms' },
  ttfb: { audit: 'server-response-time', metric: 'ttfb_ms' },
  cls: { audit: 'cumulative-layout-shift', metric: 'cls' }
} as const

type MetricKey = keyof typeof METRICS

/** The parts of a Lighthouse result (LHR) the check reads. */
export interface LighthouseResult {
  lighthouseVersion?: string
  finalDisplayedUrl?: string
  runtimeError?: { code: string; message: string }
  runWarnings?: string[]
  categories: Record<
    string,
    { title?: string; score: number | null } | undefined
  >
  audits: Record<
    string,
    | {
        title?: string
        numericValue?: number
        details?: {
          type?: string
          overallSavingsMs?: number
          overallSavingsBytes?: number
        }
      }
    | undefined
  >
}

export const lighthouseCheck: Check<'lighthouse'> = {
  kind: 'lighthouse',
  units: section =>
    section.urls.map((place, index) => ({
      name: place,
      level: section.level ?? 'error',
      policyPath: ['lighthouse', 'urls', index],
      // Lab timings need the machine to themselves.
      exclusive: true,
      run: ctx => auditUrl(section, place, ctx)
    })),
  extraTimeMs: section => section.urls.length * section.runs * RUN_TIMEOUT_MS
}

async function auditUrl(
  section: LighthouseSection,
  place: string,
  ctx: CheckContext
): Promise<UnitOutcome> {
  const url = place.startsWith('/')
    ? resolveUrl({ path: place }, ctx.target)
    : new URL(place)
  const chrome = findChrome(ctx.env)
  const lighthouse = await findLighthouse(ctx.env, ctx.cwd, ctx.signal)
  const rule = new HostRule(ctx.target ?? url)
  const browser = await launchBrowser(
    chrome,
    {
      refusal: (host, address) => rule.refusal(host, address),
      isTargetOrigin: target => rule.isTargetOrigin(target),
      headers: targetHeaders(ctx, url)
    },
    ctx.signal
  )
  const work = await mkdtemp(join(tmpdir(), 'launch-gate-lighthouse-'))
  try {
    const config = await writeLighthouseConfig(
      lighthouse.cli,
      section.preset,
      work
    )
    const runs: { lhr: LighthouseResult; html: string }[] = []
    for (let run = 0; run < section.runs; run++) {
      const base = join(work, `run-${run}`)
      await runLighthouse(
        lighthouse.cli,
        config,
        url,
        browser.port,
        base,
        ctx.signal
      )
      const lhr = JSON.parse(
        await readFile(`${base}.report.json`, 'utf8')
      ) as LighthouseResult
      if (lhr.runtimeError) {
        throw new CheckError(
          `Lighthouse could not audit the page: ${lhr.runtimeError.message} (${lhr.runtimeError.code})`
        )
      }
      runs.push({ lhr, html: `${base}.report.html` })
    }
    const median = medianRun(runs.map(r => r.lhr))
    const reportDir = join(ctx.cwd, LIGHTHOUSE_REPORT_DIR)
    await mkdir(reportDir, { recursive: true })
    const htmlPath = join(reportDir, `${fileName(url)}.html`)
    await copyFile(runs[median].html, htmlPath)
    const outcome = judgeLighthouse(section, runs[median].lhr)
    const notes = [
      `median of ${runs.length} run${runs.length === 1 ? '' : 's'} (${section.preset}); Lighthouse ${lighthouse.version} from ${lighthouse.source}${lighthouse.version === LIGHTHOUSE_VERSION ? '' : ` (tested with ${LIGHTHOUSE_VERSION})`}`,
      `HTML report: ${relative(ctx.cwd, htmlPath)}`,
      ...opportunities(runs[median].lhr),
      ...browser.refused.map(line => `blocked: ${line}`),
      ...(outcome.notes ?? [])
    ]
    return { ...outcome, notes }
  } finally {
    await browser.close()
    await rm(work, { recursive: true, force: true })
  }
}

/**
 * `defaults.headers` as the shared client sends them to the target (its
 * user agent left out: Lighthouse sets the browser's own).
 */
function targetHeaders(ctx: CheckContext, url: URL): Record<string, string> {
  const { 'user-agent': _agent, ...headers } = ctx.http.headersFor(
    ctx.target ?? url
  )
  return headers
}

/** One Lighthouse CLI run against the browser at `port`, writing `<base>.report.{json,html}`. */
function runLighthouse(
  cli: string,
  config: string,
  url: URL,
  port: number,
  base: string,
  signal: AbortSignal
): Promise<void> {
  const args = [
    cli,
    url.href,
    `--port=${port}`,
    '--hostname=127.0.0.1',
    '--output=json',
    '--output=html',
    `--output-path=${base}`,
    `--only-categories=${LIGHTHOUSE_CATEGORIES.join(',')}`,
    '--quiet',
    `--config-path=${config}`
  ]
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { signal, timeout: RUN_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (!error) return resolve()
        // A runtime error still writes the report: read it for the reason.
        readFile(`${base}.report.json`)
          .then(() => resolve())
          .catch(() => {
            const last = stderr.trim().split('\n').at(-1)
            reject(
              new CheckError(
                error.killed
                  ? `Lighthouse did not finish within ${formatDuration(RUN_TIMEOUT_MS)}`
                  : `Lighthouse failed: ${last || error.message}`
              )
            )
          })
      }
    )
  })
}

/** The run whose performance score is the median (the lower middle of an even count). */
export function medianRun(results: readonly LighthouseResult[]): number {
  const order = results
    .map((lhr, index) => ({
      index,
      score: lhr.categories.performance?.score ?? 0
    }))
    .sort((a, b) => a.score - b.score)
  return order[Math.floor((order.length - 1) / 2)].index
}

/** Scores (points 0–100) and metrics of a run, judged against the section. */
export function judgeLighthouse(
  section: Pick<LighthouseSection, 'min_scores' | 'metrics'>,
  lhr: LighthouseResult
): UnitOutcome {
  const metrics: Metrics = {}
  const findings: Finding[] = []
  const notes: string[] = []
  for (const category of LIGHTHOUSE_CATEGORIES) {
    const score = lhr.categories[category]?.score
    const points =
      score === null || score === undefined
        ? undefined
        : Math.round(score * 100)
    if (points !== undefined) metrics[category.replace('-', '_')] = points
    const min = section.min_scores[category]
    if (min === undefined) continue
    if (points === undefined) {
      findings.push({
        rule: `score-${category}`,
        message: `${category}: no score (Lighthouse could not compute it)`
      })
    } else if (points < min) {
      findings.push({
        rule: `score-${category}`,
        message: `${category} ${points} < ${min}`
      })
    }
  }
  for (const [key, { audit, metric }] of Object.entries(METRICS) as [
    MetricKey,
    (typeof METRICS)[MetricKey]
  ][]) {
    const value = lhr.audits[audit]?.numericValue
    if (value === undefined) {
      if (section.metrics[key] !== undefined) {
        findings.push({
          rule: `metric-${key}`,
          message: `${key}: not measured`
        })
      }
      continue
    }
    metrics[metric] =
      key === 'cls' ? Math.round(value * 1000) / 1000 : Math.round(value)
    const limit = section.metrics[key]
    if (limit !== undefined && value > limit) {
      findings.push({
        rule: `metric-${key}`,
        message:
          key === 'cls'
            ? `cls ${metrics[metric]} > ${limit}`
            : `${key} ${formatDuration(Math.round(value))} > ${formatDuration(limit)}`
      })
    }
  }
  for (const warning of lhr.runWarnings ?? [])
    notes.push(`Lighthouse: ${warning}`)
  if (findings.length > 0) return { ...failedOutcome(findings, metrics), notes }
  const shown = LIGHTHOUSE_CATEGORIES.filter(
    c => metrics[c.replace('-', '_')] !== undefined
  )
    .map(c => `${c} ${metrics[c.replace('-', '_')]}`)
    .join(', ')
  return { ok: true, summary: shown || 'no scores', metrics, notes }
}

/** The three opportunities with the largest estimated savings, one line each. */
function opportunities(lhr: LighthouseResult): string[] {
  return Object.values(lhr.audits)
    .flatMap(audit =>
      audit?.details?.type === 'opportunity' &&
      (audit.details.overallSavingsMs ?? 0) > 0
        ? [audit]
        : []
    )
    .sort(
      (a, b) =>
        (b.details?.overallSavingsMs ?? 0) - (a.details?.overallSavingsMs ?? 0)
    )
    .slice(0, 3)
    .map(audit => {
      const bytes = audit.details?.overallSavingsBytes
      return `opportunity: ${audit.title ?? 'unnamed'}: about ${Math.round(audit.details?.overallSavingsMs ?? 0)} ms${bytes ? `, ${Math.round(bytes / 1024)} KiB` : ''}`
    })
}

/** A file name for a URL's report: host and path, safe characters only. */
function fileName(url: URL): string {
  return `${url.host}${url.pathname}`
    .replace(/[^A-Za-z0-9.-]+/g, '_')
    .slice(0, 120)
}
