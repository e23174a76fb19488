/**
 * The generic credential rule: a key named like a password, secret, token
 * or API key, an assignment, and a literal value, in code, `.env`, JSON,
 * YAML, TOML, INI/properties, XML, shell and Docker files. Precision comes
 * from the key's last word, a stop-word list, an entropy floor, and skipping
 * values that are references rather than literals.
 */
import { entropy } from './redact.ts'
import { isPlaceholder, isReference } from './placeholder.ts'
import type { MatchContext } from './rules.ts'

/** Case-insensitive keywords that let a line reach the generic rule. */
export const GENERIC_KEYWORDS: readonly string[] = [
  'pass',
  'pwd',
  'secret',
  'token',
  'key',
  'auth',
  'credential'
]

const VALUE =
  // Quoted (JSON may escape the quotes), with an optional auth scheme, or bare.
  '(?:(?<q>\\\\?["\'`])(?:(?:Bearer|Basic|Token|Bot)\\s+)?(?<secret>[^"\'`\\\\\\s]{1,500})\\k<q>|(?<bare>[^\\s"\'`,;&<>(){}\\[\\]|\\\\]{1,500}))'

export const GENERIC_PATTERNS = {
  /** `key = value`, `"key": value`, `key := value`, `key => value`, `KEY=value`. */
  assignment: new RegExp(
    `(?<![\\w.$-])(?<key>[A-Za-z_$@][\\w.$-]{0,80})\\\\?["']?\\s*(?:=>|:=|\\?\\?=|\\|\\|=|=|:)\\s*${VALUE}`,
    'dg'
  ),
  /** `<password>v</password>`, `key="password" value="v"`, `ENV PASSWORD v`. */
  markup: new RegExp(
    `<(?<key>[A-Za-z_][\\w.:-]{0,80})>(?<secret>[^<\\s]{1,500})</\\k<key>>|(?:key|name)\\s*=\\s*["'](?<key2>[A-Za-z_][\\w.:-]{0,80})["']\\s+value\\s*=\\s*["'](?<secret2>[^"'\\s]{1,500})["']|^\\s*ENV\\s+(?<key3>[A-Za-z_]\\w{0,80})\\s+(?<secret3>[^\\s=]\\S{0,499})$`,
    'dgm'
  )
}

/** Last words of a key that name a credential. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'token',
  'auth',
  'authorization',
  'credential',
  'credentials',
  'apikey'
])

/** `<word> key` pairs that name a credential. */
const KEY_QUALIFIERS = new Set([
  'api',
  'private',
  'secret',
  'access',
  'client',
  'encryption',
  'signing',
  'master',
  'auth'
])

/** Compound last words ending in a credential word (`PGPASSWORD`, `csrftoken`). */
const COMPOUND =
  /(?:password|passwd|secret|token|(?:api|secret|private|access|client|auth)key)$/

/** A key with one of these words is about a credential, not one. */
const NOT_A_SECRET =
  /^(?:public|publishable|pub|url|uri|path|file|filename|name|id|type|length|len|size|count|field|label|hint|placeholder|header|param|policy|prompt|regex|pattern|endpoint|expiry|expires|expiration|ttl|hash|hashed|digest|salt|min|max|format|input|mode|enabled|required|error|message|text|title|description|reset|confirm|confirmation|forgot|new|old|current|show|hide|visible|strength|rules|validation|button|link|route|version|prefix|suffix|env|var|ref|source|store|provider|method|strategy|scheme|kind|status|state|callback|redirect|cookie|session|display)$/

