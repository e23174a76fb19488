import { CannotJudgeError, CheckError } from '../errors.ts'
import type { CheckSet } from '../checks/registry.ts'
import { skippedUnit } from '../checks/skip.ts'
import {
  CHECK_KINDS,
  type Check,
  type CheckContext,
  type CheckKind,
  type Unit,
  type UnitOutcome
} from '../checks/types.ts'
import type { LoadedPolicy } from '../policy/load.ts'
import type { PolicyPath } from '../policy/schema.ts'
import type { CheckResult, Report, Waited } from '../report/model.ts'
import { failsGate, summarize } from '../report/model.ts'
import { errorMessage } from '../util/errors.ts'
import { runPool } from '../util/pool.ts'
import { oneLine } from '../util/untrusted.ts'

export interface RunOptions {
  loaded: LoadedPolicy
  /** Services shared by every unit; `signal` is set per unit. */
  context: Omit<CheckContext, 'signal'>
  /** Kinds to run (the `checks` input); the rest are reported as skipped. */
  only?: readonly CheckKind[]
  /** The whole run must end by then (plus what checks ask for); units still running become `error`. */
  deadlineMs: number
  /** Units run at once (exclusive ones always run alone). */
  concurrency?: number
  /** The check kinds that can run (loaded); a policy section without one is skipped. */
  checks: CheckSet
  /** Carried into the report as is. */
  notes?: readonly string[]
  /** Called as each check ends, for live output. */
  onResult?: (result: CheckResult) => void
  /** Values to mask in logs, from secret findings; never in the report. */
  onSecretValues?: (values: readonly string[]) => void
  /** Set when the run cannot be judged (§7.0): nothing runs, the result is `fail`. */
  cannotJudge?: string
  /** Aborted on Ctrl-C / SIGTERM: units stop, the rest are skipped. */
  signal?: AbortSignal
  /** Judges each result further (history: regression budgets), before `onResult`. */
  judge?: (result: CheckResult, policyPath: PolicyPath) => CheckResult
  /** When the run began, if before the checks (a wait): the report's times count from it. */
  started?: Date
  /** What the gate waited for before the checks. */
  waited?: Waited
}

interface Planned {
  kind: CheckKind
  unit: Unit
}

/**
 * Plans every unit of the policy, runs them with bounded concurrency under one
 * deadline, and turns each outcome, throw or timeout into a status. A unit
 * that did not run is never `pass`.
 */
export async function runChecks(options: RunOptions): Promise<Report> {
  const started = options.started ?? new Date()
  const planned = plan(options)
  if (options.cannotJudge !== undefined) {
    return unjudgedReport(planned, options, options.cannotJudge, started)
  }
  const deadline = AbortSignal.timeout(options.deadlineMs + extraTime(options))
  const stop = options.signal
    ? AbortSignal.any([deadline, options.signal])
    : deadline
  const results = new Map<Planned, CheckResult>()

  // A unit that finds the run cannot be judged (a policy-named file
  // unreadable at the base commit) makes the whole report unjudged.
  let cannotJudge: string | undefined
  const runOne = async (item: Planned) => {
    if (cannotJudge !== undefined) return
    try {
      const raw = await runUnit(item, options, stop)
      const result = options.judge?.(raw, item.unit.policyPath) ?? raw
      results.set(item, result)
      options.onResult?.(result)
    } catch (error) {
      if (!(error instanceof CannotJudgeError)) throw error
      cannotJudge ??= error.message
    }
  }

  const shared = planned.filter(p => !p.unit.exclusive && !p.unit.last)
  const exclusive = planned.filter(p => p.unit.exclusive && !p.unit.last)
  await runPool(shared, options.concurrency ?? 4, runOne)
  for (const item of exclusive) await runOne(item)
  for (const item of planned.filter(p => p.unit.last)) await runOne(item)
  if (cannotJudge !== undefined) {
    return unjudgedReport(planned, options, cannotJudge, started)
  }

  const checks = planned.map(p => results.get(p) as CheckResult)
  const interrupted = options.signal?.aborted === true
  return {
    version: 1,
    result: interrupted || checks.some(failsGate) ? 'fail' : 'pass',
    target: options.context.target?.href ?? null,
    started_at: started.toISOString(),
    duration_ms: Date.now() - started.getTime(),
    summary: summarize(checks),
    notes: [
      ...(options.notes ?? []),
      ...(interrupted
        ? [`interrupted: ${interruptReason(options.signal)}`]
        : [])
    ],
    ...(options.waited && { waited: options.waited }),
    checks
  }
}

function interruptReason(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason
  return reason instanceof Error ? reason.message : String(reason)
}

/** Every check `skip`, result `fail` with the reason as the report's `error`. */
function unjudgedReport(
  planned: readonly Planned[],
  options: RunOptions,
  reason: string,
  started: Date
): Report {
  const checks: CheckResult[] = planned.map(({ kind, unit }) => ({
    kind,
    name: unit.name,
    level: unit.level,
    source: options.loaded.locate(unit.policyPath),
    status: 'skip',
    summary: 'not run: the run cannot be judged',
    metrics: {},
    findings: [],
    notes: [],
    duration_ms: 0
  }))
  return cannotJudgeReport(reason, {
    checks,
    target: options.context.target?.href ?? null,
    notes: options.notes,
    waited: options.waited,
    started
  })
}

