// Ctrl-C and SIGTERM during a load test: the load stops at once, the table
// shows what ran, and the exit code says which signal (130 / 143).
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../support/http-server.ts'

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url))

let site: TestServer
let dir: string

beforeAll(async () => {
  site = await startServer((_req, res) => res.end('ok'))
  dir = await mkdtemp(join(tmpdir(), 'lg-signal-'))
  await writeFile(
    join(dir, 'load.yml'),
    'version: 1\nsmoke:\n  - name: home\n    path: /\nlatency:\n  - name: long-load\n    paths: [/load]\n    rate: 20\n    duration: 5m\n    p95: 1s\n'
  )
})
afterAll(() => site.close())

/** Runs the CLI, sends `signal` once the load is under way, and collects the result. */
function interrupt(signal: 'SIGINT' | 'SIGTERM') {
  const loadRequests = () =>
    site.requests.filter(r => r.path === '/load').length
  const before = loadRequests()
  const child = spawn(
    process.execPath,
    [
      CLI,
      'check',
      '--policy',
      'load.yml',
      '--url',
      site.url,
      '--json',
      'r.json'
    ],
    { cwd: dir, env: { ...process.env, NO_COLOR: '1' } }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  const poll = setInterval(() => {
    if (loadRequests() - before >= 10) {
      clearInterval(poll)
      child.kill(signal)
    }
  }, 50)
  return new Promise<{
    code: number | null
    stdout: string
    stderr: string
    sentAfter: () => number
  }>(resolve =>
    child.on('close', code => {
      clearInterval(poll)
      const atExit = loadRequests()
      resolve({
        code,
        stdout,
        stderr,
        sentAfter: () => loadRequests() - atExit
      })
    })
  )
}

describe('stopping a run', () => {
  it('Ctrl-C stops the load, prints the partial table, exits 130', async () => {
    const run = await interrupt('SIGINT')
    expect(run.code).toBe(130)
    expect(run.stdout).toMatch(/pass\s+smoke\s+home\s+200 in \d+ ms/)
    expect(run.stdout).toMatch(
      /skip\s+latency\s+long-load\s+stopped after \d+ ms: interrupted/
    )
    expect(run.stdout).toContain('note: interrupted: Ctrl-C (SIGINT)')
    expect(run.stdout).toMatch(/FAIL /)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    // Nothing more is sent once the process is gone.
    await new Promise(resolve => setTimeout(resolve, 200))
    expect(run.sentAfter()).toBe(0)
  })

  it('SIGTERM does the same and exits 143, the report written', async () => {
    const run = await interrupt('SIGTERM')
    expect(run.code).toBe(143)
    expect(run.stdout).toContain('note: interrupted: SIGTERM')
    const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'))
    expect(report.result).toBe('fail')
    expect(report.checks.map((c: { status: string }) => c.status)).toEqual([
      'pass',
      'skip'
    ])
  })
})
