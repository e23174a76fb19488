// Generates the secret-scanning benchmark corpus: source-like files with
// planted secrets of many formats, plus harmless high-entropy strings
// (hashes, UUIDs, lockfile integrity, base64 images) that must not be
// reported. Every token is built at run time from a seeded generator, so this
// repository holds no scannable secret.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** A planted line: where it is and which family (or look-alike kind) it is. */
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
  /** Look-alike lines (placeholders, hashes, references…), by kind. */
  harmless: Planted[]
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const DIGITS = '0123456789'
const ALNUM = UPPER + LOWER + DIGITS
const URLSAFE = `${ALNUM}-_`
const BASE64 = `${ALNUM}+/`
const HEX = '0123456789abcdef'
const SYMBOLS = '!#%^*+=~'

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

let random = seeded(20261123)
/** Restarts the generator (tests draw fresh values with another seed). */
export function reseed(seed: number) {
  random = seeded(seed)
}
const pick = <T>(items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]
const int = (low: number, high: number) =>
  low + Math.floor(random() * (high - low + 1))
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
/** A password as people pick them from a generator: letters, digits, a symbol. */
const password = () =>
  `${chars(ALNUM, int(9, 17))}${pick([...SYMBOLS])}${chars(DIGITS, 2)}`
const uuid = () =>
  `${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-a${chars(HEX, 3)}-${chars(HEX, 12)}`
const b64url = (text: string) => Buffer.from(text).toString('base64url')
const join2 = (...parts: string[]) => parts.join('')

