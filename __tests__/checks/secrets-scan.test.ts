import { describe, expect, it } from 'vitest'
import { globMatcher } from '../../src/checks/secrets/glob.ts'
import {
  entropy,
  fingerprint,
  redact
} from '../../src/checks/secrets/redact.ts'
import { scanSource, type ScanOptions } from '../../src/checks/secrets/scan.ts'
import { plant, randomChars } from '../support/secrets.ts'

const none: ScanOptions = { allow: [], knownValues: [] }
const scan = (
  text: string,
  options: Partial<ScanOptions> & { file?: string; minified?: boolean } = {}
) =>
  scanSource(
    { file: options.file ?? 'src/config.ts', text, minified: options.minified },
    { ...none, ...options }
  ).findings

describe('secret rules', () => {
  const found: [string, () => string, string][] = [
    [
      'AWS access key id (off by default in secretlint)',
      () => `const id = '${plant.awsKeyId()}'`,
      'aws-access-key-id'
    ],
    [
      'AWS secret key ending in /',
      () => `aws_secret_access_key = ${plant.awsSecret('/')}`,
      'aws-secret-access-key'
    ],
    [
      'AWS secret key ending in +',
      () => `AWS_SECRET_ACCESS_KEY="${plant.awsSecret('+')}"`,
      'aws-secret-access-key'
    ],
    ['GitHub token', () => `token: ${plant.githubToken()}`, 'github-token'],
    [
      'Google API key with - and _',
      () => `apiKey: "${plant.googleKey()}"`,
      'google-api-key'
    ],
    [
      'Stripe live key',
      () => `STRIPE=${plant.stripeKey()}`,
      'stripe-secret-key'
    ],
    [
      'Slack webhook',
      () => `hook = '${plant.slackWebhook()}'`,
      'slack-webhook'
    ],
    [
      'SendGrid key with several dashes',
      () => `SENDGRID=${plant.sendgridKey()}`,
      'sendgrid-api-key'
    ],
    [
      'password with %xx in a URL',
      () => `registry: '${plant.basicAuthUrl()}'`,
      'basic-auth-url'
    ],
    ['EC private key', () => `\n${plant.ecPrivateKey()}\n`, 'private-key']
  ]
  it.each(found)('finds a %s', async (_label, make, rule) => {
    const text = make()
    const [finding, ...rest] = await scan(`// config\n${text}\n`)
    expect(rest).toEqual([])
    expect(finding.rule.id).toBe(rule)
    expect(finding.line).toBe(text.startsWith('\n') ? 3 : 2)
  })

  const clean: [string, string][] = [
    ['AWS documented example key', `id = '${'AKIAIOSFODNN7'}${'EXAMPLE'}'`],
    ['sha256 hex', `checksum: '${randomChars(64, '0123456789abcdef')}'`],
    ['lockfile integrity', `"integrity": "sha512-${randomChars(86)}=="`],
    ['UUID', `id: 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d'`],
    [
      'templated password',
      'const url = `https://${user}:${password}@api.acme.io/v1`'
    ],
    ['placeholder password', `url: https://admin:password@db.acme.io/app`],
    ['URL without credentials', `DATABASE_URL=postgres://localhost:5432/dev`]
  ]
  it.each(clean)('ignores a %s', async (_label, text) => {
    expect(await scan(`${text}\n`)).toEqual([])
  })
})

describe('suppression', () => {
  it('honours launch-gate:allow, gitleaks:allow and secretlint-disable-line on the line', async () => {
    for (const marker of [
      'launch-gate:allow',
      'gitleaks:allow',
      'secretlint-disable-line'
    ]) {
      expect(
        await scan(`const t = '${plant.githubToken()}' // ${marker}\n`)
      ).toEqual([])
    }
  })

  it('honours secretlint-disable-next-line on the line before', async () => {
    const text = `// secretlint-disable-next-line\nconst t = '${plant.githubToken()}'\n`
    expect(await scan(text)).toEqual([])
  })

  it('drops a finding whose secret matches an allow regex', async () => {
    const token = plant.githubToken()
    expect(
      await scan(`t = ${token}\n`, { allow: [new RegExp(token.slice(-6))] })
    ).toEqual([])
    expect(await scan(`t = ${token}\n`, { allow: [/^nomatch$/] })).toHaveLength(
      1
    )
  })
})

describe('known values', () => {
  it('finds the exact value of a named variable anywhere, with its name', async () => {
    const value = `db-${randomChars(20)}`
    const [finding] = await scan(`a\nb\nconst conn = "${value}"\n`, {
      knownValues: [{ name: 'DATABASE_PASSWORD', value }]
    })
    expect(finding).toMatchObject({
      line: 3,
      column: 15,
      name: 'DATABASE_PASSWORD',
      secret: value
    })
    expect(finding.rule.id).toBe('known-value')
  })
})

describe('minified code', () => {
  const filler = `function a(b){return b.c+1};`.repeat(60)

  it('keeps a random prefixed token on a minified line', async () => {
    const key = plant.googleKey()
    const [finding] = await scan(`${filler}var k="${key}";${filler}\n`, {
      file: 'https://x/app.js',
      minified: true
    })
    expect(finding).toMatchObject({ line: 1, secret: key })
  })

  it('drops a low-entropy prefixed token and generic URL passwords there, with a note', () => {
    const fake = `${'gh'}${'p_'}${'ab'.repeat(18)}`
    const text = `${filler}var k="${fake}",u="${plant.basicAuthUrl()}";${filler}\n`
    const result = scanSource(
      { file: 'https://x/app.js', text, minified: true },
      none
    )
    expect(result.findings).toEqual([])
    expect(result.notes).toEqual([
      expect.objectContaining({
        kind: 'minified',
        file: 'https://x/app.js',
        message: expect.stringContaining('basic-auth-url')
      })
    ])
    // A low-entropy token is a placeholder on a normal line too.
    expect(scan(`k = "${fake}"\n`)).toEqual([])
  })
})

describe('redaction and fingerprints', () => {
  it('shows at most the first and last 4 characters', () => {
    expect(redact('ABCD123456789012WXYZ')).toBe('ABCD************WXYZ')
    expect(redact('short12345')).toBe('sh******45')
    expect(redact('tiny')).toBe('****')
    expect(redact(`x${'y'.repeat(500)}z`)).toHaveLength(4 + 16 + 4)
  })

  it('fingerprints rule + file + secret, stable and position-free', () => {
    const a = fingerprint('github-token', 'src/a.ts', 'secret-1')
    expect(a).toBe(fingerprint('github-token', 'src/a.ts', 'secret-1'))
    expect(a).not.toBe(fingerprint('github-token', 'src/b.ts', 'secret-1'))
    expect(a).not.toBe(fingerprint('github-token', 'src/a.ts', 'secret-2'))
    expect(a).toMatch(/^[0-9a-f]{32}$/)
  })

  it('measures entropy in bits per character', () => {
    expect(entropy('aaaa')).toBe(0)
    expect(entropy('abcd')).toBe(2)
  })
})

describe('exclude globs', () => {
  const excluded = globMatcher([
    '**/fixtures/**',
    '*.min.js',
    'docs/*.md',
    'src/{a,b}.ts'
  ])
  it.each([
    ['test/fixtures/keys.txt', true],
    ['fixtures/x', true],
    ['public/app.min.js', true],
    ['docs/readme.md', true],
    ['docs/deep/readme.md', false],
    ['src/a.ts', true],
    ['src/c.ts', false]
  ])('%s excluded: %s', (path, expected) => {
    expect(excluded(path)).toBe(expected)
  })
})
