import { validateTerms } from 'mailauth/lib/spf/syntax.js'
import { isNodata, isNxdomain, type DnsClient } from '../../net/resolver.ts'
import type { Finding } from '../types.ts'
import type { PartVerdict } from './outcome.ts'

/** RFC 7208 §4.6.4: DNS-querying terms per evaluation, and empty answers. */
export const MAX_SPF_LOOKUPS = 10
export const MAX_VOID_LOOKUPS = 2

/** The walk stops descending past this many lookups or include levels. */
const WALK_LOOKUP_CAP = 30
const WALK_MAX_DEPTH = 10

/** Mechanisms that cost a DNS lookup (the modifier `redirect` does too). */
const LOOKUP_MECHANISMS = new Set(['include', 'a', 'mx', 'ptr', 'exists'])

export type Qualifier = '+' | '-' | '~' | '?'

export interface SpfMechanism {
  qualifier: Qualifier
  /** Lower case: all, include, a, mx, ptr, ip4, ip6, exists. */
  name: string
  /** The domain-spec after `:`, when given. */
  target?: string
  /** The term as written. */
  text: string
}

export interface SpfRecord {
  mechanisms: SpfMechanism[]
  redirect?: string
  /** Why receivers would reject the record (permerror); checked by mailauth. */
  error?: string
}

/** True for a TXT record that is an SPF record. */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1(\s|$)/i.test(text.trim())
}

/** Splits an SPF record into its terms; syntax errors come from mailauth. */
export function parseSpf(text: string): SpfRecord {
  const [version, ...terms] = text.trim().split(/\s+/)
  if (version.toLowerCase() !== 'v=spf1') {
    return { mechanisms: [], error: 'it does not start with v=spf1' }
  }
  const error = validateTerms(terms) || undefined
  const record: SpfRecord = { mechanisms: [], error }
  for (const term of terms) {
    const modifier = /^([a-z][a-z0-9._-]*)=(.*)$/i.exec(term)
    if (modifier) {
      if (modifier[1].toLowerCase() === 'redirect')
        record.redirect = modifier[2]
      continue
    }
    const mechanism = /^([-+~?]?)([a-z0-9]+)(?::([^/]*))?/i.exec(term)
    if (!mechanism) continue
    record.mechanisms.push({
      qualifier: (mechanism[1] || '+') as Qualifier,
      name: mechanism[2].toLowerCase(),
      target: mechanism[3] || undefined,
      text: term
    })
  }
  return record
}

/** What a walk of a domain's SPF tree found; judged by evaluateSpf. */
export interface SpfAnalysis {
  domain: string
  /** The domain itself does not exist. */
  nxdomain: boolean
  /** Every v=spf1 record at the domain. */
  records: string[]
  /** DNS-querying terms, counted through includes and redirects. */
  lookups: number
  /** Terms whose lookup found no records. */
  voidLookups: string[]
  /** What each top-level include and redirect costs, itself included. */
  costs: { term: string; lookups: number }[]
  /** The `all` that ends evaluation (after a redirect); undefined if none. */
  all?: Qualifier
  /** Problems receivers answer with permerror, or that open the record. */
  problems: string[]
  usesPtr: boolean
  /** The walk stopped early: `lookups` is a lower bound. */
  incomplete: boolean
}

/**
 * Walks the SPF record of `domain` and everything it includes, counting the
 * lookups a receiver would make for a sender that matches nothing (the most
 * it can cost). Every query goes through `client`, which bounds time and count.
 */
export async function analyzeSpf(
  client: DnsClient,
  domain: string
): Promise<SpfAnalysis> {
  const analysis: SpfAnalysis = {
    domain,
    nxdomain: false,
    records: [],
    lookups: 0,
    voidLookups: [],
    costs: [],
    problems: [],
    usesPtr: false,
    incomplete: false
  }
  try {
    analysis.records = (await client.resolve(domain, 'TXT'))
      .map(chunks => chunks.join(''))
      .filter(isSpfRecord)
  } catch (error) {
    if (isNxdomain(error)) analysis.nxdomain = true
    else if (!isNodata(error)) throw error
    return analysis
  }
  if (analysis.records.length === 1) {
    const walker = new SpfWalker(client, analysis)
    analysis.all = await walker.walk(domain, analysis.records[0], [domain])
  }
  return analysis
}

