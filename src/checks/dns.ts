import type { CaaRecord } from 'node:dns'
import { isIPv6 } from 'node:net'
import { getDomain } from 'tldts'
import {
  DnsClient,
  isNodata,
  isNxdomain,
  type Answers,
  type RecordType
} from '../net/resolver.ts'
import type { Policy } from '../policy/schema.ts'
import { failedOutcome } from './outcome.ts'
import type { Check, Finding, UnitOutcome } from './types.ts'

export type DnsRecordItem = NonNullable<Policy['dns']>['records'][number]

/** One record item asks at most this many questions (record, alias, target). */
const MAX_QUERIES_PER_RECORD = 6

export const dnsCheck: Check<'dns'> = {
  kind: 'dns',
  plan: (section, policy) => ({
    maxRequests: section.records.length * MAX_QUERIES_PER_RECORD,
    maxMs:
      section.records.length * MAX_QUERIES_PER_RECORD * policy.defaults.timeout,
    basis: `${section.records.length} records × ${MAX_QUERIES_PER_RECORD} queries`
  }),
  units: (section, policy) =>
    section.records.map((item, index) => ({
      name: `${item.type} ${item.name}`,
      level: item.level,
      policyPath: ['dns', 'records', index],
      async run(ctx) {
        const client = new DnsClient({
          server: section.resolver,
          timeoutMs: policy.defaults.timeout,
          maxQueries: MAX_QUERIES_PER_RECORD,
          signal: ctx.signal
        })
        const facts = await lookupRecord(client, item)
        return evaluateDnsRecord(item, facts)
      }
    }))
}

/** What DNS said about one record item; judged by evaluateDnsRecord. */
export interface RecordFacts {
  /** The records in text form; empty when the lookup found none. */
  values: string[]
  /** Why there are no values: no such name, or no records of the type. */
  missing?: 'nxdomain' | 'nodata'
  /** The CNAME target when the name is an alias. */
  alias?: string
  /** Whether the alias target has an address. */
  aliasTarget?: 'resolves' | 'nxdomain' | 'no-address'
  /** The name is a registrable domain (the zone apex). */
  apex: boolean
  /** Which resolver answered. */
  server: string
  queries: number
}

/** Asks for the record, and for its alias when one can explain a problem. */
export async function lookupRecord(
  client: DnsClient,
  item: DnsRecordItem
): Promise<RecordFacts> {
  const name = normalizeName(item.name)
  const apex = isApex(name)
  const facts: RecordFacts = {
    values: [],
    apex,
    server: client.server,
    queries: 0
  }
  try {
    const answers = await client.resolve(name, item.type)
    facts.values = recordTexts(item.type, answers)
  } catch (error) {
    if (isNxdomain(error)) facts.missing = 'nxdomain'
    else if (isNodata(error)) facts.missing = 'nodata'
    else throw error
  }

  if (item.type === 'CNAME') {
    facts.alias = facts.values[0]
  } else if (apex || facts.missing) {
    // A CNAME explains a missing record (dangling) and is wrong at the apex.
    facts.alias = await optional(client.resolve(name, 'CNAME')).then(
      targets => targets?.[0]
    )
  }
  if (facts.alias !== undefined && (item.type === 'CNAME' || facts.missing)) {
    facts.aliasTarget = await targetState(client, normalizeName(facts.alias))
  }
  facts.queries = client.queries
  return facts
}

async function targetState(
  client: DnsClient,
  target: string
): Promise<RecordFacts['aliasTarget']> {
  try {
    await client.resolve(target, 'A')
    return 'resolves'
  } catch (error) {
    if (isNxdomain(error)) return 'nxdomain'
    if (!isNodata(error)) throw error
  }
  const v6 = await optional(client.resolve(target, 'AAAA'))
  return v6?.length ? 'resolves' : 'no-address'
}

/** The answer, or undefined when the name or the records do not exist. */
async function optional<T>(answer: Promise<T>): Promise<T | undefined> {
  try {
    return await answer
  } catch (error) {
    if (isNxdomain(error) || isNodata(error)) return undefined
    throw error
  }
}

