import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseHistory } from '../../src/engine/history.ts'
import { runCli } from '../support/cli.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

let server: TestServer
let delayMs = 20

beforeAll(async () => {
  server = await startServer((_req, res) => {
    setTimeout(() => res.end('ok'), delayMs)
  })
})
afterAll(() => server.close())

const POLICY = (url: string) => `version: 1
target: ${url}
history: { baseline_runs: 3, min_runs: 2 }
latency:
  - name: feed
    paths: [/feed]
    concurrency: 2
    requests: 8
    p95: 5s
    regression: { p95: 300ms }
`

describe('CLI --history FILE', () => {
  it('builds a baseline over runs, fails a regression, and history accept starts over', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'lg-history-'))
    await writeFile(join(cwd, 'policy.yml'), POLICY(server.url))
    const check = () =>
      runCli(['check', '--policy', 'policy.yml', '--history', 'h/runs.jsonl'], {
        cwd
      })

    delayMs = 20
    const first = await check()
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/warn\s+latency\s+feed/)
    expect(first.stdout).toContain(
      'no baseline yet (0 of 3 runs, judged from 2): regression budgets p95 not judged'
    )
    await check()
    const third = await check()
    expect(third.stdout).toMatch(/pass\s+latency\s+feed/)
    expect(third.stdout).toMatch(
      /p95 [▁▂▃▄▅▆▇█]{3} \d+(\.\d)? ms \(budget 5000 ms\)/
    )

    delayMs = 800
    const slow = await check()
    expect(slow.code).toBe(1)
    expect(slow.stdout).toMatch(
      /p95 \d+ ms vs baseline \d+(\.\d)? ms \(\+\d+ %, budget \+300ms, 3 runs\)/
    )

    const text = await readFile(join(cwd, 'h/runs.jsonl'), 'utf8')
    const { records } = parseHistory(text, 'local/job/policy.yml')
    expect(records.map(r => r.result)).toEqual(['pass', 'pass', 'pass', 'fail'])
    expect(records[0]).toMatchObject({
      ref: 'local',
      event: 'cli',
      target: server.url,
      checks: [{ kind: 'latency', name: 'feed', met: true }]
    })

    const accept = await runCli(
      [
        'history',
        'accept',
        '--policy',
        'policy.yml',
        '--history',
        'h/runs.jsonl'
      ],
      { cwd }
    )
    expect(accept.code).toBe(0)
    expect(accept.stdout).toContain('New baseline')
    const after = await check()
    expect(after.code).toBe(0)
    expect(after.stdout).toContain('no baseline yet (0 of 3 runs')
  }, 60_000)

  it('history accept without any history is a usage error', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'lg-history-'))
    await writeFile(
      join(cwd, 'policy.yml'),
      `version: 1\ntarget: ${server.url}\nsmoke:\n  - path: /\n`
    )
    const run = await runCli(['history', 'accept', '--policy', 'policy.yml'], {
      cwd
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('no history to accept')
  })
})
