/**
 * Run history (§7.2), pure over records: what a run records, baselines
 * (median of the last comparable runs), regression budgets, flaky marks,
 * failing streaks and trend series. Stores only move JSON Lines text.
 */
import { z } from 'zod'
import type { Finding, Regression, Status } from '../checks/types.ts'
import type { HistorySettings, Policy, PolicyPath } from '../policy/schema.ts'
import {
  REGRESSION_METRICS,
  formatMetric,
  type MetricSpec,
  type RegressionBudget
} from '../policy/regression.ts'
import type { CheckResult, Report, Trend } from '../report/model.ts'
import { failsGate, summarize } from '../report/model.ts'

/** Where history lives: moves the JSON Lines text, knows nothing of records. */
export interface HistoryStore {
  /** For messages, e.g. `branch launch-gate-history`. */
  readonly where: string
  /** The text ('' when there is none yet, or it is not trusted). */
  read(): Promise<string>
  /** Replaces the text by `change(current)`, retrying when another run wrote first. */
  update(change: (text: string) => string): Promise<void>
}

/** The facts of one run a record keeps besides its checks. */
export interface RunFacts {
  key: string
  sha?: string
  /** The branch the run is about (for a pull request: its head branch). */
  ref: string
  event: string
  /** Recorded, never keyed on (§7.0). */
  environment?: string
  target?: string
  /** Link to the run, for the alert issue. */
  url?: string
}

export interface HistoryPlan {
  settings: HistorySettings
  run: RunFacts
  /** The branch whose runs are comparable: the default branch, or a PR's base. */
  baseRef: string
  /** `history-accept`: a new baseline starts with this run. */
  accept: boolean
}

const recordCheck = z.object({
  kind: z.string(),
  name: z.string(),
  status: z.enum(['pass', 'fail', 'warn', 'error', 'skip']),
  /** The check met its absolute budgets (before any regression budget). */
  met: z.boolean(),
  metrics: z.record(z.string(), z.number())
})

const historyRecord = z.object({
  v: z.literal(1),
  key: z.string(),
  time: z.string(),
  sha: z.string().optional(),
  ref: z.string(),
  event: z.string(),
  environment: z.string().optional(),
  target: z.string().optional(),
  url: z.string().optional(),
  result: z.enum(['pass', 'fail']),
  /** A new baseline starts here (`history accept`). */
  accept: z.literal(true).optional(),
  checks: z.array(recordCheck)
})

export type HistoryRecord = z.infer<typeof historyRecord>
type RecordCheck = HistoryRecord['checks'][number]

/** Runs looked at for `flaky`, and flips that make a check flaky. */
const FLAKY_WINDOW = 10
const FLAKY_FLIPS = 3
/** Points in a trend chart. */
export const TREND_RUNS = 30
/** Failing runs linked from the alert issue. */
const STREAK_LINKS = 10

/** The records of gate `key` in JSON Lines text, oldest first; bad lines are skipped. */
export function parseHistory(
  text: string,
  key: string
): { records: HistoryRecord[]; skipped: number } {
  const records: HistoryRecord[] = []
  let skipped = 0
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    const record = parseLine(line)
    if (!record) skipped++
    else if (record.key === key) records.push(record)
  }
  return { records, skipped }
}

