import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  startDemoSite,
  type DemoSite
} from '../../examples/demo-site/server.ts'
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts'
import { runAction, type ActionRunOptions } from '../support/run-dist.ts'

const HEAD = 'c0ffee'.padEnd(40, '0')
const BASE = 'ba5e'.padEnd(40, '0')
const PASSING =
  'version: 1\nsmoke:\n  - name: homepage\n    path: /\n    contains: Sign up\n'
const FAILING =
  'version: 1\nsmoke:\n  - name: homepage\n    path: /\n  - name: pricing page\n    path: /pricing-v2\n'

let site: DemoSite
let api: FakeGitHub

beforeAll(async () => {
  site = await startDemoSite()
})
afterAll(() => site.close())
beforeEach(async () => {
  api = await startFakeGitHub()
  return () => api.close()
})

async function workspaceWith(policy: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lg-gh-'))
  await mkdir(join(dir, '.github'))
  await writeFile(join(dir, '.github/launch-policy.yml'), policy)
  return dir
}

const pullRequestEvent = {
  pull_request: { number: 7, head: { sha: HEAD }, base: { sha: BASE } }
}

function gate(workspace: string, extra: Partial<ActionRunOptions> = {}) {
  return runAction({
    workspace,
    eventName: 'pull_request',
    event: pullRequestEvent,
    ...extra,
    inputs: { url: site.url, 'github-token': 'test-token', ...extra.inputs },
    env: {
      GITHUB_API_URL: api.url,
      GITHUB_WORKFLOW: 'launch',
      GITHUB_JOB: 'gate',
      ...extra.env
    }
  })
}

const calls = (method: string, pattern: RegExp) =>
  api.requests.filter(r => r.method === method && pattern.test(r.path))

describe('check run', () => {
  it('is created in progress on the PR head and completed with annotations at the policy lines', async () => {
    const run = await gate(await workspaceWith(FAILING))
    expect(run.code).toBe(1)
    const [created] = calls('POST', /check-runs$/)
    expect(created.body).toMatchObject({
      name: 'launch-gate',
      head_sha: HEAD,
      status: 'in_progress'
    })
    const [completed] = calls('PATCH', /check-runs\/\d+$/)
    expect(completed.body).toMatchObject({
      status: 'completed',
      conclusion: 'failure'
    })
    expect(completed.body.output.title).toBe(
      '1 of 2 checks failed: smoke pricing page status 404, expected 200'
    )
    expect(completed.body.output.summary).toContain(
      '| ❌ fail | smoke | pricing page |'
    )
    expect(completed.body.output.annotations).toEqual([
      expect.objectContaining({
        path: '.github/launch-policy.yml',
        start_line: 5,
        annotation_level: 'failure',
        message: 'status 404, expected 200'
      })
    ])
  })

  it('sends annotations in batches of at most 50', async () => {
    const items = Array.from(
      { length: 60 },
      (_, i) => `  - name: missing ${i}\n    path: /missing-${i}\n`
    ).join('')
    const run = await gate(await workspaceWith(`version: 1\nsmoke:\n${items}`))
    expect(run.code).toBe(1)
    const updates = calls('PATCH', /check-runs\/\d+$/)
    expect(updates.map(u => u.body.output.annotations.length)).toEqual([50, 10])
    expect(updates[0].body.conclusion).toBe('failure')
  })

  it('succeeds on a passing gate, retrying a 5xx from the API', async () => {
    api.failWith('POST', /check-runs$/, 502, 1)
    const run = await gate(await workspaceWith(PASSING))
    expect(run.code).toBe(0)
    expect(calls('POST', /check-runs$/)).toHaveLength(2)
    expect(calls('PATCH', /check-runs\/\d+$/)[0].body.conclusion).toBe(
      'success'
    )
  })

  it('completes as failure with annotations when the policy is invalid', async () => {
    const run = await gate(
      await workspaceWith('version: 1\nsmoke:\n  - path: /\n    stauts: 200\n')
    )
    expect(run.code).toBe(2)
    const [completed] = calls('PATCH', /check-runs\/\d+$/)
    expect(completed.body.conclusion).toBe('failure')
    expect(completed.body.output.annotations[0]).toMatchObject({
      path: '.github/launch-policy.yml',
      start_line: 4
    })
  })
})

