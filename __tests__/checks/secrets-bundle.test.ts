import { CheckError } from '../../src/errors.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secretsCheck } from '../../src/checks/secrets/index.ts'
import type { UnitOutcome } from '../../src/checks/types.ts'
import { policyFrom, testContext } from '../support/context.ts'
import { startServer, type TestServer } from '../support/http-server.ts'
import { plant, randomChars } from '../support/secrets.ts'

const googleKey = plant.googleKey()
const mapToken = plant.githubToken()
const headerMapKey = plant.stripeKey()
const inlineKey = plant.awsKeyId()
const known = `pk-${randomChars(24)}`
const crossOriginKey = plant.githubToken()
// Minified code full of short identifiers and a low-entropy look-alike.
const filler = 'function t(e){return e.v+1};'.repeat(80)
const lookAlike = `${'gh'}${'p_'}${'x'.repeat(36)}`

let site: TestServer
let other: TestServer

beforeAll(async () => {
  other = await startServer((_req, res) => res.end(`var k="${crossOriginKey}"`))
  site = await startServer((req, res) => {
    const send = (
      type: string,
      body: string,
      headers: Record<string, string> = {}
    ) => {
      res.writeHead(200, { 'content-type': type, ...headers })
      res.end(body)
    }
    switch (req.url) {
      case '/':
        return send(
          'text/html',
          `<!doctype html><html><head>
<link rel="stylesheet" href="/assets/app.css">
<link rel="modulepreload" href="/assets/chunk.js">
<script src="${other.url}/lib.js"></script>
</head><body><h1>Shop</h1>
<script>window.ENV={aws:"${inlineKey}"}</script>
<script src="/assets/app.js"></script></body></html>`
        )
      case '/assets/app.js':
        return send(
          'text/javascript',
          `${filler}\nvar c={maps:"${googleKey}",fake:"${lookAlike}"};${filler}\n//# sourceMappingURL=app.js.map\n`
        )
      case '/assets/app.js.map':
        return send(
          'application/json',
          JSON.stringify({
            version: 3,
            sources: ['src/app.ts', 'src/config.ts'],
            sourcesContent: [
              'export const a = 1\n',
              `// config\nexport const gh = '${mapToken}'\n`
            ],
            mappings: 'AAAA'
          })
        )
      case '/assets/chunk.js':
        return send('text/javascript', `var x=1;var pub="${known}";`, {
          SourceMap: '/maps/chunk.map'
        })
      case '/maps/chunk.map':
        return send(
          'application/json',
          JSON.stringify({
            version: 3,
            sources: ['pay.ts'],
            sourcesContent: [`const k = '${headerMapKey}'\n`],
            mappings: ''
          })
        )
      case '/assets/app.css':
        return send('text/css', 'body{margin:0}')
      case '/broken':
        res.writeHead(404)
        return res.end()
      default:
        res.writeHead(404)
        return res.end()
    }
  })
})
afterAll(async () => {
  await site.close()
  await other.close()
})

async function runBundle(
  yaml = '',
  env: Record<string, string> = {}
): Promise<UnitOutcome> {
  const { policy } = policyFrom(
    `version: 1\nsecrets:\n  scope: off\n  bundle: true\n${yaml}`
  )
  const [, unit] = secretsCheck.units(policy.secrets!, policy)
  const ctx = testContext({ target: new URL(site.url), env })
  try {
    return await unit.run(ctx)
  } finally {
    await ctx.http.close()
  }
}

describe('secrets bundle scope', () => {
  it('scans the page, its same-origin scripts and styles, and their source maps', async () => {
    const outcome = await runBundle('  known_values: [PUBLISHED_KEY]\n', {
      PUBLISHED_KEY: known
    })
    const found = (outcome.findings ?? [])
      .filter(f => f.rule)
      .map(({ rule, file, line }) => ({ rule, file, line }))
    expect(found).toEqual([
      { rule: 'aws-access-key-id', file: `${site.url}/`, line: 6 },
      { rule: 'known-value', file: `${site.url}/assets/chunk.js`, line: 1 },
      {
        rule: 'stripe-secret-key',
        file: `${site.url}/maps/chunk.map#pay.ts`,
        line: 1
      },
      { rule: 'google-api-key', file: `${site.url}/assets/app.js`, line: 2 },
      {
        rule: 'github-token',
        file: `${site.url}/assets/app.js.map#src/config.ts`,
        line: 2
      }
    ])
    expect(outcome.summary).toBe('5 secrets in the served bundle')
    expect(outcome.metrics).toMatchObject({
      files_scanned: 7,
      cross_origin_skipped: 1,
      findings: 5
    })
    expect(JSON.stringify(outcome.findings)).not.toMatch(
      new RegExp(
        [googleKey, mapToken, headerMapKey, inlineKey, known].join('|')
      )
    )
    expect(outcome.findings?.find(f => f.rule === 'known-value')?.message).toBe(
      'value of PUBLISHED_KEY in the served bundle: every visitor can read it: revoke it and keep it on the server'
    )
  })

  it('notes pages it cannot read, and fails when none can be read', async () => {
    const partly = await runBundle('  bundle_paths: [/, /broken]\n')
    expect(partly.notes).toContain(
      `${site.url}/broken: answered 404: not scanned`
    )
    expect(partly.findings?.every(f => f.rule && f.fingerprint)).toBe(true)
    await expect(runBundle('  bundle_paths: [/broken]\n')).rejects.toThrow(
      CheckError
    )
  })

  it('needs a target', async () => {
    const { policy } = policyFrom(
      `version: 1\nsecrets:\n  scope: off\n  bundle: true\n`
    )
    const [, unit] = secretsCheck.units(policy.secrets!, policy)
    await expect(unit.run(testContext())).rejects.toThrow(/no target URL/)
  })
})
