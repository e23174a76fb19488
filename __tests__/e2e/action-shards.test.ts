// The action as a runner matrix runs it (§7.6): shard legs that report only
// their shard report, then a merge job that reports once on GitHub.
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts'
import { startServer, type TestServer } from '../support/http-server.ts'
import { runAction } from '../support/run-action.ts'

let site: TestServer
let api: FakeGitHub
let workspace: string

beforeAll(async () => {
  site = await startServer((_, res) => setTimeout(() => res.end('ok'), 5))
  api = await startFakeGitHub()
  workspace = await mkdtemp(join(tmpdir(), 'lg-shards-ws-'))
  await mkdir(join(workspace, '.github'))
  await writeFile(
    join(workspace, '.github/launch-policy.yml'),
    'version: 1\nlatency:\n  - { name: core, paths: [/], concurrency: 2, requests: 30, warmup: 0s, p95: 1ms }\nsmoke:\n  - { path: / }\n'
  )
})
afterAll(async () => {
  await site.close()
  await api.close()
})

const onPullRequest = {
  eventName: 'pull_request',
  event: {
    pull_request: {
      number: 9,
      head: { sha: 'feed'.padEnd(40, '0') },
      base: { sha: 'ba5e'.padEnd(40, '0') }
    }
  }
}

describe('the action, sharded', () => {
  it('runs shard legs silently on GitHub and merges them into one check run and comment', async () => {
    const startAt = new Date().toISOString()
    const legs = await Promise.all(
      [1, 2].map(i =>
        runAction({
          workspace,
          ...onPullRequest,
          inputs: {
            url: site.url,
            'github-token': 't',
            shard: `${i}/2`,
            'start-at': startAt,
            'report-path': `shard-${i}.json`
          },
          env: { GITHUB_API_URL: api.url }
        })
      )
    )
    // Budgets breached (p95 1ms), yet no leg fails, and none talks to GitHub.
    expect(legs.map(l => l.code)).toEqual([0, 0])
    expect(api.requests).toEqual([])
    const report = JSON.parse(
      await readFile(join(workspace, 'shard-1.json'), 'utf8')
    )
    expect(report.shard).toMatchObject({ index: 1, count: 2 })
    expect(report.checks.map((c: { kind: string }) => c.kind)).toEqual([
      'latency'
    ])
    expect(report.checks[0].metrics.histogram).toMatch(/^HISTF/)

    // The merge job: the artifacts in a folder, no policy file needed.
    const mergeWs = await mkdtemp(join(tmpdir(), 'lg-merge-ws-'))
    await mkdir(join(mergeWs, 'shards'))
    for (const i of [1, 2]) {
      await copyFile(
        join(workspace, `shard-${i}.json`),
        join(mergeWs, 'shards', `shard-${i}.json`)
      )
    }
    const merged = await runAction({
      workspace: mergeWs,
      ...onPullRequest,
      inputs: { 'github-token': 't', merge: 'shards/*.json' },
      env: { GITHUB_API_URL: api.url }
    })
    expect(merged.code).toBe(1)
    expect(merged.outputs.result).toBe('fail')
    expect(merged.outputs.summary).toMatch(
      /^1 of 1 checks failed: latency core p95/
    )
    const completed = api.requests.find(
      r => r.method === 'PATCH' && /check-runs\/\d+$/.test(r.path)
    )
    expect(completed?.body.conclusion).toBe('failure')
    expect(api.comments.get(9)).toHaveLength(1)
    const final = JSON.parse(await readFile(merged.outputs.report, 'utf8'))
    expect(final.checks[0].metrics).toMatchObject({ requests: 30, shards: 2 })
  })

  it('needs start-at for more than one shard, and refuses shard with merge', async () => {
    const noStart = await runAction({
      workspace,
      inputs: { url: site.url, shard: '1/3' }
    })
    expect(noStart.code).toBe(2)
    expect(noStart.stdout).toContain('shard 1/3 needs start-at')
    const both = await runAction({
      workspace,
      inputs: { shard: '1/1', merge: '*.json' }
    })
    expect(both.code).toBe(2)
    expect(both.stdout).toContain('shard and merge are separate runs')
  })
})
