import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort
} from 'node:worker_threads'
import { CheckError } from '../errors.ts'

/**
 * User regexes (`headers.forbid … matching`, `secrets.allow`, `secrets.exclude`
 * globs, journey `regex:` captures) run in a worker thread: no timer fires
 * during a synchronous regex on the main thread, so a catastrophic pattern
 * there would freeze the run past its deadline. The caller blocks with
 * Atomics.wait for at most the time limit, then the worker is terminated.
 * Synchronous on purpose: call sites stay as they are; each call costs a
 * message round trip (tens of microseconds).
 */

/** How long one match may take before the pattern is given up on. */
export const REGEX_TIME_LIMIT_MS = 1000
/** Boot time allowed for a fresh worker, outside the match limit. */
const WORKER_BOOT_MS = 10_000

/** A user regex that did not finish in time; its message names the pattern. */
export class RegexTimeoutError extends CheckError {
  override readonly name = 'RegexTimeoutError'
  readonly pattern: string

  constructor(pattern: string, limitMs: number) {
    super(
      `the regex /${pattern}/ did not finish within ${limitMs} ms (catastrophic backtracking?): simplify it`
    )
    this.pattern = pattern
  }
}

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const { port, state } = workerData
const compiled = new Map()
port.on('message', ({ source, flags, op, text }) => {
  let answer
  try {
    const key = flags + '/' + source
    let re = compiled.get(key)
    if (!re) compiled.set(key, (re = new RegExp(source, flags)))
    re.lastIndex = 0
    if (op === 'test') answer = { value: re.test(text) }
    else {
      const m = re.exec(text)
      answer = { value: m ? { groups: [...m], index: m.index } : null }
    }
  } catch (error) {
    answer = { error: String(error && error.message) }
  }
  port.postMessage(answer)
  Atomics.add(state, 0, 1)
  Atomics.notify(state, 0)
})
Atomics.store(state, 1, 1)
Atomics.notify(state, 1)
`

interface RegexWorker {
  worker: Worker
  port: MessagePort
  /** [0]: answers sent, [1]: 1 once booted. */
  state: Int32Array
}

let shared: RegexWorker | undefined

function startWorker(): RegexWorker {
  const state = new Int32Array(new SharedArrayBuffer(8))
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { port: port2, state },
    transferList: [port2]
  })
  worker.unref()
  port1.unref()
  if (Atomics.wait(state, 1, 0, WORKER_BOOT_MS) === 'timed-out') {
    void worker.terminate()
    throw new CheckError('the regex worker did not start')
  }
  return { worker, port: port1, state }
}

interface Answer {
  value?: unknown
  error?: string
}

function ask(
  request: { source: string; flags: string; op: 'test' | 'exec'; text: string },
  limitMs: number
): Answer {
  const current = (shared ??= startWorker())
  const before = Atomics.load(current.state, 0)
  current.port.postMessage(request)
  if (Atomics.wait(current.state, 0, before, limitMs) === 'timed-out') {
    shared = undefined
    void current.worker.terminate()
    throw new RegexTimeoutError(request.source, limitMs)
  }
  const received = receiveMessageOnPort(current.port)
  return (received?.message ?? { error: 'no answer' }) as Answer
}

/** A match of BoundedRegex.exec: the whole match, then the groups. */
export interface BoundedMatch {
  groups: string[]
  index: number
}

/**
 * A user regex whose every match is bounded in time. The constructor
 * checks the syntax (throws SyntaxError); `test` and `exec` throw
 * RegexTimeoutError past the limit, and keep throwing it for this pattern
 * without trying again, so one bad pattern costs the run one time limit.
 */
export class BoundedRegex {
  readonly source: string
  readonly flags: string
  private readonly limitMs: number
  private timedOut: RegexTimeoutError | undefined

  constructor(source: string, flags = '', limitMs = REGEX_TIME_LIMIT_MS) {
    // Stateless matching: `g` and `y` would make lastIndex matter.
    this.flags = flags.replace(/[gy]/g, '')
    new RegExp(source, this.flags)
    this.source = source
    this.limitMs = limitMs
  }

  test(text: string): boolean {
    return this.run('test', text) as boolean
  }

  exec(text: string): BoundedMatch | null {
    return this.run('exec', text) as BoundedMatch | null
  }

  private run(op: 'test' | 'exec', text: string): unknown {
    if (this.timedOut) throw this.timedOut
    try {
      const answer = ask(
        { source: this.source, flags: this.flags, op, text },
        this.limitMs
      )
      if (answer.error !== undefined) throw new CheckError(answer.error)
      return answer.value
    } catch (error) {
      if (error instanceof RegexTimeoutError) this.timedOut = error
      throw error
    }
  }
}
