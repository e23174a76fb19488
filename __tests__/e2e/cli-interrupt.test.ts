// The CLI's report files are checked before any check runs, and Ctrl-C
// (SIGINT) or SIGTERM prints what finished and exits 130 / 143.
import { spawn } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

const SRC_CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url))

let server: TestServer
let dir: string
beforeAll(async () => {
  // /slow never answers: the CLI is stopped first.
  server = await startServer((req, res) => {
    if (req.url !== '/slow') res.end('ok')
  })
  dir = await mkdtemp(join(tmpdir(), 'lg-cli-'))
  await writeFile(
    join(dir, 'policy.yml'),
    'version: 1\ndefaults:\n  timeout: 60s\nsmoke:\n  - name: slow\n    path: /slow\n'
  )
})
afterAll(() => server.close())

describe('CLI', () => {
  it.each(['--json', '--sarif'])(
    'exits 2 before any check when %s cannot be written',
    async flag => {
      const file = join(dir, 'policy.yml', 'r.json')
      const run = await runCli(
        ['check', '--policy', 'policy.yml', '--url', server.url, flag, file],
        { cwd: dir }
      )
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(
        `invalid ${flag} '${file}': cannot write there`
      )
      expect(server.requests).toEqual([])
    }
  )

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)(
    'on %s prints what finished and exits %i',
    async (signal, code) => {
      const seen = server.requests.length
      const child = spawn(
        process.execPath,
        [SRC_CLI, 'check', '--policy', 'policy.yml', '--url', server.url],
        { cwd: dir }
      )
      let stdout = ''
      child.stdout.on('data', chunk => (stdout += chunk))
      await new Promise<void>(resolve => {
        const poll = setInterval(() => {
          if (server.requests.length > seen) {
            clearInterval(poll)
            resolve()
          }
        }, 50)
      })
      child.kill(signal)
      const exit = await new Promise<number | null>(resolve =>
        child.on('close', c => resolve(c))
      )
      expect(exit).toBe(code)
      expect(stdout).toMatch(
        new RegExp(`note: interrupted: .*${signal}[^]*skip +smoke`)
      )
    }
  )
})
