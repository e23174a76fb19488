import { resolve } from 'node:path'
import { UsageError } from '../errors.ts'
import { parseCheckKinds, planRun, runGate } from '../engine/gate.ts'
import type { GatePlan } from '../engine/plan.ts'
import { renderConsole } from '../report/console.ts'
import { renderJson, writeJsonReport } from '../report/json.ts'
import { writeJunit } from '../report/junit.ts'
import { writeSarif } from '../report/sarif.ts'
import { formatDuration, readDuration } from '../util/duration.ts'
import { assertWritableFile } from '../util/writable.ts'
import { throttled } from '../util/progress.ts'
import { logText } from '../util/untrusted.ts'
import { parseShard, type Shard } from '../checks/latency/shard.ts'
import { parseStartAt } from '../engine/shards.ts'
import { DEFAULT_POLICY, parseOptions } from './args.ts'
import { cliHistory } from './history.ts'
import { useColor, type CliIo } from './io.ts'
import { loadForCheck } from './policy-file.ts'

/** Exit codes of the contract (spec §3), and of a run the user stopped. */
export const EXIT = {
  pass: 0,
  fail: 1,
  invalid: 2,
  SIGINT: 130,
  SIGTERM: 143
} as const

/** `launch-gate check`: runs the policy, prints the table, writes the reports. */
export async function check(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, {
    policy: { type: 'string', default: DEFAULT_POLICY },
    url: { type: 'string' },
    checks: { type: 'string' },
    json: { type: 'string' },
    sarif: { type: 'string' },
    junit: { type: 'string' },
    wait: { type: 'string' },
    'fail-on': { type: 'string', default: 'error' },
    'dry-run': { type: 'boolean', default: false },
    'no-color': { type: 'boolean', default: false },
    history: { type: 'string' },
    shard: { type: 'string' },
    'start-at': { type: 'string' }
  })
  const failOn = values['fail-on']
  if (failOn !== 'error' && failOn !== 'never') {
    throw new UsageError(
      `invalid --fail-on '${failOn}': expected error or never`
    )
  }
  const waitMs =
    values.wait === undefined ? undefined : readDuration(values.wait)
  if (typeof waitMs === 'string') {
    throw new UsageError(`invalid --wait '${values.wait}': ${waitMs}`)
  }
  const only =
    values.checks === undefined ? undefined : parseCheckKinds(values.checks)
  const shard = shardOption(values.shard, values['start-at'])
  const jsonToStdout = values.json === '-'
  // A report that cannot be written is said before anything runs.
  const outputs = {
    json: jsonToStdout ? undefined : await writable(io, '--json', values.json),
    sarif: await writable(io, '--sarif', values.sarif),
    junit: await writable(io, '--junit', values.junit)
  }
  const loaded = await loadForCheck(values.policy, io.env, io.cwd, values.url)
  // With the report on stdout, the table goes to stderr.
  const table = jsonToStdout ? io.stderr : io.stdout
  const color = useColor(io, values['no-color'])

  if (values['dry-run']) {
    const plan = await planRun(loaded, { url: values.url, only })
    if (jsonToStdout) io.stdout(`${JSON.stringify(plan, null, 2)}\n`)
    table(renderPlan(plan))
    return EXIT.pass
  }

  const stop = new AbortController()
  let stoppedBy: 'SIGINT' | 'SIGTERM' | undefined
  const unlisten = io.onSignal?.(signal => {
    stoppedBy ??= signal
    stop.abort(new Error(signal === 'SIGINT' ? 'Ctrl-C (SIGINT)' : 'SIGTERM'))
  })
  const live = io.isTty
    ? (line: string) => io.stderr(`\r\x1b[K${line}`)
    : throttled(line => io.stderr(`${line}\n`), 5000)
  let report
  try {
    report = await runGate(loaded, {
      url: values.url,
      only,
      waitMs,
      // In a CI job the commit under test; else `{{sha}}` says it is unknown.
      sha: io.env.GITHUB_SHA,
      env: io.env,
      cwd: io.cwd,
      signal: stop.signal,
      log: line => io.stderr(`${line}\n`),
      progress: live,
      onResult: () => {
        if (io.isTty) io.stderr('\r\x1b[K')
      },
      shard,
      // A shard is one part of a run: the merge remembers the whole.
      history: shard
        ? undefined
        : cliHistory(loaded, {
            file: values.history,
            env: io.env,
            cwd: io.cwd,
            warn: line => io.stderr(`warning: ${logText(line)}\n`)
          })
    })
  } finally {
    unlisten?.()
  }
  table(renderConsole(report, { color, width: io.columns }))
  if (jsonToStdout) io.stdout(renderJson(report))
  if (outputs.json) await writeJsonReport(report, outputs.json)
  if (outputs.sarif) await writeSarif(report, outputs.sarif)
  if (outputs.junit) await writeJunit(report, outputs.junit)
  if (stoppedBy) return EXIT[stoppedBy]
  // A shard's budgets are judged by the merge, never by one part.
  if (shard && report.error === undefined) return EXIT.pass
  if (report.result === 'pass') return EXIT.pass
  if (failOn === 'never' && report.error === undefined) return EXIT.pass
  return EXIT.fail
}

/**
 * `--shard i/N` and `--start-at ISO`; without `--start-at` the next full
 * 10 s, so shards started by hand within a few seconds line up.
 */
function shardOption(
  text: string | undefined,
  startAt: string | undefined
): (Shard & { startAt: Date }) | undefined {
  if (text === undefined) {
    if (startAt !== undefined) {
      throw new UsageError('--start-at goes with --shard')
    }
    return undefined
  }
  return { ...parseShard(text), startAt: parseStartAt(startAt) }
}

/** A report path, resolved and known to be writable: exit 2 before any check runs. */
export async function writable(
  io: CliIo,
  flag: string,
  file: string | undefined
): Promise<string | undefined> {
  if (file === undefined) return undefined
  const path = resolve(io.cwd, file)
  await assertWritableFile(path, flag)
  return path
}

/** The dry run as a table: per kind, its checks, most requests and longest time. */
export function renderPlan(plan: GatePlan): string {
  const rows = plan.kinds.map(kind => [
    kind.kind,
    String(kind.checks),
    kind.maxRequests === undefined ? '?' : String(kind.maxRequests),
    kind.maxMs === undefined ? '?' : formatDuration(kind.maxMs),
    kind.basis
  ])
  const total = [
    'total',
    String(plan.kinds.reduce((sum, kind) => sum + kind.checks, 0)),
    String(plan.maxRequests),
    formatDuration(plan.maxMs),
    'at most, within the run deadline'
  ]
  const header = ['KIND', 'CHECKS', 'MAX REQUESTS', 'LONGEST', 'HOW COUNTED']
  const all = [header, ...rows, total]
  const widths = header.map((_, column) =>
    Math.max(...all.map(row => row[column].length))
  )
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === row.length - 1
          ? cell
          : column === 0
            ? cell.padEnd(widths[column])
            : cell.padStart(widths[column])
      )
      .join('  ')
  return [
    `launch-gate plan ${plan.target ? `→ ${plan.target}` : '(no target)'}: nothing was sent`,
    '',
    line(header),
    ...rows.map(line),
    line(total),
    ''
  ].join('\n')
}