class SpfWalker {
  private readonly client: DnsClient
  private readonly analysis: SpfAnalysis

  constructor(client: DnsClient, analysis: SpfAnalysis) {
    this.client = client
    this.analysis = analysis
  }

  /** Counts one record's terms; returns the qualifier of its `all`. */
  async walk(
    domain: string,
    text: string,
    path: readonly string[],
    via?: string
  ): Promise<Qualifier | undefined> {
    const { analysis } = this
    const record = parseSpf(text)
    const top = via === undefined
    if (record.error) {
      analysis.problems.push(
        `${top ? 'SPF record' : `SPF record of ${via}`} is invalid (${record.error}): fix the syntax, receivers reject it (permerror)`
      )
      return undefined
    }
    for (const mechanism of record.mechanisms) {
      // Evaluation ends at `all`: later terms never run.
      if (mechanism.name === 'all') return mechanism.qualifier
      if (!LOOKUP_MECHANISMS.has(mechanism.name)) continue
      const before = analysis.lookups
      analysis.lookups++
      await this.follow(mechanism, domain, path)
      if (top && mechanism.name === 'include') {
        analysis.costs.push({
          term: mechanism.text,
          lookups: analysis.lookups - before
        })
      }
    }
    if (record.redirect === undefined) return undefined
    const before = analysis.lookups
    analysis.lookups++
    const term = `redirect=${record.redirect}`
    const all = await this.followRecord(record.redirect, term, path, true)
    if (top) analysis.costs.push({ term, lookups: analysis.lookups - before })
    return all
  }

  private async follow(
    mechanism: SpfMechanism,
    domain: string,
    path: readonly string[]
  ): Promise<void> {
    const target = mechanism.target ?? domain
    // A macro (%{i}, %{s}...) depends on the sender: it cannot be looked up here.
    if (target.includes('%')) return
    switch (mechanism.name) {
      case 'include': {
        const all = await this.followRecord(target, mechanism.text, path, false)
        if (all === '+') {
          this.analysis.problems.push(
            `${mechanism.text} ends in +all, so it matches every server: remove it or ask its owner for a record ending in -all or ~all`
          )
        }
        return
      }
      case 'a':
        return this.countVoid(mechanism.text, [
          this.client.resolve(target, 'A'),
          this.client.resolve(target, 'AAAA')
        ])
      case 'mx':
        return this.countVoid(mechanism.text, [
          this.client.resolve(target, 'MX')
        ])
      case 'exists':
        return this.countVoid(mechanism.text, [
          this.client.resolve(target, 'A')
        ])
      case 'ptr':
        // Needs the sender's address; counted, never resolved.
        this.analysis.usesPtr = true
    }
  }

  /** A void lookup finds nothing: every one of `answers` is empty. */
  private async countVoid(term: string, answers: Promise<unknown[]>[]) {
    let found = false
    for (const answer of answers) {
      try {
        if ((await answer).length > 0) found = true
      } catch (error) {
        if (!isNxdomain(error) && !isNodata(error)) throw error
      }
    }
    if (!found) this.analysis.voidLookups.push(term)
  }

  /** Walks the record an include or redirect names. */
  private async followRecord(
    target: string,
    term: string,
    path: readonly string[],
    isRedirect: boolean
  ): Promise<Qualifier | undefined> {
    const { analysis } = this
    const name = target.toLowerCase().replace(/\.$/, '')
    if (path.includes(name)) {
      analysis.problems.push(
        `SPF ${term} loops back (${[...path, name].join(' → ')}): remove the loop, receivers reject it (permerror)`
      )
      return undefined
    }
    if (path.length > WALK_MAX_DEPTH || analysis.lookups > WALK_LOOKUP_CAP) {
      analysis.incomplete = true
      return undefined
    }
    let records: string[]
    try {
      records = (await this.client.resolve(name, 'TXT'))
        .map(chunks => chunks.join(''))
        .filter(isSpfRecord)
    } catch (error) {
      if (!isNxdomain(error) && !isNodata(error)) throw error
      analysis.voidLookups.push(term)
      records = []
    }
    if (records.length !== 1) {
      const seen =
        records.length === 0 ? 'no SPF record' : `${records.length} SPF records`
      analysis.problems.push(
        `SPF ${term} has ${seen}: ${isRedirect ? 'point the redirect' : 'remove it or point it'} at a domain with exactly one, receivers reject it (permerror)`
      )
      return undefined
    }
    return this.walk(name, records[0], [...path, name], term)
  }
}

