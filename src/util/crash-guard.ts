import { errorMessage } from './errors.ts'

/**
 * Last line of defence: an error thrown outside any awaited call (a stray
 * socket 'error' event, say) ends the process with one line and exit code 1,
 * never a stack trace. Checks turn their own failures into findings; this
 * only catches what escaped them.
 */
export function installCrashGuard(report: (line: string) => void): void {
  const crash = (error: unknown) => {
    report(`launch-gate stopped on an unexpected error: ${errorMessage(error)}`)
    process.exit(1)
  }
  process.on('uncaughtException', crash)
  process.on('unhandledRejection', crash)
}
