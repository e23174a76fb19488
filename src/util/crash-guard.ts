import { errorMessage } from './errors.ts'

/** Time the last words (completing the check run) get before the exit. */
const LAST_WORDS_MS = 5000

/**
 * Last line of defence: an error thrown outside any awaited call (a stray
 * socket 'error' event, say) ends the process with one line and exit code 1,
 * never a stack trace. Checks turn their own failures into findings; this
 * only catches what escaped them. `lastWords` (bounded in time) may still
 * say so elsewhere, e.g. complete the check run.
 */
export function installCrashGuard(
  report: (line: string) => void,
  lastWords?: (line: string) => Promise<void>
): void {
  let crashed = false
  const crash = async (error: unknown) => {
    if (crashed) return
    crashed = true
    const line = `launch-gate stopped on an unexpected error: ${errorMessage(error)}`
    report(line)
    if (lastWords) await withinTime(lastWords(line), LAST_WORDS_MS)
    process.exit(1)
  }
  process.on('uncaughtException', crash)
  process.on('unhandledRejection', crash)
}

/** Exit codes of a process stopped by a signal, as shells report them. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const

/**
 * On SIGINT or SIGTERM (a cancelled job, Ctrl-C), runs `onStop` once, for
 * at most `graceMs` (the runner gives a cancelled step a few seconds), then
 * exits 130 or 143. A second signal exits at once.
 */
export function onInterrupt(
  onStop: (signal: keyof typeof SIGNAL_EXIT) => Promise<void> | void,
  graceMs = LAST_WORDS_MS
): void {
  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (stopping) process.exit(SIGNAL_EXIT[signal])
      stopping = true
      try {
        await withinTime(Promise.resolve(onStop(signal)), graceMs)
      } finally {
        process.exit(SIGNAL_EXIT[signal])
      }
    })
  }
}

/** Settles when `work` does or after `ms`, whichever is first; never rejects. */
function withinTime(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>(resolve => {
    timer = setTimeout(resolve, ms)
  })
  return Promise.race([work.catch(() => {}), timeout]).finally(() =>
    clearTimeout(timer)
  )
}
