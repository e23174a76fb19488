import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PolicyError } from '../../src/policy/errors.ts'
import { loadPolicyFile, parsePolicy } from '../../src/policy/load.ts'

function problemsOf(yaml: string, env: Record<string, string> = {}): string {
  try {
    parsePolicy(yaml, 'launch.yml', env)
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError)
    return (error as PolicyError).message
  }
  throw new Error('expected a PolicyError')
}

describe('policy loader', () => {
  it('fills defaults and converts durations to milliseconds', () => {
    const { policy } = parsePolicy(
      'version: 1\ndefaults:\n  timeout: 2s\nsmoke:\n  - path: /\n    max_time: 1500ms\n',
      'p.yml',
      {}
    )
    expect(policy.defaults).toEqual({ timeout: 2000, retries: 0, headers: {} })
    expect(policy.smoke?.[0]).toMatchObject({
      method: 'GET',
      status: 200,
      max_time: 1500,
      level: 'error'
    })
  })

  it('accepts every section of the contract', () => {
    const yaml = `version: 1
target: https://preview.example.com
defaults: { timeout: 10s, wait: 3m, retries: 1, headers: { x-bypass: abc } }
smoke: [{ name: home, path: /, status: [200, 304], contains: Sign up, json: { a: 1 }, headers: { content-type: text/html } }]
redirects: { max_hops: 1, rules: [{ from: "http://example.com/", to: "https://example.com/", status: 301 }] }
tls: { hosts: [example.com], min_days_remaining: 14, min_version: TLSv1.2 }
headers: { paths: [/], hsts: { min_max_age: 15552000, include_subdomains: false }, require: [content-security-policy], forbid: [x-powered-by] }
cache: [{ path: /assets/app.js, expect: public, min_max_age: 86400 }, { path: /account, expect: private }]
latency: [{ name: core, paths: [/api/feed], rate: 20, duration: 15s, p95: 300ms, error_rate: 0.01 }]
secrets: { scope: diff, exclude: ["**/fixtures/**"], allow: [EXAMPLE], bundle: true, known_values: [STRIPE_SECRET_KEY] }
dns: { resolver: 1.1.1.1, records: [{ name: example.com, type: A }] }
email: { domain: example.com, spf: true, dmarc: { min_policy: quarantine }, dkim: { selectors: [resend] } }
rate_limits: [{ path: /api/login, method: POST, body: { email: a@b.c }, requests: 30, expect_status: 429, within: 20 }]
`
    const { policy } = parsePolicy(yaml, 'p.yml', {})
    expect(policy.latency?.[0]).toMatchObject({
      rate: 20,
      duration: 15_000,
      p95: 300
    })
    expect(policy.defaults.wait).toEqual({ for: 180_000 })
  })

  it('names file, line and column of invalid YAML', () => {
    expect(problemsOf('version: 1\nsmoke:\n  - path: /\n   bad: [\n')).toMatch(
      /^launch\.yml:\d+:\d+: invalid YAML/
    )
  })

  it('suggests the closest key for an unknown one, at its position', () => {
    const message = problemsOf(
      'version: 1\nsmoke:\n  - path: /\n    stauts: 200\n'
    )
    expect(message).toContain(
      "launch.yml:4:5: unknown key 'stauts' in smoke.0 (did you mean 'status'?)"
    )
  })

  it('reports a wrong type where the value is', () => {
    expect(
      problemsOf('version: 1\nsmoke:\n  - path: /\n    status: ok\n')
    ).toMatch(/launch\.yml:4:13: smoke\.0\.status: /)
  })

  it('rejects a bad duration with what was expected', () => {
    expect(
      problemsOf('version: 1\ndefaults:\n  timeout: 10 seconds\n')
    ).toContain(
      'launch.yml:3:12: defaults.timeout: expected a duration like 500ms, 15s or 2m'
    )
  })

  it('requires version: 1', () => {
    expect(problemsOf('smoke: []\n')).toContain(
      "launch.yml:1:1: missing required key 'version'"
    )
    expect(problemsOf('version: 2\n')).toContain(
      'launch.yml:1:10: version: expected version: 1'
    )
  })

  it('replaces ${VAR} and names an unset variable without its value', () => {
    const { policy } = parsePolicy(
      'version: 1\ndefaults:\n  headers:\n    x-bypass: ${BYPASS}\n',
      'p.yml',
      { BYPASS: 'tok-123' }
    )
    expect(policy.defaults.headers).toEqual({ 'x-bypass': 'tok-123' })
    expect(problemsOf('version: 1\ntarget: ${PREVIEW_URL}\n')).toBe(
      'launch.yml:2:9: environment variable PREVIEW_URL is not set (used as ${PREVIEW_URL})'
    )
  })

  it('enforces the cross-field rules', () => {
    expect(problemsOf('version: 1\nsmoke:\n  - name: x\n')).toContain(
      'give exactly one of path or url'
    )
    expect(
      problemsOf(
        'version: 1\nlatency:\n  - paths: [/]\n    rate: 5\n    concurrency: 2\n'
      )
    ).toContain(
      'give exactly one of rate (open model) or concurrency (closed model)'
    )
    expect(
      problemsOf(
        'version: 1\nrate_limits:\n  - path: /login\n    requests: 500\n    within: 10\n'
      )
    ).toContain(
      'launch.yml:4:15: rate_limits.0.requests: requests must be at most 200'
    )
  })

  it('reports a missing file as a policy error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lg-policy-'))
    await expect(loadPolicyFile('nope.yml', {}, dir)).rejects.toThrow(
      /^nope\.yml:1:1: cannot read policy/
    )
    await writeFile(join(dir, 'ok.yml'), 'version: 1\n')
    const loaded = await loadPolicyFile('ok.yml', {}, dir)
    expect(loaded.locate(['smoke', 0])).toEqual({
      file: 'ok.yml',
      line: 1,
      column: 1
    })
  })

  it('locates checks by their policy path', () => {
    const loaded = parsePolicy(
      'version: 1\nsmoke:\n  - path: /\n  - path: /b\n',
      'p.yml',
      {}
    )
    expect(loaded.locate(['smoke', 1])).toEqual({
      file: 'p.yml',
      line: 4,
      column: 5
    })
  })
})

describe('policy error wording', () => {
  it.each([
    [
      'version: 1\nsmoke:\n  - path: /\n    status: ok\n',
      'launch.yml:4:13: smoke.0.status: expected number or array'
    ],
    [
      'version: 1\nheaders:\n  hsts: true\n',
      'launch.yml:3:9: headers.hsts: expected false or object'
    ],
    [
      'version: 1\ndefaults:\n  retries: -1\n',
      'launch.yml:3:12: defaults.retries: expected number to be >=0'
    ],
    [
      'version: 1\nsecrets:\n  allow: ["(unclosed"]\n',
      'launch.yml:3:11: secrets.allow.0: expected a valid regular expression'
    ],
    [
      'version: 1\nversion: 1\n',
      'launch.yml:2:1: invalid YAML: this key appears twice in the same mapping; keep one'
    ]
  ])('%j', (yaml, message) => {
    expect(problemsOf(yaml)).toBe(message)
  })
})
