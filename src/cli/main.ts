import { UsageError } from '../errors.ts'
import { access, mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { parseCheckKinds, runGate } from '../engine/gate.ts'
import { DURATION_HINT, parseDuration } from '../util/duration.ts'
import { PolicyError } from '../policy/errors.ts'
import { loadPolicyFile } from '../policy/load.ts'
import { renderConsole } from '../report/console.ts'
import { writeJsonReport } from '../report/json.ts'
import { writeSarif } from '../report/sarif.ts'
import { stoppedReport } from '../engine/run.ts'
import type { CheckResult } from '../report/model.ts'
import { onInterrupt } from '../util/crash-guard.ts'
import { errorMessage } from '../util/errors.ts'
import { assertWritableFile } from '../util/writable.ts'
import { throttled } from '../util/progress.ts'
import { acceptBaseline, cliHistory } from './history.ts'
import { listRules, writeBaselineFile } from './secrets.ts'
import { STARTER_POLICY } from './starter-policy.ts'
import { logText } from '../util/untrusted.ts'

/** Exit codes of the contract (spec §3). */
export const EXIT = { pass: 0, fail: 1, invalid: 2 } as const

const DEFAULT_POLICY = '.github/launch-policy.yml'

const USAGE = `Usage:
  launch-gate check [--policy FILE] [--url URL] [--checks a,b] [--json FILE]
                    [--sarif FILE] [--wait 3m] [--fail-on error|never] [--no-color]
                    [--history FILE]
  launch-gate init [--policy FILE] [--force]
  launch-gate secrets baseline [--policy FILE]   accept today's findings (writes secrets.baseline)
  launch-gate secrets rules                      list every secret rule
  launch-gate history accept [--policy FILE] [--history FILE]

Exit codes: 0 all checks passed, 1 the gate failed, 2 invalid policy or usage.`

/** Where the CLI writes: injectable so tests can read both streams. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  isTty: boolean
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  /** Ctrl-C / SIGTERM: say what finished before the process exits 130/143. */
  onInterrupt?: (lastWords: (signal: string) => void) => void
}

const processIo: CliIo = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
  onInterrupt
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function main(
  argv: string[],
  io: CliIo = processIo
): Promise<number> {
  try {
    const [command, ...rest] = argv
    if (command === undefined || command === '--help' || command === '-h') {
      io.stdout(`${USAGE}\n`)
      return command === undefined ? EXIT.invalid : EXIT.pass
    }
    if (command === 'check') return await check(rest, io)
    if (command === 'init') return await init(rest, io)
    if (command === 'secrets') return await secrets(rest, io)
    if (command === 'history') return await history(rest, io)
    throw new UsageError(`unknown command '${command}'`)
  } catch (error) {
    if (error instanceof PolicyError) {
      io.stderr(`launch-gate: invalid policy\n${error.message}\n`)
    } else if (error instanceof UsageError) {
      io.stderr(`launch-gate: ${error.message}\n\n${USAGE}\n`)
    } else {
      io.stderr(`launch-gate: ${logText(errorMessage(error))}\n`)
      return EXIT.fail
    }
    return EXIT.invalid
  }
}

function parse(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>
) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true })
  } catch (error) {
    throw new UsageError(errorMessage(error))
  }
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    policy: { type: 'string', default: DEFAULT_POLICY },
    url: { type: 'string' },
    checks: { type: 'string' },
    json: { type: 'string' },
    sarif: { type: 'string' },
    wait: { type: 'string' },
    'fail-on': { type: 'string', default: 'error' },
    'no-color': { type: 'boolean', default: false },
    history: { type: 'string' }
  })
  const failOn = values['fail-on'] as string
  if (failOn !== 'error' && failOn !== 'never') {
    throw new UsageError(
      `invalid --fail-on '${failOn}': expected error or never`
    )
  }
  const wait = values.wait as string | undefined
  const waitMs = wait === undefined ? undefined : parseDuration(wait)
  if (wait !== undefined && waitMs === undefined) {
    throw new UsageError(`invalid --wait '${wait}': expected ${DURATION_HINT}`)
  }
  const only =
    values.checks === undefined
      ? undefined
      : parseCheckKinds(values.checks as string)

  for (const flag of ['json', 'sarif'] as const) {
    const file = values[flag] as string | undefined
    if (file) await assertWritableFile(resolve(io.cwd, file), `--${flag}`)
  }

  const loaded = await loadPolicyFile(values.policy as string, io.env, io.cwd)
  const color = io.isTty && !io.env.NO_COLOR && !values['no-color']
  const started = new Date()
  const finished: CheckResult[] = []
  io.onInterrupt?.(signal => {
    if (io.isTty) io.stderr('\r\x1b[K')
    const stopped = stoppedReport(`interrupted (${signal})`, {
      checks: finished,
      target: null,
      started
    })
    io.stdout(renderConsole(stopped, { color, width: process.stdout.columns }))
  })
  const live = io.isTty
    ? (line: string) => io.stderr(`\r\x1b[K${line}`)
    : throttled(line => io.stderr(`${line}\n`), 5000)
  const report = await runGate(loaded, {
    url: values.url as string | undefined,
    only,
    waitMs,
    // In a CI job the commit under test; else `{{sha}}` says it is unknown.
    sha: io.env.GITHUB_SHA,
    env: io.env,
    cwd: io.cwd,
    log: line => io.stderr(`${line}\n`),
    progress: live,
    onResult: result => {
      finished.push(result)
      if (io.isTty) io.stderr('\r\x1b[K')
    },
    history: cliHistory(loaded, {
      file: values.history as string | undefined,
      env: io.env,
      cwd: io.cwd,
      warn: line => io.stderr(`warning: ${logText(line)}\n`)
    })
  })
  io.stdout(renderConsole(report, { color, width: process.stdout.columns }))
  if (values.json)
    await writeJsonReport(report, resolve(io.cwd, values.json as string))
  if (values.sarif)
    await writeSarif(report, resolve(io.cwd, values.sarif as string))
  if (report.result === 'pass') return EXIT.pass
  if (failOn === 'never' && report.error === undefined) return EXIT.pass
  return EXIT.fail
}

async function secrets(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args
  if (sub === 'rules') {
    parse(rest, {})
    listRules(io)
    return EXIT.pass
  }
  if (sub === 'baseline') {
    const { values } = parse(rest, {
      policy: { type: 'string', default: DEFAULT_POLICY }
    })
    return await writeBaselineFile(values.policy as string, io)
  }
  throw new UsageError(
    `unknown secrets command '${sub ?? ''}': expected baseline or rules`
  )
}

async function history(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args
  if (action !== 'accept') {
    throw new UsageError(
      `unknown history command '${action ?? ''}': expected accept`
    )
  }
  const { values } = parse(rest, {
    policy: { type: 'string', default: DEFAULT_POLICY },
    history: { type: 'string' }
  })
  const loaded = await loadPolicyFile(values.policy as string, io.env, io.cwd)
  io.stdout(
    `${await acceptBaseline(loaded, {
      file: values.history as string | undefined,
      env: io.env,
      cwd: io.cwd
    })}\n`
  )
  return EXIT.pass
}

async function init(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    policy: { type: 'string', default: DEFAULT_POLICY },
    force: { type: 'boolean', default: false }
  })
  const file = resolve(io.cwd, values.policy as string)
  if (!values.force && (await exists(file))) {
    throw new UsageError(
      `${values.policy} already exists (use --force to overwrite it)`
    )
  }
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, STARTER_POLICY)
  io.stdout(
    `Wrote ${values.policy}: edit target and the checks, then run launch-gate check\n`
  )
  return EXIT.pass
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
