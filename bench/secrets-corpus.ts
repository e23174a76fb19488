// Generates the secret-scanning benchmark corpus: source-like files with
// planted secrets of many formats, plus harmless high-entropy strings
// (hashes, UUIDs, lockfile integrity, base64 images) that must not be
// reported. Every token is built at run time from a seeded generator, so this
// repository holds no scannable secret.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** A planted secret: where it is and which format it has. */
export interface Planted {
  format: string
  file: string
  line: number
}

export interface Corpus {
  dir: string
  files: number
  bytes: number
  planted: Planted[]
  /** Lines holding harmless high-entropy strings, by kind. */
  harmless: Planted[]
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const DIGITS = '0123456789'
const ALNUM = UPPER + LOWER + DIGITS
const URLSAFE = `${ALNUM}-_`
const BASE64 = `${ALNUM}+/`
const HEX = '0123456789abcdef'

/** mulberry32: a small seeded PRNG, so every run plants the same corpus. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = seeded(20261123)
const pick = <T>(items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]
const chars = (alphabet: string, length: number): string => {
  let text = ''
  for (let i = 0; i < length; i++)
    text += alphabet[Math.floor(random() * alphabet.length)]
  return text
}
/** Random text that contains at least one of `must` (e.g. a dash). */
const charsWith = (alphabet: string, length: number, must: string): string => {
  const text = chars(alphabet, length - 1)
  const at = 1 + Math.floor(random() * (length - 2))
  return text.slice(0, at) + pick([...must]) + text.slice(at)
}

function pem(label: string, magic: string, bodyLength: number): string[] {
  const body = magic + chars(BASE64, bodyLength - magic.length)
  const lines = body.match(/.{1,64}/g) ?? []
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`]
}

/**
 * Secret formats: each yields the lines to plant (the first holds the
 * secret's start, which is where a finding must point).
 */
export const FORMATS: Record<string, () => string[]> = {
  'aws-access-key-id': () => [
    `  accessKeyId: '${'AK' + 'IA'}${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}',`
  ],
  'aws-secret-access-key': () => [
    `aws_secret_access_key = ${chars(BASE64, 39)}${pick(['/', '+', 'x', 'Q'])}`
  ],
  'github-token': () => [`GITHUB_TOKEN=${'gh' + 'p_'}${chars(ALNUM, 36)}`],
  'github-fine-grained-token': () => [
    `const token = "${'github' + '_pat_'}${chars(ALNUM, 22)}_${chars(ALNUM, 59)}"`
  ],
  'gitlab-token': () => [
    `  token: ${'glp' + 'at-'}${charsWith(URLSAFE, 20, '-')}`
  ],
  'slack-token': () => [
    `SLACK_BOT_TOKEN=${'xo' + 'xb-'}${chars(DIGITS, 12)}-${chars(DIGITS, 13)}-${chars(ALNUM, 24)}`
  ],
  'slack-webhook': () => [
    `const hook = 'https://hooks.slack.com/services/T${chars(UPPER + DIGITS, 8)}/B${chars(UPPER + DIGITS, 10)}/${chars(ALNUM, 24)}'`
  ],
  'stripe-secret-key': () => [
    `STRIPE_SECRET_KEY=${'sk_' + 'live_'}${chars(ALNUM, 24 + Math.floor(random() * 75))}`
  ],
  'openai-api-key': () => [
    `OPENAI_API_KEY=${'sk-' + 'proj-'}${charsWith(URLSAFE, 74, '-')}${'T3Blbk' + 'FJ'}${charsWith(URLSAFE, 74, '-_')}`
  ],
  'anthropic-api-key': () => [
    `  apiKey: "${'sk-' + 'ant-api03-'}${charsWith(URLSAFE, 93, '-')}AA",`
  ],
  'google-api-key': () => [
    `  apiKey: "${'AI' + 'za'}${charsWith(URLSAFE, 35, '-_')}",`
  ],
  'private-key-rsa': () => pem('RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEA', 1588),
  'private-key-ec': () => pem('EC PRIVATE KEY', 'MHcCAQEEI', 160),
  'npm-token': () => [
    `//registry.npmjs.org/:_authToken=${'np' + 'm_'}${chars(ALNUM, 36)}`
  ],
  'sendgrid-api-key': () => [
    `SENDGRID_API_KEY=${'S' + 'G.'}${charsWith(URLSAFE, 22, '-')}.${charsWith(URLSAFE, 43, '-')}`
  ],
  'shopify-token': () => [
    `SHOPIFY_ADMIN_TOKEN=${'shp' + 'at_'}${chars(HEX, 32)}`
  ],
  'postgres-url': () => [
    `DATABASE_URL=postgres://app_${chars(LOWER, 5)}:${chars(ALNUM, 10)}%${pick(['21', '40', '2F', '3A'])}${chars(ALNUM, 8)}@db-${chars(LOWER, 6)}.internal.acme.io:5432/app`
  ],
  'basic-auth-url': () => [
    `  registry: 'https://deploy-${chars(LOWER, 4)}:${chars(ALNUM, 9)}${pick(['%40', '%2B', '~', '.'])}${chars(ALNUM, 9)}@registry.acme.io/npm/',`
  ],
  'huggingface-token': () => [
    `HF_TOKEN=${'h' + 'f_'}${chars(UPPER + LOWER, 34)}`
  ],
  'databricks-token': () => [`  "token": "${'da' + 'pi'}${chars(HEX, 32)}",`],
  'vault-token': () => [
    `VAULT_TOKEN=${'hv' + 's.'}${charsWith(URLSAFE, 94, '-_')}`
  ]
}

