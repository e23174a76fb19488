// The secrets check on hostile repositories and at scale: exact paths with
// spaces, tabs, quotes and non-ASCII (git diff -z); symlinks out of the
// workspace; 100 000 token-shaped matches; the baseline (accept, expire,
// read at the base with policy-ref: base); notes vs findings in the JSON
// report; the `secrets baseline` and `secrets rules` commands.
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  maskable,
  outcome,
  secretsCheck
} from '../../src/checks/secrets/index.ts'
import { scanSource } from '../../src/checks/secrets/scan.ts'
import type { CheckContext, UnitOutcome } from '../../src/checks/types.ts'
import { runGate } from '../../src/engine/gate.ts'
import { commitFileReader } from '../../src/github/policy-at-base.ts'
import { workspaceFileReader } from '../../src/policy/files.ts'
import { renderJson } from '../../src/report/json.ts'
import { renderSarif } from '../../src/report/sarif.ts'
import { runCli } from '../support/cli.ts'
import { policyFrom, testContext } from '../support/context.ts'
import { makeRepo, removeRepos } from '../support/git-repo.ts'
import { plant } from '../support/secrets.ts'

afterAll(removeRepos)

async function runScope(
  yaml: string,
  overrides: Partial<CheckContext>
): Promise<UnitOutcome> {
  const { policy } = policyFrom(`version: 1\nsecrets:\n${yaml}`)
  const [unit] = secretsCheck.units(policy.secrets!, policy)
  const ctx = testContext({
    readPolicyFile: workspaceFileReader(overrides.cwd ?? process.cwd()),
    ...overrides
  })
  try {
    return await unit.run(ctx)
  } finally {
    await ctx.http.close()
  }
}

describe('diff paths', () => {
  it('reports the exact path of files named with spaces, tabs, quotes and non-ASCII', async () => {
    const repo = await makeRepo()
    await repo.write('old name.ts', 'export {}\n')
    const base = await repo.commit('base')
    const names = [
      'dir with space/a b.ts',
      'tab\there.ts',
      'quote"d.ts',
      'ünïcødé/ファイル.ts',
      'back\\slash.ts'
    ]
    for (const name of names)
      await repo.write(name, `const t = '${plant.githubToken()}'\n`)
    await repo.move('old name.ts', 'new name.ts')
    await repo.write(
      'new name.ts',
      `export {}\nconst k = '${plant.googleKey()}'\n`
    )
    const head = await repo.commit('head')
    const result = await runScope('  scope: diff\n', {
      cwd: repo.dir,
      diffRange: { base, head }
    })
    expect(result.findings?.map(f => f.file).sort()).toEqual(
      [...names, 'new name.ts'].sort()
    )
  })
})

describe('repo scope and symlinks', () => {
  it('never reads through a symlinked directory out of the workspace', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'lg-outside-'))
    await writeFile(join(outside, 'creds.txt'), `${plant.githubToken()}\n`)
    const repo = await makeRepo()
    await repo.write('inside/creds.txt', 'nothing here\n')
    await repo.commit('tracked file')
    // The tracked folder is swapped for a link out of the workspace.
    await repo.git('rm', '-q', '--cached', '-r', 'inside')
    await repo.git('add', 'inside/creds.txt')
    await rm(join(repo.dir, 'inside'), { recursive: true })
    await symlink(outside, join(repo.dir, 'inside'))
    const result = await runScope('  scope: repo\n', { cwd: repo.dir })
    expect(result.findings).toEqual([])
    expect(result.notes).toContain(
      'inside/creds.txt: reached through a symlink out of the workspace: not read'
    )
  })
})

describe('scale', () => {
  it('keeps the first findings of 100 000 token-shaped matches, with a note', () => {
    // Random bodies, drawn in bulk (one randomInt per character is slow).
    const bodies = randomBytes(27 * 100_000)
      .toString('base64')
      .replace(/[+/]/g, 'x')
    const lines: string[] = []
    for (let i = 0; i < 100_000; i++)
      lines.push(`${'gh'}${'p_'}${bodies.slice(i * 36, i * 36 + 36)}`)
    const result = scanSource(
      { file: 'tokens.txt', text: lines.join('\n') },
      { allow: [], knownValues: [] }
    )
    expect(result.findings).toHaveLength(1000)
    expect(result.notes).toEqual([
      expect.objectContaining({
        kind: 'truncated',
        message: expect.stringMatching(
          /^9\d{4} more matches past the first 1000 were not listed$/
        )
      })
    ])
    const unit = outcome(
      'repo',
      result.findings,
      result.notes,
      { entries: [], notes: [] },
      { files_scanned: 1 }
    )
    expect(unit.notes).toEqual([
      expect.stringMatching(/^tokens\.txt: 9\d{4} more matches past/)
    ])
  })

  it('says so when a secret on a minified line is not reported', () => {
    const filler = 'function a(b){return b.c+1};'.repeat(60)
    const result = scanSource(
      {
        file: 'app.min.js',
        text: `${filler}var u="https://deploy:${'Zq8'}x${'Lm2'}Pw9@registry.acme.io/";${filler}`
      },
      { allow: [], knownValues: [] }
    )
    expect(result.findings).toEqual([])
    expect(result.notes.map(n => n.message)).toEqual([
      expect.stringContaining(
        '1 possible basic-auth-url match on minified lines'
      )
    ])
  })
})

