import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src/net/http.ts'
import { pollUntil, waitForTarget } from '../../src/net/wait.ts'
import {
  refusedPort,
  startServer,
  type TestServer
} from '../support/http-server.ts'

let warmingUp: TestServer
let hits = 0

beforeAll(async () => {
  // A preview that answers 503 twice, then comes up.
  warmingUp = await startServer((_req, res) => {
    res.writeHead(++hits <= 2 ? 503 : 200)
    res.end()
  })
})
afterAll(() => warmingUp.close())

describe('waiting for the target', () => {
  it('polls until the target answers below 500', async () => {
    const http = new HttpClient({ timeoutMs: 1000, retries: 0 })
    const waited = await waitForTarget(http, new URL(warmingUp.url), {
      forMs: 5000,
      intervalMs: 20
    })
    expect(waited).toMatchObject({ met: true, attempts: 3, last: 'status 200' })
    await http.close()
  })

  it('gives up when the time is up, by count as well, without throwing', async () => {
    const http = new HttpClient({ timeoutMs: 1000, retries: 0 })
    const waited = await waitForTarget(http, new URL(await refusedPort()), {
      forMs: 100,
      intervalMs: 20
    })
    expect(waited.met).toBe(false)
    expect(waited.attempts).toBeLessThanOrEqual(6)
    expect(waited.last).toMatch(/^connection refused /)
    await http.close()
  })

  it('stops after maxAttempts however long the bound, backing off', async () => {
    const http = new HttpClient({ timeoutMs: 1000, retries: 0 })
    const url = new URL(warmingUp.url)
    const seen: number[] = []
    const waited = await pollUntil(
      http,
      () => ({ url }),
      () => {
        seen.push(Date.now())
        return 'not yet'
      },
      { forMs: 60_000, intervalMs: 10, maxIntervalMs: 40, maxAttempts: 5 }
    )
    expect(waited).toMatchObject({ met: false, attempts: 5, last: 'not yet' })
    expect(seen).toHaveLength(5)
    await http.close()
  })
})