/** Harmless high-entropy strings: a finding on one is a false positive. */
const HARMLESS: Record<string, () => string> = {
  'sha256-hex': () => `  checksum: '${chars(HEX, 64)}',`,
  'git-sha': () => `commit ${chars(HEX, 40)}`,
  uuid: () =>
    `  id: '${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-a${chars(HEX, 3)}-${chars(HEX, 12)}',`,
  'lockfile-integrity': () =>
    `      "integrity": "sha512-${chars(BASE64, 86)}==",`,
  'base64-image': () =>
    `.logo{background:url(data:image/png;base64,iVBORw0KGgo${chars(BASE64, 2400)}=)}`,
  'csp-nonce': () => `<script nonce="${chars(BASE64, 22)}==">boot()</script>`,
  'aws-documented-example': () =>
    `  accessKeyId: '${'AKIAIOSFODNN7' + 'EXAMPLE'}',`,
  'url-without-password': () => `DATABASE_URL=postgres://localhost:5432/dev`,
  'templated-password': () =>
    'const url = `https://${user}:${password}@api.acme.io/v1`'
}

const WORDS = [
  'user',
  'order',
  'cart',
  'price',
  'item',
  'session',
  'feed',
  'member',
  'invoice',
  'account',
  'total',
  'render',
  'fetch',
  'parse',
  'config',
  'route',
  'handler',
  'state'
]

function codeLine(): string {
  const a = pick(WORDS)
  const b = pick(WORDS)
  switch (Math.floor(random() * 6)) {
    case 0:
      return `export function ${a}${b[0].toUpperCase()}${b.slice(1)}(input: ${pick(['string', 'number', 'Item[]'])}) {`
    case 1:
      return `  const ${a} = await ${b}Service.get(${Math.floor(random() * 1000)})`
    case 2:
      return `  if (!${a}) throw new Error('missing ${b}: expected a value')`
    case 3:
      return `  return ${a}.map(x => x.${b}).filter(Boolean)`
    case 4:
      return `// ${a} ${b}: keep in sync with the ${pick(WORDS)} module`
    default:
      return `}`
  }
}