/**
 * The report of a run that cannot be judged (§7.0). Adapters build it with
 * no checks when the policy itself could not be read where it must be.
 */
export function cannotJudgeReport(
  reason: string,
  run: {
    checks?: CheckResult[]
    target: string | null
    notes?: readonly string[]
    waited?: Waited
    started: Date
  }
): Report {
  return {
    version: 1,
    result: 'fail',
    error: reason,
    target: run.target,
    started_at: run.started.toISOString(),
    duration_ms: Date.now() - run.started.getTime(),
    summary: `cannot judge this run: ${oneLine(reason)}`,
    notes: [...(run.notes ?? [])],
    ...(run.waited && { waited: run.waited }),
    checks: run.checks ?? []
  }
}

/**
 * What a run stopped midway (SIGINT/SIGTERM) had finished: never a pass,
 * since the rest did not run.
 */
export function stoppedReport(
  reason: string,
  run: { checks: CheckResult[]; target: string | null; started: Date }
): Report {
  const what =
    run.checks.length > 0
      ? `${reason}: only the checks listed finished`
      : `${reason} before any check finished`
  return {
    version: 1,
    result: 'fail',
    target: run.target,
    started_at: run.started.toISOString(),
    duration_ms: Date.now() - run.started.getTime(),
    summary:
      run.checks.length > 0 ? `${reason}: ${summarize(run.checks)}` : what,
    notes: [what],
    checks: [...run.checks]
  }
}

function plan(options: RunOptions): Planned[] {
  const { policy } = options.loaded
  const planned: Planned[] = []
  for (const kind of CHECK_KINDS) {
    const section = policy[kind]
    if (section === undefined) continue
    const skip = (reason: string) =>
      planned.push({ kind, unit: skippedUnit(kind, [kind], reason) })
    if (options.only && !options.only.includes(kind)) {
      skip('not selected by the checks input')
      continue
    }
    const check = options.checks[kind] as Check | undefined
    if (!check) {
      skip('not implemented yet')
      continue
    }
    const target = options.context.target
    for (const unit of check.units(
      section as never,
      policy,
      target,
      options.context.cwd
    )) {
      planned.push({ kind, unit })
    }
  }
  return planned
}

function extraTime(options: RunOptions): number {
  const { policy } = options.loaded
  let total = 0
  for (const kind of CHECK_KINDS) {
    const check = options.checks[kind] as Check | undefined
    const section = policy[kind]
    if (check?.extraTimeMs && section !== undefined) {
      total += check.extraTimeMs(section as never, policy)
    }
  }
  return total
}

async function runUnit(
  { kind, unit }: Planned,
  options: RunOptions,
  deadline: AbortSignal
): Promise<CheckResult> {
  const base = {
    kind,
    name: unit.name,
    level: unit.level,
    source: options.loaded.locate(unit.policyPath)
  }
  if (unit.skip !== undefined) {
    return {
      ...base,
      status: 'skip',
      summary: unit.skip,
      metrics: {},
      findings: [],
      notes: [],
      duration_ms: 0
    }
  }
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  if (options.signal?.aborted) return interrupted(base, 'not run', 0)
  if (deadline.aborted) {
    return {
      ...base,
      status: 'error',
      summary: 'not run: the run reached its deadline',
      metrics: {},
      findings: [],
      notes: [],
      duration_ms: 0
    }
  }
  try {
    const outcome = await untilAborted(
      unit.run({ ...options.context, signal: deadline }),
      deadline
    )
    if (outcome.secretValues?.length)
      options.onSecretValues?.(outcome.secretValues)
    const advised = outcome.findings?.some(f => f.severity === 'warning')
    return {
      ...base,
      status: outcome.ok
        ? advised
          ? 'warn'
          : 'pass'
        : unit.level === 'warn'
          ? 'warn'
          : 'fail',
      summary: outcome.summary,
      metrics: outcome.metrics ?? {},
      findings: outcome.findings ?? [],
      notes: outcome.notes ?? [],
      ...(outcome.shard ? { shard: outcome.shard } : {}),
      duration_ms: elapsed()
    }
  } catch (error) {
    if (error instanceof CannotJudgeError) throw error
    if (options.signal?.aborted) {
      return interrupted(base, `stopped after ${elapsed()} ms`, elapsed())
    }
    const summary =
      error instanceof CheckError
        ? error.message
        : `internal error: ${errorMessage(error)}`
    return {
      ...base,
      status: 'error',
      summary,
      metrics: {},
      findings: [],
      notes: [],
      duration_ms: elapsed()
    }
  }
}

/** A unit that the user's Ctrl-C (or SIGTERM) kept from finishing: never `pass`. */
function interrupted(
  base: Pick<CheckResult, 'kind' | 'name' | 'level' | 'source'>,
  what: string,
  ms: number
): CheckResult {
  return {
    ...base,
    status: 'skip',
    summary: `${what}: interrupted`,
    metrics: {},
    findings: [],
    notes: [],
    duration_ms: ms
  }
}

/** Settles with the unit, or rejects when the deadline passes first. */
function untilAborted(
  work: Promise<UnitOutcome>,
  signal: AbortSignal
): Promise<UnitOutcome> {
  return new Promise((resolve, reject) => {
    const onAbort = () =>
      reject(new CheckError('did not finish before the run deadline'))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    work
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort))
  })
}
