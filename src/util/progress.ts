/**
 * Wraps a line writer so that it writes at most once per `intervalMs`:
 * CI logs get a line every few seconds instead of carriage-return spam.
 */
export function throttled(
  write: (line: string) => void,
  intervalMs: number
): (line: string) => void {
  let last = 0
  return line => {
    const now = Date.now()
    if (now - last < intervalMs) return
    last = now
    write(line)
  }
}
