// The CLI's report files are checked before any check runs (exit 2).
// Ctrl-C and SIGTERM are in ../cli/signals.test.ts.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

let server: TestServer
let dir: string
beforeAll(async () => {
  server = await startServer((_req, res) => res.end('ok'))
  dir = await mkdtemp(join(tmpdir(), 'lg-cli-'))
  await writeFile(join(dir, 'policy.yml'), 'version: 1\nsmoke:\n  - path: /\n')
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
})
