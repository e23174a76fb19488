import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getOctokit } from '@actions/github'
import { createClient, type Octokit } from '../../src/github/client.ts'
import {
  BranchHistoryStore,
  historyFileName
} from '../../src/github/history-branch.ts'
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts'
import { fakeGitData, type FakeGitData } from '../support/fake-git-data.ts'

const BRANCH = 'launch-gate-history'
const KEY = '.github/workflows/nightly.yml/gate/.github/launch-policy.yml'

let api: FakeGitHub
let git: FakeGitData
let warnings: string[]

beforeEach(async () => {
  git = fakeGitData()
  api = await startFakeGitHub({ routes: [git.route] })
  warnings = []
})
afterEach(() => api.close())

// Octokit without the client's plugins: the throttling plugin spaces writes
// 1 s apart across the process. One test uses the real client (retries).
function store(
  key = KEY,
  octokit: Octokit = getOctokit('t', { baseUrl: api.url })
) {
  return new BranchHistoryStore({
    octokit,
    repo: { owner: 'acme', repo: 'shop' },
    branch: BRANCH,
    key,
    author: 'github-actions[bot]',
    warn: message => warnings.push(message)
  })
}

const append = (line: string) => (text: string) => `${text}${line}\n`
const file = historyFileName(KEY)

describe('history on a data branch', () => {
  it('creates the orphan branch on first use, then reads and writes in 3 calls a run', async () => {
    const first = store()
    expect(await first.read()).toBe('')
    await first.update(append('one'))
    expect(git.fileAt(BRANCH, file)).toBe('one\n')
    // first run: the read (404) and tree, commit, ref
    expect(api.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/shop/commits',
      'POST /repos/acme/shop/git/trees',
      'POST /repos/acme/shop/git/commits',
      'POST /repos/acme/shop/git/refs'
    ])

    for (const line of ['two', 'three']) {
      api.requests.length = 0
      const run = store()
      const text = await run.read()
      await run.update(append(line))
      expect(text.endsWith('\n')).toBe(true)
      expect(api.requests.map(r => `${r.method} ${r.path}`)).toEqual([
        'GET /repos/acme/shop/commits',
        `GET /repos/acme/shop/contents/${file}`,
        `PUT /repos/acme/shop/contents/${file}`
      ])
    }
    expect(git.fileAt(BRANCH, file)).toBe('one\ntwo\nthree\n')
    expect(warnings).toEqual([])
  })

  it('keeps one file per gate key on the same branch', async () => {
    const a = store()
    await a.read()
    await a.update(append('a'))
    const b = store(`${KEY}/preview`)
    expect(await b.read()).toBe('')
    await b.update(append('b'))
    expect(git.fileAt(BRANCH, file)).toBe('a\n')
    expect(git.fileAt(BRANCH, historyFileName(`${KEY}/preview`))).toBe('b\n')
  })

  it('concurrent writers: the one that read a stale sha gets 409, reads again and keeps both records', async () => {
    const seed = store()
    await seed.read()
    await seed.update(append('seed'))
    const [a, b] = [store(), store()]
    await a.read()
    await b.read()
    await a.update(append('a'))
    await b.update(append('b'))
    expect(git.fileAt(BRANCH, file)).toBe('seed\na\nb\n')
    const puts = api.requests.filter(r => r.method === 'PUT')
    expect(puts).toHaveLength(3)
  })

  it('two first runs racing to create the branch: the loser writes on top', async () => {
    const [a, b] = [store(), store()]
    await a.read()
    await b.read()
    await a.update(append('a'))
    await b.update(append('b'))
    expect(git.fileAt(BRANCH, file)).toBe('a\nb\n')
  })

  it('gives up after 3 attempts when the file keeps moving', async () => {
    const seed = store()
    await seed.read()
    await seed.update(append('seed'))
    api.failWith('PUT', /\/contents\//, 409)
    // the real client: its retry plugin must not resend a conflict
    const run = store(
      KEY,
      createClient({ token: 't', baseUrl: api.url, log: () => {} })
    )
    await run.read()
    await expect(run.update(append('x'))).rejects.toMatchObject({
      status: 409
    })
    expect(api.requests.filter(r => r.method === 'PUT')).toHaveLength(3)
  })

  it('does not trust a file last committed by someone else, and starts it over', async () => {
    const seed = store()
    await seed.read()
    await seed.update(append('{"good":1}'))
    git.commitAs('mallory', BRANCH, file, '{"forged":1}\n')
    const run = store()
    expect(await run.read()).toBe('')
    expect(warnings).toEqual([
      expect.stringContaining(
        "last written by 'mallory', not the gate author 'github-actions[bot]': ignored"
      )
    ])
    await run.update(append('{"fresh":1}'))
    expect(git.fileAt(BRANCH, file)).toBe('{"fresh":1}\n')
  })

  it('a missing permission is one error naming contents: write', async () => {
    api.failWith('PUT', /\/contents\//, 403)
    const seed = store()
    await seed.read()
    await seed.update(append('a'))
    const run = store()
    await run.read()
    await expect(run.update(append('b'))).rejects.toThrow(
      'the token may not write to the repository (403): give the job `contents: write`'
    )
  })

  it('reads past the 1 MB limit of the JSON contents answer (raw media type)', async () => {
    const big = `${'x'.repeat(1_200_000)}\n`
    const seed = store()
    await seed.read()
    await seed.update(() => big)
    const run = store()
    expect((await run.read()).length).toBe(big.length)
    await run.update(append('y'))
    expect(git.fileAt(BRANCH, file)?.endsWith('y\n')).toBe(true)
  })
})
