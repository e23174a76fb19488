import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { UsageError } from '../errors.ts'
import { errorMessage } from '../util/errors.ts'
import { evaluateLatency } from '../checks/latency/index.ts'
import { LatencyHistogram } from '../checks/latency/histogram.ts'
import type { ErrorCounts } from '../checks/latency/load.ts'
import type { ShardMeasurement } from '../checks/latency/shard.ts'
import type { Finding } from '../checks/types.ts'
import type { Policy } from '../policy/schema.ts'
import {
  failsGate,
  summarize,
  type CheckResult,
  type Report
} from '../report/model.ts'

/** Shards agree on the policy they ran when this digest agrees. */
export function policyDigest(policy: Policy): string {
  return createHash('sha256')
    .update(JSON.stringify(policy))
    .digest('hex')
    .slice(0, 16)
}

/** A shard report: the JSON report with who ran it and on what. */
export type ShardReport = Report & { shard: NonNullable<Report['shard']> }

/**
 * Merges shard reports into one report: histograms added, counts summed, the
 * embedded budgets applied to the whole. Refuses reports of different
 * policies or targets; a missing shard or windows that did not overlap are
 * findings that fail the check (the load was not what the policy asked).
 */
export function mergeShardReports(
  reports: readonly { file: string; report: ShardReport }[]
): Report {
  if (reports.length === 0) throw new UsageError('no shard reports to merge')
  for (const { file, report } of reports) {
    if (!report?.shard || !Array.isArray(report.checks)) {
      throw new UsageError(
        `${file} is not a shard report (run with shard: i/N)`
      )
    }
  }
  const [first] = reports
  for (const { file, report } of reports) {
    if (report.shard.policy_digest !== first.report.shard.policy_digest) {
      throw new UsageError(
        `${file} ran another policy than ${first.file} (digest ${report.shard.policy_digest} vs ${first.report.shard.policy_digest})`
      )
    }
    if (report.target !== first.report.target) {
      throw new UsageError(
        `${file} ran against another target than ${first.file}`
      )
    }
    if (report.shard.count !== first.report.shard.count) {
      throw new UsageError(
        `${file} is one of ${report.shard.count} shards, ${first.file} one of ${first.report.shard.count}`
      )
    }
  }
  const count = first.report.shard.count
  const byIndex = new Map<number, ShardReport>()
  for (const { file, report } of reports) {
    if (byIndex.has(report.shard.index)) {
      throw new UsageError(
        `shard ${report.shard.index}/${count} is there twice (${file})`
      )
    }
    byIndex.set(report.shard.index, report)
  }
  const present = [...byIndex.keys()].sort((a, b) => a - b)
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter(
    i => !byIndex.has(i)
  )
  const shardNote = `${present.length} of ${count} shards${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`

  const names = [...new Set(first.report.checks.map(c => c.name))]
  const checks = names.map(name =>
    mergeCheck(
      [...byIndex.values()].map(r => r.checks.find(c => c.name === name)),
      missing,
      count
    )
  )
  const started = Math.min(
    ...[...byIndex.values()].map(r => Date.parse(r.started_at))
  )
  const ended = Math.max(
    ...[...byIndex.values()].map(r => Date.parse(r.started_at) + r.duration_ms)
  )
  return {
    version: 1,
    result: checks.some(failsGate) ? 'fail' : 'pass',
    target: first.report.target,
    started_at: new Date(started).toISOString(),
    duration_ms: ended - started,
    summary: summarize(checks),
    notes: [`merged ${shardNote}`],
    checks
  }
}

