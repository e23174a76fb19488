// `init --url`: a starter policy fitted to a site from a handful of requests,
// that passes against that site and fails against its broken twin.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_PROBES } from '../../src/cli/fit-policy.ts'
import { parsePolicy } from '../../src/policy/load.ts'
import { runCli } from '../support/cli.ts'
import { startFitSite } from '../support/fit-site.ts'
import { makeRepo, removeRepos } from '../support/git-repo.ts'
import type { TestServer } from '../support/http-server.ts'

let site: TestServer
let broken: TestServer
let dir: string

beforeAll(async () => {
  site = await startFitSite()
  broken = await startFitSite(true)
  // The fitted policy scans the diff: the gate runs in a repository.
  const repo = await makeRepo()
  await repo.write('README.md', 'site\n')
  await repo.commit('first')
  dir = repo.dir
})
afterAll(async () => {
  await site.close()
  await broken.close()
  await removeRepos()
})

describe('launch-gate init --url', () => {
  it('fits a policy to the site that passes there and fails on its broken twin', async () => {
    const init = await runCli(['init', '--url', site.url], { cwd: dir })
    expect(init.code).toBe(0)
    expect(site.requests.length).toBeGreaterThan(0)
    expect(site.requests.length).toBeLessThanOrEqual(MAX_PROBES)
    const text = await readFile(join(dir, '.github/launch-policy.yml'), 'utf8')
    expect(text).toMatch(
      /^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/launch-gate@\d+\.\d+\.\d+\/schema\/launch-policy\.schema\.json\n/
    )
    const { policy } = parsePolicy(text, 'fitted.yml', {})
    expect(policy.smoke?.[0]).toMatchObject({
      name: 'homepage',
      path: '/',
      status: 200,
      contains: 'Acme Widgets'
    })
    expect(policy.headers).toMatchObject({
      require: [
        'content-security-policy',
        'x-content-type-options',
        'referrer-policy'
      ],
      forbid: ['x-powered-by', 'x-aspnet-version']
    })
    expect(policy.cache).toEqual([
      expect.objectContaining({
        path: '/assets/app.css',
        expect: 'public',
        min_max_age: 365 * 86_400
      }),
      expect.objectContaining({ path: '/', expect: 'private' })
    ])
    expect(policy.latency?.[0]).toMatchObject({ paths: ['/'], rate: 5 })
    expect(policy.secrets).toMatchObject({ scope: 'diff' })

    const pass = await runCli(['check'], { cwd: dir })
    expect(pass.stdout).toContain('PASS')
    expect(pass.code).toBe(0)
    const fail = await runCli(['check', '--url', broken.url], { cwd: dir })
    expect(fail.code).toBe(1)
    expect(fail.stdout).toMatch(/fail\s+smoke\s+homepage\s+status 500/)
    expect(fail.stdout).toMatch(/fail\s+headers/)
    expect(fail.stdout).toMatch(/fail\s+cache/)
  })

  it('without --url writes the commented starter', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'lg-starter-'))
    expect((await runCli(['init'], { cwd: plain })).code).toBe(0)
    const text = await readFile(
      join(plain, '.github/launch-policy.yml'),
      'utf8'
    )
    expect(text.split('\n')[0]).toMatch(
      /^# yaml-language-server: \$schema=https:/
    )
  })

  it('says so when the site does not answer', async () => {
    const run = await runCli(
      ['init', '--url', 'http://127.0.0.1:9/', '--policy', 'down.yml'],
      { cwd: dir }
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      'launch-gate: http://127.0.0.1:9/ did not answer; run init without --url for the generic starter\n'
    )
  })
})
