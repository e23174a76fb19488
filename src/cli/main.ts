import { UsageError } from '../errors.ts'
import { PolicyError } from '../policy/errors.ts'
import { errorMessage } from '../util/errors.ts'
import { logText } from '../util/untrusted.ts'
import { check, EXIT } from './check.ts'
import { commandHelp, isCommand, overview } from './help.ts'
import { acceptBaseline } from './history.ts'
import { init } from './init.ts'
import { merge } from './merge.ts'
import { listRules, writeBaselineFile } from './secrets.ts'
import { processIo, type CliIo } from './io.ts'
import { DEFAULT_POLICY, parseOptions } from './args.ts'
import { loadPolicyFile } from '../policy/load.ts'
import { validate } from './validate.ts'
import { VERSION } from './version.ts'

export { EXIT } from './check.ts'
export type { CliIo } from './io.ts'

const HELP_FLAGS = new Set(['-h', '--help'])

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function main(
  argv: string[],
  io: CliIo = processIo
): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined) {
      io.stderr(`${overview(VERSION)}\n`)
      return EXIT.invalid
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout(`launch-gate ${VERSION}\n`)
      return EXIT.pass
    }
    if (HELP_FLAGS.has(command)) {
      io.stdout(`${overview(VERSION)}\n`)
      return EXIT.pass
    }
    if (!isCommand(command)) {
      throw new UsageError(
        `unknown command '${command}': expected check, validate, init, secrets, history, merge or help`
      )
    }
    if (command === 'help') return help(rest, io)
    if (rest.some(arg => HELP_FLAGS.has(arg))) {
      io.stdout(`${commandHelp(command)}\n`)
      return EXIT.pass
    }
    if (command === 'check') return await check(rest, io)
    if (command === 'validate') return await validate(rest, io)
    if (command === 'history') return await history(rest, io)
    if (command === 'secrets') return await secrets(rest, io)
    if (command === 'merge') return await merge(rest, io)
    return await init(rest, io)
  } catch (error) {
    if (error instanceof PolicyError) {
      io.stderr(`launch-gate: invalid policy\n${error.message}\n`)
      return EXIT.invalid
    }
    if (error instanceof UsageError) {
      const helpFor =
        command !== undefined && isCommand(command) && command !== 'help'
          ? ` ${command}`
          : ''
      io.stderr(
        `launch-gate: ${error.message}\nRun 'launch-gate help${helpFor}' for the options.\n`
      )
      return EXIT.invalid
    }
    io.stderr(`launch-gate: ${logText(errorMessage(error))}\n`)
    return EXIT.fail
  }
}

/** `launch-gate help [command]`. */
function help(args: string[], io: CliIo): number {
  const [topic, ...extra] = args
  if (topic === undefined) {
    io.stdout(`${overview(VERSION)}\n`)
    return EXIT.pass
  }
  if (extra.length > 0 || !isCommand(topic)) {
    throw new UsageError(
      `no help for '${args.join(' ')}': expected one of check, validate, init, secrets, history, merge`
    )
  }
  io.stdout(`${commandHelp(topic)}\n`)
  return EXIT.pass
}

/** `launch-gate secrets baseline|rules`. */
async function secrets(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args
  if (sub === 'rules') {
    parseOptions(rest, {})
    listRules(io)
    return EXIT.pass
  }
  if (sub === 'baseline') {
    const { values } = parseOptions(rest, {
      policy: { type: 'string', default: DEFAULT_POLICY }
    })
    return await writeBaselineFile(values.policy, io)
  }
  throw new UsageError(
    `unknown secrets command '${sub ?? ''}': expected baseline or rules`
  )
}

/** `launch-gate history accept`: the next run starts a new baseline. */
async function history(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args
  if (action !== 'accept') {
    throw new UsageError(
      `unknown history command '${action ?? ''}': expected accept`
    )
  }
  const { values } = parseOptions(rest, {
    policy: { type: 'string', default: DEFAULT_POLICY },
    history: { type: 'string' }
  })
  const loaded = await loadPolicyFile(values.policy, io.env, io.cwd)
  const message = await acceptBaseline(loaded, {
    file: values.history,
    env: io.env,
    cwd: io.cwd
  })
  io.stdout(`${message}\n`)
  return EXIT.pass
}