function minifiedLine(bytes: number): string {
  const parts: string[] = []
  let size = 0
  while (size < bytes) {
    const part = `function ${chars(LOWER, 2)}(${chars(LOWER, 1)}){return ${chars(LOWER, 1)}.${pick(WORDS)}+${Math.floor(random() * 99)}}`
    parts.push(part)
    size += part.length + 1
  }
  return parts.join(';')
}

interface Draft {
  path: string
  lines: string[]
}

/**
 * Writes the corpus under `dir`: about `targetBytes` in `fileCount` files;
 * `perFormat` secrets of each format are planted.
 */
export async function generateCorpus(
  dir: string,
  { fileCount = 2000, targetBytes = 20 * 1024 * 1024, perFormat = 12 } = {}
): Promise<Corpus> {
  const kinds = ['ts', 'js', 'env', 'json', 'md', 'css', 'min.js', 'yml']
  const drafts: Draft[] = []
  const perFile = targetBytes / fileCount
  for (let i = 0; i < fileCount; i++) {
    const kind = kinds[i % kinds.length]
    const path = `pkg${i % 40}/src/${pick(WORDS)}-${i}.${kind}`
    const lines: string[] = []
    if (kind === 'min.js') {
      lines.push(minifiedLine(perFile))
    } else {
      let size = 0
      while (size < perFile) {
        const line = codeLine()
        lines.push(line)
        size += line.length + 1
      }
    }
    drafts.push({ path, lines })
  }

  const planted: Planted[] = []
  const harmless: Planted[] = []
  // Inserting shifts the lines below, so positions are fixed after planting.
  const inserts: {
    draft: Draft
    at: number
    lines: string[]
    format: string
    secret: boolean
  }[] = []
  for (const [format, make] of Object.entries(FORMATS)) {
    for (let n = 0; n < perFormat; n++) {
      const draft = pick(drafts.filter(d => !d.path.endsWith('.min.js')))
      inserts.push({
        draft,
        at: Math.floor(random() * draft.lines.length),
        lines: make(),
        format,
        secret: true
      })
    }
  }
  for (const [format, make] of Object.entries(HARMLESS)) {
    for (let n = 0; n < 40; n++) {
      const draft = pick(drafts.filter(d => !d.path.endsWith('.min.js')))
      inserts.push({
        draft,
        at: Math.floor(random() * draft.lines.length),
        lines: [make()],
        format,
        secret: false
      })
    }
  }
  // A few secrets inside minified one-line files: the served-bundle case.
  for (const format of [
    'google-api-key',
    'stripe-secret-key',
    'github-token'
  ]) {
    const draft = pick(drafts.filter(d => d.path.endsWith('.min.js')))
    const token = FORMATS[format]()[0]
      .replace(/^[^=:]*[=:]\s*["']?/, '')
      .replace(/["',]+$/, '')
    const [line] = draft.lines
    const cut = Math.floor(line.length / 2)
    draft.lines[0] = `${line.slice(0, cut)};var k="${token}";${line.slice(cut)}`
    planted.push({ format, file: draft.path, line: 1 })
  }

  // Apply inserts bottom-up per file so earlier positions stay valid.
  inserts.sort((a, b) => b.at - a.at)
  for (const insert of inserts)
    insert.draft.lines.splice(insert.at, 0, ...insert.lines)
  // Find each inserted block's final line by identity of its first line.
  for (const insert of inserts) {
    const index = insert.draft.lines.indexOf(insert.lines[0])
    const record = {
      format: insert.format,
      file: insert.draft.path,
      line: index + 1
    }
    ;(insert.secret ? planted : harmless).push(record)
  }

  let bytes = 0
  for (const draft of drafts) {
    const text = `${draft.lines.join('\n')}\n`
    bytes += Buffer.byteLength(text)
    const file = join(dir, draft.path)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, text)
  }
  return { dir, files: drafts.length, bytes, planted, harmless }
}
