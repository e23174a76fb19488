/**
 * Rule metadata: our ids and descriptions for secretlint's messages, and the
 * rules we add for formats the recommended preset misses (measured on the
 * benchmark corpus: Google API keys, EC private keys, AWS secret keys ending
 * in / or +, passwords in URLs with %xx, SendGrid keys with several dashes,
 * OpenAI keys ending in - or _).
 */

/**
 * What a finding on a minified line needs to be kept: `entropy` = a known
 * prefix (every token rule has one) plus the entropy floor; `keep` = the
 * structure is proof enough (PEM blocks); `drop` = too generic there.
 */
export type MinifiedPolicy = 'entropy' | 'keep' | 'drop'

export interface RuleInfo {
  /** Stable id, reported and used in fingerprints and SARIF. */
  id: string
  /** Names the kind of secret; never contains the value. */
  description: string
  minified: MinifiedPolicy
}

/** One of our own rules: keywords gate the regex, like secretlint's prefixes. */
export interface PatternRule extends RuleInfo {
  keywords: readonly string[]
  /** Global; the `secret` group, when present, is the value reported. */
  pattern: RegExp
  /** Drops matches that are placeholders rather than secrets. */
  accept?(secret: string, match: RegExpExecArray): boolean
}

const TOKEN_TAIL = '(?![A-Za-z0-9_-])'
const TOKEN_HEAD = '(?<![A-Za-z0-9_-])'

const PLACEHOLDER_PASSWORDS =
  /^(?:password|passwd|pass|secret|changeme|example|xxx+|\*+|test|admin|root|user(?:name)?|your[-_]?password|<[^>]*>)$/i

export const OWN_RULES: readonly PatternRule[] = [
  {
    id: 'google-api-key',
    description: 'Google API key',
    minified: 'entropy',
    keywords: ['AIza'],
    pattern: new RegExp(`${TOKEN_HEAD}AIza[0-9A-Za-z_-]{35}${TOKEN_TAIL}`, 'g')
  },
  {
    id: 'private-key',
    description: 'private key',
    minified: 'keep',
    keywords: ['-----BEGIN'],
    // Any PEM private key (EC and PKCS#8 too), raw or JSON-escaped.
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?<secret>[A-Za-z0-9+/=\s\\]{64,20000}?)-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
    accept: body => {
      const base64 = body.replace(/\\n|\\r|\s/g, '')
      return base64.length >= 64 && /^[A-Za-z0-9+/]+=*$/.test(base64)
    }
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    minified: 'entropy',
    keywords: ['ecret', 'ECRET'],
    pattern:
      /(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/g
  },
  {
    id: 'basic-auth-url',
    description: 'password in a URL',
    minified: 'drop',
    keywords: ['://'],
    pattern:
      /\b(?:https?|ftps?):\/\/(?<user>[A-Za-z0-9._~%!$&*+,;=-]{1,128}):(?<secret>[A-Za-z0-9._~%!*+,;=-]{1,256})@(?<host>[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24})\b/g,
    accept: (secret, match) => {
      const user = match.groups?.user ?? ''
      const host = match.groups?.host ?? ''
      return (
        secret.length >= 6 &&
        secret !== user &&
        !PLACEHOLDER_PASSWORDS.test(secret) &&
        !PLACEHOLDER_PASSWORDS.test(user) &&
        !/^(?:localhost|127\.0\.0\.1|example\.(?:com|org|net))$/i.test(host)
      )
    }
  },
  {
    id: 'sendgrid-api-key',
    description: 'SendGrid API key',
    minified: 'entropy',
    keywords: ['SG.'],
    pattern: new RegExp(
      `${TOKEN_HEAD}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${TOKEN_TAIL}`,
      'g'
    )
  },
  {
    id: 'openai-api-key',
    description: 'OpenAI API key',
    minified: 'entropy',
    keywords: ['T3BlbkFJ'],
    pattern: new RegExp(
      `${TOKEN_HEAD}sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,200}|[A-Za-z0-9]{20})T3BlbkFJ[A-Za-z0-9_-]{20,200}${TOKEN_TAIL}`,
      'g'
    )
  }
]