describe('baseline', () => {
  it('accepts by fingerprint, reports an expired entry again, and is read at the base under policy-ref: base', async () => {
    const repo = await makeRepo()
    const accepted = plant.githubToken()
    const expired = plant.stripeKey()
    const sneaky = plant.googleKey()
    await repo.write(
      'src/a.ts',
      `export const a = '${accepted}'\nexport const b = '${expired}'\n`
    )
    await repo.write(
      '.launch-gate/secrets-baseline.json',
      '{"version":1,"entries":[]}\n'
    )
    await repo.commit('first')
    const written = await runCli(
      ['secrets', 'baseline', '--policy', 'policy.yml'],
      {
        cwd: repo.dir
      }
    ).catch(error => error)
    // No policy yet: a usage error, nothing written.
    expect(written.code).toBe(2)

    await repo.write(
      'policy.yml',
      'version: 1\nsecrets:\n  scope: repo\n  baseline: .launch-gate/secrets-baseline.json\n'
    )
    const cli = await runCli(
      ['secrets', 'baseline', '--policy', 'policy.yml'],
      {
        cwd: repo.dir
      }
    )
    expect(cli.code).toBe(0)
    expect(cli.stdout).toContain(
      'Wrote 2 entries to .launch-gate/secrets-baseline.json'
    )
    const file = join(repo.dir, '.launch-gate/secrets-baseline.json')
    const text = await readFile(file, 'utf8')
    expect(text).not.toContain(accepted)
    expect(text).not.toContain(expired)
    expect(cli.stdout).not.toContain(accepted)
    const baseline = JSON.parse(text) as {
      entries: { rule: string; expires?: string; reason: string }[]
    }
    const stripe = baseline.entries.find(e => e.rule === 'stripe-secret-key')!
    stripe.expires = '2020-01-01'
    stripe.reason = 'test key, rotated by 2020'
    await writeFile(file, JSON.stringify(baseline))
    const base = await repo.commit('baseline')

    const yaml =
      '  scope: repo\n  baseline: .launch-gate/secrets-baseline.json\n'
    const now = await runScope(yaml, { cwd: repo.dir })
    expect(now.findings).toEqual([
      expect.objectContaining({
        rule: 'stripe-secret-key',
        message: expect.stringContaining(
          'its baseline entry expired on 2020-01-01'
        )
      })
    ])
    expect(now.metrics).toMatchObject({ findings: 1, baselined: 1 })
    expect(now.summary).toMatch(
      /^1 secret in tracked files; 1 accepted by the baseline/
    )

    // The PR adds a leak and accepts it in its own copy of the baseline.
    await repo.write('src/b.ts', `export const c = '${sneaky}'\n`)
    await repo.commit('pr leaks')
    await runCli(['secrets', 'baseline', '--policy', 'policy.yml'], {
      cwd: repo.dir
    })
    const head = await repo.commit('pr accepts its own leak')
    const own = await runScope(yaml, { cwd: repo.dir })
    expect(own.findings?.map(f => f.rule)).not.toContain('google-api-key')
    const atBase = await runScope(yaml, {
      cwd: repo.dir,
      readPolicyFile: commitFileReader({ workspace: repo.dir, sha: base })
    })
    expect(atBase.findings?.map(f => f.rule).sort()).toEqual([
      'google-api-key',
      'stripe-secret-key'
    ])
    expect(head).not.toBe(base)
  })

  it('is a check error when the baseline is not valid JSON', async () => {
    const repo = await makeRepo()
    await repo.write('b.json', '{nope')
    await repo.commit('bad')
    await expect(
      runScope('  scope: repo\n  baseline: b.json\n', { cwd: repo.dir })
    ).rejects.toThrow(/secrets baseline b\.json is not JSON/)
  })
})

