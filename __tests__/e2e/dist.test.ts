import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startDemoSite,
  type DemoSite
} from '../../examples/demo-site/server.ts'
import { DIST_CLI, runAction } from '../support/run-dist.ts'

let site: DemoSite
let workspace: string

beforeAll(async () => {
  site = await startDemoSite()
  workspace = await mkdtemp(join(tmpdir(), 'lg-ws-'))
  await mkdir(join(workspace, '.github'))
  await writeFile(
    join(workspace, '.github/launch-policy.yml'),
    'version: 1\nsmoke:\n  - name: homepage\n    path: /\n    contains: Sign up\n  - name: health\n    path: /api/health\n    json: { status: ok }\n'
  )
  await writeFile(
    join(workspace, 'broken.yml'),
    'version: 1\nsmoke:\n  - name: missing\n    path: /nope\n'
  )
  await writeFile(
    join(workspace, 'invalid.yml'),
    'version: 1\nsmoke:\n  - path: /\n    timeout: 5\n'
  )
})
afterAll(() => site.close())

describe('the bundled action (dist/index.js)', () => {
  it('writes outputs, the step summary and the JSON report of the contract', async () => {
    const run = await runAction({ workspace, inputs: { url: site.url } })
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

  it('fails the job with the summary when a check fails; fail-on never reports only', async () => {
    const failed = await runAction({
      workspace,
      inputs: { url: site.url, policy: 'broken.yml' }
    })
    expect(failed.code).toBe(1)
    expect(failed.outputs.result).toBe('fail')
    expect(failed.stdout).toContain(
      '::error::1 of 1 checks failed: smoke missing status 404, expected 200'
    )
    const reportOnly = await runAction({
      workspace,
      inputs: { url: site.url, policy: 'broken.yml', 'fail-on': 'never' }
    })
    expect(reportOnly.code).toBe(0)
    expect(reportOnly.outputs.result).toBe('fail')
  })

  it('exits 2 on an invalid policy with an annotation at the line', async () => {
    const run = await runAction({
      workspace,
      inputs: { url: site.url, policy: 'invalid.yml' }
    })
    expect(run.code).toBe(2)
    expect(run.stdout).toContain(
      "::error file=invalid.yml,line=4,col=5::unknown key 'timeout' in smoke.0"
    )
    expect(run.stdout).not.toMatch(/\n\s+at /)
  })

  it('targets the deployment URL on deployment_status and skips unfinished deployments', async () => {
    const event = (state: string) => ({
      deployment: { sha: 'b'.repeat(40) },
      deployment_status: {
        state,
        environment_url: site.url,
        target_url: 'http://127.0.0.1:9/'
      }
    })
    const ok = await runAction({
      workspace,
      inputs: {},
      eventName: 'deployment_status',
      event: event('success')
    })
    expect(ok.outputs.result).toBe('pass')
    const report = JSON.parse(await readFile(ok.outputs.report, 'utf8'))
    expect(report.target).toBe(`${site.url}/`)
    const pending = await runAction({
      workspace,
      inputs: {},
      eventName: 'deployment_status',
      event: event('in_progress')
    })
    expect(pending.code).toBe(0)
    expect(pending.outputs.result).toBe('skip')
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