function parseLine(line: string): HistoryRecord | undefined {
  try {
    const parsed = historyRecord.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/**
 * Appends `record`, keeping the newest `keep` records of its gate; lines of
 * other gates (a CLI file may hold several) stay, unreadable lines go.
 */
export function appendRecord(
  text: string,
  record: HistoryRecord,
  keep: number
): string {
  const lines = text
    .split('\n')
    .map(line => ({ line, key: parseLine(line)?.key }))
    .filter(entry => entry.key !== undefined)
  let drop = lines.filter(entry => entry.key === record.key).length - (keep - 1)
  const kept = lines.filter(entry => !(entry.key === record.key && drop-- > 0))
  return `${[...kept.map(entry => entry.line), JSON.stringify(record)].join('\n')}\n`
}

/** An accept marker (`launch-gate history accept`): a new baseline starts after it. */
export function acceptRecord(run: RunFacts, time: Date): HistoryRecord {
  return {
    v: 1,
    ...definedOnly(run),
    time: time.toISOString(),
    result: 'pass',
    accept: true,
    checks: []
  }
}

/** The budgets a check item carries, found from its policy path. */
interface ItemBudgets {
  regression: [string, MetricSpec, RegressionBudget][]
  /** Absolute budgets by metric, in the metric's unit (latency `p95: 300ms`). */
  absolute: Map<string, number>
}

function itemBudgets(
  policy: Policy,
  kind: string,
  path: PolicyPath
): ItemBudgets {
  const table = REGRESSION_METRICS[kind] ?? {}
  // The deepest object on the path holds the budgets: a latency or pages
  // item; for lighthouse (a unit per URL) the section.
  let node: Record<string, unknown> = {}
  let here: unknown = policy
  for (const step of path) {
    here = (here as Record<string, unknown> | undefined)?.[step]
    if (here && typeof here === 'object' && !Array.isArray(here)) {
      node = here as Record<string, unknown>
    }
  }
  const regression = (node.regression ?? {}) as Record<
    string,
    RegressionBudget | undefined
  >
  const absolute = new Map<string, number>()
  for (const spec of Object.values(table)) {
    const value = spec.absolute(node)
    if (value !== undefined) absolute.set(spec.metric, value)
  }
  return {
    regression: Object.entries(regression)
      .filter((entry): entry is [string, RegressionBudget] => !!entry[1])
      .map(([key, budget]) => [key, table[key], budget]),
    absolute
  }
}

/**
 * Judges each check against earlier runs and builds this run's record.
 * `judge` runs as each check ends; `finish` once the report is whole.
 */
export function historyJudge(
  records: readonly HistoryRecord[],
  plan: HistoryPlan,
  policy: Policy
) {
  const { settings } = plan
  const onBase = records.filter(r => r.ref === plan.baseRef)
  const lastAccept = onBase.findLastIndex(r => r.accept)
  const comparable = plan.accept ? [] : onBase.slice(Math.max(0, lastAccept))
  const met = new Map<string, boolean>()

  const judge = (result: CheckResult, path: PolicyPath): CheckResult => {
    const id = checkId(result)
    met.set(id, metAbsolute(result))
    const budgets = itemBudgets(policy, result.kind, path)
    const pastRuns = (list: readonly HistoryRecord[]) =>
      list.flatMap(r => {
        const check = r.checks.find(c => checkId(c) === id)
        return check ? [check] : []
      })
    const prior = pastRuns(comparable)
      .filter(c => c.met)
      .slice(-settings.baseline_runs)
    const baseline = medians(prior)
    const judged: CheckResult = {
      ...result,
      findings: [...result.findings],
      notes: [...result.notes],
      flaky: isFlaky([...pastRuns(onBase).map(c => c.status), result.status])
    }
    if (prior.length > 0) {
      judged.baseline = { runs: prior.length, metrics: baseline }
    }
    const ran = ['pass', 'warn', 'fail'].includes(result.status)
    if (ran && budgets.regression.length > 0) {
      if (plan.accept) {
        judged.notes.push(
          'history accept: a new baseline starts with this run; regression budgets not judged'
        )
      } else {
        judgeRegressions(judged, budgets, prior.length, baseline, plan)
      }
    }
    judged.trends = trends(
      judged,
      budgets,
      pastRuns(onBase.slice(-(TREND_RUNS - 1))),
      baseline,
      prior.length >= settings.min_runs
    )
    if (judged.trends.length === 0) delete judged.trends
    return judged
  }

  const finish = (
    report: Report
  ): { report: Report; record: HistoryRecord } => {
    const record: HistoryRecord = {
      v: 1,
      ...definedOnly({ target: originOf(report.target), ...plan.run }),
      time: report.started_at,
      result: report.result,
      ...(plan.accept ? { accept: true as const } : {}),
      checks: report.checks
        .filter(c => c.status !== 'skip')
        .map(c => ({
          kind: c.kind,
          name: c.name,
          status: c.status,
          met: met.get(checkId(c)) ?? metAbsolute(c),
          metrics: numericMetrics(c.metrics)
        }))
    }
    const streak = failingStreak(
      records.filter(r => r.ref === plan.run.ref && !isMarker(r)),
      record
    )
    return {
      report: {
        ...report,
        result: report.checks.some(failsGate) ? 'fail' : report.result,
        summary:
          report.error === undefined
            ? summarize(report.checks)
            : report.summary,
        history: { runs: records.length, ...streak }
      },
      record
    }
  }
  return { judge, finish }
}

function judgeRegressions(
  check: CheckResult,
  budgets: ItemBudgets,
  runs: number,
  baseline: Record<string, number>,
  plan: HistoryPlan
): void {
  const { baseline_runs: want, min_runs: need } = plan.settings
  const breaches: Finding[] = []
  const advice: Finding[] = []
  if (runs < need) {
    advice.push({
      message: `no baseline yet (${runs} of ${want} runs, judged from ${need}): regression budgets ${budgets.regression.map(b => b[0]).join(', ')} not judged`,
      rule: 'regression',
      severity: 'warning'
    })
  } else {
    const changes: string[] = []
    for (const [key, spec, budget] of budgets.regression) {
      const value = check.metrics[spec.metric]
      const base = baseline[spec.metric]
      if (typeof value !== 'number') continue
      if (base === undefined) {
        advice.push({
          message: `${key}: no baseline for ${spec.metric} yet`,
          rule: 'regression',
          severity: 'warning'
        })
        continue
      }
      const worse = spec.better === 'lower' ? value - base : base - value
      const change = base === 0 ? null : (value - base) / base
      if (change !== null) changes.push(`${key} ${signedPercent(change)}`)
      if (budget.relative !== undefined && base === 0) {
        advice.push({
          message: `${key}: a relative budget on a zero baseline cannot be judged (${key} ${formatMetric(value, spec.unit)})`,
          rule: 'regression',
          severity: 'warning'
        })
        continue
      }
      const allowed =
        budget.relative !== undefined ? budget.relative * base : budget.absolute
      if (allowed === undefined || worse <= allowed) continue
      const regression: Regression = {
        metric: spec.metric,
        value,
        baseline: base,
        change,
        budget: budget.text,
        runs
      }
      breaches.push({
        message: regressionMessage(key, spec, regression, budget),
        rule: 'regression',
        regression
      })
    }
    if (changes.length > 0) {
      check.notes.push(
        `vs ${plan.baseRef} (median of ${runs} runs): ${changes.join(', ')}`
      )
    }
  }
  check.findings.push(...breaches, ...advice)
  if (breaches.length > 0 && check.status !== 'fail') {
    const wasOk = check.status === 'pass'
    check.status = check.level === 'warn' ? 'warn' : 'fail'
    const what = breaches.map(b => b.message).join(', ')
    check.summary = wasOk ? what : `${check.summary}, ${what}`
  } else if (advice.length > 0 && check.status === 'pass') {
    check.status = 'warn'
  }
}

/** `p95 212 ms vs baseline 160 ms (+32 %, budget +20 %, 5 runs)` */
function regressionMessage(
  key: string,
  spec: MetricSpec,
  r: Regression,
  budget: RegressionBudget
): string {
  const sign = spec.better === 'lower' ? '+' : '-'
  const allowed =
    budget.relative !== undefined
      ? `${sign}${round(budget.relative * 100)} %`
      : `${sign}${budget.text}`
  const change =
    r.change === null
      ? `${sign}${formatMetric(Math.abs(r.value - r.baseline), spec.unit)}`
      : signedPercent(r.change)
  return `${key} ${formatMetric(r.value, spec.unit)} vs baseline ${formatMetric(r.baseline, spec.unit)} (${change}, budget ${allowed}, ${r.runs} runs)`
}

function trends(
  check: CheckResult,
  budgets: ItemBudgets,
  past: readonly RecordCheck[],
  baseline: Record<string, number>,
  hasBaseline: boolean
): Trend[] {
  const table = REGRESSION_METRICS[check.kind] ?? {}
  const regressed = new Map(budgets.regression.map(([, s, b]) => [s.metric, b]))
  const out: Trend[] = []
  for (const [key, spec] of Object.entries(table)) {
    const budgeted =
      regressed.has(spec.metric) || budgets.absolute.has(spec.metric)
    const current = check.metrics[spec.metric]
    if (!budgeted || typeof current !== 'number') continue
    const values = [
      ...past.flatMap(c => {
        const value = c.metrics[spec.metric]
        return value === undefined ? [] : [value]
      }),
      current
    ]
    let budget = budgets.absolute.get(spec.metric)
    const relative = regressed.get(spec.metric)
    const base = baseline[spec.metric]
    if (budget === undefined && relative && hasBaseline && base !== undefined) {
      const allowed =
        relative.relative !== undefined
          ? relative.relative * base
          : (relative.absolute ?? 0)
      budget = spec.better === 'lower' ? base + allowed : base - allowed
    }
    out.push({ key, metric: spec.metric, unit: spec.unit, values, budget })
  }
  return out
}

/** Pass/fail flipped at least 3 times in the last 10 runs (skips and errors left out). */
export function isFlaky(statuses: readonly Status[]): boolean {
  const outcomes = statuses
    .filter(s => s === 'pass' || s === 'warn' || s === 'fail')
    .slice(-FLAKY_WINDOW)
    .map(s => s === 'fail')
  let flips = 0
  for (let i = 1; i < outcomes.length; i++) {
    if (outcomes[i] !== outcomes[i - 1]) flips++
  }
  return flips >= FLAKY_FLIPS
}

/** Failing runs in a row ending with `current` (0 when it passes). */
export function failingStreak(
  earlier: readonly HistoryRecord[],
  current: HistoryRecord
): { failing_streak: number; failing_since?: string; failing_runs?: string[] } {
  if (current.result !== 'fail') return { failing_streak: 0 }
  const streak = [current]
  for (let i = earlier.length - 1; i >= 0 && earlier[i].result === 'fail'; i--)
    streak.unshift(earlier[i])
  const links = streak.flatMap(r => (r.url ? [r.url] : []))
  return {
    failing_streak: streak.length,
    failing_since: streak[0].time,
    ...(links.length > 0 ? { failing_runs: links.slice(-STREAK_LINKS) } : {})
  }
}

/** The median of each metric over `checks`. */
export function medians(
  checks: readonly { metrics: Record<string, number> }[]
): Record<string, number> {
  const byMetric = new Map<string, number[]>()
  for (const check of checks) {
    for (const [metric, value] of Object.entries(check.metrics)) {
      byMetric.set(metric, [...(byMetric.get(metric) ?? []), value])
    }
  }
  const out: Record<string, number> = {}
  for (const [metric, values] of byMetric) {
    const sorted = values.sort((a, b) => a - b)
    const mid = sorted.length >> 1
    out[metric] =
      sorted.length % 2 === 1
        ? sorted[mid]
        : round((sorted[mid - 1] + sorted[mid]) / 2, 6)
  }
  return out
}

/** An accept marker alone, not a run. */
function isMarker(record: HistoryRecord): boolean {
  return record.accept === true && record.checks.length === 0
}

/** A check met its absolute budgets: it passed, or only drew advice. */
function metAbsolute(check: CheckResult): boolean {
  return (
    check.status === 'pass' ||
    (check.status === 'warn' &&
      check.findings.every(f => f.severity === 'warning'))
  )
}

function checkId(check: { kind: string; name: string }): string {
  return `${check.kind}\u0000${check.name}`
}

/** Only finite numbers go to history: never text a target or a secret could shape. */
function numericMetrics(
  metrics: CheckResult['metrics']
): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value === 'number' && Number.isFinite(value)) out[name] = value
  }
  return out
}

/** The target's origin only: a path or query may carry a token. */
function originOf(target: string | null): string | undefined {
  if (!target) return undefined
  try {
    return new URL(target).origin
  } catch {
    return undefined
  }
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== '')
  ) as T
}

function signedPercent(change: number): string {
  const pct = round(change * 100)
  return `${pct >= 0 ? '+' : ''}${pct} %`
}

function round(value: number, digits = 0): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
