import { parseDmarcRecord } from 'mailauth/lib/dmarc/get-dmarc-record.js'
import { isNodata, isNxdomain, type DnsClient } from '../../net/resolver.ts'
import type { Finding } from '../types.ts'
import type { PartVerdict } from './outcome.ts'

export type DmarcPolicy = 'none' | 'quarantine' | 'reject'

const POLICY_STRENGTH: Record<DmarcPolicy, number> = {
  none: 0,
  quarantine: 1,
  reject: 2
}

/** Tags registered for DMARC (RFC 7489 §6.3, RFC 9989), historic ones too. */
const KNOWN_TAGS = new Set([
  'v',
  'p',
  'sp',
  'np',
  'adkim',
  'aspf',
  'fo',
  'rua',
  'ruf',
  'rf',
  'ri',
  'pct',
  't',
  'psd'
])

/** A DMARC reporting URI (RFC 7489 §6.2), with an optional `!size` suffix. */
const REPORT_URI = /^[a-z][a-z0-9+.-]*:[^\s,!]+(![0-9]+[kmgt]?)?$/i

/** TXT records at `_dmarc.<domain>`, as one string each. */
export interface DmarcFacts {
  name: string
  /** Empty when the name does not exist or has no TXT records. */
  records: string[]
}

/** Reads the TXT records at `_dmarc.<domain>`. */
export async function lookupDmarc(
  client: DnsClient,
  domain: string
): Promise<DmarcFacts> {
  const name = `_dmarc.${domain}`
  try {
    const txt = await client.resolve(name, 'TXT')
    return { name, records: txt.map(chunks => chunks.join('')) }
  } catch (error) {
    if (isNxdomain(error) || isNodata(error)) return { name, records: [] }
    throw error
  }
}

/** Judges the DMARC record against `min_policy`; pure. */
export function evaluateDmarc(
  facts: DmarcFacts,
  domain: string,
  minPolicy: DmarcPolicy
): PartVerdict {
  const errors: Finding[] = []
  const warnings: Finding[] = []
  const fail = (rule: string, message: string) => errors.push({ rule, message })
  const warn = (rule: string, message: string) =>
    warnings.push({ rule, message })
  const example = `"v=DMARC1; p=${minPolicy}; rua=mailto:dmarc-reports@${domain}"`

  const records = facts.records.filter(text =>
    /^v\s*=\s*DMARC1\s*(;|$)/i.test(text.trim())
  )
  if (records.length !== 1) {
    fail(
      records.length === 0 ? 'dmarc-missing' : 'dmarc-multiple',
      records.length === 0
        ? `no DMARC record at ${facts.name}: publish a TXT record like ${example}`
        : `${records.length} DMARC records at ${facts.name} (receivers ignore them all): keep one`
    )
    return {
      errors,
      warnings,
      summary: '',
      metrics: { records: records.length }
    }
  }

  // Strict: tag names are case-sensitive and a repeated tag voids the record.
  const tags = parseDmarcRecord(records[0].trim(), { strict: true })
  if (!tags) {
    fail(
      'dmarc-invalid',
      `DMARC record repeats a tag (receivers ignore it): keep each tag once in ${JSON.stringify(records[0])}`
    )
    return { errors, warnings, summary: '', metrics: { records: 1 } }
  }
  const text = (tag: string) => {
    const value = tags[tag]
    return value === undefined ? undefined : String(value)
  }

  for (const tag of Object.keys(tags)) {
    if (tag !== 'rr' && !KNOWN_TAGS.has(tag)) {
      fail(
        'dmarc-invalid',
        `DMARC tag "${tag}" is unknown, so receivers ignore it: fix its name (tags are lower case: p, sp, rua, ruf, adkim, aspf, pct, fo)`
      )
    }
  }
  const policy = text('p')
  if (policy === undefined) {
    fail('dmarc-invalid', `DMARC record has no p= tag: add p=${minPolicy}`)
  } else if (!isPolicy(policy)) {
    fail(
      'dmarc-invalid',
      `DMARC p=${policy} is not a policy: use none, quarantine or reject`
    )
  }
  for (const tag of ['sp', 'np']) {
    const value = text(tag)
    if (value !== undefined && !isPolicy(value)) {
      fail(
        'dmarc-invalid',
        `DMARC ${tag}=${value} is not a policy: use none, quarantine or reject`
      )
    }
  }
  for (const tag of ['adkim', 'aspf']) {
    const value = text(tag)
    if (value !== undefined && value !== 'r' && value !== 's') {
      fail(
        'dmarc-invalid',
        `DMARC ${tag}=${value} is not valid: use r (relaxed) or s (strict)`
      )
    }
  }
  const pct = rawTag(records[0], 'pct')
  if (pct !== undefined && !/^(100|[1-9]?[0-9])$/.test(pct)) {
    fail(
      'dmarc-invalid',
      `DMARC pct=${pct} is not a whole number from 0 to 100: set pct=100 or remove it`
    )
  } else if (pct !== undefined && pct !== '100') {
    warn(
      'dmarc-pct',
      `DMARC pct=${pct} applies the policy to ${pct}% of failing mail only: set pct=100`
    )
  }
  for (const tag of ['rua', 'ruf']) {
    const value = text(tag)
    const bad = value
      ?.split(',')
      .map(uri => uri.trim())
      .find(uri => !REPORT_URI.test(uri))
    if (bad !== undefined) {
      fail(
        'dmarc-invalid',
        `DMARC ${tag} "${bad}" is not a URI: write ${tag}=mailto:${bad.replace(/^mailto:/i, '') || `dmarc-reports@${domain}`}`
      )
    }
  }

  if (
    policy !== undefined &&
    isPolicy(policy) &&
    POLICY_STRENGTH[policy] < POLICY_STRENGTH[minPolicy]
  ) {
    fail(
      'dmarc-policy',
      `DMARC p=${policy}, the policy requires at least ${minPolicy}: set p=${minPolicy} once your aggregate reports show only your own senders`
    )
  }
  if (text('rua') === undefined) {
    warn(
      'dmarc-rua',
      `DMARC has no rua= tag, so nobody gets aggregate reports: add rua=mailto:dmarc-reports@${domain}`
    )
  }

  return {
    errors,
    warnings,
    summary: `p=${policy ?? '?'}${text('rua') ? `, rua=${text('rua')}` : ''}`,
    metrics: { records: 1, policy: policy ?? '' }
  }
}

function isPolicy(value: string): value is DmarcPolicy {
  return Object.hasOwn(POLICY_STRENGTH, value)
}

/** A tag's value as written (mailauth turns a malformed pct into 0). */
function rawTag(record: string, tag: string): string | undefined {
  for (const part of record.split(';')) {
    const at = part.indexOf('=')
    if (at > 0 && part.slice(0, at).trim() === tag)
      return part.slice(at + 1).trim()
  }
  return undefined
}
