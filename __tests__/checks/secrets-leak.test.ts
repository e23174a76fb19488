// End to end: a real repository and a real site with planted secrets, run
// through the engine and the CLI; no output channel may hold a raw value.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main, type CliIo } from '../../src/cli/main.ts'
import { runGate } from '../../src/engine/gate.ts'
import { renderConsole } from '../../src/report/console.ts'
import { renderJson } from '../../src/report/json.ts'
import { renderMarkdown } from '../../src/report/markdown.ts'
import type { Report } from '../../src/report/model.ts'
import { renderSarif } from '../../src/report/sarif.ts'
import { renderStepSummary } from '../../src/report/summary.ts'
import { makeRepo, removeRepos, type GitRepo } from '../support/git-repo.ts'
import { policyFrom } from '../support/context.ts'
import { startServer, type TestServer } from '../support/http-server.ts'
import { plant, randomChars } from '../support/secrets.ts'

const ecKey = plant.ecPrivateKey()
const planted = {
  github: plant.githubToken(),
  aws: plant.awsKeyId(),
  awsSecret: plant.awsSecret('+'),
  google: plant.googleKey(),
  stripe: plant.stripeKey(),
  urlPassword: plant.basicAuthUrl(),
  known: `kv-${randomChars(30)}`,
  bundleKey: plant.googleKey(),
  mapToken: plant.githubToken()
}
/** Every raw value (of the URL, its password), plus each body line of the private key. */
const rawValues = [
  ...Object.values(planted).filter(value => value !== planted.urlPassword),
  new URL(planted.urlPassword).password,
  ...ecKey.split('\n').filter(line => !line.startsWith('-----'))
]

let repo: GitRepo
let site: TestServer
const env = { DEPLOY_KEY: planted.known, PATH: process.env.PATH ?? '' }

const POLICY = `version: 1
secrets:
  scope: diff
  bundle: true
  known_values: [DEPLOY_KEY]
`

beforeAll(async () => {
  repo = await makeRepo()
  await repo.write('README.md', '# app\n')
  await repo.commit('base')
  await repo.write(
    'src/config.ts',
    [
      `export const github = '${planted.github}'`,
      `export const aws = '${planted.aws}'`,
      `aws_secret_access_key = ${planted.awsSecret}`,
      `export const maps = "${planted.google}"`,
      `export const stripe = "${planted.stripe}"`,
      `export const registry = '${planted.urlPassword}'`,
      `export const deploy = '${planted.known}'`,
      ''
    ].join('\n')
  )
  await repo.write('keys/deploy.pem', `${ecKey}\n`)
  await repo.commit('add config')
  await repo.write('.github/launch-policy.yml', POLICY)

  site = await startServer((req, res) => {
    if (req.url === '/')
      return res.end('<html><script src="/app.js"></script></html>')
    if (req.url === '/app.js') {
      return res.end(
        `var a=1;var k="${planted.bundleKey}";\n//# sourceMappingURL=app.js.map`
      )
    }
    if (req.url === '/app.js.map') {
      return res.end(
        JSON.stringify({
          version: 3,
          sources: ['a.ts'],
          sourcesContent: [`const t = '${planted.mapToken}'\n`]
        })
      )
    }
    res.writeHead(404)
    res.end()
  })
})
afterAll(async () => {
  await site.close()
  await removeRepos()
})

function expectNoRawValue(channel: string, text: string) {
  for (const value of rawValues) {
    expect(text.includes(value), `${channel} contains a raw secret`).toBe(false)
  }
}

describe('secret values never leak', () => {
  let report: Report
  const masked: string[] = []

  beforeAll(async () => {
    report = await runGate(policyFrom(POLICY, env), {
      url: site.url,
      env,
      cwd: repo.dir,
      log: () => {},
      onSecretValues: values => masked.push(...values)
    })
  })

  it('finds every planted secret', () => {
    const rules = report.checks
      .flatMap(c => c.findings.map(f => f.rule))
      .filter(Boolean)
      .sort()
    expect(rules).toEqual([
      'aws-access-key-id',
      'aws-secret-access-key',
      'basic-auth-url',
      'github-token',
      'github-token',
      'google-api-key',
      'google-api-key',
      'known-value',
      'private-key',
      'stripe-secret-key'
    ])
    expect(report.checks.map(c => [c.name, c.status])).toEqual([
      ['diff', 'fail'],
      ['bundle', 'fail']
    ])
  })

  it('hands every raw value to the adapter for masking', () => {
    for (const value of rawValues) expect(masked).toContain(value)
  })

  it('keeps them out of the console table, JSON, step summary and markdown', () => {
    expectNoRawValue('console', renderConsole(report, { color: false }))
    expectNoRawValue('json', renderJson(report))
    expectNoRawValue('step summary', renderStepSummary(report))
    expectNoRawValue('markdown', renderMarkdown(report, { maxLength: 60_000 }))
  })

  it('keeps them out of SARIF, which lists only repository files', () => {
    const sarif = renderSarif(report)
    expectNoRawValue('sarif', JSON.stringify(sarif))
    const [run] = sarif.runs
    const uris = run.results.map(
      r => r.locations[0].physicalLocation.artifactLocation.uri
    )
    expect(new Set(uris)).toEqual(new Set(['src/config.ts', 'keys/deploy.pem']))
    expect(run.results).toHaveLength(8)
  })

  it('keeps them out of the CLI stdout, stderr, --json and --sarif files', async () => {
    const out: string[] = []
    const err: string[] = []
    const io: CliIo = {
      stdout: text => out.push(text),
      stderr: text => err.push(text),
      isTty: false,
      env,
      cwd: repo.dir
    }
    const code = await main(
      [
        'check',
        '--url',
        site.url,
        '--json',
        'out/report.json',
        '--sarif',
        'out/secrets.sarif'
      ],
      io
    )
    expect(code).toBe(1)
    expect(out.join('')).toMatch(/secrets\s+diff\s+8 secrets in added lines/)
    expectNoRawValue('cli stdout', out.join(''))
    expectNoRawValue('cli stderr', err.join(''))
    const json = await readFile(join(repo.dir, 'out/report.json'), 'utf8')
    const sarif = await readFile(join(repo.dir, 'out/secrets.sarif'), 'utf8')
    expectNoRawValue('cli --json', json)
    expectNoRawValue('cli --sarif', sarif)
    expect(JSON.parse(sarif).runs[0].results).toHaveLength(8)
  })
})
