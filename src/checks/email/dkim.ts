import { getPublicKey } from 'mailauth/lib/tools.js'
import { isNodata, isNxdomain, type DnsClient } from '../../net/resolver.ts'
import type { Finding } from '../types.ts'
import type { PartVerdict } from './outcome.ts'

/** Receivers ignore shorter RSA keys (RFC 8301 §3.2)... */
export const MIN_RSA_BITS = 1024
/** ...and this is what they ask for. */
export const RECOMMENDED_RSA_BITS = 2048

/** What the key record at `<selector>._domainkey.<domain>` holds. */
export type DkimFacts =
  | {
      name: string
      key: { type: string; bits: number; testing: boolean }
    }
  | {
      name: string
      /** `missing`, `multiple`, or mailauth's code for an unusable record. */
      problem: string
      detail?: string
    }

/**
 * Reads and parses the selector's key record. mailauth validates the record
 * (version, service, base64, key type) and builds the key with node:crypto;
 * its lookups go through `client`, so the configured resolver answers.
 */
export async function lookupDkim(
  client: DnsClient,
  selector: string,
  domain: string
): Promise<DkimFacts> {
  const name = `${selector}._domainkey.${domain}`
  try {
    // mailauth reads only the first TXT record; more than one is ambiguous.
    const records = await client.resolve(name, 'TXT')
    if (records.length > 1) return { name, problem: 'multiple' }
    // A bit floor of 1 lets short keys through, to report their size.
    const key = await getPublicKey('DKIM', name, 1, (query, type) =>
      client.resolve(query, type as 'TXT')
    )
    return {
      name,
      key: { type: key.keyType, bits: key.modulusLength, testing: key.testing }
    }
  } catch (error) {
    if (isNxdomain(error) || isNodata(error))
      return { name, problem: 'missing' }
    const code = (error as { code?: string }).code
    if (code?.startsWith('EINVALID')) {
      return { name, problem: code, detail: (error as Error).message }
    }
    throw error
  }
}

/** Judges one selector's key; pure. */
export function evaluateDkim(facts: DkimFacts, selector: string): PartVerdict {
  const errors: Finding[] = []
  const warnings: Finding[] = []
  if ('problem' in facts) {
    errors.push({
      rule: 'dkim-invalid',
      message: problemMessage(facts, selector)
    })
    return { errors, warnings, summary: '', metrics: {} }
  }
  const { key } = facts
  if (key.type === 'rsa' && key.bits < MIN_RSA_BITS) {
    errors.push({
      rule: 'dkim-short-key',
      message: `DKIM key ${facts.name} is RSA ${key.bits}-bit, receivers ignore keys under ${MIN_RSA_BITS} bits: publish a ${RECOMMENDED_RSA_BITS}-bit key`
    })
  } else if (key.type === 'rsa' && key.bits < RECOMMENDED_RSA_BITS) {
    warnings.push({
      rule: 'dkim-weak-key',
      message: `DKIM key ${facts.name} is RSA ${key.bits}-bit: rotate to a ${RECOMMENDED_RSA_BITS}-bit key`
    })
  }
  if (key.testing) {
    warnings.push({
      rule: 'dkim-testing',
      message: `DKIM key ${facts.name} is in testing mode (t=y), so receivers may ignore failures: remove t=y`
    })
  }
  const size = key.type === 'rsa' ? `RSA ${key.bits}-bit` : key.type
  return {
    errors,
    warnings,
    summary: `${size} key at ${facts.name}`,
    metrics: { key_type: key.type, key_bits: key.bits }
  }
}

function problemMessage(
  facts: { name: string; problem: string; detail?: string },
  selector: string
): string {
  switch (facts.problem) {
    case 'missing':
      return `no DKIM key at ${facts.name}: publish the TXT (or CNAME) record your mail provider gives for selector ${selector}`
    case 'multiple':
      return `several TXT records at ${facts.name}: keep only the DKIM key record`
    case 'EINVALIDVAL':
      return facts.detail === 'Missing key value'
        ? `DKIM key ${facts.name} has an empty p= (the key is revoked): publish the current public key`
        : `DKIM key ${facts.name} is not valid (${facts.detail}): copy the record again from your mail provider`
    case 'EINVALIDVER':
      return `DKIM key ${facts.name} has a wrong version tag: use v=DKIM1 as the first tag`
    case 'EINVALIDTYPE':
      return `DKIM key ${facts.name} holds no usable RSA or Ed25519 key (${facts.detail}): copy the record again from your mail provider`
    case 'EINVALIDSERVICE':
      return `DKIM key ${facts.name} is not for email (s= excludes it): remove the s= tag`
    default:
      return `DKIM key ${facts.name} is not valid (${facts.detail ?? facts.problem}): copy the record again from your mail provider`
  }
}