/** Splits `SMTP_PASSWORD`, `dbPassword`, `x-api-key`, `db.password` into words. */
function words(key: string): string[] {
  return key
    .replace(/^[$@]/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/** Whether a key names a credential: judged by its last word(s). */
export function isCredentialKey(key: string): boolean {
  const parts = words(key)
  if (parts.length === 0 || parts.some(p => NOT_A_SECRET.test(p))) return false
  const last = parts[parts.length - 1]
  if (SECRET_WORDS.has(last)) return true
  if (last === 'key')
    return parts.length > 1 && KEY_QUALIFIERS.has(parts[parts.length - 2])
  return COMPOUND.test(last) && last.length <= 18
}

/** Code, where an unquoted value is an expression, not a literal. */
const CODE_FILE =
  /\.(?:[cm]?[jt]sx?|py|rb|go|java|kts?|scala|cs|fs|php|rs|swift|c|h|cc|cpp|hpp|m|mm|vue|svelte|dart|lua|exs?|groovy|clj|hs|ml|r|jl|pl|pm|erl|zig|nim|sol)$/i

/** Letters that stay after undoing l33t: words, not random text. */
const STOP_LETTERS =
  /^(?:password|passwd|pass|pwd|secret|secrets|changeme|change|me|letmein|qwerty|admin|administrator|test|testing|tests|fake|dummy|mock|sample|example|default|token|apikey|api|key|keys|hunter|welcome|login|root|user|username|demo|foo|bar|baz|qux|abc|xyz|none|null|nil|undefined|true|false|yes|no|on|off|string|str|bool|boolean|number|int|integer|object|any|empty|blank|todo|tbd|fixme|required|optional|value|my|your|our|the|here|secure|strong|super|top|db|database|dev|development|prod|production|staging|local|app|application|client|server|service|bearer|basic|auth|oauth|jwt|access|refresh|private|public|encrypted|hidden|masked|redacted|set|unset|env|config|settings|dummytoken|placeholder|random|generated|please|enter|insert|replace|new|old|temp|tmp|guest|master|main|qa|uat|sandbox|local|localhost|mysql|postgres|postgresql|redis|mongo|mongodb|rabbit|rabbitmq|sa|opensesame|iloveyou|monkey|dragon|abcdef|abcd|sesame)+$/

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's'
}

/** Only stop words once digits, symbols and l33t are undone (`P@ssw0rd!`). */
function onlyStopWords(value: string): boolean {
  const plain = value
    .toLowerCase()
    .replace(/[013457@$]/g, c => LEET[c] ?? c)
    .replace(/[^a-z]/g, '')
  const letters = value.toLowerCase().replace(/[^a-z]/g, '')
  // Mostly letters, and those are words: `test1234`, `P@ssw0rd!`, `admin123`.
  if (plain.length * 2 < value.length) return plain === ''
  return (
    STOP_LETTERS.test(plain) || (letters !== '' && STOP_LETTERS.test(letters))
  )
}

/** An identifier, member path or ENV name: a name, not a value. */
const NAME_LIKE =
  /^(?:[a-z]{2,}(?:[A-Z][a-z]{2,})+|[a-z]+(?:_[a-z]+)+|[A-Z]+(?:_[A-Z0-9]+)+|[A-Za-z_]+(?:\.[A-Za-z_]+)+|[a-z]+(?:-[a-z]+)+)$/

/** The generic rule's judgement of a key-value match. */
export function acceptGeneric(
  value: string,
  match: RegExpExecArray,
  where: MatchContext
): boolean {
  const groups = match.groups ?? {}
  const key = groups.key ?? groups.key2 ?? groups.key3 ?? ''
  if (!isCredentialKey(key)) return false
  const bare = groups.bare !== undefined
  // Unquoted in code is an expression: `password: config.password`.
  if (bare && CODE_FILE.test(where.file.replace(/[?#].*$/, ''))) return false
  return isLiteralSecret(value, /pass|pwd/i.test(key))
}

/** A literal that looks like a real credential rather than a word or a stand-in. */
export function isLiteralSecret(value: string, password: boolean): boolean {
  if (value.length < (password ? 6 : 8) || value.length > 500) return false
  if (isReference(value) || isPlaceholder(value)) return false
  if (/^(?:\/|\.\.?\/|~\/|[a-z][\w+.-]*:\/\/)/i.test(value)) return false
  if (/^\d+$/.test(value) || /^[\d.:-]+$/.test(value)) return false
  if (
    /^(?:sha\d+|md5)[-:]|^\$(?:2[aby]?|argon2\w*|pbkdf2[\w-]*|scrypt|[156])\$/i.test(
      value
    )
  )
    return false
  if (NAME_LIKE.test(value) || onlyStopWords(value)) return false
  const hasDigitOrSymbol = /[^\p{L}]/u.test(value)
  // A word in any language (`Passwort`, `Authentifizierung`) is a label;
  // random letters switch case often.
  const caseSwitches = value.match(/[a-z][A-Z]|[A-Z][a-z]/g)?.length ?? 0
  if (!hasDigitOrSymbol && (value.length < 16 || caseSwitches < 4)) return false
  return entropy(value) >= (password ? 2.5 : value.length < 16 ? 2.7 : 3)
}
