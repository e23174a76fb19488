import { CheckError } from '../../src/errors.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secretsCheck } from '../../src/checks/secrets/index.ts'
import type { Finding, UnitOutcome } from '../../src/checks/types.ts'
import {
  makeRepo,
  removeRepos,
  shallowClone,
  type GitRepo
} from '../support/git-repo.ts'
import { policyFrom, testContext } from '../support/context.ts'
import { plant } from '../support/secrets.ts'

const secrets = {
  oldToken: plant.githubToken(),
  oldStripe: plant.stripeKey(),
  deleted: plant.githubToken(),
  awsId: plant.awsKeyId(),
  google: plant.googleKey(),
  latin1Token: plant.githubToken(),
  binaryToken: plant.githubToken(),
  allowed: plant.githubToken(),
  fixture: plant.githubToken(),
  ecKey: plant.ecPrivateKey()
}

let repo: GitRepo
let base: string
let head: string

beforeAll(async () => {
  repo = await makeRepo()
  await repo.write(
    'config/old.env',
    `OLD_TOKEN=${secrets.oldToken}\nPORT=3000\n`
  )
  await repo.write('src/app.ts', `export const a = 1\nexport const b = 2\n`)
  await repo.write(
    'moved.ts',
    `// legacy\nconst legacy = '${secrets.oldStripe}'\nexport {}\n`
  )
  await repo.write('remove-me.ts', `const gone = '${secrets.deleted}'\n`)
  base = await repo.commit('base with an old secret')

  // The old secret stays on an edited line: not this change's doing.
  await repo.write(
    'config/old.env',
    `OLD_TOKEN=${secrets.oldToken} # rotate soon\nPORT=3000\n`
  )
  await repo.write(
    'src/app.ts',
    `export const a = 1\nexport const b = 2\nconst id = '${secrets.awsId}'\nconst ok = '${secrets.allowed}' // launch-gate:allow\n`
  )
  await repo.move('moved.ts', 'lib/moved.ts')
  await repo.write(
    'lib/moved.ts',
    `// legacy\nconst legacy = '${secrets.oldStripe}'\nexport {}\nexport const maps = "${secrets.google}"\n`
  )
  await repo.remove('remove-me.ts')
  await repo.write(
    'assets/logo.png',
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
      Buffer.from(secrets.binaryToken)
    ])
  )
  await repo.write(
    'legacy/latin1.txt',
    Buffer.concat([
      Buffer.from('caf\xe9 cr\xe8me\n', 'latin1'),
      Buffer.from(`token=${secrets.latin1Token}\n`)
    ])
  )
  await repo.write('keys/ec.pem', `# deploy key\n${secrets.ecKey}\n`)
  await repo.write('test/fixtures/token.txt', `${secrets.fixture}\n`)
  head = await repo.commit('head adds new secrets')
})
afterAll(removeRepos)

async function runScope(
  yaml: string,
  ctxOverrides: Parameters<typeof testContext>[0]
): Promise<UnitOutcome> {
  const { policy } = policyFrom(`version: 1\nsecrets:\n${yaml}`)
  const [unit] = secretsCheck.units(policy.secrets!, policy)
  const ctx = testContext(ctxOverrides)
  try {
    return await unit.run(ctx)
  } finally {
    await ctx.http.close()
  }
}

const secretFindings = (outcome: UnitOutcome) =>
  (outcome.findings ?? [])
    .filter(f => f.severity !== 'warning')
    .map(({ rule, file, line }) => ({ rule, file, line }))
const notes = (outcome: UnitOutcome) => outcome.notes ?? []

const expectedDiff = [
  { rule: 'private-key', file: 'keys/ec.pem', line: 2 },
  { rule: 'github-token', file: 'legacy/latin1.txt', line: 2 },
  { rule: 'google-api-key', file: 'lib/moved.ts', line: 4 },
  { rule: 'aws-access-key-id', file: 'src/app.ts', line: 3 }
]

const byPlace = (
  a: { file?: string; line?: number },
  b: { file?: string; line?: number }
) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0)