/**
 * Literal prefixes of the recommended preset's rules (read from its
 * regexes): a line without any of them cannot match, so the engine never
 * sees it. `://` covers basic auth and the database URLs.
 */
export const PRESET_KEYWORDS: readonly string[] = [
  'A3T',
  'AKIA',
  'AGPA',
  'AIDA',
  'AROA',
  'AIPA',
  'ANPA',
  'ANVA',
  'ASIA',
  'ecret',
  'ECRET',
  'PRIVATE KEY',
  '://',
  'npm_',
  '_authToken',
  'xox',
  'xapp-',
  'T3BlbkFJ',
  'sk-ant-',
  'gsk_',
  'hf_',
  'lin_api_',
  'ntn_',
  'SG.',
  'shppa_',
  'shpca_',
  'shpat_',
  'shpss_',
  'sk_live',
  'sk_test',
  'rk_live',
  'rk_test',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'github_pat_',
  'glpat-',
  'glc_',
  'glsa_',
  'ops_',
  'hvs.',
  'hvb.',
  'hvr.',
  'vcp_',
  'vci_',
  'vca_',
  'vcr_',
  'vck_',
  'dapi',
  'dckr_pat_',
  'figd_',
  'cfk_',
  'cfut_',
  'cfat_',
  'tskey-'
]

/** secretlint message ids → our rule info; ids not listed get a derived one. */
const PRESET_MESSAGES: Record<
  string,
  [id: string, description: string, minified?: MinifiedPolicy]
> = {
  AWSAccessKeyID: ['aws-access-key-id', 'AWS access key id'],
  AWSSecretAccessKey: ['aws-secret-access-key', 'AWS secret access key'],
  BasicAuth: ['basic-auth-url', 'password in a URL', 'drop'],
  PrivateKey: ['private-key', 'private key', 'keep'],
  PrivateKeyJSON: [
    'gcp-service-account-key',
    'GCP service account key',
    'keep'
  ],
  PrivateKeyP12: ['gcp-service-account-key', 'GCP service account key', 'keep'],
  Npmrc_authToken: ['npm-token', 'npm auth token'],
  NPM_ACCESS_TOKEN: ['npm-token', 'npm access token'],
  PackageJSON_xOauthToken: ['github-token', 'GitHub OAuth token in a URL'],
  SLACK_TOKEN: ['slack-token', 'Slack token'],
  IncomingWebhook: ['slack-webhook', 'Slack incoming webhook URL'],
  SENDGRID_KEY: ['sendgrid-api-key', 'SendGrid API key'],
  SHOPIFY_KEY: ['shopify-token', 'Shopify access token'],
  STRIPE_SECRET_KEY_LIVE: ['stripe-secret-key', 'Stripe live secret key'],
  STRIPE_SECRET_KEY_TEST: ['stripe-secret-key', 'Stripe test secret key'],
  STRIPE_RESTRICTED_KEY_LIVE: [
    'stripe-restricted-key',
    'Stripe live restricted key'
  ],
  STRIPE_RESTRICTED_KEY_TEST: [
    'stripe-restricted-key',
    'Stripe test restricted key'
  ],
  GITHUB_TOKEN: ['github-token', 'GitHub token'],
  GITLAB_PERSONAL_ACCESS_TOKEN: [
    'gitlab-token',
    'GitLab personal access token'
  ],
  GRAFANA_CLOUD_API_TOKEN: ['grafana-token', 'Grafana Cloud API token'],
  GRAFANA_SERVICE_ACCOUNT_TOKEN: [
    'grafana-token',
    'Grafana service account token'
  ],
  OPENAI_TOKEN: ['openai-api-key', 'OpenAI API key'],
  ANTHROPIC_API_KEY: ['anthropic-api-key', 'Anthropic API key'],
  GROQ_API_KEY: ['groq-api-key', 'Groq API key'],
  HUGGINGFACE_USER_ACCESS_TOKEN: [
    'huggingface-token',
    'Hugging Face access token'
  ],
  LINEAR_API_TOKEN: ['linear-api-key', 'Linear API key'],
  NOTION_INTEGRATION_TOKEN: ['notion-token', 'Notion integration token'],
  OPS_TOKEN: ['1password-token', '1Password service account token'],
  MongoDBConnection: ['database-url', 'MongoDB URL with a password', 'keep'],
  MySQLConnection: ['database-url', 'MySQL URL with a password', 'keep'],
  PostgreSQLConnection: [
    'database-url',
    'PostgreSQL URL with a password',
    'keep'
  ],
  HASHICORP_VAULT_SERVICE_TOKEN: ['vault-token', 'HashiCorp Vault token'],
  HASHICORP_VAULT_BATCH_TOKEN: ['vault-token', 'HashiCorp Vault batch token'],
  HASHICORP_VAULT_RECOVERY_TOKEN: [
    'vault-token',
    'HashiCorp Vault recovery token'
  ],
  VERCEL_PERSONAL_ACCESS_TOKEN: ['vercel-token', 'Vercel access token'],
  VERCEL_INTEGRATION_TOKEN: ['vercel-token', 'Vercel integration token'],
  VERCEL_APP_ACCESS_TOKEN: ['vercel-token', 'Vercel app access token'],
  VERCEL_APP_REFRESH_TOKEN: ['vercel-token', 'Vercel app refresh token'],
  VERCEL_AI_GATEWAY_API_KEY: ['vercel-token', 'Vercel AI Gateway key'],
  DATABRICKS_PERSONAL_ACCESS_TOKEN: [
    'databricks-token',
    'Databricks access token'
  ],
  DOCKER_PERSONAL_ACCESS_TOKEN: ['docker-token', 'Docker Hub access token'],
  FIGMA_PERSONAL_ACCESS_TOKEN: ['figma-token', 'Figma access token'],
  CLOUDFLARE_GLOBAL_API_KEY: ['cloudflare-token', 'Cloudflare global API key'],
  CLOUDFLARE_USER_API_TOKEN: ['cloudflare-token', 'Cloudflare user API token'],
  CLOUDFLARE_ACCOUNT_API_TOKEN: [
    'cloudflare-token',
    'Cloudflare account API token'
  ]
}

