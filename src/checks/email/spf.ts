import { validateTerms } from 'mailauth/lib/spf/syntax.js'
import {
  isBadName,
  isNodata,
  isNxdomain,
  type DnsClient
} from '../../net/resolver.ts'
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

/** RFC 7208 §4.6.4: an `mx` term may bring back at most this many names. */
export const MAX_MX_NAMES = 10

export type Qualifier = '+' | '-' | '~' | '?'

/**
 * How evaluation of a record ends for a sender that matches nothing: an
 * `all`; `none` (no `all`, no redirect: neutral); `macro` (a redirect whose
 * target depends on the sender); `stopped` (receivers stop on a permerror).
 */
export type SpfEnding = Qualifier | 'none' | 'macro' | 'stopped'

export interface SpfMechanism {
  qualifier: Qualifier
  /** Lower case: all, include, a, mx, ptr, ip4, ip6, exists. */
  name: string
  /**
   * The domain-spec (or network) after `:`, when given, without a `/cidr`
   * or `//cidr6` suffix: a domain-spec may itself hold `/` and `:`.
   */
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

/**
 * True for a TXT record that is an SPF record (RFC 7208 §4.5): exactly
 * `v=spf1` (any case), then a space or the end. Anything else (a tab, a
 * leading space, `v=spf10`) is some other record, which receivers skip.
 */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text)
}

/** Looks like an SPF record to a person, but receivers skip it. */
function isNearSpfRecord(text: string): boolean {
  return !isSpfRecord(text) && /^\s*v=spf1(\s|$)/i.test(text)
}

/** `a`/`mx` after the name: `[":" domain-spec] ["/" cidr4] ["//" cidr6]`. */
const DUAL_CIDR_TARGET = /^(?::(.+?))?(?:\/\d+)?(?:\/\/\d+)?$/

/**
 * Splits an SPF record into its terms: the version, then terms separated by
 * spaces only (§4.6.1). A record holding any other control or non-ASCII
 * character is a permerror; mailauth checks the grammar of each term.
 */
export function parseSpf(text: string): SpfRecord {
  if (!isSpfRecord(text)) {
    return { mechanisms: [], error: 'it does not start with v=spf1' }
  }
  const stray = /[^\x20-\x7e]/.exec(text)
  if (stray) {
    return {
      mechanisms: [],
      error: `it holds ${describeCharacter(stray[0])}: terms are printable ASCII separated by spaces only`
    }
  }
  const terms = text.slice('v=spf1'.length).split(' ').filter(Boolean)
  const error = validateTerms(terms) || undefined
  const record: SpfRecord = { mechanisms: [], error }
  for (const term of terms) {
    const modifier = /^([a-z][a-z0-9._-]*)=(.*)$/i.exec(term)
    if (modifier) {
      if (modifier[1].toLowerCase() === 'redirect')
        record.redirect = modifier[2]
      continue
    }
    const parts = /^([-+~?]?)([a-z0-9]*)(.*)$/i.exec(term)
    if (!parts?.[2]) continue
    const name = parts[2].toLowerCase()
    const rest = parts[3]
    const target =
      name === 'a' || name === 'mx'
        ? DUAL_CIDR_TARGET.exec(rest)?.[1]
        : name === 'ip4' || name === 'ip6'
          ? rest.slice(1).replace(/\/\d+$/, '')
          : rest.startsWith(':')
            ? rest.slice(1)
            : undefined
    record.mechanisms.push({
      qualifier: (parts[1] || '+') as Qualifier,
      name,
      target: target || undefined,
      text: term
    })
  }
  return record
}

/**
 * `a tab (0x09)`, `a non-ASCII byte (0xEF)`. node:dns reads TXT data as
 * Latin-1, so each character below U+0100 is one byte of the record.
 */
function describeCharacter(char: string): string {
  const code = char.codePointAt(0)!
  const hex = code.toString(16).toUpperCase()
  const shown =
    code < 0x100 ? `0x${hex.padStart(2, '0')}` : `U+${hex.padStart(4, '0')}`
  const names: Record<string, string> = {
    '\t': 'a tab',
    '\n': 'a line feed',
    '\r': 'a carriage return'
  }
  if (names[char]) return `${names[char]} (${shown})`
  if (code < 0x20 || code === 0x7f) return `a control character (${shown})`
  return code < 0x100
    ? `a non-ASCII byte (${shown})`
    : `a non-ASCII character (${shown})`
}

