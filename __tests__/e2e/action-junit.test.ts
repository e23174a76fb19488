// The action's junit-path input: the JUnit report written beside the JSON
// one, its path in the junit output.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../support/http-server.ts'
import { runAction } from '../support/run-action.ts'

let site: TestServer
let workspace: string

beforeAll(async () => {
  site = await startServer((req, res) => {
    res.writeHead(req.url === '/' ? 200 : 404)
    res.end('ok')
  })
  workspace = await mkdtemp(join(tmpdir(), 'lg-junit-'))
  await writeFile(
    join(workspace, 'policy.yml'),
    'version: 1\nsmoke:\n  - name: home\n    path: /\n  - name: gone\n    path: /gone\n'
  )
})
afterAll(() => site.close())

describe('junit-path', () => {
  it('writes one testcase per check and sets the junit output', async () => {
    const run = await runAction({
      workspace,
      inputs: {
        url: site.url,
        policy: 'policy.yml',
        'junit-path': 'reports/junit.xml'
      }
    })
    expect(run.code).toBe(1)
    expect(run.outputs.junit).toBe(join(workspace, 'reports/junit.xml'))
    const xml = await readFile(run.outputs.junit, 'utf8')
    expect(xml).toContain(
      '<testsuites name="launch-gate" tests="2" failures="1" errors="0" skipped="0"'
    )
    expect(xml).toContain('<testcase classname="launch-gate.smoke" name="home"')
    expect(xml).toMatch(
      /<testcase classname="launch-gate.smoke" name="gone" time="[\d.]+">\n\s+<failure message="status 404, expected 200" type="fail">/
    )
  })
})
