import { formatDuration } from '../util/duration.ts'
import type { HttpClient } from './http.ts'

export interface WaitResult {
  ready: boolean
  attempts: number
  /** The last answer or failure, for the log. */
  last: string
}

/**
 * Polls `url` until it answers with a status below 500 (previews are often
 * not up when the event fires), for at most `forMs`. Stops by time and by
 * count; never throws.
 */
export async function waitForTarget(
  http: HttpClient,
  url: URL,
  forMs: number,
  intervalMs = 2000
): Promise<WaitResult> {
  const until = Date.now() + forMs
  const maxAttempts = Math.ceil(forMs / intervalMs) + 1
  let last = 'no attempt'
  let attempt = 0
  while (++attempt <= maxAttempts) {
    const left = until - Date.now()
    try {
      const res = await http.send({
        url,
        timeoutMs: Math.max(500, Math.min(http.timeoutMs, left)),
        maxBodyBytes: 64 * 1024
      })
      last = `status ${res.status}`
      if (res.status < 500) return { ready: true, attempts: attempt, last }
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    const pause = Math.min(intervalMs, until - Date.now())
    if (pause <= 0) break
    await new Promise(resolve => setTimeout(resolve, pause))
  }
  return {
    ready: false,
    attempts: Math.min(attempt, maxAttempts),
    last: `${last} (waited ${formatDuration(forMs)})`
  }
}