/** What a walk of a domain's SPF tree found; judged by evaluateSpf. */
export interface SpfAnalysis {
  domain: string
  /** The domain itself does not exist. */
  nxdomain: boolean
  /** Every v=spf1 record at the domain. */
  records: string[]
  /** TXT records that look like SPF but that receivers skip (`v=spf1\t…`). */
  nearMisses: string[]
  /** DNS-querying terms, counted through includes and redirects. */
  lookups: number
  /** Terms whose lookup found no records. */
  voidLookups: string[]
  /** What each top-level include and redirect costs, itself included. */
  costs: { term: string; lookups: number }[]
  /** How evaluation of the record (after a redirect) ends. */
  ending: SpfEnding
  /** Problems receivers answer with permerror, or that open the record. */
  problems: string[]
  /** Terms counted but not looked up: their target depends on the sender. */
  macroTerms: string[]
  usesPtr: boolean
  /** The walk stopped early: `lookups` is a lower bound. */
  incomplete: boolean
}

/**
 * Walks the SPF record of `domain` and everything it includes, counting the
 * lookups a receiver would make for a sender that matches nothing (the most
 * it can cost). Every query goes through `client`, which bounds time and
 * count; an answer that cannot be parsed or never comes throws a DnsError
 * naming the lookup.
 */
export async function analyzeSpf(
  client: DnsClient,
  domain: string
): Promise<SpfAnalysis> {
  const analysis: SpfAnalysis = {
    domain,
    nxdomain: false,
    records: [],
    nearMisses: [],
    lookups: 0,
    voidLookups: [],
    costs: [],
    ending: 'none',
    problems: [],
    macroTerms: [],
    usesPtr: false,
    incomplete: false
  }
  try {
    const texts = (await client.resolve(domain, 'TXT')).map(chunks =>
      chunks.join('')
    )
    analysis.records = texts.filter(isSpfRecord)
    analysis.nearMisses = texts.filter(isNearSpfRecord)
  } catch (error) {
    if (isNxdomain(error)) analysis.nxdomain = true
    else if (!isNodata(error)) throw error
    return analysis
  }
  if (analysis.records.length === 1) {
    const walker = new SpfWalker(client, analysis)
    analysis.ending = await walker.walk(domain, analysis.records[0], [domain])
  }
  return analysis
}

/** No answer can exist: the name does not exist, has no such records, or cannot be asked. */
function isVoid(error: unknown): boolean {
  return isNxdomain(error) || isNodata(error) || isBadName(error)
}

class SpfWalker {
  private readonly client: DnsClient
  private readonly analysis: SpfAnalysis

  constructor(client: DnsClient, analysis: SpfAnalysis) {
    this.client = client
    this.analysis = analysis
  }

