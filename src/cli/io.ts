/** Where the CLI writes and what it reads of its process: injectable for tests. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** The output is a terminal: live progress, and color unless told otherwise. */
  isTty: boolean
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  /** Terminal width, else COLUMNS. */
  columns?: number
  /** Calls back on Ctrl-C / SIGTERM; returns how to stop listening. */
  onSignal?: (handler: (signal: 'SIGINT' | 'SIGTERM') => void) => () => void
}

export const processIo: CliIo = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
  columns: process.stdout.columns || Number(process.env.COLUMNS) || undefined,
  onSignal(handler) {
    let stopping = false
    const listeners = (['SIGINT', 'SIGTERM'] as const).map(signal => {
      // The first stops the run and reports; a second one stops at once.
      const listener = () => {
        if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143)
        stopping = true
        handler(signal)
      }
      process.on(signal, listener)
      return () => process.off(signal, listener)
    })
    return () => listeners.forEach(off => off())
  }
}

/**
 * Color on a terminal, unless `--no-color` or NO_COLOR (any value but
 * empty); FORCE_COLOR (any value but 0 or false) turns it on anywhere.
 */
export function useColor(io: CliIo, noColorFlag: boolean): boolean {
  if (noColorFlag || io.env.NO_COLOR) return false
  const force = io.env.FORCE_COLOR
  if (force !== undefined && force !== '') {
    return force !== '0' && force !== 'false'
  }
  return io.isTty
}
