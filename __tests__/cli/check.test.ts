import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePolicy } from '../../src/policy/load.ts'
import { runCli } from '../support/cli.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

let site: TestServer
let dir: string

beforeAll(async () => {
  site = await startServer((req, res) => {
    if (req.url === '/') return res.end('<h1>Sign up</h1>')
    res.writeHead(500)
    res.end()
  })
  dir = await mkdtemp(join(tmpdir(), 'lg-cli-'))
  await writeFile(
    join(dir, 'good.yml'),
    'version: 1\nsmoke:\n  - path: /\n    contains: Sign up\n'
  )
  await writeFile(
    join(dir, 'bad-site.yml'),
    'version: 1\nsmoke:\n  - path: /\n  - name: api\n    path: /api\n'
  )
  await writeFile(
    join(dir, 'typo.yml'),
    'version: 1\nsmoke:\n  - path: /\n    contians: x\n'
  )
})
afterAll(() => site.close())

describe('launch-gate check', () => {
  it('exits 0 and prints the table when every check passes', async () => {
    const run = await runCli(
      [
        'check',
        '--policy',
        'good.yml',
        '--url',
        site.url,
        '--json',
        'out/report.json'
      ],
      { cwd: dir }
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/pass\s+smoke\s+\/\s+200 in \d+ ms/)
    expect(run.stdout).toContain('PASS 1 of 1 checks passed')
    const report = JSON.parse(
      await readFile(join(dir, 'out/report.json'), 'utf8')
    )
    expect(report).toMatchObject({
      version: 1,
      result: 'pass',
      target: `${site.url}/`
    })
    expect(report.checks[0]).toMatchObject({
      kind: 'smoke',
      name: '/',
      status: 'pass'
    })
  })

  it('exits 1 when the gate fails, 0 with --fail-on never', async () => {
    const failed = await runCli(
      ['check', '--policy', 'bad-site.yml', '--url', site.url],
      { cwd: dir }
    )
    expect(failed.code).toBe(1)
    expect(failed.stdout).toMatch(
      /fail\s+smoke\s+api\s+status 500, expected 200\n/
    )
    expect(failed.stdout).toMatch(/FAIL 1 of 2 checks failed \(\d+\.\ds\)/)
    const reportOnly = await runCli(
      [
        'check',
        '--policy',
        'bad-site.yml',
        '--url',
        site.url,
        '--fail-on',
        'never'
      ],
      { cwd: dir }
    )
    expect(reportOnly.code).toBe(0)
  })

  it('exits 2 with file:line:col on an invalid policy, running nothing', async () => {
    const before = site.requests.length
    const run = await runCli(
      ['check', '--policy', 'typo.yml', '--url', site.url],
      { cwd: dir }
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      "typo.yml:4:5: unknown key 'contians' in smoke.0 (did you mean 'contains'?)"
    )
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(site.requests.length).toBe(before)
  })

  it('exits 2 on bad arguments', async () => {
    for (const argv of [
      ['check', '--policy', 'good.yml', '--bogus'],
      ['check', '--policy', 'good.yml', '--checks', 'smok'],
      ['check', '--policy', 'good.yml', '--checks', 'tls'],
      ['check', '--policy', 'good.yml', '--url', 'ftp://x'],
      ['deploy']
    ]) {
      const run = await runCli(argv, { cwd: dir })
      expect(run.code, argv.join(' ')).toBe(2)
    }
    const typo = await runCli(
      ['check', '--policy', 'good.yml', '--checks', 'smok'],
      { cwd: dir }
    )
    expect(typo.stderr).toContain(
      "unknown check kind 'smok' (did you mean 'smoke'?)"
    )
  })

  it('init writes a starter policy that loads, and refuses to overwrite it', async () => {
    const initDir = await mkdtemp(join(tmpdir(), 'lg-init-'))
    expect((await runCli(['init'], { cwd: initDir })).code).toBe(0)
    const text = await readFile(
      join(initDir, '.github/launch-policy.yml'),
      'utf8'
    )
    expect(parsePolicy(text, 'starter.yml', {}).policy.smoke?.[0].name).toBe(
      'homepage'
    )
    const again = await runCli(['init'], { cwd: initDir })
    expect(again.code).toBe(2)
    expect(again.stderr).toContain(
      'already exists (use --force to overwrite it)'
    )
  })
})
