// The action from src/ as the runner starts it: exit codes, fail-on, input
// validation before any check, channels published independently, and the
// check run completed on every way out, a cancellation (SIGTERM) included.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DemoSite } from '../../examples/demo-site/server.ts'
import { startDemoWorkspace } from '../support/demo-workspace.ts'
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts'
import { startServer, type TestServer } from '../support/http-server.ts'
import { runAction, startAction } from '../support/run-action.ts'

let site: DemoSite
let workspace: string

beforeAll(async () => {
  ;({ site, workspace } = await startDemoWorkspace(
    'version: 1\nsmoke:\n  - name: homepage\n    path: /\n    contains: Sign up\n'
  ))
})
afterAll(() => site.close())

describe('the action', () => {
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

  it('exits 2 before any check when report-path cannot be written', async () => {
    const notAFolder = join(workspace, 'broken.yml')
    const run = await runAction({
      workspace,
      inputs: { url: site.url, 'report-path': join(notAFolder, 'r.json') }
    })
    expect(run.code).toBe(2)
    expect(run.stdout).toContain(
      `::error::invalid report-path '${join(notAFolder, 'r.json')}': cannot write there`
    )
    expect(run.stdout).not.toContain('smoke homepage')
    expect(run.outputs).toEqual({})
  })
})

describe('on GitHub, the check run always ends', () => {
  let api: FakeGitHub
  beforeEach(async () => {
    api = await startFakeGitHub()
    return () => api.close()
  })
  const HEAD = 'c0ffee'.padEnd(40, '0')
  const onPullRequest = {
    eventName: 'pull_request',
    event: {
      pull_request: {
        number: 7,
        head: { sha: HEAD },
        base: { sha: 'ba5e'.padEnd(40, '0') }
      }
    }
  }
  const gitHubEnv = () => ({ GITHUB_API_URL: api.url })
  const completions = () =>
    api.requests.filter(
      r => r.method === 'PATCH' && /check-runs\/\d+$/.test(r.path)
    )

  it('completes as failure on an invalid input found after it was created', async () => {
    const run = await runAction({
      workspace,
      ...onPullRequest,
      inputs: { url: site.url, 'github-token': 't', checks: 'dns' },
      env: gitHubEnv()
    })
    expect(run.code).toBe(2)
    const [completed] = completions()
    expect(completed.body).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'invalid launch-gate input' }
    })
    expect(completed.body.output.summary).toContain(
      'the checks selection names dns'
    )
  })

  it('publishes every channel even when one fails (the job summary cannot be written)', async () => {
    const summaryDir = await mkdtemp(join(tmpdir(), 'lg-summary-'))
    const run = await runAction({
      workspace,
      ...onPullRequest,
      inputs: { url: site.url, 'github-token': 't' },
      env: { ...gitHubEnv(), GITHUB_STEP_SUMMARY: summaryDir }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      '::error::launch-gate could not write the job summary'
    )
    expect(run.outputs.result).toBe('pass')
    expect(JSON.parse(await readFile(run.outputs.report, 'utf8')).result).toBe(
      'pass'
    )
    expect(completions()[0].body.conclusion).toBe('success')
    expect(api.comments.get(7)).toHaveLength(1)
  })

  it('publishes the comment and the files when completing the check run fails', async () => {
    api.failWith('PATCH', /check-runs/, 422)
    const run = await runAction({
      workspace,
      ...onPullRequest,
      inputs: { url: site.url, 'github-token': 't' },
      env: gitHubEnv()
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      '::warning::launch-gate could not complete the check run'
    )
    expect(api.comments.get(7)).toHaveLength(1)
    expect(run.stepSummary).toContain('launch-gate passed')
  })

  describe('cancelled', () => {
    let hanging: TestServer
    beforeAll(async () => {
      // Answers /fast at once; /slow never (the action is stopped first).
      hanging = await startServer((req, res) => {
        if (req.url === '/fast') res.end('ok')
      })
    })
    afterAll(() => hanging.close())

    it('on SIGTERM: completed `cancelled` with what finished, ahead of the write queue', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'lg-cancel-'))
      await writeFile(
        join(dir, 'policy.yml'),
        'version: 1\ndefaults:\n  timeout: 60s\nsmoke:\n  - name: fast\n    path: /fast\n  - name: slow\n    path: /slow\n'
      )
      const { child, done } = await startAction({
        workspace: dir,
        ...onPullRequest,
        inputs: {
          url: hanging.url,
          policy: 'policy.yml',
          'github-token': 't'
        },
        env: gitHubEnv()
      })
      let log = ''
      child.stdout?.on('data', chunk => (log += chunk))
      // Stop it once the fast check is reported and the slow one is in flight.
      await new Promise<void>(resolve => {
        const poll = setInterval(() => {
          if (
            /pass smoke fast/.test(log) &&
            hanging.requests.some(r => r.path === '/slow')
          ) {
            clearInterval(poll)
            resolve()
          }
        }, 50)
      })
      child.kill('SIGTERM')
      const run = await done
      expect(run.code).toBe(143)
      const [completed, ...more] = completions()
      expect(more).toEqual([])
      expect(completed.body).toMatchObject({
        status: 'completed',
        conclusion: 'cancelled',
        output: { title: 'launch-gate cancelled (SIGTERM) after 1 check(s)' }
      })
      expect(completed.body.output.summary).toContain(
        '| ✅ pass | smoke | fast |'
      )
      expect(completed.body.output.summary).not.toContain('slow')
    })

    it('on SIGTERM before the check run was created: waits for it, then completes it `cancelled`', async () => {
      // This fake holds the creation's answer until the action was stopped.
      let release = () => {}
      const held = await startFakeGitHub({
        routes: [
          (request, res) => {
            if (request.method !== 'POST' || !/check-runs$/.test(request.path))
              return false
            release = () => {
              res.writeHead(201, { 'content-type': 'application/json' })
              res.end(
                JSON.stringify({ id: 77, app: { slug: 'github-actions' } })
              )
            }
            return true
          }
        ]
      })
      try {
        const { child, done } = await startAction({
          workspace,
          ...onPullRequest,
          inputs: { url: hanging.url, 'github-token': 't' },
          env: { GITHUB_API_URL: held.url }
        })
        let log = ''
        child.stdout?.on('data', chunk => (log += chunk))
        const until = (ready: () => boolean) =>
          new Promise<void>(resolve => {
            const poll = setInterval(() => {
              if (ready()) {
                clearInterval(poll)
                resolve()
              }
            }, 50)
          })
        await until(() => held.requests.some(r => r.method === 'POST'))
        child.kill('SIGTERM')
        await until(() => log.includes('launch-gate was cancelled (SIGTERM)'))
        release()
        expect((await done).code).toBe(143)
        const patches = held.requests.filter(r => r.method === 'PATCH')
        expect(patches.map(r => r.path)).toEqual([
          '/repos/acme/shop/check-runs/77'
        ])
        expect(patches[0].body).toMatchObject({ conclusion: 'cancelled' })
      } finally {
        await held.close()
      }
    })
  })
})
