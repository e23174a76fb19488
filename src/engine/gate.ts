import { CannotJudgeError, UsageError } from '../errors.ts'
import { loadChecks } from '../checks/registry.ts'
import {
  CHECK_KINDS,
  type ChangeProvider,
  type CheckKind,
  type DiffRange
} from '../checks/types.ts'
import { HostRule } from '../net/host-rule.ts'
import { HttpClient } from '../net/http.ts'
import { PolicyError } from '../policy/errors.ts'
import { workspaceFileReader, type PolicyFileReader } from '../policy/files.ts'
import type { LoadedPolicy } from '../policy/load.ts'
import { historySection, type Policy } from '../policy/schema.ts'
import { errorMessage } from '../util/errors.ts'
import { closest } from '../policy/suggest.ts'
import type { CheckResult, Report, Waited } from '../report/model.ts'
import { planGate, type GatePlan } from './plan.ts'
import {
  appendRecord,
  historyJudge,
  parseHistory,
  type HistoryStore,
  type RunFacts
} from './history.ts'
import { safeToMask, Redactor } from '../util/redact.ts'
import { formatDuration } from '../util/duration.ts'
import { logText } from '../util/untrusted.ts'
import { runChecks, type RunOptions } from './run.ts'
import { policyDigest } from './shards.ts'
import type { Shard } from '../checks/latency/shard.ts'
import { waitBeforeChecks } from './wait.ts'

/** What both adapters (action and CLI) hand to the engine. */
export interface GateOptions {
  /** Overrides the policy's `target`. */
  url?: string
  /** The `checks` input / `--checks`. */
  only?: readonly CheckKind[]
  /** Overrides the bound (`for`) of `defaults.wait`. */
  waitMs?: number
  /** The commit the run is about (`{{sha}}`): PR head, deployed or pushed sha. */
  sha?: string
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  diffRange?: DiffRange
  /** The change from the GitHub API, for when local git cannot give it. */
  changesFromApi?: ChangeProvider
  /** Files the policy names; default: read from `cwd`. */
  readPolicyFile?: PolicyFileReader
  /** About the run, for the report (e.g. the policy came from the base). */
  notes?: readonly string[]
  /** Aborted on Ctrl-C / SIGTERM: stop at once and report what ran. */
  signal?: AbortSignal
  log(line: string): void
  progress?(line: string): void
  onResult?(result: CheckResult): void
  onSecretValues?(values: readonly string[]): void
  /**
   * This runner's part of a sharded load test (§7.6): the run is
   * latency-only, starts its load at `startAt` and reports a shard report.
   */
  shard?: Shard & { startAt: Date }
  /** Run history (§7.2): read before the checks, this run appended after. */
  history?: HistoryOptions
}

export interface HistoryOptions {
  store: HistoryStore
  run: RunFacts
  baseRef: string
  accept: boolean
  /** False for pull requests and forks: they read history, never write it. */
  write: boolean
  /** A store that cannot be read or written is a warning; the gate goes on. */
  warn(message: string): void
}

/** Room for everything but load tests, which add their own time on top. */
const BASE_DEADLINE_MS = 10 * 60_000

/**
 * Resolves the target, waits for it if asked, and runs every check. This is
 * the report boundary: every line, result, report and error leaving it has
 * the policy's `${VAR}` values, found secrets and URL credentials hidden,
 * and only values safe to mask are handed on for `add-mask` (§7.1).
 */
export async function runGate(
  loaded: LoadedPolicy,
  options: GateOptions
): Promise<Report> {
  const redactor = new Redactor(loaded.hiddenValues)
  const register = (values: readonly string[]) => {
    redactor.add(values)
    const masked = values.filter(safeToMask)
    if (masked.length > 0) options.onSecretValues?.(masked)
  }
  register(loaded.hiddenValues)
  try {
    const history = options.history
    const memory = history && (await recall(history, loaded.policy))
    const report = await runGateUnredacted(
      loaded,
      {
        ...options,
        // Log lines may quote the target: one line, no workflow command.
        log: line => options.log(logText(redactor.text(line))),
        progress: line => options.progress?.(logText(redactor.text(line))),
        onResult: result => options.onResult?.(redactor.deep(result)),
        onSecretValues: register
      },
      memory?.judge
    )
    // History gets what the report shows: redacted.
    return memory && history
      ? await remember(memory, redactor.deep(report), history, loaded.policy)
      : redactor.deep(report)
  } catch (error) {
    if (error instanceof Error) error.message = redactor.text(error.message)
    throw error
  }
}