describe('sticky PR comment', () => {
  it('is created once and edited on later runs, found past the first page', async () => {
    api.comments.set(
      7,
      Array.from({ length: 130 }, (_, i) => ({
        id: i + 1,
        body: `chatter ${i}`,
        user: { login: 'dev' }
      }))
    )
    const workspace = await workspaceWith(FAILING)
    await gate(workspace)
    await writeFile(join(workspace, '.github/launch-policy.yml'), PASSING)
    await gate(workspace)
    const ours = (api.comments.get(7) ?? []).filter(c =>
      c.body.includes('<!-- launch-gate:launch/gate -->')
    )
    expect(ours).toHaveLength(1)
    expect(ours[0].body).toContain('### ✅ launch-gate passed')
    expect(ours[0].body).toContain(
      '[Full run and logs](https://github.com/acme/shop/actions/runs/42)'
    )
    expect(calls('POST', /issues\/7\/comments$/)).toHaveLength(1)
    expect(calls('PATCH', /issues\/comments\/\d+$/)).toHaveLength(1)
    expect(
      calls('GET', /issues\/7\/comments$/).some(
        r => r.query.get('page') === '2'
      )
    ).toBe(true)
  })

  it('lists breached checks first', async () => {
    await gate(await workspaceWith(FAILING))
    const body = api.comments.get(7)?.[0].body ?? ''
    expect(body.indexOf('pricing page')).toBeLessThan(body.indexOf('homepage'))
  })

  it('is skipped with comment: false and on events without a PR', async () => {
    await gate(await workspaceWith(PASSING), { inputs: { comment: 'false' } })
    await gate(await workspaceWith(PASSING), {
      eventName: 'schedule',
      event: {}
    })
    expect(calls('POST', /comments$/)).toHaveLength(0)
  })

  it('goes to the PR of the deployed commit on deployment_status, whose URL is the target', async () => {
    api.pullsForCommit.set(HEAD, [12])
    const run = await gate(await workspaceWith(PASSING), {
      eventName: 'deployment_status',
      event: {
        deployment: { sha: HEAD },
        deployment_status: { state: 'success', environment_url: site.url }
      },
      inputs: { url: '' }
    })
    expect(run.code).toBe(0)
    expect(calls('POST', /check-runs$/)[0].body.head_sha).toBe(HEAD)
    expect(api.comments.get(12)).toHaveLength(1)
    const report = JSON.parse(await readFile(run.outputs.report, 'utf8'))
    expect(report.target).toBe(`${site.url}/`)
  })
})

describe('a token without permissions (fork PRs)', () => {
  it('warns once per permission and the exit code follows the gate', async () => {
    api.failWith('POST', /check-runs$/, 403)
    api.failWith('POST', /comments$/, 403)
    const passing = await gate(await workspaceWith(PASSING))
    expect(passing.code).toBe(0)
    expect(
      passing.stdout.match(
        /::warning::launch-gate could not create the check run \(403\): the token needs `checks: write`/g
      )
    ).toHaveLength(1)
    expect(passing.stdout).toContain(
      '::warning::launch-gate could not post the PR comment (403): the token needs `pull-requests: write`'
    )
    expect(passing.stepSummary).toContain('### ✅ launch-gate passed')
    const failing = await gate(await workspaceWith(FAILING))
    expect(failing.code).toBe(1)
  })
})

describe('policy-ref: base', () => {
  function git(cwd: string, ...args: string[]) {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t'
      }
    }).trim()
  }

  it('enforces the base commit policy when the PR weakens it, and says so', async () => {
    const workspace = await workspaceWith(FAILING)
    git(workspace, 'init', '-q')
    git(workspace, 'add', '.')
    git(workspace, 'commit', '-qm', 'strict policy')
    const base = git(workspace, 'rev-parse', 'HEAD')
    await writeFile(join(workspace, '.github/launch-policy.yml'), PASSING)
    git(workspace, 'commit', '-qam', 'weaken the gate')
    const head = git(workspace, 'rev-parse', 'HEAD')
    const event = {
      pull_request: { number: 7, head: { sha: head }, base: { sha: base } }
    }

    const weakened = await gate(workspace, { event })
    expect(weakened.code).toBe(0)
    const enforced = await gate(workspace, {
      event,
      inputs: { 'policy-ref': 'base' }
    })
    expect(enforced.code).toBe(1)
    const report = JSON.parse(await readFile(enforced.outputs.report, 'utf8'))
    expect(report.notes).toEqual([
      `policy read from the base commit ${base.slice(0, 7)} (policy-ref: base)`,
      'this pull request changes .github/launch-policy.yml: the changes apply once merged'
    ])
    expect(enforced.stepSummary).toContain(
      'this pull request changes .github/launch-policy.yml'
    )
  })

  it('falls back to the contents API when git does not have the base commit', async () => {
    const workspace = await workspaceWith(PASSING)
    api.contents.set(`.github/launch-policy.yml@${BASE}`, FAILING)
    const run = await gate(workspace, { inputs: { 'policy-ref': 'base' } })
    expect(run.code).toBe(1)
    expect(
      calls(
        'GET',
        /contents\/\.github%2Flaunch-policy\.yml$|contents\/\.github\/launch-policy\.yml$/
      )
    ).toHaveLength(1)
  })
})

describe('failure issue for scheduled runs', () => {
  it('opens one issue while failing, updates it, and closes it when the gate passes', async () => {
    const workspace = await workspaceWith(FAILING)
    const nightly = {
      eventName: 'schedule',
      event: {},
      inputs: { 'open-issue': 'true' }
    }
    await gate(workspace, nightly)
    await gate(workspace, nightly)
    expect(api.issues).toHaveLength(1)
    expect(api.issues[0]).toMatchObject({
      state: 'open',
      labels: [{ name: 'launch-gate' }]
    })
    expect(api.issues[0].title).toContain(
      'launch-gate fails: 1 of 2 checks failed'
    )
    await writeFile(join(workspace, '.github/launch-policy.yml'), PASSING)
    await gate(workspace, nightly)
    expect(api.issues[0].state).toBe('closed')
  })
})