/** Our rule info for a secretlint message. */
export function presetRule(messageId: string): RuleInfo {
  const known = PRESET_MESSAGES[messageId]
  if (known) {
    const [id, description, minified = 'entropy'] = known
    return { id, description, minified }
  }
  if (messageId.startsWith('TAILSCALE')) {
    return {
      id: 'tailscale-key',
      description: 'Tailscale key',
      minified: 'entropy'
    }
  }
  const id = messageId
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase()
  return { id, description: `secret (${id})`, minified: 'entropy' }
}

/** The rule for values of `known_values` environment variables. */
export const KNOWN_VALUE_RULE: RuleInfo = {
  id: 'known-value',
  description: 'value of a protected environment variable',
  minified: 'keep'
}

/** Names for ids that several secretlint messages share. */
const GENERIC_DESCRIPTIONS: Record<string, string> = {
  'github-token': 'GitHub token',
  'npm-token': 'npm token',
  'stripe-secret-key': 'Stripe secret key',
  'stripe-restricted-key': 'Stripe restricted key',
  'grafana-token': 'Grafana token',
  'database-url': 'database URL with a password',
  'vault-token': 'HashiCorp Vault token',
  'vercel-token': 'Vercel token',
  'cloudflare-token': 'Cloudflare API token'
}

/** Every id a finding can carry, with its description (SARIF rules). */
export function ruleDescriptions(): Map<string, string> {
  const map = new Map<string, string>(Object.entries(GENERIC_DESCRIPTIONS))
  for (const [id, description] of Object.values(PRESET_MESSAGES)) {
    if (!map.has(id)) map.set(id, description)
  }
  for (const rule of OWN_RULES) map.set(rule.id, rule.description)
  map.set('tailscale-key', 'Tailscale key')
  map.set(KNOWN_VALUE_RULE.id, KNOWN_VALUE_RULE.description)
  return map
}
