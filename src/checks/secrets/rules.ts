/**
 * Every rule the scanner runs: vendor token formats (from each vendor's
 * documented shape), private keys, connection strings and the generic
 * keyword-assignment rule. `launch-gate secrets rules` and the SARIF rules
 * are read from this table.
 */
import { acceptGeneric, GENERIC_KEYWORDS, GENERIC_PATTERNS } from './generic.ts'
import { isPlaceholder, isReference } from './placeholder.ts'
import { safeDecode } from '../../util/redact.ts'

/**
 * What a finding on a minified line needs to be kept: `entropy` = the
 * entropy floor; `keep` = the structure is proof enough (PEM blocks);
 * `drop` = too generic there (a note says so instead).
 */
export type MinifiedPolicy = 'entropy' | 'keep' | 'drop'

export interface RuleInfo {
  /** Stable id, reported and used in fingerprints and SARIF. */
  id: string
  /** Names the kind of secret; never contains the value. */
  description: string
  minified: MinifiedPolicy
  /** The shape it finds, for `launch-gate secrets rules` (no real value). */
  example: string
  /** Where to revoke it, for the SARIF help text. */
  revoke?: string
}

/** Where a match was found, for rules that judge by context. */
export interface MatchContext {
  file: string
  /** The whole line holding the match start. */
  line: string
}

/** One rule: keywords gate the regex; `accept` may rename (a variant) or drop. */
export interface PatternRule extends RuleInfo {
  /** Literal strings; a line holding none is never matched. */
  keywords: readonly string[]
  /** Keywords compared case-insensitively. */
  ignoreCase?: boolean
  /** Global with indices (`gd`); the `secret` group, when present, is the value. */
  pattern: RegExp
  /** Token-shaped: placeholders and low-entropy bodies are rejected. */
  token: boolean
  accept?(
    secret: string,
    match: RegExpExecArray,
    where: MatchContext
  ): boolean | RuleInfo
}

const HEAD = '(?<![A-Za-z0-9_-])'
const TAIL = '(?![A-Za-z0-9_-])'

/** A token rule: `body` is the regex source between the boundaries. */
function token(
  info: Omit<RuleInfo, 'minified'> & {
    keywords: readonly string[]
    body: string
    minified?: MinifiedPolicy
    accept?: PatternRule['accept']
  }
): PatternRule {
  const { body, minified = 'entropy', ...rest } = info
  return {
    ...rest,
    minified,
    token: true,
    pattern: new RegExp(`${HEAD}${body}${TAIL}`, 'gd')
  }
}

const base64url = (text: string) => {
  try {
    return Buffer.from(text, 'base64url').toString('utf8')
  } catch {
    return ''
  }
}

const jsonObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object'
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

export const SUPABASE_SERVICE_ROLE: RuleInfo = {
  id: 'supabase-service-role-key',
  description: 'Supabase service_role key (bypasses row-level security)',
  minified: 'keep',
  example: 'eyJhbGciOi….eyJyb2xlIjoic2VydmljZV9yb2xlIi….<signature>',
  revoke: 'Supabase → Project settings → API → roll the JWT secret'
}

export const GCP_SERVICE_ACCOUNT: RuleInfo = {
  id: 'gcp-service-account-key',
  description: 'GCP service account key',
  minified: 'keep',
  example:
    '"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE…\\n-----END PRIVATE KEY-----\\n"',
  revoke: 'Google Cloud console → IAM → Service accounts → Keys'
}

const PEM_LABEL = '(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?'

/** Hosts of examples and local development: passwords there are not leaks. */
const EXAMPLE_HOST =
  /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|(?:[\w-]+\.)*example(?:\.(?:com|org|net))?|[\w.-]+\.(?:test|invalid|example|localhost))$/i

/** Values of the connection-string rules: literal, not a placeholder word. */
function literalPassword(value: string, user = ''): boolean {
  return (
    value.length >= 4 &&
    value !== user &&
    !isPlaceholder(value) &&
    !/^(?:pass(?:word|wd)?|pwd|secret|changeme|admin|root|user(?:name)?|test|guest|default|postgres|mysql|redis|rabbitmq|mongo|sa|x-oauth-basic)$/i.test(
      safeDecode(value)
    )
  )
}

