import type {
  CheckKind,
  Finding,
  Level,
  Metrics,
  SourcePosition,
  Status
} from '../checks/types.ts'
import type { Shard, ShardMeasurement } from '../checks/latency/shard.ts'
import type { MetricUnit } from '../policy/regression.ts'
import { oneLine } from '../util/untrusted.ts'

/** One row of the report (spec §5). */
export interface CheckResult {
  kind: CheckKind
  name: string
  status: Status
  level: Level
  summary: string
  metrics: Metrics
  findings: Finding[]
  /** What the reader should know that is no finding (a file skipped, a cap reached). */
  notes: string[]
  /** Shard reports only: what the merge needs (§7.6). */
  shard?: ShardMeasurement
  /** Where the policy declared this check. */
  source?: SourcePosition
  duration_ms: number
  /** With history (§7.2): the median of earlier comparable runs. */
  baseline?: { runs: number; metrics: Record<string, number> }
  /** With history: pass/fail flipped at least 3 times in the last 10 runs. */
  flaky?: boolean
  /** With history: each budgeted metric over the last runs, this one last. */
  trends?: Trend[]
}

/** A budgeted metric over the last runs (oldest first), for charts. */
export interface Trend {
  /** The budget key (`p95`) and the metric it reads (`p95_ms`). */
  key: string
  metric: string
  unit: MetricUnit
  values: number[]
  /** The line a value must stay under (or over, when higher is better). */
  budget?: number
}

/** With history: the gate's recent runs, for noise-aware alerting. */
export interface RunHistory {
  /** Records of this gate the store holds, this run not counted. */
  runs: number
  /** Failing runs in a row on this branch, this one included (0 when it passes). */
  failing_streak: number
  /** When the streak began, and the runs in it (links when known). */
  failing_since?: string
  failing_runs?: string[]
}

/** What the gate waited for before any check (§7.8). */
export interface Waited {
  /** `/api/version to report 3f2a9c1`, `https://preview.example.com/ to answer`. */
  for: string
  ms: number
  /** False: the target never answered (a duration wait; checks ran anyway). */
  met: boolean
}

/** The JSON report (spec §5): the one data contract every reporter reads. */
export interface Report {
  version: 1
  result: 'pass' | 'fail'
  /** Shard reports only: which shard of how many, of which policy (§7.6). */
  shard?: Shard & { policy_digest: string; start_at: string }
  /** Set when the run cannot be judged (§7.0): every check is `skip`. */
  error?: string
  target: string | null
  started_at: string
  duration_ms: number
  summary: string
  /** Things the reader should know about the run itself (not checks). */
  notes: string[]
  /** Set when the gate waited before the checks; its time is in `duration_ms`. */
  waited?: Waited
  checks: CheckResult[]
  /** Set when the run used history (§7.2). */
  history?: RunHistory
}

/** A check that fails the gate: `fail`, or `error` at level error. */
export function failsGate(check: CheckResult): boolean {
  return (
    check.status === 'fail' ||
    (check.status === 'error' && check.level === 'error')
  )
}

/** The one-line summary (action output `summary`), e.g. `1 of 3 checks failed: ...`. */
export function summarize(checks: readonly CheckResult[]): string {
  const failing = checks.filter(failsGate)
  if (failing.length === 0) return headline(checks)
  const what = failing.map(c => `${c.kind} ${c.name} ${c.summary}`).join(', ')
  // The `summary` output and the check-run title: always one line.
  return `${headline(checks)}: ${truncate(oneLine(what), 900)}`
}

/** Counts only, e.g. `1 of 3 checks failed` or `3 of 3 checks passed (1 warned)`. */
export function headline(checks: readonly CheckResult[]): string {
  const ran = checks.filter(c => c.status !== 'skip')
  const failing = ran.filter(failsGate)
  const skipped = checks.length - ran.length
  const warned = ran.filter(c => !failsGate(c) && c.status !== 'pass').length
  const tail = [
    warned > 0 ? `${warned} warned` : '',
    skipped > 0 ? `${skipped} skipped` : ''
  ]
    .filter(Boolean)
    .join(', ')
  if (ran.length === 0) {
    return checks.length === 0
      ? 'no checks in the policy'
      : `no checks ran (${tail})`
  }
  if (failing.length === 0) {
    return `${ran.length} of ${ran.length} checks passed${tail ? ` (${tail})` : ''}`
  }
  return `${failing.length} of ${ran.length} checks failed`
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