/** Judges an SPF walk; pure. */
export function evaluateSpf(analysis: SpfAnalysis): PartVerdict {
  const { domain } = analysis
  const errors: Finding[] = []
  const warnings: Finding[] = []
  const fail = (rule: string, message: string) => errors.push({ rule, message })

  if (analysis.nxdomain) {
    fail(
      'spf-missing',
      `${domain} does not exist (NXDOMAIN): check email.domain`
    )
  } else if (analysis.records.length === 0) {
    fail(
      'spf-missing',
      `no SPF record at ${domain}: publish one TXT record like "v=spf1 include:<your mail provider> -all"`
    )
  } else if (analysis.records.length > 1) {
    fail(
      'spf-multiple',
      `${analysis.records.length} SPF records at ${domain} (receivers reject them all): merge them into one v=spf1 record`
    )
  }
  if (analysis.records.length !== 1) {
    return {
      errors,
      warnings,
      summary: '',
      metrics: { records: analysis.records.length }
    }
  }

  for (const problem of analysis.problems) fail('spf-invalid', problem)
  if (analysis.lookups > MAX_SPF_LOOKUPS || analysis.incomplete) {
    fail('spf-lookups', lookupMessage(analysis))
  }
  if (analysis.voidLookups.length > MAX_VOID_LOOKUPS) {
    fail(
      'spf-void-lookups',
      `SPF has ${analysis.voidLookups.length} void lookups (max ${MAX_VOID_LOOKUPS}): ${analysis.voidLookups.join(', ')} find no records; remove them`
    )
  }
  const all = ALL_ADVICE[analysis.all ?? 'none']
  if (all) fail('spf-all', all)
  if (analysis.usesPtr) {
    warnings.push({
      rule: 'spf-ptr',
      message:
        'SPF uses ptr, which is slow and discouraged (RFC 7208 §5.5): replace it with ip4:, ip6: or a:'
    })
  }

  return {
    errors,
    warnings,
    summary: `${analysis.records[0]} (${analysis.lookups} of ${MAX_SPF_LOOKUPS} lookups)`,
    metrics: {
      records: 1,
      lookups: analysis.lookups,
      void_lookups: analysis.voidLookups.length
    }
  }
}

const ALL_ADVICE: Record<Qualifier | 'none', string | undefined> = {
  '-': undefined,
  '~': undefined,
  '+': 'SPF ends in +all, which lets any server send as your domain: end it in -all or ~all',
  '?': 'SPF ends in ?all (neutral), which does not mark forged mail: end it in -all or ~all',
  none: 'SPF has no all mechanism, so unlisted servers get a neutral result: end it in -all or ~all'
}

/** `SPF needs 13 DNS lookups (max 10): flatten include:_spf.x (6 lookups)`. */
function lookupMessage(analysis: SpfAnalysis): string {
  const count = analysis.incomplete
    ? `at least ${analysis.lookups}`
    : String(analysis.lookups)
  const excess = analysis.lookups - MAX_SPF_LOOKUPS
  const chosen: string[] = []
  let saved = 0
  for (const cost of analysis.costs.toSorted((a, b) => b.lookups - a.lookups)) {
    if (saved >= excess) break
    chosen.push(`${cost.term} (${cost.lookups} lookups)`)
    saved += cost.lookups
  }
  const fix =
    saved >= excess && chosen.length > 0
      ? `flatten ${chosen.join(' and ')} into ip4:/ip6: ranges`
      : 'replace a, mx and include terms with ip4:/ip6: ranges'
  return `SPF needs ${count} DNS lookups (max ${MAX_SPF_LOOKUPS}): ${fix}`
}
