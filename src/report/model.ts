import type {
  CheckKind,
  Finding,
  Level,
  Metrics,
  SourcePosition,
  Status
} from '../checks/types.ts'
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
  /** Where the policy declared this check. */
  source?: SourcePosition
  duration_ms: number
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