describe('secrets diff scope on a real repository', () => {
  it('reports only secrets on added lines, numbered as in the new file', async () => {
    const outcome = await runScope(
      `  scope: diff\n  exclude: ["**/fixtures/**"]\n`,
      {
        cwd: repo.dir,
        diffRange: { base, head }
      }
    )
    expect(outcome.ok).toBe(false)
    expect(secretFindings(outcome).sort(byPlace)).toEqual(expectedDiff)
    expect(outcome.summary).toMatch(
      /^4 secrets in added lines; 1 binary skipped, 1 non-UTF-8 read as Latin-1$/
    )
    expect(notes(outcome).sort()).toEqual([
      'assets/logo.png: binary file: not scanned',
      'legacy/latin1.txt: not UTF-8: read as Latin-1'
    ])
    expect(outcome.metrics).toMatchObject({
      renamed: 1,
      deleted: 1,
      findings: 4,
      already_in_base: 1
    })
    expect(outcome.secretValues).toEqual(
      expect.arrayContaining([
        secrets.awsId,
        secrets.google,
        secrets.latin1Token
      ])
    )
    expect(outcome.secretValues).not.toContain(secrets.oldToken)
    // The allow comment is on a line this change adds: it accepts nothing,
    // the finding stays visible as advice.
    expect(outcome.findings?.filter(f => f.severity === 'warning')).toEqual([
      expect.objectContaining({
        rule: 'github-token',
        file: 'src/app.ts',
        line: 4,
        message: expect.stringContaining(
          'with an allow comment this change adds: that does not accept it'
        )
      })
    ])
  })

  it('redacts and fingerprints each finding', async () => {
    const outcome = await runScope(`  scope: diff\n`, {
      cwd: repo.dir,
      diffRange: { base, head }
    })
    const aws = outcome.findings?.find(
      f => f.rule === 'aws-access-key-id'
    ) as Finding
    expect(aws.redacted).toBe(
      `${secrets.awsId.slice(0, 4)}************${secrets.awsId.slice(-4)}`
    )
    expect(aws.message).toBe(
      'AWS access key id in added lines: revoke it, then load it from a secret store instead of the code'
    )
    const again = await runScope(`  scope: diff\n`, {
      cwd: repo.dir,
      diffRange: { base, head }
    })
    expect(again.findings?.map(f => f.fingerprint)).toEqual(
      outcome.findings?.map(f => f.fingerprint)
    )
    expect(JSON.stringify(outcome.findings)).not.toContain(secrets.awsId)
  })

  it('uses HEAD~1..HEAD without an event range', async () => {
    const outcome = await runScope(
      `  scope: diff\n  exclude: ["**/fixtures/**"]\n`,
      { cwd: repo.dir }
    )
    expect(secretFindings(outcome).sort(byPlace)).toEqual(expectedDiff)
    expect(outcome.metrics?.range).toBe('HEAD~1..HEAD')
  })

  it('fetches the base commit a depth-1 checkout lacks', async () => {
    const clone = await shallowClone(repo)
    await expect(
      clone.git('cat-file', '-e', `${base}^{commit}`)
    ).rejects.toThrow()
    const outcome = await runScope(
      `  scope: diff\n  exclude: ["**/fixtures/**"]\n`,
      {
        cwd: clone.dir,
        diffRange: { base, head }
      }
    )
    expect(secretFindings(outcome).sort(byPlace)).toEqual(expectedDiff)
  })

  it('says so when the base commit cannot be fetched', async () => {
    const missing = 'f'.repeat(40)
    const run = runScope(`  scope: diff\n`, {
      cwd: repo.dir,
      diffRange: { base: missing, head }
    })
    await expect(run).rejects.toThrow(CheckError)
    await expect(run).rejects.toThrow(
      /commit ffffffffffff is not in the checkout and could not be fetched.*fetch-depth: 0/
    )
  })

  it('scans every file of a first commit', async () => {
    const single = await makeRepo()
    const token = plant.githubToken()
    await single.write('a.txt', `x\n${token}\n`)
    await single.commit('first')
    const outcome = await runScope(`  scope: diff\n`, { cwd: single.dir })
    expect(secretFindings(outcome)).toEqual([
      { rule: 'github-token', file: 'a.txt', line: 2 }
    ])
  })

  it('is an error outside a git repository', async () => {
    await expect(runScope(`  scope: diff\n`, { cwd: '/' })).rejects.toThrow(
      CheckError
    )
  })
})

describe('secrets repo scope', () => {
  it('scans every tracked file, old secrets included', async () => {
    const outcome = await runScope(
      `  scope: repo\n  exclude: ["**/fixtures/**"]\n`,
      { cwd: repo.dir }
    )
    expect(secretFindings(outcome).sort(byPlace)).toEqual(
      [
        { rule: 'github-token', file: 'config/old.env', line: 1 },
        { rule: 'stripe-secret-key', file: 'lib/moved.ts', line: 2 },
        ...expectedDiff
      ].sort(byPlace)
    )
    expect(outcome.summary).toMatch(/^6 secrets in tracked files/)
    expect(outcome.metrics?.files_scanned).toBe(5)
  })

  it('finds the value of a known_values variable', async () => {
    const outcome = await runScope(
      `  scope: repo\n  known_values: [OLD_TOKEN, UNSET_ONE]\n`,
      {
        cwd: repo.dir,
        env: { OLD_TOKEN: secrets.oldToken }
      }
    )
    const known = outcome.findings?.filter(f => f.rule === 'known-value')
    expect(known).toEqual([
      expect.objectContaining({
        file: 'config/old.env',
        line: 1,
        message: expect.stringMatching(/^value of OLD_TOKEN in tracked files/)
      })
    ])
    expect(notes(outcome)).toContain(
      'UNSET_ONE is not set: its value was not searched for'
    )
  })
})

describe('secrets units', () => {
  it('skips the file scope when scope is off and adds a bundle unit', () => {
    const { policy } = policyFrom(
      `version: 1\nsecrets:\n  scope: off\n  bundle: true\n  level: warn\n`
    )
    const units = secretsCheck.units(policy.secrets!, policy)
    expect(units.map(u => [u.name, u.level, u.skip])).toEqual([
      ['files', 'warn', 'scope is off in the policy'],
      ['bundle', 'warn', undefined]
    ])
  })
})