describe('report', () => {
  it('keeps notes out of findings in the JSON report', async () => {
    const repo = await makeRepo()
    await repo.write('bin.dat', Buffer.from([0, 1, 2, 3]))
    await repo.write('a.ts', `const t = '${plant.githubToken()}'\n`)
    await repo.commit('one')
    const report = await runGate(
      policyFrom('version: 1\nsecrets:\n  scope: repo\n'),
      { env: {}, cwd: repo.dir, log: () => {} }
    )
    const json = JSON.parse(renderJson(report)) as {
      checks: { findings: Record<string, unknown>[]; notes: string[] }[]
    }
    const [check] = json.checks
    expect(check.notes).toEqual(['bin.dat: binary file: not scanned'])
    const [run] = renderSarif(report).runs
    expect(run.tool.driver.rules[0]).toMatchObject({
      id: 'github-token',
      helpUri: expect.stringMatching(/docs\/checks\/secrets\.md#github-token$/),
      help: { text: expect.stringContaining('Revoke the secret') }
    })
    for (const finding of check.findings) {
      expect(finding).toEqual(
        expect.objectContaining({
          rule: 'github-token',
          redacted: expect.any(String),
          fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
          line: 1
        })
      )
    }
  })
})

describe('secrets rules', () => {
  it('lists every rule id with what it finds and a shape', async () => {
    const cli = await runCli(['secrets', 'rules'], { cwd: tmpdir() })
    expect(cli.code).toBe(0)
    for (const id of [
      'generic-credential',
      'connection-string',
      'jwt',
      'supabase-service-role-key',
      'gcp-service-account-key',
      'slack-webhook',
      'discord-bot-token',
      'telegram-bot-token',
      'known-value'
    ]) {
      expect(cli.stdout).toMatch(new RegExp(`^${id} `, 'm'))
    }
  })
})

describe('masking', () => {
  it('registers the whole value, PEM bodies by whole lines, nothing under 8 characters', () => {
    const pem = plant.ecPrivateKey()
    const lines = pem.split('\n')
    const body = lines.filter(l => !l.startsWith('-----'))
    const masks = maskable(pem)
    for (const line of body.filter(l => l.length >= 8))
      expect(masks).toContain(line)
    expect(masks.every(m => m.length >= 8)).toBe(true)
    expect(masks.some(m => m.startsWith('-----'))).toBe(false)
    // JSON-escaped: the whole one-line value and each body line.
    const escaped = lines.join('\\n')
    expect(maskable(escaped)).toEqual(
      expect.arrayContaining([escaped, ...body.filter(l => l.length >= 8)])
    )
    const token = `${'npm'}_${'a1B2'.repeat(9)}`
    expect(maskable(token)).toEqual([token])
    expect(maskable('s3cr3t!')).toEqual([])
  })
})

describe('secrets.paths', () => {
  it('scans untracked build output and logs in a bounded walk, never through symlinks', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'lg-outside-'))
    await writeFile(join(outside, 'leak.log'), `${plant.githubToken()}\n`)
    const repo = await makeRepo()
    await repo.write('src/a.ts', 'export {}\n')
    await repo.commit('one')
    const deployKey = `dk-${plant.githubToken().slice(4)}`
    await repo.write('build.log', `step 3: using ${deployKey}\n`)
    await repo.write('dist/app.js', `var k="${plant.googleKey()}";\n`)
    await repo.write('dist/deep/x.map', `{"t":"${plant.stripeKey()}"}\n`)
    await repo.write('node_modules/pkg/build.log', `${plant.githubToken()}\n`)
    await symlink(outside, join(repo.dir, 'dist/linked'))
    const { policy } = policyFrom(
      'version: 1\nsecrets:\n  scope: off\n  paths: ["build.log", "dist/**"]\n  known_values: [DEPLOY_KEY]\n'
    )
    const units = secretsCheck.units(policy.secrets!, policy)
    const unit = units.find(u => u.name === 'paths')!
    const ctx = testContext({
      cwd: repo.dir,
      env: { DEPLOY_KEY: deployKey },
      readPolicyFile: workspaceFileReader(repo.dir)
    })
    const result = await unit.run(ctx)
    await ctx.http.close()
    expect(
      result.findings?.map(f => `${f.rule} ${f.file}:${f.line}`).sort()
    ).toEqual([
      'google-api-key dist/app.js:1',
      'known-value build.log:1',
      'stripe-secret-key dist/deep/x.map:1'
    ])
    expect(result.summary).toMatch(/^3 secrets in build output and logs/)
    expect(result.metrics).toMatchObject({ files_scanned: 3 })
  })
})

describe('secrets.pii', () => {
  it('reports e-mail addresses when asked, except pii_allow ones and look-alikes', () => {
    const text = [
      'contact: jane.doe@acme.io',
      'from: noreply@acme.io',
      'docs: someone@example.com',
      'img: logo@2x.png, remote: git@github.com:acme/app.git',
      'dep: lodash@4.17.21 and @types/node'
    ].join('\n')
    const pii = { email: true, allow: ['@example.com', 'noreply@'] }
    const { findings } = scanSource(
      { file: 'a.md', text },
      { allow: [], knownValues: [], pii }
    )
    expect(findings.map(f => [f.rule.id, f.secret, f.line])).toEqual([
      ['email-address', 'jane.doe@acme.io', 1]
    ])
    // Off by default.
    expect(
      scanSource({ file: 'a.md', text }, { allow: [], knownValues: [] })
        .findings
    ).toEqual([])
  })
})