async function runGateUnredacted(
  loaded: LoadedPolicy,
  options: GateOptions,
  judge: RunOptions['judge']
): Promise<Report> {
  const { policy } = loaded
  assertHasChecks(loaded)
  const target = resolveTarget(options.url ?? policy.target)
  const only: readonly CheckKind[] | undefined = options.shard
    ? ['latency']
    : options.only
  if (only) assertSelectable(only, loaded)

  const http = new HttpClient({
    timeoutMs: policy.defaults.timeout,
    retries: policy.defaults.retries,
    targetOrigin: target?.origin,
    targetHeaders: policy.defaults.headers,
    hostRule: new HostRule(target),
    recordResponses: policy.secrets?.responses === true
  })
  const notes = [...(options.notes ?? [])]
  const started = new Date()
  let cannotJudge: string | undefined
  let waited: Waited | undefined
  try {
    // The `wait` input sets the bound only: a policy's `until` still applies.
    const wait =
      options.waitMs === undefined
        ? policy.defaults.wait
        : { for: options.waitMs, until: policy.defaults.wait?.until }
    try {
      const done =
        wait &&
        (await waitBeforeChecks(http, target, wait, options.sha, options.log))
      if (done) {
        waited = done.waited
        if (done.note) notes.push(done.note)
        cannotJudge = done.cannotJudge
      }
    } catch (error) {
      if (!(error instanceof CannotJudgeError)) throw error
      cannotJudge = error.message
    }
    const checks = await loadChecks(
      CHECK_KINDS.filter(
        kind => policy[kind] !== undefined && (!only || only.includes(kind))
      )
    )
    if (options.shard && !cannotJudge) {
      await startTogether(options.shard, options.log)
    }
    const report = await runChecks({
      loaded,
      checks,
      cannotJudge,
      started,
      waited,
      context: {
        target,
        http,
        sha: options.sha,
        env: options.env,
        cwd: options.cwd,
        diffRange: options.diffRange,
        changesFromApi: options.changesFromApi,
        shard: options.shard,
        readPolicyFile:
          options.readPolicyFile ?? workspaceFileReader(options.cwd),
        progress: options.progress ?? (() => {})
      },
      only,
      notes,
      deadlineMs: BASE_DEADLINE_MS,
      signal: options.signal,
      onResult: options.onResult,
      onSecretValues: options.onSecretValues,
      judge
    })
    if (!options.shard) return report
    const { startAt, ...shard } = options.shard
    return {
      ...report,
      checks: report.checks.filter(c => c.kind === 'latency'),
      shard: {
        ...shard,
        policy_digest: policyDigest(policy),
        start_at: startAt.toISOString()
      }
    }
  } finally {
    await http.close()
  }
}

/** The plan of a run (`check --dry-run`): checked like a run, nothing sent. */
export async function planRun(
  loaded: LoadedPolicy,
  options: Pick<GateOptions, 'url' | 'only'>
): Promise<GatePlan> {
  assertHasChecks(loaded)
  const target = resolveTarget(options.url ?? loaded.policy.target)
  if (options.only) assertSelectable(options.only, loaded)
  return planGate(loaded, target, options.only, BASE_DEADLINE_MS)
}

/**
 * Holds a shard until the shared start, so every runner's load overlaps;
 * one already past it starts at once and says so.
 */
async function startTogether(
  shard: Shard & { startAt: Date },
  log: (line: string) => void
): Promise<void> {
  const wait = shard.startAt.getTime() - Date.now()
  if (wait <= 0) {
    log(
      `shard ${shard.index}/${shard.count}: start-at ${shard.startAt.toISOString()} has passed; starting now`
    )
    return
  }
  log(
    `shard ${shard.index}/${shard.count}: starting the load at ${shard.startAt.toISOString()} (in ${formatDuration(wait)})`
  )
  await new Promise(resolve => setTimeout(resolve, wait))
}

/** Reads the gate's earlier runs; an unreadable store warns and counts as empty. */
async function recall(history: HistoryOptions, policy: Policy) {
  const settings = policy.history ?? historySection.parse({})
  let text = ''
  try {
    text = await history.store.read()
  } catch (error) {
    history.warn(
      `cannot read the history (${history.store.where}): ${errorMessage(error)}`
    )
  }
  const { records, skipped } = parseHistory(text, history.run.key)
  if (skipped > 0) {
    history.warn(
      `history (${history.store.where}): ${skipped} unreadable line(s) skipped`
    )
  }
  return historyJudge(
    records,
    {
      settings,
      run: history.run,
      baseRef: history.baseRef,
      accept: history.accept
    },
    policy
  )
}

/** Completes the report with history and appends this run (unless read-only). */
async function remember(
  memory: ReturnType<typeof historyJudge>,
  report: Report,
  history: HistoryOptions,
  policy: Policy
): Promise<Report> {
  const finished = memory.finish(report)
  if (history.write) {
    const keep = (policy.history ?? historySection.parse({})).keep
    try {
      await history.store.update(text =>
        appendRecord(text, finished.record, keep)
      )
    } catch (error) {
      history.warn(
        `cannot write the history (${history.store.where}): ${errorMessage(error)}`
      )
    }
  }
  return finished.report
}

function resolveTarget(url: string | undefined): URL | undefined {
  if (!url) return undefined
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new UsageError(
      `invalid target URL '${url}': expected an absolute http(s) URL`
    )
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`invalid target URL '${url}': expected http or https`)
  }
  return parsed
}

/** Parses a comma list of check kinds, naming the closest kind on a typo. */
export function parseCheckKinds(list: string): CheckKind[] | undefined {
  const names = list
    .split(',')
    .map(name => name.trim())
    .filter(Boolean)
  if (names.length === 0) return undefined
  for (const name of names) {
    if (!(CHECK_KINDS as readonly string[]).includes(name)) {
      const suggestion = closest(name, CHECK_KINDS)
      throw new UsageError(
        `unknown check kind '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; expected some of: ${CHECK_KINDS.join(', ')}`
      )
    }
  }
  return names as CheckKind[]
}

/** A policy without a single check section would pass by checking nothing. */
export function assertHasChecks(loaded: LoadedPolicy): void {
  if (CHECK_KINDS.some(kind => loaded.policy[kind] !== undefined)) return
  throw new PolicyError(loaded.file, [
    {
      line: 1,
      column: 1,
      message: `the policy has no checks: add at least one of ${CHECK_KINDS.join(', ')}`
    }
  ])
}

function assertSelectable(only: readonly CheckKind[], loaded: LoadedPolicy) {
  const missing = only.filter(kind => loaded.policy[kind] === undefined)
  if (missing.length > 0) {
    throw new UsageError(
      `the checks selection names ${missing.join(', ')}, but ${loaded.file} has no such section`
    )
  }
}