function pemLines(label: string, magic: string, bodyLength: number): string[] {
  const body = magic + chars(BASE64, bodyLength - magic.length)
  const lines = body.match(/.{1,64}/g) ?? []
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`]
}

/** Lines to plant and the exact secret they carry (the first line holds its start). */
export interface Sample {
  lines: string[]
  secret: string
}

/** One family: the rule id that must report it, and a generator of samples. */
export interface Family {
  rule: string
  make(): Sample
}

const one = (line: string, secret: string): Sample => ({
  lines: [line],
  secret
})

const AWS_PREFIXES = [
  'AKIA',
  'ASIA',
  'ABIA',
  'ACCA',
  'AGPA',
  'AIDA',
  'AIPA',
  'ANPA',
  'ANVA',
  'AROA',
  'APKA',
  'ASCA'
]

const jwt = (claims: Record<string, unknown>) =>
  `${b64url(JSON.stringify({ alg: pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.${chars(URLSAFE, 43)}`

/** Assignment syntaxes of the generic rule: `(key, value)` → line. */
const ASSIGNMENTS: Record<string, (key: string, value: string) => string> = {
  env: (k, v) => `${k.toUpperCase()}=${v}`,
  'env-quoted': (k, v) => `${k.toUpperCase()}="${v}"`,
  export: (k, v) => `export ${k.toUpperCase()}='${v}'`,
  json: (k, v) => `  "${k}": "${v}",`,
  yaml: (k, v) => `  ${k}: ${v}`,
  'yaml-quoted': (k, v) => `    ${k}: '${v}'`,
  toml: (k, v) => `${k} = "${v}"`,
  ini: (k, v) => `${k}=${v}`,
  properties: (k, v) => `spring.datasource.${k}=${v}`,
  'xml-attr': (k, v) => `  <add key="${k}" value="${v}" />`,
  'xml-element': (k, v) => `    <${k}>${v}</${k}>`,
  dockerfile: (k, v) => `ENV ${k.toUpperCase()} ${v}`,
  compose: (k, v) => `      - ${k.toUpperCase()}=${v}`,
  ts: (k, v) => `  const ${k} = '${v}'`,
  'ts-object': (k, v) => `  ${k}: "${v}",`,
  python: (k, v) => `${k} = "${v}"`,
  go: (k, v) => `	${k} := "${v}"`,
  php: (k, v) => `  '${k}' => '${v}',`
}
/** File kind of each syntax, so bare values sit where they are literal. */
export const ASSIGNMENT_FILE: Record<string, string> = {
  env: 'env',
  'env-quoted': 'env',
  export: 'sh',
  json: 'json',
  yaml: 'yml',
  'yaml-quoted': 'yml',
  toml: 'toml',
  ini: 'ini',
  properties: 'properties',
  'xml-attr': 'xml',
  'xml-element': 'xml',
  dockerfile: 'Dockerfile',
  compose: 'yml',
  ts: 'ts',
  'ts-object': 'ts',
  python: 'py',
  go: 'go',
  php: 'php'
}
const GENERIC_KEYS = [
  'password',
  'db_password',
  'smtpPassword',
  'smtp_password',
  'dbPassword',
  'passwd',
  'pwd',
  'secret',
  'client_secret',
  'clientSecret',
  'api_key',
  'apiKey',
  'apikey',
  'auth_token',
  'accessToken',
  'token',
  'credentials',
  'private_key',
  'secretKey',
  'auth'
]

/** Every family the scanner must find, each from the vendor's documented shape. */
export const FAMILIES: Record<string, Family> = {
  'aws-access-key-id': {
    rule: 'aws-access-key-id',
    make: () => {
      const v = `${pick(AWS_PREFIXES)}${chars(`${UPPER}234567`, 16)}`
      return one(`  accessKeyId: '${v}',`, v)
    }
  },
  'aws-secret-access-key': {
    rule: 'aws-secret-access-key',
    make: () => {
      const v = `${chars(BASE64, 39)}${pick(['/', '+', 'x', 'Q'])}`
      return one(`aws_secret_access_key = ${v}`, v)
    }
  },
  'github-token': {
    rule: 'github-token',
    make: () => {
      const v = pick([
        () =>
          `${join2('gh', pick(['p', 'o', 'u', 's', 'r']), '_')}${chars(ALNUM, 36)}`,
        () =>
          `${join2('github', '_pat_')}${chars(ALNUM, 22)}_${chars(ALNUM, 59)}`
      ])()
      return one(`GITHUB_TOKEN=${v}`, v)
    }
  },
  'gitlab-token': {
    rule: 'gitlab-token',
    make: () => {
      const v = `${join2('glp', 'at-')}${charsWith(URLSAFE, 20, '-')}`
      return one(`  token: ${v}`, v)
    }
  },
  'slack-token': {
    rule: 'slack-token',
    make: () => {
      const v = pick([
        () =>
          `${join2('xo', pick(['xb', 'xp', 'xa', 'xr', 'xs']), '-')}${chars(DIGITS, 12)}-${chars(DIGITS, 13)}-${chars(ALNUM, 24)}`,
        () =>
          `${join2('xo', 'xe.xo', pick(['xp', 'xb']), '-1-')}${chars(ALNUM, 146)}`,
        () => `${join2('xo', 'xe-1-')}${chars(ALNUM, 146)}`
      ])()
      return one(`SLACK_BOT_TOKEN=${v}`, v)
    }
  },
  'slack-webhook': {
    rule: 'slack-webhook',
    make: () => {
      const v = `${pick(['https://', ''])}${join2('hooks.', 'slack.com/')}${pick(
        [
          () =>
            `services/T${chars(UPPER + DIGITS, 8)}/B${chars(UPPER + DIGITS, 10)}/${chars(ALNUM, 24)}`,
          () =>
            `workflows/T${chars(UPPER + DIGITS, 9)}/A${chars(UPPER + DIGITS, 10)}/${chars(DIGITS, 18)}/${chars(ALNUM, 32)}`,
          () =>
            `triggers/T${chars(UPPER + DIGITS, 9)}/${chars(DIGITS, 13)}/${chars(HEX, 32)}`
        ]
      )()}`
      return one(`const hook = '${v}'`, v)
    }
  },
  'stripe-secret-key': {
    rule: 'stripe-secret-key',
    make: () => {
      const v = `${join2('sk_', 'live_')}${chars(ALNUM, int(24, 99))}`
      return one(`STRIPE_SECRET_KEY=${v}`, v)
    }
  },
  'openai-api-key': {
    rule: 'openai-api-key',
    make: () => {
      const v = `${join2('sk-', 'proj-')}${charsWith(URLSAFE, 74, '-')}${join2('T3Blbk', 'FJ')}${charsWith(URLSAFE, 74, '-_')}`
      return one(`OPENAI_API_KEY=${v}`, v)
    }
  },
  'anthropic-api-key': {
    rule: 'anthropic-api-key',
    make: () => {
      const v = `${join2('sk-', 'ant-api03-')}${charsWith(URLSAFE, 93, '-')}AA`
      return one(`  apiKey: "${v}",`, v)
    }
  },
  'anthropic-admin-key': {
    rule: 'anthropic-admin-key',
    make: () => {
      const v = `${join2('sk-', 'ant-admin01-')}${charsWith(URLSAFE, 93, '_')}AA`
      return one(`ANTHROPIC_ADMIN_KEY=${v}`, v)
    }
  },
  'google-api-key': {
    rule: 'google-api-key',
    make: () => {
      const v = `${join2('AI', 'za')}${charsWith(URLSAFE, 35, '-_')}`
      return one(`  apiKey: "${v}",`, v)
    }
  },
  'npm-token': {
    rule: 'npm-token',
    make: () => {
      const v = `${join2('np', 'm_')}${chars(ALNUM, 36)}`
      return one(`//registry.npmjs.org/:_authToken=${v}`, v)
    }
  },
  'npm-auth-token': {
    rule: 'npm-auth-token',
    make: () => {
      const v = pick([uuid, () => chars(URLSAFE, 48)])()
      return one(`//npm.pkg.acme.io/:_authToken=${v}`, v)
    }
  },
  'sendgrid-api-key': {
    rule: 'sendgrid-api-key',
    make: () => {
      const v = `${join2('S', 'G.')}${charsWith(URLSAFE, 22, '-')}.${charsWith(URLSAFE, 43, '-')}`
      return one(`SENDGRID_API_KEY=${v}`, v)
    }
  },
  'shopify-token': {
    rule: 'shopify-token',
    make: () => {
      const v = `${join2('shp', 'at_')}${chars(HEX, 32)}`
      return one(`SHOPIFY_ADMIN_TOKEN=${v}`, v)
    }
  },
  'huggingface-token': {
    rule: 'huggingface-token',
    make: () => {
      const v = `${join2('h', 'f_')}${chars(UPPER + LOWER, 34)}`
      return one(`HF_TOKEN=${v}`, v)
    }
  },
  'databricks-token': {
    rule: 'databricks-token',
    make: () => {
      const v = `${join2('da', 'pi')}${chars(HEX, 32)}`
      return one(`  "host_token": "${v}",`, v)
    }
  },
  'vault-token': {
    rule: 'vault-token',
    make: () => {
      const v = `${join2('hv', 's.')}${charsWith(URLSAFE, 94, '-_')}`
      return one(`VAULT_TOKEN=${v}`, v)
    }
  },
  'twilio-api-key': {
    rule: 'twilio-api-key',
    make: () => {
      const v = `${join2('S', 'K')}${chars(HEX, 32)}`
      return one(`TWILIO_API_KEY_SID=${v}`, v)
    }
  },
  'twilio-account-sid': {
    rule: 'twilio-account-sid',
    make: () => {
      const v = `${join2('A', 'C')}${chars(HEX, 32)}`
      return one(`  accountSid: '${v}',`, v)
    }
  },
  mailgun: {
    rule: 'mailgun-api-key',
    make: () =>
      pick([
        () => {
          const v = `${pick(['key-', 'pubkey-'])}${chars(HEX, 32)}`
          return one(`  mailgunKey: '${v}',`, v)
        },
        () => {
          const v = `${chars(HEX, 32)}-${chars(HEX, 8)}-${chars(HEX, 8)}`
          return one(`MAILGUN_API_KEY=${v}`, v)
        }
      ])()
  },
  'discord-bot-token': {
    rule: 'discord-bot-token',
    make: () => {
      const id = `${int(1, 9)}${chars(DIGITS, 17)}`
      const v = `${b64url(id)}.${chars(URLSAFE, 6)}.${chars(URLSAFE, 38)}`
      return one(`client.login('${v}')`, v)
    }
  },
  'discord-webhook': {
    rule: 'discord-webhook',
    make: () => {
      const v = `https://${join2('discord', '.com')}/api/webhooks/${int(1, 9)}${chars(DIGITS, 18)}/${chars(URLSAFE, 68)}`
      return one(`  webhook: '${v}'`, v)
    }
  },
  'telegram-bot-token': {
    rule: 'telegram-bot-token',
    make: () => {
      const v = `${int(1, 9)}${chars(DIGITS, 9)}:${join2('A', 'A')}${chars(URLSAFE, 33)}`
      return one(`bot = Bot(token="${v}")`, v)
    }
  },
  'heroku-api-key': {
    rule: 'heroku-api-key',
    make: () =>
      pick([
        () => {
          const v = `${join2('HRKU', '-AA')}${chars(URLSAFE, 58)}`
          return one(`HEROKU_API_KEY=${v}`, v)
        },
        () => {
          const v = uuid()
          return one(`HEROKU_API_KEY=${v}`, v)
        }
      ])()
  },
  'digitalocean-token': {
    rule: 'digitalocean-token',
    make: () => {
      const v = `${join2('do', pick(['p', 'o', 'r']), '_v1_')}${chars(HEX, 64)}`
      return one(`DIGITALOCEAN_ACCESS_TOKEN=${v}`, v)
    }
  },
  'vercel-token': {
    rule: 'vercel-token',
    make: () => {
      const v = `${join2('vc', 'p_')}${chars(ALNUM, 56)}`
      return one(`VERCEL_TOKEN=${v}`, v)
    }
  },
  'netlify-token': {
    rule: 'netlify-token',
    make: () => {
      const v = `${join2('nf', 'p_')}${chars(ALNUM, 36)}`
      return one(`NETLIFY_AUTH_TOKEN=${v}`, v)
    }
  },
  'cloudflare-token': {
    rule: 'cloudflare-token',
    make: () =>
      pick([
        () => {
          const v = `${join2('cf', 'ut_')}${chars(ALNUM, 40)}${chars(HEX, 8)}`
          return one(`CF_TOKEN=${v}`, v)
        },
        () => {
          const v = charsWith(URLSAFE, 40, '_')
          return one(`CLOUDFLARE_API_TOKEN=${v}`, v)
        }
      ])()
  },
  'datadog-api-key': {
    rule: 'datadog-api-key',
    make: () => {
      const [name, v] = pick([
        () => ['DD_API_KEY', chars(HEX, 32)],
        () => ['DD_APP_KEY', chars(HEX, 40)],
        () => ['DATADOG_API_KEY', chars(HEX, 32)]
      ])()
      return one(`${name}=${v}`, v)
    }
  },
  'sentry-dsn': {
    rule: 'sentry-dsn',
    make: () => {
      const v = chars(HEX, 32)
      return one(
        `SENTRY_DSN=https://${chars(HEX, 32)}:${v}@o${chars(DIGITS, 6)}.ingest.sentry.io/${chars(DIGITS, 7)}`,
        v
      )
    }
  },
  'azure-client-secret': {
    rule: 'azure-client-secret',
    make: () => {
      const v = `${chars(ALNUM, 3)}${int(0, 9)}Q~${chars(`${ALNUM}_~.-`, 34)}`
      return one(`  "clientSecret": "${v}",`, v)
    }
  },
  'azure-storage-key': {
    rule: 'azure-storage-key',
    make: () => {
      const v = `${chars(BASE64, 86)}==`
      return one(
        `AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=acme${chars(LOWER, 5)};AccountKey=${v};EndpointSuffix=core.windows.net`,
        v
      )
    }
  },
  'azure-sas-token': {
    rule: 'azure-sas-token',
    make: () => {
      const v = `${chars(ALNUM, 20)}%2B${chars(ALNUM, 20)}%2F${chars(ALNUM, 2)}%3D`
      return one(
        `const blob = 'https://acme.blob.core.windows.net/c/f.zip?sv=2022-11-02&ss=b&srt=o&sp=r&se=2027-01-01T00:00:00Z&sig=${v}'`,
        v
      )
    }
  },
  jwt: {
    rule: 'jwt',
    make: () => {
      const v = jwt({
        sub: uuid(),
        iat: int(1600000000, 1700000000),
        scope: 'deploy'
      })
      return one(`INTERNAL_JWT=${v}`, v)
    }
  },
  'supabase-service-role': {
    rule: 'supabase-service-role-key',
    make: () => {
      const v = jwt({
        iss: 'supabase',
        ref: chars(LOWER, 20),
        role: join2('service', '_role'),
        iat: int(1600000000, 1700000000)
      })
      return one(`SUPABASE_SERVICE_ROLE_KEY=${v}`, v)
    }
  },
  'private-key-rsa': {
    rule: 'private-key',
    make: () => {
      const lines = pemLines(
        join2('RSA PRIV', 'ATE KEY'),
        'MIIEpAIBAAKCAQEA',
        1588
      )
      return { lines, secret: lines.join('\n') }
    }
  },
  'private-key-ec': {
    rule: 'private-key',
    make: () => {
      const lines = pemLines(join2('EC PRIV', 'ATE KEY'), 'MHcCAQEEI', 160)
      return { lines, secret: lines.join('\n') }
    }
  },
  'private-key-pgp': {
    rule: 'private-key',
    make: () => {
      const body = pemLines(join2('PGP PRIV', 'ATE KEY BLOCK'), 'lQOYBF', 900)
      const lines = [
        body[0],
        'Version: GnuPG v2',
        '',
        ...body.slice(1, -1),
        `=${chars(BASE64, 4)}`,
        body[body.length - 1]
      ]
      return { lines, secret: lines.join('\n') }
    }
  },
  'gcp-service-account': {
    rule: 'gcp-service-account-key',
    make: () => {
      const pem = pemLines(
        join2('PRIV', 'ATE KEY'),
        'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
        1620
      ).join('\\n')
      return one(`  "private_key": "${pem}\\n",`, pem)
    }
  },
  'connection-string': {
    rule: 'connection-string',
    make: () => {
      const v = password().replace(/[#%^+=]/g, '~')
      const scheme = pick([
        'redis',
        'rediss',
        'amqp',
        'amqps',
        'mongodb',
        'mongodb+srv',
        'mysql',
        'mariadb',
        'postgres',
        'postgresql',
        'mssql',
        'sqlserver',
        'smtp',
        'ldap',
        'ldaps'
      ])
      return one(
        `${pick(['DATABASE_URL', 'REDIS_URL', 'BROKER_URL', 'MAIL_URL'])}=${scheme}://${pick(['default', 'app', 'svc_api', ''])}:${v}@${pick(['db', 'redis', 'mq', 'mail'])}-${chars(LOWER, 5)}.internal.acme.io:${int(1000, 9999)}/app`,
        v
      )
    }
  },
  'basic-auth-url': {
    rule: 'basic-auth-url',
    make: () => {
      const v = `${chars(ALNUM, 9)}${pick(['%40', '%2B', '~', '.'])}${chars(ALNUM, 9)}`
      return one(
        `  registry: '${pick(['https', 'http', 'ftp', 'sftp'])}://deploy-${chars(LOWER, 4)}:${v}@registry.acme.io/npm/',`,
        v
      )
    }
  },
  'jdbc-ado-odbc': {
    rule: 'connection-string',
    make: () => {
      const v = password().replace(/[;=]/g, '!')
      return one(
        pick([
          `jdbc.url=jdbc:sqlserver://db.acme.io:1433;databaseName=app;user=app;password=${v};encrypt=true`,
          `  "Default": "Server=tcp:db.acme.io,1433;Database=app;User Id=app;Password=${v};",`,
          `DSN=app;Driver={ODBC Driver 18};Uid=app;Pwd=${v};`,
          `url: jdbc:postgresql://db.acme.io:5432/app?user=app&password=${v}`
        ]),
        v
      )
    }
  },
  ...Object.fromEntries(
    Object.entries(ASSIGNMENTS).map(([syntax, line]) => [
      `generic-${syntax}`,
      {
        rule: 'generic-credential',
        make: () => {
          const key = pick(GENERIC_KEYS)
          const v = pick([
            password,
            () => chars(HEX, 32),
            () => chars(ALNUM, 40)
          ])()
          return one(line(key, v), v)
        }
      }
    ])
  ),
  'generic-authorization': {
    rule: 'generic-credential',
    make: () => {
      const v = chars(URLSAFE, 40)
      return one(`  headers: { Authorization: 'Bearer ${v}' },`, v)
    }
  }
}

/** Look-alikes: a finding on one of these lines is a false positive. */
export const LOOKALIKES: Record<string, () => string> = {
  placeholder: () =>
    pick([
      `GITHUB_TOKEN=${join2('gh', 'p_')}${'x'.repeat(36)}`,
      `SLACK_TOKEN=${join2('xo', 'xb-')}${'x'.repeat(12)}-${'x'.repeat(13)}-${'x'.repeat(24)}`,
      `AWS_ACCESS_KEY_ID=${join2('AK', 'IA')}${'X'.repeat(16)}`,
      `STRIPE_KEY=${join2('sk_', 'live_')}1234567890abcdefghijklmn`,
      `password = "changeme"`,
      `API_KEY=<your-api-key>`,
      `token: \${TOKEN}`,
      `  password: "{{ .Values.db.password }}"`,
      `SECRET_KEY=your-secret-key-here`,
      `  password: "********"`,
      `DATABASE_URL=postgres://user:password@localhost:5432/app`,
      `REDIS_URL=redis://:\${REDIS_PASSWORD}@redis:6379/0`,
      `MONGO_URL=mongodb://<user>:<password>@cluster0.mongodb.net/app`,
      `DB_PASSWORD=`,
      `  apiKey: 'YOUR_API_KEY',`,
      `OPENAI_API_KEY=sk-...`,
      `  token: '${'0'.repeat(40)}'`,
      `NPM_TOKEN=${join2('np', 'm_')}${'0'.repeat(36)}`,
      `password: %s`,
      `  client_secret: "<client-secret>"`,
      `AUTH_TOKEN=$(cat /run/secrets/auth_token)`,
      `token = "${'ab'.repeat(16)}"`,
      `SECRET=abcdefghijklmnopqrstuvwxyz`,
      `  auth_token: ENC[AES256_GCM,data:…]`,
      `  password: op://vault/db/password`
    ]),
  'docs-sample': () =>
    pick([
      `  accessKeyId: '${join2('AKIAIOSFODNN7', 'EXAMPLE')}',`,
      `aws_secret_access_key = ${join2('wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'EXAMPLEKEY')}`,
      `stripe.api_key = "${join2('sk_', 'test_', '4eC39HqLyjWDarjtT1zdp7dc')}"`,
      `const token = '${join2('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ', '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c')}'`,
      `-----BEGIN RSA ${'PRIVATE'} KEY-----MIIEowIBAAKCAQEA...-----END RSA ${'PRIVATE'} KEY-----`
    ]),
  uuid: () => `  id: '${uuid()}',`,
  'uuid-keyed': () => `  "session_token_id": "${uuid()}",`,
  sha256: () => `  checksum: '${chars(HEX, 64)}',`,
  sha1: () => `  "shasum": "${chars(HEX, 40)}",`,
  'git-sha': () => `commit ${chars(HEX, 40)}`,
  'git-sha-keyed': () => `  GIT_COMMIT_SHA: ${chars(HEX, 40)}`,
  'lockfile-integrity': () =>
    `      "integrity": "sha512-${chars(BASE64, 86)}==",`,
  'base64-image': () =>
    `.logo{background:url(data:image/png;base64,iVBORw0KGgo${chars(BASE64, 2400)}=)}`,
  'base64-font': () =>
    `@font-face{font-family:x;src:url(data:font/woff2;base64,d09GMgABAAAAA${chars(BASE64, 1800)}) format("woff2")}`,
  'csp-nonce': () => `<script nonce="${chars(BASE64, 22)}==">boot()</script>`,
  'css-colour': () =>
    pick([
      `  --color-secret: #${chars(HEX, 6)};`,
      `.token-badge { color: #${chars(HEX, 6)}; background: #${chars(HEX, 8)}; }`,
      `  --auth-border: rgba(${int(0, 255)}, ${int(0, 255)}, ${int(0, 255)}, 0.5);`
    ]),
  i18n: () =>
    pick([
      `  "password": "Passwort",`,
      `  "password": "Contraseña",`,
      `  "resetPassword": "Reset your password",`,
      `  "token_expired": "Ihr Token ist abgelaufen",`,
      `  "apiKey": "Clé d'API",`,
      `  password: 'Mot de passe',`,
      `  "secret": "Geheimnis",`,
      `  "auth": "Authentifizierung",`,
      `  "passwordHint": "At least 12 characters, one digit",`,
      `  "credentials": "Zugangsdaten",`
    ]),
  'test-fixture': () =>
    pick([
      `    password: 'test1234',`,
      `    apiKey: 'fake-api-key',`,
      `    token: 'test-token',`,
      `    password: 'P@ssw0rd!',`,
      `  const password = 'hunter2'`,
      `    secret: 'secret123',`,
      `    auth: { user: 'admin', password: 'admin123' },`,
      `    accessToken: 'mock-access-token',`,
      `  expect(login('bob', 'correct-password')).toBe(true)`,
      `    client_secret: 'dummy_client_secret',`
    ]),
  'code-reference': () =>
    pick([
      `  password: config.password,`,
      `  const token = await getToken(req)`,
      `  apiKey: process.env.API_KEY,`,
      `  secret: string`,
      `  password?: string | null`,
      `  token = os.environ["GITHUB_TOKEN"]`,
      `  auth: authMiddleware,`,
      `  const secret = readFileSync(SECRET_PATH, 'utf8')`,
      `  credentials: 'include',`,
      `  this.apiKey = options.apiKey ?? defaults.apiKey`,
      `  password: hashPassword(input.password),`,
      `  token_type: "bearer",`,
      `  "grant_type": "password",`,
      `  password_min_length: 12`,
      `  secret_name: prod/db/main`,
      `  publicKey: '${chars(BASE64, 43)}=',`,
      `NEXT_PUBLIC_API_KEY=${chars(HEX, 32)}`,
      `<input type="password" name="password" autocomplete="current-password">`,
      `  if (password === confirmPassword) submit()`,
      `  tokenizer: new Tokenizer(${int(1, 9)}),`
    ]),
  'anon-jwt': () =>
    `NEXT_PUBLIC_SUPABASE_ANON_KEY=${jwt({ iss: 'supabase', ref: chars(LOWER, 20), role: 'anon' })}`,
  'publishable-key': () =>
    `STRIPE_PUBLISHABLE_KEY=${join2('pk_', 'live_')}${chars(ALNUM, 24)}`,
  'hash-password': () => `  password_hash: "$2b$12$${chars(`${ALNUM}./`, 53)}"`,
  minified: () =>
    `!function(e){var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}n.token="${chars(LOWER, 6)}",n.password=function(e){return e.password},n.key="${chars(ALNUM, 8)}"}([]);`
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
 * `perFamily` secrets of each family and `perLookalike` lines of each
 * look-alike kind are planted.
 */
export async function generateCorpus(
  dir: string,
  {
    fileCount = 2000,
    targetBytes = 20 * 1024 * 1024,
    perFamily = 12,
    perLookalike = 20
  } = {}
): Promise<Corpus> {
  const kinds = [
    'ts',
    'js',
    'env',
    'json',
    'md',
    'css',
    'min.js',
    'yml',
    'py',
    'go',
    'php',
    'toml',
    'ini',
    'properties',
    'xml',
    'sh',
    'Dockerfile'
  ]
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
  const byKind = (kind: string) =>
    drafts.filter(d => d.path.endsWith(`.${kind}`))
  const plain = drafts.filter(d => !d.path.endsWith('.min.js'))

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
  const insert = (
    draft: Draft,
    lines: string[],
    format: string,
    secret: boolean
  ) =>
    inserts.push({
      draft,
      at: Math.floor(random() * draft.lines.length),
      lines,
      format,
      secret
    })
  for (const [format, family] of Object.entries(FAMILIES)) {
    const syntax = format.replace(/^generic-/, '')
    const home = ASSIGNMENT_FILE[syntax]
      ? byKind(ASSIGNMENT_FILE[syntax])
      : plain
    for (let n = 0; n < perFamily; n++)
      insert(pick(home), family.make().lines, format, true)
  }
  for (const [format, make] of Object.entries(LOOKALIKES)) {
    const home = format === 'code-reference' ? byKind('ts') : plain
    for (let n = 0; n < perLookalike; n++)
      insert(pick(home), [make()], format, false)
  }
  // A few secrets inside minified one-line files: the served-bundle case.
  for (const format of [
    'google-api-key',
    'stripe-secret-key',
    'github-token'
  ]) {
    const draft = pick(byKind('min.js'))
    const { secret } = FAMILIES[format].make()
    const [line] = draft.lines
    const cut = Math.floor(line.length / 2)
    draft.lines[0] = `${line.slice(0, cut)};var k="${secret}";${line.slice(cut)}`
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