function mergeCheck(
  parts: readonly (ShardReport['checks'][number] | undefined)[],
  missing: readonly number[],
  count: number
): CheckResult {
  const measured = parts.filter(
    (p): p is CheckResult & { shard: ShardMeasurement } =>
      p?.shard !== undefined
  )
  const template = parts.find(p => p !== undefined) as CheckResult
  if (measured.length === 0) {
    return {
      ...template,
      status: template.status === 'skip' ? 'skip' : 'error',
      summary: template.summary,
      notes: [...(template.notes ?? [])]
    }
  }
  const histogram = new LatencyHistogram()
  const errors: ErrorCounts = {
    total: 0,
    byKind: { status: 0, timeout: 0, reset: 0, refused: 0, other: 0 },
    byStatus: {},
    otherReasons: {}
  }
  let requests = 0
  let rps = 0
  for (const part of measured) {
    histogram.add(LatencyHistogram.decode(part.shard.histogram))
    requests += Number(part.metrics.requests ?? 0)
    rps += Number(part.metrics.rps ?? 0)
    addCounts(errors, part.shard.errors)
  }
  const windows = measured.map(p => ({
    start: Date.parse(p.shard.window.start),
    end: Date.parse(p.shard.window.end)
  }))
  const overlapStart = Math.max(...windows.map(w => w.start))
  const overlapEnd = Math.min(...windows.map(w => w.end))
  const windowMs =
    Math.max(...windows.map(w => w.end)) -
    Math.min(...windows.map(w => w.start))
  const { budgets, timeout_ms: timeoutMs } = measured[0].shard
  const outcome = evaluateLatency(
    budgets,
    {
      latency: histogram.figures(),
      serviceTime: histogram.figures(),
      histogram,
      window: {
        start: Math.min(...windows.map(w => w.start)),
        end: Math.max(...windows.map(w => w.end))
      },
      requests,
      errors,
      rps,
      elapsedMs: windowMs,
      stoppedBy: measured.some(
        p => p.shard.stopped_by === 'connection-failures'
      )
        ? 'connection-failures'
        : 'duration',
      bounds: {
        requests: budgets.requests ?? requests,
        windowMs,
        warmupMs: 0,
        warmupRequests: 0,
        connections: 0
      }
    },
    timeoutMs
  )
  const problems: Finding[] = []
  if (missing.length > 0) {
    problems.push({
      message: `only ${count - missing.length} of ${count} shards reported (missing: ${missing.join(', ')}): the load was smaller than the policy asks`
    })
  }
  if (measured.length > 1 && overlapStart >= overlapEnd) {
    problems.push({
      message: `the shards' load windows did not overlap (${windowsText(measured)}): they did not load the target at the same time; give every shard the same start-at`
    })
  }
  const ok = outcome.ok && problems.length === 0
  const summary =
    problems.length > 0 && outcome.ok ? problems[0].message : outcome.summary
  return {
    ...template,
    status: ok
      ? outcome.findings?.some(f => f.severity === 'warning')
        ? 'warn'
        : 'pass'
      : template.level === 'warn'
        ? 'warn'
        : 'fail',
    summary,
    metrics: { ...outcome.metrics, shards: measured.length },
    findings: [...problems, ...(outcome.findings ?? [])],
    notes: [],
    duration_ms: windowMs
  }
}

function addCounts(into: ErrorCounts, from: ErrorCounts): void {
  into.total += from.total
  for (const kind of Object.keys(
    into.byKind
  ) as (keyof ErrorCounts['byKind'])[]) {
    into.byKind[kind] += from.byKind[kind] ?? 0
  }
  for (const [status, n] of Object.entries(from.byStatus))
    into.byStatus[status] = (into.byStatus[status] ?? 0) + n
  for (const [reason, n] of Object.entries(from.otherReasons))
    into.otherReasons[reason] = (into.otherReasons[reason] ?? 0) + n
}

function windowsText(measured: readonly { shard: ShardMeasurement }[]): string {
  const time = (iso: string) => iso.slice(11, 19)
  return measured
    .map(p => `${time(p.shard.window.start)}–${time(p.shard.window.end)}`)
    .join(', ')
}

/** Start times further ahead than this are a typo, not a plan. */
const MAX_START_AHEAD_MS = 60 * 60_000

/**
 * `start-at` as an ISO time within the next hour; without one, the next full
 * 10 seconds (for shards started by hand).
 */
export function parseStartAt(text: string | undefined, now = Date.now()): Date {
  if (text === undefined || text.trim() === '') {
    return new Date(Math.ceil((now + 1) / 10_000) * 10_000)
  }
  const at =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(
      text.trim()
    )
      ? Date.parse(text)
      : Number.NaN
  if (Number.isNaN(at)) {
    throw new UsageError(
      `invalid start-at '${text}': expected an ISO time like 2026-12-06T08:00:00Z`
    )
  }
  if (at - now > MAX_START_AHEAD_MS) {
    throw new UsageError(`start-at ${text} is more than an hour ahead`)
  }
  return new Date(at)
}

/** A shard report is a JSON report of a few checks: never this large. */
const MAX_SHARD_REPORT_BYTES = 64 * 1024 * 1024

/** Reads and parses each shard report; one that cannot be read is a usage error naming it. */
export async function readShardReports(
  files: readonly string[],
  cwd: string
): Promise<{ file: string; report: ShardReport }[]> {
  return Promise.all(
    files.map(async file => {
      let text: string
      try {
        text = await readFile(resolve(cwd, file), 'utf8')
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${errorMessage(error)}`)
      }
      if (text.length > MAX_SHARD_REPORT_BYTES) {
        throw new UsageError(`${file} is too large for a shard report`)
      }
      try {
        return { file, report: JSON.parse(text) as ShardReport }
      } catch {
        throw new UsageError(`${file} is not JSON`)
      }
    })
  )
}
