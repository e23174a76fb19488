// Files the policy names, read at the base commit from a real git
// repository: present, missing, outside the repository, or unreadable.
import { afterAll, describe, expect, it } from 'vitest'
import { CannotJudgeError, CheckError } from '../../src/errors.ts'
import {
  commitFileReader,
  resolvePolicyBase
} from '../../src/github/policy-at-base.ts'
import { parseEvent } from '../../src/github/context.ts'
import { workspaceFileReader } from '../../src/policy/files.ts'
import { makeRepo, removeRepos } from '../support/git-repo.ts'

afterAll(removeRepos)

describe('policy-named files at the base commit', () => {
  it('reads the base version, not the checkout; a file the base lacks is undefined', async () => {
    const repo = await makeRepo()
    await repo.write('budgets/latency.json', '{"p95": 300}')
    const base = await repo.commit('base')
    await repo.write('budgets/latency.json', '{"p95": 9000}')
    await repo.write('new.json', '{}')
    await repo.commit('weaken')

    const atBase = commitFileReader({ workspace: repo.dir, sha: base })
    expect(await atBase('./budgets/latency.json')).toBe('{"p95": 300}')
    expect(await atBase('new.json')).toBeUndefined()
    expect(await workspaceFileReader(repo.dir)('new.json')).toBe('{}')
    for (const read of [atBase, workspaceFileReader(repo.dir)]) {
      await expect(read('../outside.json')).rejects.toBeInstanceOf(CheckError)
      await expect(read('/etc/passwd')).rejects.toBeInstanceOf(CheckError)
    }
  })

  it('cannot judge when neither git nor the API has the commit', async () => {
    const repo = await makeRepo()
    await repo.write('a', 'a')
    await repo.commit('only')
    const read = commitFileReader({ workspace: repo.dir, sha: 'f'.repeat(40) })
    await expect(read('a')).rejects.toBeInstanceOf(CannotJudgeError)
  })
})

describe('the base of an event', () => {
  const event = (name: string, payload: unknown) =>
    parseEvent(name, payload, { repository: 'acme/shop' })

  it('is the PR base, or the commit before a push', async () => {
    const sha = 'b'.repeat(40)
    expect(
      await resolvePolicyBase(
        event('pull_request_target', {
          pull_request: { base: { sha }, head: { sha: 'c'.repeat(40) } }
        }),
        undefined
      )
    ).toEqual({ sha, why: "the pull request's base" })
    expect(
      await resolvePolicyBase(
        event('push', { before: sha, after: 'c'.repeat(40) }),
        undefined
      )
    ).toEqual({ sha, why: 'the commit before the push' })
  })

  it('refuses what is not a commit id, so nothing else reaches git', async () => {
    await expect(
      resolvePolicyBase(
        event('pull_request', {
          pull_request: { base: { sha: '--upload-pack=evil' } }
        }),
        undefined
      )
    ).rejects.toThrow(/no valid commit id/)
  })
})