const DB_SCHEMES =
  /^(?:redis|rediss|amqps?|mongodb(?:\+srv)?|mysql|mysqlx|mariadb|postgres(?:ql)?|mssql|sqlserver|jdbc:.*|clickhouse|cockroachdb|neo4j(?:\+s)?|bolt|couchbase|cassandra|memcached|nats|kafka|sqlite)$/i

export const RULES: readonly PatternRule[] = [
  token({
    id: 'aws-access-key-id',
    description: 'AWS access key id',
    keywords: [
      'A3T',
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
    ],
    body: '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z0-9]{16}',
    example:
      'AKIA + 16 upper-case letters or digits (also ASIA, ABIA, ACCA, …)',
    revoke: 'AWS IAM → Users → Security credentials'
  }),
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    minified: 'entropy',
    token: true,
    keywords: ['ecret', 'ECRET'],
    pattern:
      /(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dg,
    example: 'aws_secret_access_key = <40 base64 characters>',
    revoke: 'AWS IAM → Users → Security credentials'
  },
  token({
    id: 'github-token',
    description: 'GitHub token',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    body: '(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})',
    example: 'ghp_ + 36 letters or digits; github_pat_<22>_<59>',
    revoke: 'GitHub → Settings → Developer settings → tokens'
  }),
  token({
    id: 'gitlab-token',
    description: 'GitLab token',
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-'],
    body: '(?:glpat|gldt|glrt|glptt)-[A-Za-z0-9_-]{20,128}',
    example: 'glpat- + 20 or more letters, digits, - or _',
    revoke: 'GitLab → Preferences → Access tokens'
  }),
  token({
    id: 'slack-token',
    description: 'Slack token',
    keywords: ['xox', 'xapp-'],
    body: '(?:xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{100,250}|xoxe-\\d-[A-Za-z0-9]{100,250}|(?:xox[abposr]|xapp)-(?:\\d-)?(?:[A-Za-z0-9]{1,40}-){1,6}[A-Za-z0-9]{8,64})',
    example:
      'xoxb-<digits>-<digits>-<24 letters>; xoxp-, xoxa-, xoxr-, xoxs-, xapp-; xoxe.xoxp-1-… (config), xoxe-1-… (refresh)',
    revoke: 'Slack app settings → OAuth & Permissions → revoke'
  }),
  token({
    id: 'slack-webhook',
    description: 'Slack webhook URL',
    keywords: ['hooks.slack.com'],
    body: '(?:https?://)?hooks\\.slack\\.com/(?:services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}|workflows/T[A-Z0-9]{6,12}/A[A-Z0-9]{6,12}/\\d{10,22}/[A-Za-z0-9]{20,40}|triggers/T[A-Z0-9]{6,12}/\\d{10,22}/[A-Za-z0-9]{20,40})',
    example:
      'hooks.slack.com/services/T…/B…/<24 letters>; …/workflows/T…/A…/<id>/<secret>; …/triggers/T…/<id>/<secret>',
    revoke: 'Slack app settings → Incoming Webhooks / Workflow Builder'
  }),
  token({
    id: 'stripe-secret-key',
    description: 'Stripe secret key',
    keywords: ['sk_live_', 'sk_test_'],
    body: 'sk_(?:live|test)_[A-Za-z0-9]{24,247}',
    example: 'sk_live_ + 24 or more letters or digits',
    revoke: 'Stripe dashboard → Developers → API keys → roll'
  }),
  token({
    id: 'stripe-restricted-key',
    description: 'Stripe restricted key',
    keywords: ['rk_live_', 'rk_test_'],
    body: 'rk_(?:live|test)_[A-Za-z0-9]{24,247}',
    example: 'rk_live_ + 24 or more letters or digits',
    revoke: 'Stripe dashboard → Developers → API keys → roll'
  }),
  token({
    id: 'openai-api-key',
    description: 'OpenAI API key',
    keywords: ['T3BlbkFJ'],
    body: 'sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,200}|[A-Za-z0-9]{20})T3BlbkFJ[A-Za-z0-9_-]{20,200}',
    example: 'sk-proj-…T3BlbkFJ…',
    revoke: 'platform.openai.com → API keys'
  }),
  token({
    id: 'anthropic-api-key',
    description: 'Anthropic API key',
    keywords: ['sk-ant-api'],
    body: 'sk-ant-api0\\d-[A-Za-z0-9_-]{90,128}AA',
    example: 'sk-ant-api03-<93 characters>AA',
    revoke: 'console.anthropic.com → API keys'
  }),
  token({
    id: 'anthropic-admin-key',
    description: 'Anthropic admin API key',
    keywords: ['sk-ant-admin'],
    body: 'sk-ant-admin0\\d-[A-Za-z0-9_-]{90,128}AA',
    example: 'sk-ant-admin01-<93 characters>AA',
    revoke: 'console.anthropic.com → Admin keys'
  }),
  token({
    id: 'google-api-key',
    description: 'Google API key',
    keywords: ['AIza'],
    body: 'AIza[0-9A-Za-z_-]{35}',
    example: 'AIza + 35 letters, digits, - or _',
    revoke: 'Google Cloud console → APIs & Services → Credentials'
  }),
  token({
    id: 'groq-api-key',
    description: 'Groq API key',
    keywords: ['gsk_'],
    body: 'gsk_[A-Za-z0-9]{52}',
    example: 'gsk_ + 52 letters or digits'
  }),
  token({
    id: 'huggingface-token',
    description: 'Hugging Face access token',
    keywords: ['hf_'],
    body: 'hf_[A-Za-z]{34}',
    example: 'hf_ + 34 letters'
  }),
  token({
    id: 'linear-api-key',
    description: 'Linear API key',
    keywords: ['lin_api_'],
    body: 'lin_api_[A-Za-z0-9_]{32,128}',
    example: 'lin_api_ + 40 letters or digits'
  }),
  token({
    id: 'notion-token',
    description: 'Notion integration token',
    keywords: ['ntn_'],
    body: 'ntn_[0-9]{11}[A-Za-z0-9]{35}',
    example: 'ntn_ + 11 digits + 35 letters or digits'
  }),
  token({
    id: '1password-token',
    description: '1Password service account token',
    keywords: ['ops_ey'],
    body: 'ops_ey[A-Za-z0-9+/=]{100,1280}fQ={0,2}',
    example: 'ops_eyJ…fQ'
  }),
  token({
    id: 'sendgrid-api-key',
    description: 'SendGrid API key',
    keywords: ['SG.'],
    body: 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
    example: 'SG.<22>.<43>',
    revoke: 'SendGrid → Settings → API Keys'
  }),
  token({
    id: 'shopify-token',
    description: 'Shopify access token',
    keywords: ['shppa_', 'shpca_', 'shpat_', 'shpss_'],
    body: 'shp(?:pa|ca|at|ss)_[A-Za-z0-9]{32,64}',
    example: 'shpat_ + 32 hex digits'
  }),
  token({
    id: 'npm-token',
    description: 'npm access token',
    keywords: ['npm_'],
    body: 'npm_[A-Za-z0-9]{36}',
    example: 'npm_ + 36 letters or digits',
    revoke: 'npmjs.com → Access Tokens'
  }),
  {
    id: 'npm-auth-token',
    description: 'npm registry auth token (.npmrc)',
    minified: 'entropy',
    token: false,
    keywords: ['_authToken', '_auth=', '_password='],
    pattern:
      /:(?:_authToken|_auth|_password)\s*=\s*["']?(?<secret>[^\s"']{8,2048})/dg,
    accept: secret => !isReference(secret) && !isPlaceholder(secret),
    example: '//registry.example.org/:_authToken=<token>',
    revoke: 'the registry’s token settings'
  },
  token({
    id: 'vault-token',
    description: 'HashiCorp Vault token',
    keywords: ['hvs.', 'hvb.', 'hvr.'],
    body: '(?:hvs\\.[A-Za-z0-9_-]{90,120}|hvb\\.[A-Za-z0-9_-]{138,300}|hvr\\.[A-Za-z0-9_-]{90,120})',
    example: 'hvs. + 90 or more characters'
  }),
  token({
    id: 'vercel-token',
    description: 'Vercel token',
    keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    body: 'vc[picrk]_[A-Za-z0-9]{20,60}',
    example: 'vcp_ + 24 or more letters or digits',
    revoke: 'vercel.com → Account settings → Tokens'
  }),
  token({
    id: 'databricks-token',
    description: 'Databricks access token',
    keywords: ['dapi'],
    body: 'dapi[a-fA-F0-9]{32}(?:-\\d)?',
    example: 'dapi + 32 hex digits'
  }),
  token({
    id: 'docker-token',
    description: 'Docker Hub access token',
    keywords: ['dckr_pat_'],
    body: 'dckr_pat_[A-Za-z0-9_-]{27}',
    example: 'dckr_pat_ + 27 characters'
  }),
  token({
    id: 'figma-token',
    description: 'Figma access token',
    keywords: ['figd_'],
    body: 'figd_[A-Za-z0-9_-]{40,200}',
    example: 'figd_ + 40 or more characters'
  }),
  token({
    id: 'cloudflare-token',
    description: 'Cloudflare API token',
    keywords: ['cfk_', 'cfut_', 'cfat_'],
    body: 'cf(?:k|ut|at)_[A-Za-z0-9]{40}[0-9a-f]{8}',
    example: 'cfut_ + 40 letters or digits + 8 hex digits',
    revoke: 'Cloudflare dashboard → My Profile → API Tokens'
  }),
  {
    id: 'cloudflare-token',
    description: 'Cloudflare API token',
    minified: 'drop',
    token: true,
    keywords: ['loudflare', 'LOUDFLARE', 'CF_API', 'cf_api'],
    pattern:
      /(?:cloudflare|cf)[\w-]{0,20}?(?:api[_-]?token|token|api[_-]?key)["']?\s*(?:[:=]|=>)\s*["']?(?<secret>[A-Za-z0-9_-]{40}|[a-f0-9]{37})(?![\w-])/dgi,
    example: 'CLOUDFLARE_API_TOKEN=<40 characters>',
    revoke: 'Cloudflare dashboard → My Profile → API Tokens'
  },
  token({
    id: 'tailscale-key',
    description: 'Tailscale key',
    keywords: ['tskey-'],
    body: 'tskey-[a-z]{2,20}-[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}',
    example: 'tskey-auth-<id>-<secret>'
  }),
  token({
    id: 'grafana-token',
    description: 'Grafana token',
    keywords: ['glc_', 'glsa_'],
    body: '(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})',
    example: 'glsa_<32>_<8 hex>; glc_<base64>'
  }),
  token({
    id: 'twilio-api-key',
    description: 'Twilio API key SID',
    keywords: ['SK'],
    body: 'SK[0-9a-f]{32}',
    example: 'SK + 32 hex digits',
    revoke: 'Twilio console → API keys'
  }),
  token({
    id: 'twilio-account-sid',
    description: 'Twilio account SID (the auth token beside it is the secret)',
    keywords: ['AC'],
    body: 'AC[0-9a-f]{32}',
    example: 'AC + 32 hex digits'
  }),
  token({
    id: 'mailgun-api-key',
    description: 'Mailgun API key',
    keywords: ['key-', 'pubkey-'],
    body: '(?:pub)?key-[0-9a-f]{32}',
    example: 'key- + 32 hex digits; pubkey- + 32 hex digits',
    revoke: 'Mailgun → API Security'
  }),
  {
    id: 'mailgun-api-key',
    description: 'Mailgun API key',
    minified: 'entropy',
    token: true,
    keywords: ['ailgun', 'AILGUN'],
    pattern:
      /(?<![A-Za-z0-9])(?<secret>[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9])/dg,
    example: 'MAILGUN_API_KEY=<32 hex>-<8 hex>-<8 hex>',
    revoke: 'Mailgun → API Security'
  },
  {
    id: 'discord-bot-token',
    description: 'Discord bot token',
    minified: 'entropy',
    token: true,
    // The first part is a Discord id in base64 (M, N or O first).
    keywords: [],
    pattern:
      /(?<![A-Za-z0-9_-])[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])/dg,
    accept: secret => /^\d{17,20}$/.test(base64url(secret.split('.')[0])),
    example: '<base64 of the bot id>.<6>.<27 or more>',
    revoke: 'Discord developer portal → Bot → Reset token'
  },
  token({
    id: 'discord-webhook',
    description: 'Discord webhook URL',
    keywords: ['discord'],
    body: '(?:https?://)?(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68}',
    example: 'discord.com/api/webhooks/<id>/<68 characters>',
    revoke: 'Discord channel settings → Integrations → Webhooks'
  }),
  token({
    id: 'telegram-bot-token',
    description: 'Telegram bot token',
    keywords: [':AA'],
    body: '\\d{8,10}:AA[A-Za-z0-9_-]{33}',
    example: '<8-10 digits>:AA<33 characters>',
    revoke: '@BotFather → /revoke'
  }),
  token({
    id: 'heroku-api-key',
    description: 'Heroku API key',
    keywords: ['HRKU-'],
    body: 'HRKU-AA[0-9A-Za-z_-]{58}',
    example: 'HRKU-AA + 58 characters',
    revoke: 'Heroku → Account settings → API key'
  }),
  {
    id: 'heroku-api-key',
    description: 'Heroku API key',
    minified: 'drop',
    token: true,
    keywords: ['eroku', 'EROKU'],
    pattern:
      /heroku[\w-]{0,20}?(?:api[_-]?key|token|key)["']?\s*(?:[:=]|=>)\s*["']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w-])/dgi,
    example: 'HEROKU_API_KEY=<uuid>',
    revoke: 'Heroku → Account settings → API key'
  },
  token({
    id: 'digitalocean-token',
    description: 'DigitalOcean token',
    keywords: ['_v1_'],
    body: 'do[opr]_v1_[a-f0-9]{64}',
    example: 'dop_v1_ + 64 hex digits (also doo_, dor_)',
    revoke: 'DigitalOcean → API → Tokens'
  }),
  token({
    id: 'netlify-token',
    description: 'Netlify access token',
    keywords: ['nfp_', 'nfc_', 'nfo_', 'nfu_'],
    body: 'nf[pcou]_[A-Za-z0-9]{36,40}',
    example: 'nfp_ + 36 letters or digits',
    revoke: 'Netlify → User settings → Applications'
  }),
  {
    id: 'datadog-api-key',
    description: 'Datadog API or application key',
    minified: 'drop',
    token: true,
    keywords: ['atadog', 'ATADOG', 'DD_', 'dd_'],
    pattern:
      /(?:datadog|dd)[_-]?(?:api|app(?:lication)?|client)[_-]?(?:key|token)["']?\s*(?:[:=]|=>)\s*["']?(?<secret>[a-f0-9]{40}|[a-f0-9]{32})(?![\w-])/dgi,
    example: 'DD_API_KEY=<32 hex>; DD_APP_KEY=<40 hex>',
    revoke: 'Datadog → Organization settings → API keys'
  },
  token({
    id: 'sentry-token',
    description: 'Sentry auth token',
    keywords: ['sntrys_', 'sntryu_'],
    body: '(?:sntrys_eyJ[A-Za-z0-9+/=_-]{60,400}|sntryu_[a-f0-9]{64})',
    example: 'sntryu_ + 64 hex digits; sntrys_eyJ…',
    revoke: 'Sentry → Settings → Auth tokens'
  }),
  {
    id: 'sentry-dsn',
    description: 'Sentry DSN with its secret key',
    minified: 'keep',
    token: true,
    keywords: ['sentry'],
    pattern:
      /https?:\/\/[a-f0-9]{32}:(?<secret>[a-f0-9]{32})@[\w.-]*sentry[\w.-]*\/\d+/dg,
    example: 'https://<public key>:<secret key>@o1.ingest.sentry.io/1',
    revoke: 'Sentry → Project settings → Client keys'
  },
  token({
    id: 'azure-client-secret',
    description: 'Azure AD client secret',
    keywords: ['Q~'],
    body: '[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}',
    example: '<3 characters><digit>Q~<31-34 characters>',
    revoke: 'Azure portal → App registrations → Certificates & secrets'
  }),
  {
    id: 'azure-storage-key',
    description: 'Azure storage account key',
    minified: 'keep',
    token: true,
    keywords: ['AccountKey='],
    pattern: /AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/dg,
    example:
      'DefaultEndpointsProtocol=https;AccountName=…;AccountKey=<88 base64>',
    revoke: 'Azure portal → Storage account → Access keys → rotate'
  },
  {
    id: 'azure-sas-token',
    description: 'Azure shared access signature',
    minified: 'keep',
    token: true,
    keywords: ['sig='],
    pattern:
      /[?&;]sig=(?<secret>(?:[A-Za-z0-9+/]|%2[BbFf]){40,100}(?:=|%3[Dd]){0,2})(?![A-Za-z0-9%])/dg,
    accept: (_secret, _match, { line }) =>
      /[?&;](?:sv|se|sp|sr|ss)=/.test(line),
    example: 'https://x.blob.core.windows.net/c?sv=…&se=…&sig=<signature>',
    revoke: 'rotate the storage key the signature was made with'
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    minified: 'keep',
    token: true,
    keywords: ['eyJ'],
    pattern:
      /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2000}\.[A-Za-z0-9_-]{8,8000}\.(?:[A-Za-z0-9_-]{16,2000})?(?![A-Za-z0-9_-])/dg,
    accept: secret => {
      const [head, body] = secret.split('.')
      const header = jsonObject(base64url(head))
      if (typeof header?.alg !== 'string') return false
      const claims = jsonObject(base64url(body))
      // Supabase anon keys are public by design; the service role is not.
      if (claims?.role === 'anon') return false
      return claims?.role === 'service_role' ? SUPABASE_SERVICE_ROLE : true
    },
    example: 'eyJ<header>.eyJ<claims>.<signature>, header with alg',
    revoke: 'rotate the signing key; the token stays valid until it expires'
  },
  {
    id: 'private-key',
    description: 'private key',
    minified: 'keep',
    token: false,
    keywords: ['-----BEGIN'],
    // Any PEM or PGP private key, raw or JSON-escaped, headers and the
    // armour checksum line included: the secret is the whole block.
    pattern: new RegExp(
      `-----BEGIN ${PEM_LABEL}-----[^-]{40,40000}-----END ${PEM_LABEL}-----`,
      'dg'
    ),
    accept: (secret, match) => {
      const inner = secret
        .replace(/^-----BEGIN[^\n\\]*?-----|-----END[^]*$/g, '')
        .replace(/\\r|\\n/g, '\n')
      const lines = inner
        .split(/\r?\n/)
        .map(line => line.trim())
        // Armour headers (Version:, Proc-Type:) and the PGP checksum line.
        .filter(
          line => line && !/^[\w-]+:/.test(line) && !/^=[\w+/]{4}$/.test(line)
        )
      const base64 = lines.join('')
      if (base64.length < 64 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) return false
      if (isPlaceholder(base64)) return false
      const before = match.input.slice(
        Math.max(0, match.index - 40),
        match.index
      )
      return /"private_key"\s*:\s*"$/.test(before) ? GCP_SERVICE_ACCOUNT : true
    },
    example:
      '-----BEGIN RSA PRIVATE KEY----- … -----END RSA PRIVATE KEY----- (EC, OPENSSH, PKCS#8, PGP too)',
    revoke: 'replace the key pair and revoke the old public key'
  },
  {
    id: 'connection-string',
    description: 'password in a connection string',
    minified: 'drop',
    token: false,
    keywords: ['://'],
    pattern:
      /(?<![A-Za-z0-9+.-])(?<scheme>[A-Za-z][A-Za-z0-9+.-]{1,30}(?::[a-z0-9]{2,12})?):\/\/(?<user>[^\s:/?#@'"`<>\\]{0,128}):(?<secret>[^\s@/?#'"`<>\\]{1,256})@(?<host>[^\s/?#:'"`<>@\\]{1,253})/dg,
    accept: (secret, match) => {
      const { scheme = '', user = '', host = '' } = match.groups ?? {}
      if (EXAMPLE_HOST.test(host) || !literalPassword(secret, user))
        return false
      if (/sentry/i.test(host) && /^[a-f0-9]{32}$/.test(secret)) return false
      if (DB_SCHEMES.test(scheme)) return true
      return /^(?:https?|s?ftps?|wss?)$/i.test(scheme) ? BASIC_AUTH : true
    },
    example:
      'redis://default:<password>@host, postgres://u:<password>@host/db, mongodb+srv://…, amqp://…, smtp://…',
    revoke: 'change the password on the server'
  },
  {
    id: 'connection-string',
    description: 'password in a connection string',
    minified: 'drop',
    token: false,
    ignoreCase: true,
    keywords: ['password=', 'pwd='],
    // JDBC (`;password=`, `?password=`) and ADO.NET / ODBC (`Password=…;`).
    pattern:
      /(?:^|[;?&\s"'])(?:password|pwd)\s*=\s*(?<secret>[^;&\s"'{}]{1,256})/dgi,
    accept: (secret, _match, { line }) =>
      /jdbc:|server\s*=|data source\s*=|host\s*=|database\s*=|initial catalog\s*=|uid\s*=|user id\s*=|driver\s*=|dsn\s*=|user=/i.test(
        line
      ) && literalPassword(secret),
    example:
      'jdbc:…;password=<password>; Server=…;User Id=…;Password=<password>;'
  },
  {
    id: 'generic-credential',
    description: 'password or key in an assignment',
    minified: 'entropy',
    token: false,
    ignoreCase: true,
    keywords: GENERIC_KEYWORDS,
    pattern: GENERIC_PATTERNS.assignment,
    accept: acceptGeneric,
    example:
      'password = "…", "apiKey": "…", SMTP_PASSWORD=…, dbPassword: …, <add key="db.password" value="…"/>',
    revoke: 'rotate it where it was issued'
  },
  {
    id: 'generic-credential',
    description: 'password or key in an assignment',
    minified: 'entropy',
    token: false,
    ignoreCase: true,
    keywords: GENERIC_KEYWORDS,
    pattern: GENERIC_PATTERNS.markup,
    accept: acceptGeneric,
    example: '<password>…</password>, ENV DB_PASSWORD …'
  }
]

/** `http(s)://user:password@host`: the variant of a web URL. */
export const BASIC_AUTH: RuleInfo = {
  id: 'basic-auth-url',
  description: 'password in a URL',
  minified: 'drop',
  example: 'https://user:<password>@host/',
  revoke: 'change the password on the server'
}

/** The rule for values of `known_values` environment variables. */
export const KNOWN_VALUE_RULE: RuleInfo = {
  id: 'known-value',
  description: 'value of a protected environment variable',
  minified: 'keep',
  example: 'the exact value of a variable named in secrets.known_values'
}

/** Files and hosts that look like addresses: `logo@2x.png`, `git@github.com:`. */
const NOT_AN_ADDRESS =
  /\.(?:png|jpe?g|gif|svg|webp|avif|ico|js|mjs|cjs|ts|tsx|jsx|css|scss|json|map|html?|md|txt|ya?ml|lock|wasm|woff2?)$/i

/** `secrets.pii: [email]`: e-mail addresses (personal data, not a secret). */
export const EMAIL_RULE: PatternRule = {
  id: 'email-address',
  description: 'e-mail address (personal data)',
  minified: 'keep',
  token: false,
  keywords: ['@'],
  pattern:
    /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![\w.-]*\w)/dg,
  accept: (secret, match, { line }) => {
    const after = line.slice(
      line.indexOf(secret) + secret.length,
      line.indexOf(secret) + secret.length + 1
    )
    return (
      !NOT_AN_ADDRESS.test(secret) &&
      !/^git@/i.test(secret) &&
      after !== ':' &&
      match[0] === secret
    )
  },
  example:
    'jane.doe@acme.io (only with secrets.pii: [email]; pii_allow drops matches)'
}

/** Every rule a finding can carry, one per id, in table order. */
export function ruleCatalog(): RuleInfo[] {
  const byId = new Map<string, RuleInfo>()
  const all = [
    ...RULES,
    SUPABASE_SERVICE_ROLE,
    GCP_SERVICE_ACCOUNT,
    BASIC_AUTH,
    KNOWN_VALUE_RULE,
    EMAIL_RULE
  ]
  for (const rule of all) {
    const known = byId.get(rule.id)
    byId.set(
      rule.id,
      known
        ? { ...known, example: `${known.example}; ${rule.example}` }
        : {
            id: rule.id,
            description: rule.description,
            minified: rule.minified,
            example: rule.example,
            revoke: rule.revoke
          }
    )
  }
  return [...byId.values()]
}

/** Every id a finding can carry, with its description (SARIF rules). */
export function ruleDescriptions(): Map<string, string> {
  return new Map(ruleCatalog().map(rule => [rule.id, rule.description]))
}

const DOCS =
  'https://github.com/launch-gate/launch-gate/blob/main/docs/checks/secrets.md'

/** The fix for a rule's findings, and where it is documented. */
export function ruleHelp(id: string): { text: string; uri: string } {
  const rule = ruleCatalog().find(r => r.id === id)
  const revoke = rule?.revoke ? ` (${rule.revoke})` : ''
  return {
    text: `Revoke the secret at its provider${revoke}, then load it from a secret store or environment variable. Removing it from the code does not remove it from the git history. If it is not a secret, accept it in secrets.baseline with a reason.`,
    uri: `${DOCS}#${id}`
  }
}
