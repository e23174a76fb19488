// secrets.responses: the answers other checks fetched are scanned after
// them, except journey steps that capture (they carry the login's token).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runGate } from '../../src/engine/gate.ts'
import { policyFrom } from '../support/context.ts'
import { startServer, type TestServer } from '../support/http-server.ts'
import { plant } from '../support/secrets.ts'

const leaked = plant.stripeKey()
const sessionToken = plant.githubToken()
let site: TestServer

beforeAll(async () => {
  site = await startServer((req, res) => {
    if (req.url === '/debug') {
      res.setHeader('content-type', 'application/json')
      return res.end(JSON.stringify({ env: { STRIPE_SECRET_KEY: leaked } }))
    }
    if (req.url === '/api/login') {
      res.setHeader('content-type', 'application/json')
      return res.end(JSON.stringify({ token: sessionToken }))
    }
    res.end('<h1>Hello</h1>')
  })
})
afterAll(() => site.close())

describe('secrets.responses', () => {
  it('reports what the site served to other checks, never a captured login token', async () => {
    const loaded = policyFrom(
      [
        'version: 1',
        `target: ${site.url}`,
        'smoke:',
        '  - { path: /debug }',
        '  - { path: / }',
        'journeys:',
        '  - name: login',
        '    steps:',
        "      - { path: /api/login, capture: { token: 'json:$.token' } }",
        'secrets:',
        '  scope: off',
        '  responses: true',
        ''
      ].join('\n')
    )
    const masked: string[] = []
    const report = await runGate(loaded, {
      env: {},
      cwd: process.cwd(),
      log: () => {},
      onSecretValues: values => masked.push(...values)
    })
    const check = report.checks.find(
      c => c.kind === 'secrets' && c.name === 'responses'
    )
    expect(check?.status).toBe('fail')
    expect(check?.findings.map(f => f.file)).toEqual([`${site.url}/debug`])
    expect(check?.findings[0].redacted).toMatch(/^sk_l\*+/)
    expect(check?.metrics.files_scanned).toBe(2)
    const text = JSON.stringify(report)
    expect(text).not.toContain(leaked)
    expect(text).not.toContain(sessionToken)
    expect(masked).toContain(leaked)
  })

  it('is not a key unless asked: a policy without it keeps nothing', () => {
    const { policy } = policyFrom('version: 1\nsecrets: {}\n')
    expect(policy.secrets?.responses).toBe(false)
  })
})