  /** Counts one record's terms; returns how its evaluation ends. */
  async walk(
    domain: string,
    text: string,
    path: readonly string[],
    via?: string
  ): Promise<SpfEnding> {
    const { analysis } = this
    const record = parseSpf(text)
    const top = via === undefined
    if (record.error) {
      analysis.problems.push(
        `${top ? 'SPF record' : `SPF record of ${via}`} is invalid (${record.error}): fix the syntax, receivers reject it (permerror)`
      )
      return 'stopped'
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
    if (record.redirect === undefined) return 'none'
    const before = analysis.lookups
    analysis.lookups++
    const term = `redirect=${record.redirect}`
    if (record.redirect.includes('%')) {
      analysis.macroTerms.push(term)
      return 'macro'
    }
    const ending = await this.followRecord(record.redirect, term, path, true)
    if (top) analysis.costs.push({ term, lookups: analysis.lookups - before })
    return ending
  }

  private async follow(
    mechanism: SpfMechanism,
    domain: string,
    path: readonly string[]
  ): Promise<void> {
    const target = mechanism.target ?? domain
    // A macro (%{i}, %{s}...) depends on the sender: it cannot be looked up here.
    if (target.includes('%')) {
      this.analysis.macroTerms.push(mechanism.text)
      return
    }
    switch (mechanism.name) {
      case 'include': {
        const ending = await this.followRecord(
          target,
          mechanism.text,
          path,
          false
        )
        if (ending === '+') {
          this.analysis.problems.push(
            `${mechanism.text} ends in +all, so it matches every server: remove it or ask its owner for a record ending in -all or ~all`
          )
        }
        return
      }
      case 'a':
        await this.countVoid(mechanism.text, [
          this.client.resolve(target, 'A'),
          this.client.resolve(target, 'AAAA')
        ])
        return
      case 'mx': {
        const names = await this.countVoid(mechanism.text, [
          this.client.resolve(target, 'MX')
        ])
        if (names > MAX_MX_NAMES) {
          this.analysis.problems.push(
            `SPF ${mechanism.text} finds ${names} MX names (max ${MAX_MX_NAMES} per mx term): receivers reject it (permerror); list the mail servers with ip4:/ip6: instead`
          )
        }
        return
      }
      case 'exists':
        await this.countVoid(mechanism.text, [this.client.resolve(target, 'A')])
        return
      case 'ptr':
        // Needs the sender's address; counted, never resolved.
        this.analysis.usesPtr = true
    }
  }

  /**
   * A void lookup finds nothing: every one of `answers` is empty (or its
   * name is one DNS cannot carry). Returns how many records were found.
   */
  private async countVoid(
    term: string,
    answers: Promise<unknown[]>[]
  ): Promise<number> {
    let found = 0
    for (const answer of answers) {
      try {
        found += (await answer).length
      } catch (error) {
        if (!isVoid(error)) throw error
      }
    }
    if (found === 0) this.analysis.voidLookups.push(term)
    return found
  }

  /** Walks the record an include or redirect names. */
  private async followRecord(
    target: string,
    term: string,
    path: readonly string[],
    isRedirect: boolean
  ): Promise<SpfEnding> {
    const { analysis } = this
    const name = target.toLowerCase().replace(/\.$/, '')
    if (path.includes(name)) {
      analysis.problems.push(
        `SPF ${term} loops back (${[...path, name].join(' → ')}): remove the loop, receivers reject it (permerror)`
      )
      return 'stopped'
    }
    if (path.length > WALK_MAX_DEPTH || analysis.lookups > WALK_LOOKUP_CAP) {
      analysis.incomplete = true
      return 'stopped'
    }
    let records: string[]
    try {
      records = (await this.client.resolve(name, 'TXT'))
        .map(chunks => chunks.join(''))
        .filter(isSpfRecord)
    } catch (error) {
      if (!isVoid(error)) throw error
      analysis.voidLookups.push(term)
      records = []
    }
    if (records.length !== 1) {
      const seen =
        records.length === 0 ? 'no SPF record' : `${records.length} SPF records`
      analysis.problems.push(
        `SPF ${term} has ${seen}: ${isRedirect ? 'point the redirect' : 'remove it or point it'} at a domain with exactly one, receivers reject it (permerror)`
      )
      return 'stopped'
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
  } else if (analysis.records.length === 0 && analysis.nearMisses.length > 0) {
    fail(
      'spf-missing',
      `no SPF record at ${domain}: a TXT record starts like one, but receivers only read a record that begins with exactly "v=spf1" and a space; remove what comes before "v=spf1" and separate terms with single spaces`
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
  const all = ENDING_ADVICE[analysis.ending]
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
    notes: macroNotes(analysis.macroTerms),
    summary: `${analysis.records[0]} (${analysis.lookups} of ${MAX_SPF_LOOKUPS} lookups)`,
    metrics: {
      records: 1,
      lookups: analysis.lookups,
      void_lookups: analysis.voidLookups.length
    }
  }
}

/** A redirect to a macro or a record receivers reject gets no advice on its end. */
/** One note for the terms whose target depends on the sender. */
function macroNotes(terms: readonly string[]): string[] {
  if (terms.length === 0) return []
  const one = terms.length === 1
  return [
    `${terms.join(', ')} ${one ? 'depends' : 'depend'} on the sender (macros): counted as ${one ? 'a lookup' : `${terms.length} lookups`}, not looked up`
  ]
}

const ENDING_ADVICE: Record<SpfEnding, string | undefined> = {
  '-': undefined,
  '~': undefined,
  macro: undefined,
  stopped: undefined,
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
