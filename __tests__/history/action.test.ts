// The action with history, run from src/ the way the runner runs it, against
// the fake GitHub API with the data-branch endpoints: nightly runs build a
// baseline, a slow night fails its regression budget, alert-after holds the
// issue back until the second failing night, a pull request reads only.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseHistory } from '../../src/engine/history.ts'
import { historyFileName } from '../../src/github/history-branch.ts'
import { fakeGitData, type FakeGitData } from '../support/fake-git-data.ts'
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts'
import { startServer, type TestServer } from '../support/http-server.ts'
import { runAction } from '../support/run-action.ts'

const KEY =
  'acme/shop/.github/workflows/nightly.yml/gate/.github/launch-policy.yml'
const POLICY = `version: 1
history: { baseline_runs: 3, min_runs: 2 }
latency:
  - name: feed
    paths: [/feed]
    concurrency: 2
    requests: 8
    p95: 5s
    regression: { p95: 500ms }
`

let site: TestServer
let delayMs = 10
let api: FakeGitHub
let git: FakeGitData
let workspace: string

beforeAll(async () => {
  site = await startServer((_req, res) => {
    setTimeout(() => res.end('ok'), delayMs)
  })
  git = fakeGitData()
  api = await startFakeGitHub({ routes: [git.route] })
  workspace = await mkdtemp(join(tmpdir(), 'lg-history-action-'))
  await mkdir(join(workspace, '.github'))
  await writeFile(join(workspace, '.github/launch-policy.yml'), POLICY)
})
afterAll(async () => {
  await site.close()
  await api.close()
})

let runId = 100
function nightly(inputs: Record<string, string> = {}) {
  runId++
  return runAction({
    workspace,
    eventName: 'schedule',
    event: { schedule: '0 3 * * *' },
    inputs: {
      url: site.url,
      'github-token': 'test-token',
      'open-issue': 'true',
      'alert-after': '2',
      ...inputs
    },
    env: {
      GITHUB_API_URL: api.url,
      GITHUB_WORKFLOW_REF:
        'acme/shop/.github/workflows/nightly.yml@refs/heads/main',
      GITHUB_JOB: 'gate',
      GITHUB_REF_NAME: 'main',
      GITHUB_RUN_ID: String(runId)
    }
  })
}

const historyCalls = () =>
  api.requests.filter(r =>
    /\/(commits|contents\/[^/]+\.jsonl|git\/(trees|commits|refs))$/.test(r.path)
  )

describe('action with history on a data branch', () => {
  it('baseline over nights, regression fails, alert-after 2 opens the issue on the second failing night, a pass closes it', async () => {
    delayMs = 10
    const first = await nightly()
    expect(first.code).toBe(0)
    expect(first.stepSummary).toContain(
      'no baseline yet \\(0 of 3 runs, judged from 2\\)'
    )
    await nightly()
    api.requests.length = 0
    const third = await nightly()
    expect(third.code).toBe(0)
    expect(third.outputs.result).toBe('pass')
    // steady state: 2 reads and 1 write
    expect(historyCalls().map(r => r.method)).toEqual(['GET', 'GET', 'PUT'])
    expect(third.stepSummary).toContain('```mermaid\nxychart-beta')

    delayMs = 1000
    const slow = await nightly()
    expect(slow.code).toBe(1)
    expect(slow.outputs.summary).toMatch(
      /latency feed p95 \d+ ms vs baseline \d+(\.\d)? ms \(\+\d+ %, budget \+500ms, 3 runs\)/
    )
    expect(api.issues).toEqual([])
    expect(slow.stdout).toContain(
      'Failing 1 run(s) in a row: the issue opens at 2 (alert-after)'
    )

    const again = await nightly()
    expect(again.code).toBe(1)
    expect(api.issues).toHaveLength(1)
    expect(api.issues[0].body).toContain('(2 run(s) in a row)')
    expect(api.issues[0].body).toContain(
      '[1](https://github.com/acme/shop/actions/runs/104) [2](https://github.com/acme/shop/actions/runs/105)'
    )
    expect(api.issues[0].body).toContain('xychart-beta')

    delayMs = 10
    const back = await nightly()
    expect(back.code).toBe(0)
    expect(api.issues[0].state).toBe('closed')

    const { records } = parseHistory(
      git.fileAt('launch-gate-history', historyFileName(KEY)) ?? '',
      KEY
    )
    expect(records.map(r => r.result)).toEqual([
      'pass',
      'pass',
      'pass',
      'fail',
      'fail',
      'pass'
    ])
    expect(records[0]).toMatchObject({
      ref: 'main',
      event: 'schedule',
      url: 'https://github.com/acme/shop/actions/runs/101'
    })
  }, 180_000)

  it('a pull request compares with its base branch and never writes', async () => {
    api.requests.length = 0
    delayMs = 10
    const pr = await runAction({
      workspace,
      eventName: 'pull_request',
      event: {
        pull_request: {
          number: 7,
          head: { sha: 'c'.repeat(40) },
          base: { sha: 'b'.repeat(40) }
        }
      },
      inputs: { url: site.url, 'github-token': 'test-token' },
      env: {
        GITHUB_API_URL: api.url,
        GITHUB_WORKFLOW_REF:
          'acme/shop/.github/workflows/nightly.yml@refs/pull/7/merge',
        GITHUB_JOB: 'gate',
        GITHUB_HEAD_REF: 'feature',
        GITHUB_BASE_REF: 'main'
      }
    })
    expect(pr.code).toBe(0)
    expect(pr.stepSummary).toMatch(
      /vs main \\\(median of 3 runs\\\): p95 [+-]\d+ %/
    )
    // The sticky comment carries the same comparison.
    expect(api.comments.get(7)?.[0].body).toMatch(
      /vs main \\\(median of 3 runs\\\): p95 [+-]\d+ %/
    )
    expect(historyCalls().map(r => r.method)).toEqual(['GET', 'GET'])
  }, 60_000)

  it('a token without contents: write is one warning and the gate goes on', async () => {
    api.failWith('PUT', /\/contents\//, 403)
    delayMs = 10
    const run = await nightly({ 'alert-after': '1' })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      '::warning::cannot write the history (branch launch-gate-history'
    )
    expect(run.stdout).toContain('give the job `contents: write`')
  }, 60_000)
})
