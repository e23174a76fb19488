// The secrets check through the bundled action, on GitHub: findings become
// annotations at the file and line, values are masked, and no raw value
// reaches any channel (log, job summary, JSON, SARIF, check run, comment).
import { readFile, readdir, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { changedFileFromPatch } from '../../src/github/changes.ts'
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts'
import { runAction } from '../support/run-action.ts'
import { plant } from '../support/secrets.ts'

let api: FakeGitHub
beforeEach(async () => {
  api = await startFakeGitHub()
})
afterEach(() => api.close())

const HEAD = 'feed'.padEnd(40, '0')
const BASE = 'beef'.padEnd(40, '0')

describe('secrets on GitHub', () => {
  it('scans the PR through the files API when there is no git checkout, and leaks nowhere', async () => {
    const awsKey = plant.awsKeyId()
    const githubToken = plant.githubToken()
    api.changedFiles.push(
      {
        filename: 'src/config.ts',
        status: 'modified',
        patch: `@@ -10,2 +10,4 @@ export const config = {\n   region: 'eu-west-1',\n+  accessKeyId: '${awsKey}',\n+  token: '${githubToken}',\n   debug: false`
      },
      { filename: 'logo.png', status: 'added' }
    )
    const workspace = await mkdtemp(join(tmpdir(), 'lg-nogit-'))
    await mkdir(join(workspace, '.github'))
    await writeFile(
      join(workspace, '.github/launch-policy.yml'),
      'version: 1\nsecrets:\n  scope: diff\n'
    )

    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      event: {
        pull_request: { number: 3, head: { sha: HEAD }, base: { sha: BASE } }
      },
      inputs: { 'github-token': 'test-token' },
      env: { GITHUB_API_URL: api.url }
    })
    expect(run.code).toBe(1)
    expect(run.outputs.summary).toBe(
      '1 of 1 checks failed: secrets diff 2 secrets in added lines; 1 binary skipped'
    )

    // Findings land at the file and line of the new file, redacted.
    const report = JSON.parse(await readFile(run.outputs.report, 'utf8'))
    const findings = report.checks[0].findings.filter(
      (f: { rule?: string }) => f.rule
    )
    expect(
      findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)
    ).toEqual(['src/config.ts:11', 'src/config.ts:12'])
    expect(findings[0].redacted).toBe(
      `${awsKey.slice(0, 4)}${'*'.repeat(awsKey.length - 8)}${awsKey.slice(-4)}`
    )
    expect(report.checks[0].metrics.range).toBe('beef000..feed000 (GitHub API)')

    const [completed] = api.requests.filter(
      r => r.method === 'PATCH' && /check-runs/.test(r.path)
    )
    expect(completed.body.output.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'src/config.ts',
          start_line: 11,
          annotation_level: 'failure'
        })
      ])
    )
    expect(run.outputs.sarif).toBe(join(workspace, 'launch-gate-report.sarif'))

    // Masked for the runner: each value goes out once, on an ::add-mask:: line.
    expect(run.stdout).toContain(`::add-mask::${awsKey}`)
    const channels = {
      log:
        run.stdout
          .split('\n')
          .filter(line => !line.startsWith('::add-mask::'))
          .join('\n') + run.stderr,
      stepSummary: run.stepSummary,
      outputs: JSON.stringify(run.outputs),
      files: (
        await Promise.all(
          (await readdir(workspace))
            .filter(f => f.startsWith('launch-gate'))
            .map(f => readFile(join(workspace, f), 'utf8'))
        )
      ).join('\n'),
      github: JSON.stringify(api.requests.map(r => r.body ?? null)),
      comments: JSON.stringify([...api.comments.values()])
    }
    expect(channels.files).toContain('src/config.ts')
    expect(channels.comments).toContain('2 secrets in added lines')
    for (const [channel, text] of Object.entries(channels)) {
      for (const secret of [awsKey, githubToken]) {
        expect(text.includes(secret), `${channel} leaks a planted secret`).toBe(
          false
        )
      }
    }
  })
})

describe('secrets baseline under policy-ref: base', () => {
  it('is read at the base: a pull request cannot accept its own leak', async () => {
    const awsKey = plant.awsKeyId()
    api.changedFiles.push({
      filename: 'src/config.ts',
      status: 'modified',
      patch: `@@ -1 +1,2 @@\n keep\n+  accessKeyId: '${awsKey}',`
    })
    const policy =
      'version: 1\nsecrets:\n  scope: diff\n  baseline: .launch-gate/accepted.json\n'
    api.contents.set(`.github/launch-policy.yml@${BASE}`, policy)
    const workspace = await mkdtemp(join(tmpdir(), 'lg-baseline-'))
    await mkdir(join(workspace, '.github'))
    await mkdir(join(workspace, '.launch-gate'))
    await writeFile(join(workspace, '.github/launch-policy.yml'), policy)
    const baseline = (fingerprints: string[]) =>
      writeFile(
        join(workspace, '.launch-gate/accepted.json'),
        JSON.stringify({
          version: 1,
          entries: fingerprints.map(fingerprint => ({
            fingerprint,
            reason: 'the PR says it is fine'
          }))
        })
      )
    const gate = (inputs: Record<string, string> = {}) =>
      runAction({
        workspace,
        eventName: 'pull_request',
        event: {
          pull_request: { number: 3, head: { sha: HEAD }, base: { sha: BASE } }
        },
        inputs: { 'github-token': 'test-token', ...inputs },
        env: { GITHUB_API_URL: api.url }
      })

    await baseline([])
    const found = await gate()
    expect(found.code).toBe(1)
    const report = JSON.parse(await readFile(found.outputs.report, 'utf8'))
    // The pull request accepts its own finding in the checked-out baseline.
    await baseline(
      report.checks[0].findings.map(
        (f: { fingerprint: string }) => f.fingerprint
      )
    )
    expect((await gate()).code).toBe(0)
    const before = api.requests.length
    const enforced = await gate({ 'policy-ref': 'base' })
    expect(enforced.code).toBe(1)
    expect(
      api.requests
        .slice(before)
        .filter(r => r.method === 'GET' && r.path.includes('/contents/'))
        .map(
          r =>
            `${decodeURIComponent(r.path.split('/contents/')[1])}@${r.query.get('ref')}`
        )
    ).toEqual(
      expect.arrayContaining([
        `.github/launch-policy.yml@${BASE}`,
        `.launch-gate/accepted.json@${BASE}`
      ])
    )
  }, 90_000)
})

describe('patches from the API', () => {
  it('numbers added lines as in the new file and keeps removed ones', () => {
    const file = changedFileFromPatch(
      'a.ts',
      'modified',
      '@@ -1,3 +1,3 @@\n keep\n-old\n+new\n keep\n@@ -20 +20,2 @@\n+x\n+y'
    )
    expect(file.added).toEqual([
      { line: 2, text: 'new' },
      { line: 20, text: 'x' },
      { line: 21, text: 'y' }
    ])
    expect(file.removed).toEqual(['old'])
    expect(changedFileFromPatch('b.bin', 'added', undefined).status).toBe(
      'binary'
    )
    expect(changedFileFromPatch('c.ts', 'renamed', '', 'old.ts')).toMatchObject(
      { status: 'renamed', oldPath: 'old.ts' }
    )
  })
})