/** Judges one record item against what DNS said; pure. */
export function evaluateDnsRecord(
  item: DnsRecordItem,
  facts: RecordFacts
): UnitOutcome {
  const name = normalizeName(item.name)
  const findings: Finding[] = []
  const alias = facts.alias && normalizeName(facts.alias)

  if (alias && facts.apex) {
    findings.push({
      rule: 'cname-at-apex',
      message: `${name} is a CNAME to ${alias} at the zone apex, where a CNAME breaks MX, TXT and NS records: use A/AAAA records or your provider's ALIAS (flattened) record`
    })
  }
  const dangling =
    facts.aliasTarget === 'nxdomain' || facts.aliasTarget === 'no-address'
  if (alias && dangling) {
    findings.push({
      rule: 'dangling-cname',
      message:
        facts.aliasTarget === 'nxdomain'
          ? `${name} is a CNAME to ${alias}, which does not exist (NXDOMAIN): a dangling CNAME can be taken over; point it at a live host or delete it`
          : `${name} is a CNAME to ${alias}, which has no A or AAAA record: point it at a live host or delete it`
    })
  } else if (facts.missing === 'nxdomain' && !alias) {
    findings.push({
      rule: 'nxdomain',
      message: `${name} does not exist (NXDOMAIN): add the ${item.type} record at your DNS provider`
    })
  } else if (facts.missing) {
    findings.push({
      rule: 'missing-record',
      message: alias
        ? `${name} is a CNAME to ${alias}, which has no ${item.type} record: add it there or change the alias`
        : `${name} has no ${item.type} record: add one at your DNS provider`
    })
  } else if (
    item.value !== undefined &&
    !facts.values.some(value =>
      valueMatches(item.type, value, item.value as string)
    )
  ) {
    findings.push({
      rule: 'value-mismatch',
      message: mismatchMessage(item, facts.values)
    })
  }

  const metrics = {
    records: facts.values.length,
    resolver: facts.server,
    queries: facts.queries
  }
  if (findings.length === 0) {
    return { ok: true, summary: listValues(facts.values), metrics, findings }
  }
  return failedOutcome(findings, metrics)
}

function mismatchMessage(item: DnsRecordItem, values: string[]): string {
  const name = normalizeName(item.name)
  const want = JSON.stringify(item.value)
  if (containsMatch(item.type)) {
    return `no ${item.type} record at ${name} contains ${want} (found ${listValues(values.map(v => JSON.stringify(v)))}): add it or fix the policy`
  }
  return `${item.type} ${name} is ${listValues(values)}, expected ${want}: update the record or the policy`
}

/** TXT and CAA values are long: the policy names a part of one. */
function containsMatch(type: RecordType): boolean {
  return type === 'TXT' || type === 'CAA'
}

/** Whether one record (in text form) is what the policy's `value` asks for. */
export function valueMatches(
  type: RecordType,
  record: string,
  want: string
): boolean {
  switch (type) {
    case 'A':
      return record === want.trim()
    case 'AAAA':
      return canonicalIpv6(record) === canonicalIpv6(want.trim())
    case 'CNAME':
    case 'NS':
      return normalizeName(record) === normalizeName(want)
    case 'MX': {
      const exchange = record.slice(record.indexOf(' ') + 1)
      return (
        normalizeName(exchange) === normalizeName(want) ||
        record.toLowerCase() === want.trim().replace(/\.$/, '').toLowerCase()
      )
    }
    case 'TXT':
      return record.includes(want)
    case 'CAA':
      return record.toLowerCase().includes(want.toLowerCase())
  }
}

/** Each answer as one line of text, the way a zone file would show it. */
export function recordTexts<T extends RecordType>(
  type: T,
  answers: Answers[T]
): string[] {
  switch (type) {
    case 'TXT':
      return (answers as string[][]).map(chunks => chunks.join(''))
    case 'MX':
      return (answers as Answers['MX'])
        .toSorted((a, b) => a.priority - b.priority)
        .map(mx => `${mx.priority} ${mx.exchange}`)
    case 'CAA':
      return (answers as CaaRecord[]).map(caaText)
    default:
      return answers as string[]
  }
}

function caaText(record: CaaRecord): string {
  const [tag, value] = Object.entries(record).find(
    ([key]) => key !== 'critical' && key !== 'type'
  ) ?? ['?', '']
  return `${record.critical} ${tag} "${String(value)}"`
}

/** A registrable domain (`example.com`, `example.co.uk`) is a zone apex. */
export function isApex(name: string): boolean {
  return getDomain(name) === name
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '')
}

function canonicalIpv6(address: string): string {
  if (!isIPv6(address)) return address.toLowerCase()
  return new URL(`http://[${address}]/`).hostname
}

function listValues(values: string[]): string {
  const shown = values.slice(0, 3).join(', ')
  return values.length > 3 ? `${shown} (+${values.length - 3} more)` : shown
}
