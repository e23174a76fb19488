// The action from src/ as the runner starts it, gating a deploy on the
// release it is about: the pushed sha (GITHUB_SHA), or on pull_request the
// PR head, never the merge commit.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Report } from '../../src/report/model.ts'
import { startServer, type TestServer } from '../support/http-server.ts'
import { runAction } from '../support/run-action.ts'

const OLD = '0ld'.padEnd(40, '0')
const PUSHED = '3f2a9c1'.padEnd(40, 'c')

let site: TestServer | undefined
afterEach(() => site?.close())

/** Serves release `OLD` for the first `switchAfter` requests, then `next`. */
async function deploying(next: string, switchAfter: number) {
  let asked = 0
  site = await startServer((req, res) => {
    const release = asked++ >= switchAfter ? next : OLD
    if (req.url === '/api/version') {
      res.writeHead(200, { 'content-type': 'application/json' })
      return res.end(JSON.stringify({ sha: release }))
    }
    res.end(`release ${release}`)
  })
  return site
}

async function workspaceWith(policy: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lg-deploy-'))
  await writeFile(join(dir, 'policy.yml'), policy)
  return dir
}

const POLICY = `version: 1
defaults:
  wait:
    until: { path: /api/version, json: { sha: "\${GITHUB_SHA}" } }
smoke:
  - name: new release
    path: /
    contains: "release {{sha}}"
`

async function reportOf(workspace: string): Promise<Report> {
  return JSON.parse(
    await readFile(join(workspace, 'launch-gate-report.json'), 'utf8')
  )
}

describe('post-deploy gate', () => {
  it('waits for the pushed sha (GITHUB_SHA in the policy), then checks the new release', async () => {
    const target = await deploying(PUSHED, 2)
    const workspace = await workspaceWith(POLICY)
    const run = await runAction({
      workspace,
      inputs: { url: target.url, policy: 'policy.yml', wait: '1m' },
      env: { GITHUB_SHA: PUSHED }
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('pass')
    expect(run.stdout).toContain(
      `Waiting up to 1m for /api/version to report ${PUSHED}`
    )
    const report = await reportOf(workspace)
    expect(report.waited).toMatchObject({
      for: `/api/version to report ${PUSHED}`,
      met: true
    })
    expect(report.duration_ms).toBeGreaterThanOrEqual(report.waited?.ms ?? 0)
    expect(run.stepSummary).toMatch(
      new RegExp(`waited \\d+s for /api/version to report ${PUSHED}`)
    )
  })

  it('cannot judge a release that never shows: exit 1 even with fail-on never', async () => {
    const target = await deploying(PUSHED, Infinity)
    const workspace = await workspaceWith(POLICY)
    const run = await runAction({
      workspace,
      inputs: {
        url: target.url,
        policy: 'policy.yml',
        wait: '2s',
        'fail-on': 'never'
      },
      env: { GITHUB_SHA: PUSHED }
    })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('fail')
    expect(run.outputs.summary).toMatch(
      new RegExp(
        `^cannot judge this run: waited \\d+s for /api/version to report ${PUSHED}: not seen within 2s \\(\\d attempts\\); last answer: JSON at \\$\\.sha: expected "${PUSHED}", got "${OLD}"$`
      )
    )
    const report = await reportOf(workspace)
    expect(report.checks.map(c => c.status)).toEqual(['skip'])
    expect(target.requests.every(r => r.path === '/api/version')).toBe(true)
  })

  it('on pull_request, {{sha}} is the PR head, not the merge commit', async () => {
    const head = 'bead'.padEnd(40, '1')
    const target = await deploying(head, 1)
    const workspace = await workspaceWith(`version: 1
defaults:
  wait:
    for: 1m
    until: { path: /api/version, json: { sha: "{{sha}}" } }
smoke:
  - path: /
    contains: "release {{sha7}}"
`)
    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      event: {
        pull_request: {
          number: 3,
          head: { sha: head },
          base: { sha: 'ba5e'.padEnd(40, '2') }
        }
      },
      inputs: { url: target.url, policy: 'policy.yml', comment: 'false' },
      env: { GITHUB_SHA: 'merge'.padEnd(40, '3') }
    })
    expect(run.code).toBe(0)
    expect((await reportOf(workspace)).waited?.for).toBe(
      `/api/version to report ${head}`
    )
  })
})
