import { CheckError } from '../errors.ts'
import {
  lookup,
  promises as dns,
  type CaaRecord,
  type MxRecord
} from 'node:dns'
import { formatDuration } from '../util/duration.ts'
import { parseResolverAddress, parseResolverHost } from '../util/host.ts'

/** The record types the checks ask for. */
export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'CAA' | 'NS'

/** What node:dns answers for each record type. */
export interface Answers {
  A: string[]
  AAAA: string[]
  CNAME: string[]
  MX: MxRecord[]
  TXT: string[][]
  CAA: CaaRecord[]
  NS: string[]
}

/** Each query: this many tries of the server... */
const DNS_TRIES = 2
/** ...of at most this long each (less when the policy timeout is shorter). */
const MAX_ATTEMPT_MS = 2000

/**
 * A node:dns Resolver for `dns.resolver` (or the system's servers when it
 * is absent) whose tries fit in `timeoutMs`. `ready` settles once a resolver
 * given by host name has been looked up (through the system resolver, as
 * c-ares only takes addresses).
 */
export function createResolver(
  server: string | undefined,
  timeoutMs: number
): { resolver: dns.Resolver; ready: Promise<void> } {
  const attemptMs = Math.min(MAX_ATTEMPT_MS, timeoutMs / DNS_TRIES)
  const resolver = new dns.Resolver({
    timeout: Math.max(100, Math.round(attemptMs)),
    tries: DNS_TRIES
  })
  if (server === undefined) return { resolver, ready: Promise.resolve() }
  const address = parseResolverAddress(server)
  if (address !== undefined) {
    resolver.setServers([address])
    return { resolver, ready: Promise.resolve() }
  }
  const named = parseResolverHost(server)
  if (!named) {
    throw new CheckError(
      `dns.resolver ${JSON.stringify(server)} is not an IP address or a host name, with an optional port`
    )
  }
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new DnsError(
            `could not look up the resolver ${named.host} within ${formatDuration(timeoutMs)}`
          )
        ),
      timeoutMs
    )
    lookup(named.host, (error, ip, family) => {
      clearTimeout(timer)
      if (error) {
        return reject(
          new DnsError(
            `could not look up the resolver ${named.host}: ${error.code ?? error.message}`
          )
        )
      }
      const host = family === 6 ? `[${ip}]` : ip
      resolver.setServers([named.port ? `${host}:${named.port}` : ip])
      resolve()
    })
  })
  ready.catch(() => {})
  return { resolver, ready }
}

export interface DnsClientOptions {
  /** `dns.resolver` from the policy; the system resolver when absent. */
  server?: string
  /** Upper bound for one query, retries included (`defaults.timeout`). */
  timeoutMs: number
  /** Queries this client may send before it refuses (a runaway SPF tree). */
  maxQueries: number
  signal?: AbortSignal
}

/** A DNS failure other than "no such name" or "no such record". */
export class DnsError extends CheckError {
  /** c-ares' code (`EBADNAME`, `EBADRESP`, `ETIMEOUT`...) when it gave one. */
  readonly code: string | undefined

  constructor(message: string, code?: string) {
    super(message)
    this.code = code
  }
}

/**
 * A bounded DNS client over node:dns `Resolver` (c-ares): one configured
 * server or the system's, a time limit per query, a cap on the number of
 * queries, answers remembered so one question is asked once. c-ares asks
 * over UDP and retries over TCP by itself when an answer is truncated.
 */
export class DnsClient {
  readonly resolver: dns.Resolver
  private readonly ready: Promise<void>
  /** How the answering server is named in findings and metrics. */
  readonly server: string
  /** Queries sent so far. */
  queries = 0
  private readonly options: DnsClientOptions
  private readonly answers = new Map<string, Promise<unknown>>()

  constructor(options: DnsClientOptions) {
    this.options = options
    ;({ resolver: this.resolver, ready: this.ready } = createResolver(
      options.server,
      options.timeoutMs
    ))
    this.server =
      options.server ??
      `system resolver ${this.resolver.getServers().join(', ') || '(none configured)'}`
  }

