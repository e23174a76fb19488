import { errorMessage } from '../util/errors.ts'
import type { HttpClient, HttpRequest, HttpResponse } from './http.ts'

/** How long and how often to poll. */
export interface PollBounds {
  /** The whole wait, at most. */
  forMs: number
  /** The first pause; each later one doubles, up to `maxIntervalMs`. */
  intervalMs?: number
  maxIntervalMs?: number
  /** Attempts, at most, however long `forMs` is. */
  maxAttempts?: number
}

export interface WaitResult {
  met: boolean
  attempts: number
  waitedMs: number
  /** The last answer or failure, in a few words. */
  last: string
}

/** Answers are judged by status and small bodies: read little. */
const MAX_BODY_BYTES = 256 * 1024

/**
 * Sends `request()` until `judge` accepts the answer (returns undefined),
 * with backoff, for at most `forMs` and `maxAttempts`. A network failure is
 * an answer like any other. Never throws for the target's sake.
 */
export async function pollUntil(
  http: HttpClient,
  request: () => HttpRequest,
  judge: (res: HttpResponse) => string | undefined,
  bounds: PollBounds
): Promise<WaitResult> {
  const { forMs, intervalMs = 1000, maxIntervalMs = 15_000 } = bounds
  const maxAttempts = bounds.maxAttempts ?? 200
  const started = Date.now()
  const until = started + forMs
  let last = 'no attempt'
  let pause = intervalMs
  let attempt = 0
  const result = (met: boolean): WaitResult => ({
    met,
    attempts: attempt,
    waitedMs: Date.now() - started,
    last
  })
  while (attempt < maxAttempts) {
    attempt++
    const left = until - Date.now()
    try {
      const res = await http.send({
        maxBodyBytes: MAX_BODY_BYTES,
        ...request(),
        timeoutMs: Math.max(500, Math.min(http.timeoutMs, left))
      })
      const miss = judge(res)
      if (miss === undefined) {
        last = `status ${res.status}`
        return result(true)
      }
      last = miss
    } catch (error) {
      last = errorMessage(error)
    }
    const wait = Math.min(pause, until - Date.now())
    if (wait <= 0) break
    await new Promise(resolve => setTimeout(resolve, wait))
    pause = Math.min(pause * 2, maxIntervalMs)
  }
  return result(false)
}

/** Polls `url` until it answers with a status below 500 (previews warming up). */
export function waitForTarget(
  http: HttpClient,
  url: URL,
  bounds: PollBounds
): Promise<WaitResult> {
  return pollUntil(
    http,
    () => ({ url }),
    res => (res.status < 500 ? undefined : `status ${res.status}`),
    bounds
  )
}
