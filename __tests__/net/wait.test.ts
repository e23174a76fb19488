import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src/net/http.ts'
import { waitForTarget } from '../../src/net/wait.ts'
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
    const waited = await waitForTarget(http, new URL(warmingUp.url), 5000, 20)
    expect(waited).toEqual({ ready: true, attempts: 3, last: 'status 200' })
    await http.close()
  })

  it('gives up when the time is up, by count as well, without throwing', async () => {
    const http = new HttpClient({ timeoutMs: 1000, retries: 0 })
    const waited = await waitForTarget(
      http,
      new URL(await refusedPort()),
      100,
      20
    )
    expect(waited.ready).toBe(false)
    expect(waited.attempts).toBeLessThanOrEqual(6)
    expect(waited.last).toMatch(/^connection refused .* \(waited 100ms\)$/)
    await http.close()
  })
})
