import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoSite } from '../../examples/demo-site/server.ts'
import { startDemoWorkspace } from '../support/demo-workspace.ts'
import { DIST_ACTION, DIST_CLI, runAction } from '../support/run-action.ts'

let site: DemoSite
let workspace: string

beforeAll(async () => {
  ;({ site, workspace } = await startDemoWorkspace(
    'version: 1\nsmoke:\n  - name: homepage\n    path: /\n    contains: Sign up\n  - name: health\n    path: /api/health\n    json: { status: ok }\n'
  ))
})
afterAll(() => site.close())

// The one smoke test of the committed bundle; every other action test runs
// src/ (see ../support/run-action.ts).
describe('the bundled action (dist/index.js)', () => {
  it('writes outputs, the step summary and the JSON report of the contract', async () => {
    const run = await runAction({
      workspace,
      inputs: { url: site.url },
      entry: DIST_ACTION
    })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('pass')
    expect(run.outputs.summary).toBe('2 of 2 checks passed')
    expect(run.outputs.report).toBe(join(workspace, 'launch-gate-report.json'))
    const report = JSON.parse(await readFile(run.outputs.report, 'utf8'))
    expect(report).toMatchObject({
      version: 1,
      result: 'pass',
      target: `${site.url}/`
    })
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'version',
        'result',
        'target',
        'started_at',
        'duration_ms',
        'checks'
      ])
    )
    expect(report.checks[0]).toMatchObject({
      kind: 'smoke',
      name: 'homepage',
      status: 'pass',
      findings: []
    })
    expect(run.stepSummary).toContain('### ✅ launch-gate passed')
    expect(run.stepSummary).toContain('| ✅ pass | smoke | homepage |')
    expect(run.stepSummary).toContain(
      'https://github.com/acme/shop/actions/runs/42'
    )
  })
})

describe('the bundled CLI (dist/cli/index.js)', () => {
  // Asynchronous on purpose: the demo site answers from this process.
  const cli = promisify(execFile)

  it('runs as a bin with exit codes 0 and 2', async () => {
    const ok = await cli(
      process.execPath,
      [DIST_CLI, 'check', '--url', site.url],
      { cwd: workspace }
    )
    expect(ok.stdout).toContain('PASS 2 of 2 checks passed')
    await expect(
      cli(process.execPath, [DIST_CLI, 'check', '--policy', 'invalid.yml'], {
        cwd: workspace
      })
    ).rejects.toMatchObject({ code: 2 })
  })
})