  /**
   * The records of `type` at `name`. Rejects with a NodeJS error whose code
   * is ENOTFOUND (NXDOMAIN) or ENODATA (the name has no such records), or
   * with a DnsError for everything else (timeout, SERVFAIL, refused, budget).
   */
  resolve<T extends RecordType>(name: string, type: T): Promise<Answers[T]> {
    const key = `${type} ${name.toLowerCase()}`
    let answer = this.answers.get(key) as Promise<Answers[T]> | undefined
    if (!answer) {
      answer = this.query(name, type)
      // A rejection is handled by whoever awaits it, possibly later.
      answer.catch(() => {})
      this.answers.set(key, answer)
    }
    return answer
  }

  private async query<T extends RecordType>(
    name: string,
    type: T
  ): Promise<Answers[T]> {
    const { signal, maxQueries, timeoutMs } = this.options
    await this.ready
    if (signal?.aborted) throw cancelledError(name, type)
    if (this.queries >= maxQueries) {
      throw new DnsError(
        `stopped after ${maxQueries} DNS queries (the limit for one check) at ${type} ${name}`
      )
    }
    this.queries++
    let timer: NodeJS.Timeout | undefined
    let onAbort: (() => void) | undefined
    // c-ares bounds each try; this bounds the whole query and honours the signal.
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(timeoutError(name, type, timeoutMs, this.server)),
        timeoutMs
      )
      onAbort = () => {
        this.resolver.cancel()
        reject(cancelledError(name, type))
      }
      signal?.addEventListener('abort', onAbort, { once: true })
    })
    try {
      return (await Promise.race([
        this.resolver.resolve(name, type as 'A'),
        limit
      ])) as Answers[T]
    } catch (error) {
      throw classify(error, name, type, this.server, timeoutMs)
    } finally {
      clearTimeout(timer)
      if (onAbort) signal?.removeEventListener('abort', onAbort)
    }
  }
}

/** True for "the name does not exist" (NXDOMAIN). */
export function isNxdomain(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === 'ENOTFOUND'
}

/**
 * True for a name the resolver library will not put in a query (an empty or
 * over-long label, a `:`): no answer can exist for it.
 */
export function isBadName(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === 'EBADNAME'
}

/** True for "the name exists but has no records of that type". */
export function isNodata(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === 'ENODATA'
}

const DNS_ERROR_TEXT: Record<string, string> = {
  ESERVFAIL: 'the server failed to answer (SERVFAIL)',
  EREFUSED: 'the server refused the query',
  ECONNREFUSED: 'connection refused',
  EBADRESP: 'the answer was malformed (it cannot be parsed)',
  EFORMERR: 'the server rejected the query as malformed',
  ENOTIMP: 'the server does not implement this query',
  EBADNAME: 'the name is not a valid domain name',
  ECANCELLED: 'cancelled: out of time'
}

function classify(
  error: unknown,
  name: string,
  type: string,
  server: string,
  timeoutMs: number
): unknown {
  if (error instanceof DnsError || isNxdomain(error) || isNodata(error)) {
    return error
  }
  const code = (error as { code?: string }).code ?? ''
  if (code === 'ETIMEOUT') return timeoutError(name, type, timeoutMs, server)
  const reason =
    DNS_ERROR_TEXT[code] ?? (error instanceof Error ? error.message : code)
  return new DnsError(
    `DNS lookup of ${type} ${name} failed: ${reason} (${server})`,
    code || undefined
  )
}

function cancelledError(name: string, type: string): DnsError {
  return new DnsError(
    `DNS lookup of ${type} ${name} cancelled: out of time`,
    'ECANCELLED'
  )
}

function timeoutError(
  name: string,
  type: string,
  timeoutMs: number,
  server: string
): DnsError {
  return new DnsError(
    `DNS lookup of ${type} ${name} got no answer within ${formatDuration(timeoutMs)} (${server})`,
    'ETIMEOUT'
  )
}
