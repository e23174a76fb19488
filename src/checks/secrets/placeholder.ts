import { createHash } from 'node:crypto'
import { entropy } from './redact.ts'

/**
 * Values that stand for a secret without being one: template references,
 * placeholders, documentation samples. Shared by every rule.
 */

/** Words that mark a value as an example, not a credential. */
const PLACEHOLDER_WORDS =
  /example|sample|placeholder|dummy|redacted|changeme|change[_-]me|replace[_-]?me|insert[_-]?(?:your|here)|your[_-]?(?:own[_-]?)?(?:api|access|secret|token|key|pass|client|app|auth|private)|(?:key|token|secret|password)[_-]?here|\*\*\*|•••|\.\.\.|…|<[^>]*>/i

/** Masks: `xxxx`, `XXXX` (one case: random text mixes them). */
const MASK = /xxxx|XXXX/

/** A template, variable or secret-store reference instead of a literal. */
const REFERENCE =
  /^\$[A-Za-z_{(]|\$\{|\{\{|\}\}|^%[sd(]|%\([A-Za-z_]+\)s|^%\{|^#\{|<%=?|^@@|^__[A-Z0-9_]+__$|process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|ENV\[|env\(|^!(?:Ref|Sub|GetAtt)|^ENC\[|^(?:vault|op|sm|ssm|secret|awssm|gcpsm|azkv|kms|file|env):|^arn:aws:(?:secretsmanager|ssm)|^@Microsoft\.KeyVault/

/**
 * sha256 of credentials vendors publish in their documentation (Stripe's
 * test keys, jwt.io's sample token, …): kept as hashes, so this file holds
 * none of them.
 */
const DOCUMENTED_SAMPLES = new Set([
  // Stripe's documented test secret keys
  '2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326',
  'f2d6ca16515033e5dce14eba840b979d27b5cbae24bb3e5bf484339667f86397',
  // jwt.io's sample HS256 token
  '7f75367e7881255134e1375e723d1dea8ad5f6a4fdb79d938df1f1754a830606'
])

export const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex')

/** A documented sample credential (by hash). */
export function isDocumentedSample(value: string): boolean {
  return DOCUMENTED_SAMPLES.has(sha256(value))
}

export function isReference(value: string): boolean {
  return REFERENCE.test(value)
}

/** Longest run of one repeated character. */
function longestRun(text: string): number {
  let best = 0
  let run = 0
  for (let i = 0; i < text.length; i++) {
    run = i > 0 && text[i] === text[i - 1] ? run + 1 : 1
    if (run > best) best = run
  }
  return best
}

/** Longest run of consecutive characters (`1234`, `abcd`, `dcba`). */
function longestSequence(text: string): number {
  let best = 1
  let up = 1
  let down = 1
  for (let i = 1; i < text.length; i++) {
    const step = text.charCodeAt(i) - text.charCodeAt(i - 1)
    up = step === 1 ? up + 1 : 1
    down = step === -1 ? down + 1 : 1
    best = Math.max(best, up, down)
  }
  return best
}

/**
 * The least entropy (bits/char) a random string of this alphabet and
 * length shows, with margin: digits carry less than hex, hex less than
 * letters and digits.
 */
function entropyFloor(core: string): number {
  const short = core.length < 16
  if (/^\d+$/.test(core)) return short ? 1.8 : 2.4
  if (/^[0-9a-f]+$/i.test(core)) return short ? 2.1 : 2.8
  return short ? 2.3 : 3
}

/**
 * A token-shaped value that is a placeholder: example words, masks
 * (`xxxx`, `****`), templates, repeated or sequential characters
 * (`0000…`, `1234…`, `abcd…`), a body too regular to be random, or a
 * documented sample.
 */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value) || MASK.test(value) || isReference(value))
    return true
  const core = value.replace(/[_\-.:/~]+/g, '')
  if (longestRun(core) >= Math.max(5, core.length / 4)) return true
  if (longestSequence(core) >= Math.max(6, core.length / 3)) return true
  // Each piece of `xoxb-1111-2222-aaaa`: every one repeated.
  const pieces = value.split(/[_\-.]+/).filter(p => p.length >= 4)
  if (pieces.length > 1 && pieces.every(p => new Set(p).size <= 2)) return true
  if (core.length >= 8 && entropy(core) < entropyFloor(core)) return true
  return isDocumentedSample(value)
}
