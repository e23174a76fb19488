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
import { runAction, type ActionRunOptions } from '../support/run-action.ts'

const HEAD = 'c0ffee'.padEnd(40, '0')
const BASE = 'ba5e'.padEnd(40, '0')
/** The gate key's marker (§7.0): workflow file, job, policy path. */
const MARKER =
  '<!-- launch-gate:acme/shop/.github/workflows/launch.yml/gate/.github/launch-policy.yml -->'
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
      GITHUB_WORKFLOW_REF:
        'acme/shop/.github/workflows/launch.yml@refs/pull/7/merge',
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
      c.body.startsWith(MARKER)
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
    api.pullsForCommit.set(HEAD, [{ number: 12, base: BASE }])
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

describe('outside text in the log', () => {
  it('an API error text or a payload field cannot write a workflow command', async () => {
    const hostile =
      'nope\n::stop-commands::pwned\r::error::forged\n  ::add-mask::fail'
    api.failWith('POST', /comments$/, 422, 1, hostile)
    const run = await gate(await workspaceWith(PASSING))
    const deployment = await gate(await workspaceWith(PASSING), {
      eventName: 'deployment_status',
      event: {
        deployment: { sha: HEAD },
        deployment_status: { state: `queued${hostile}` }
      }
    })
    for (const { stdout } of [run, deployment]) {
      const lines = stdout.split(/\r\n|\r|\n/)
      expect(
        lines.filter(l => /^\s*::(stop-commands|add-mask)/.test(l))
      ).toEqual([])
      expect(lines.filter(l => /^\s*::error::forged/.test(l))).toEqual([])
    }
    expect(run.stdout).toContain('could not post the PR comment')
    expect(deployment.outputs.summary).not.toMatch(/[\r\n]/)
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

  const readReport = async (run: { outputs: Record<string, string> }) =>
    JSON.parse(await readFile(run.outputs.report, 'utf8'))
  const contentReads = () => calls('GET', /\/contents\//)

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
    expect((await readReport(enforced)).notes).toEqual([
      `policy read from the pull request's base ${base.slice(0, 7)} (policy-ref: base), as is every file it names`,
      "the checked-out .github/launch-policy.yml differs from the pull request's base: its changes apply once merged"
    ])
    expect(enforced.stepSummary).toContain(
      'the checked-out .github/launch-policy.yml differs'
    )
  })

  it('falls back to the contents API when git does not have the base commit', async () => {
    const workspace = await workspaceWith(PASSING)
    api.contents.set(`.github/launch-policy.yml@${BASE}`, FAILING)
    const run = await gate(workspace, { inputs: { 'policy-ref': 'base' } })
    expect(run.code).toBe(1)
    expect(contentReads()).toHaveLength(1)
  })

  it("on deployment_status reads the policy at the base of the deployment's PR (commits/{sha}/pulls)", async () => {
    api.pullsForCommit.set(HEAD, [{ number: 12, base: BASE }])
    api.contents.set(`.github/launch-policy.yml@${BASE}`, FAILING)
    const run = await gate(await workspaceWith(PASSING), {
      eventName: 'deployment_status',
      event: {
        deployment: { sha: HEAD },
        deployment_status: { state: 'success', environment_url: site.url }
      },
      inputs: { url: '', 'policy-ref': 'base' }
    })
    expect(run.code).toBe(1)
    // One look-up serves both the policy's base and the comment.
    expect(calls('GET', new RegExp(`commits/${HEAD}/pulls$`))).toHaveLength(1)
    expect(contentReads().map(r => r.query.get('ref'))).toEqual([BASE])
    expect((await readReport(run)).notes[0]).toBe(
      "policy read from the deployment's base ba5e000 (policy-ref: base), as is every file it names"
    )
    expect(api.comments.get(12)?.[0].body).toContain('pricing page')
  })

  it('on deployment_status without a PR reads the deployed commit when the default branch has it', async () => {
    api.onDefaultBranch.add(HEAD)
    api.contents.set(`.github/launch-policy.yml@${HEAD}`, FAILING)
    const run = await gate(await workspaceWith(PASSING), {
      eventName: 'deployment_status',
      event: {
        deployment: { sha: HEAD },
        deployment_status: { state: 'success', environment_url: site.url }
      },
      inputs: { url: '', 'policy-ref': 'base' }
    })
    expect(run.code).toBe(1)
    expect(contentReads().map(r => r.query.get('ref'))).toEqual([HEAD])
  })

  it('on schedule reads the default branch head', async () => {
    api.contents.set(
      `.github/launch-policy.yml@${api.defaultBranch.sha}`,
      FAILING
    )
    const run = await gate(await workspaceWith(PASSING), {
      eventName: 'schedule',
      event: {},
      inputs: { 'policy-ref': 'base' }
    })
    expect(run.code).toBe(1)
    expect(calls('GET', /branches\/main$/)).toHaveLength(1)
    expect(contentReads().map(r => r.query.get('ref'))).toEqual([
      api.defaultBranch.sha
    ])
  })

  // Each: no check runs, the report says why, exit 1 even with fail-on never.
  const unresolvable: [string, Partial<ActionRunOptions>, RegExp][] = [
    [
      'a deployment with no PR, off the default branch',
      {
        eventName: 'deployment_status',
        event: {
          deployment: { sha: HEAD },
          deployment_status: { state: 'success', environment_url: 'x' }
        }
      },
      /has no pull request and is not on the default branch/
    ],
    [
      'a push that created the branch',
      { eventName: 'push', event: { before: '0'.repeat(40), after: HEAD } },
      /this push created the branch/
    ],
    [
      'a base commit neither git nor the API has',
      {},
      /cannot read the base commit ba5e000: GitHub answered 422/
    ],
    [
      'a base without the policy',
      { event: pullRequestEvent },
      /\.github\/launch-policy\.yml does not exist at the pull request's base/
    ],
    [
      'a scheduled run without a token',
      { eventName: 'schedule', event: {}, inputs: { 'github-token': '' } },
      /on schedule it is looked up with the GitHub API, and there is no token/
    ],
    [
      'an event with no base',
      { eventName: 'issue_comment', event: {} },
      /'issue_comment' events have no base/
    ]
  ]
  it.each(unresolvable)('fails closed on %s', async (what, options, reason) => {
    if (what === 'a base without the policy') {
      api.contents.set(`README.md@${BASE}`, 'the base exists')
    }
    // The checked-out policy would pass: it must not be used instead.
    const run = await gate(await workspaceWith(PASSING), {
      ...options,
      inputs: {
        'policy-ref': 'base',
        'fail-on': 'never',
        ...options.inputs
      }
    })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('fail')
    const report = await readReport(run)
    expect(report.error).toMatch(reason)
    expect(report.checks).toEqual([])
    expect(run.stdout).toMatch(/::error::cannot judge this run: /)
    expect(run.stepSummary).toContain('Cannot judge this run:')
    const completed = calls('PATCH', /check-runs\/\d+$/)
    if (options.inputs?.['github-token'] !== '') {
      expect(completed).toHaveLength(1)
      expect(completed[0].body.conclusion).toBe('failure')
      expect(completed[0].body.output.summary).toContain(
        'Cannot judge this run:'
      )
    }
  })
})

describe('gate author (§7.0)', () => {
  const forged = (id: number, login: string) => ({
    id,
    body: `${MARKER}\nforged: all checks passed`,
    user: { login }
  })

  it("never edits someone else's comment that copies the marker", async () => {
    api.comments.set(7, [forged(1, 'mallory')])
    const workspace = await workspaceWith(FAILING)
    await gate(workspace)
    await gate(workspace)
    const [mallory, ours, ...rest] = api.comments.get(7) ?? []
    expect(mallory.body).toContain('forged')
    expect(ours.user.login).toBe('github-actions[bot]')
    expect(ours.body.startsWith(MARKER)).toBe(true)
    expect(rest).toEqual([])
    expect(calls('PATCH', /issues\/comments\/\d+$/).map(r => r.path)).toEqual([
      `/repos/acme/shop/issues/comments/${ours.id}`
    ])
  })

  it("is the app of the token's check run: an App token leaves github-actions[bot]'s comment alone", async () => {
    api.appSlug = 'launch-gate-app'
    api.comments.set(7, [forged(1, 'github-actions[bot]')])
    await gate(await workspaceWith(FAILING))
    const [theirs, ours] = api.comments.get(7) ?? []
    expect(theirs.body).toContain('forged')
    expect(ours.user.login).toBe('launch-gate-app[bot]')
  })

  it('unknown when the check run cannot be created: a new comment, never an edit', async () => {
    api.failWith('POST', /check-runs$/, 403)
    api.comments.set(7, [forged(1, 'github-actions[bot]')])
    const run = await gate(await workspaceWith(PASSING))
    expect(run.code).toBe(0)
    expect(calls('PATCH', /issues\/comments/)).toEqual([])
    expect(api.comments.get(7)).toHaveLength(2)
    expect(run.stdout).toContain(
      'launch-gate does not know its own login (no check run)'
    )
  })

  it("never edits or closes someone else's issue that copies the marker", async () => {
    const nightly = {
      eventName: 'schedule',
      event: {},
      inputs: { 'open-issue': 'true' }
    }
    const workspace = await workspaceWith(FAILING)
    const issueMarker =
      '<!-- launch-gate:issue:acme/shop/.github/workflows/launch.yml/gate/.github/launch-policy.yml -->'
    api.issues.push({
      number: 1,
      title: 'forged',
      body: `${issueMarker}\nforged`,
      state: 'open',
      labels: [{ name: 'launch-gate' }],
      user: { login: 'mallory' }
    })
    await gate(workspace, nightly)
    expect(api.issues.map(i => [i.user.login, i.state])).toEqual([
      ['mallory', 'open'],
      ['github-actions[bot]', 'open']
    ])
    await writeFile(join(workspace, '.github/launch-policy.yml'), PASSING)
    await gate(workspace, nightly)
    expect(api.issues.map(i => [i.title, i.state])).toEqual([
      ['forged', 'open'],
      [expect.stringContaining('launch-gate fails'), 'closed']
    ])
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
