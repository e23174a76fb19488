import { CheckError } from '../errors.ts'
import { pipeline, Transform, type Duplex, type Readable } from 'node:stream'
import { rootCertificates } from 'node:tls'
import * as zlib from 'node:zlib'
import { Agent, request, type Dispatcher } from 'undici'
import { formatDuration } from '../util/duration.ts'
import { HostRuleError, type HostRule } from './host-rule.ts'

/** Bodies are read up to this many bytes and never buffered beyond. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024

export const USER_AGENT = 'launch-gate/0.1 (+https://github.com/launch-gate)'

export interface HttpRequest {
  url: URL
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Overrides the client's per-request timeout. */
  timeoutMs?: number
  maxBodyBytes?: number
  signal?: AbortSignal
  /** Never kept for `secrets.responses`: a login step's answer holds its own token. */
  private?: boolean
}

/** An answer kept for `secrets.responses`. */
export interface RecordedResponse {
  url: URL
  body: Buffer
}

/** Answers kept for `secrets.responses`, in bytes at most. */
export const MAX_RECORDED_BYTES = 50 * 1024 * 1024

export interface HttpResponse {
  url: URL
  status: number
  /** Lower-case names; repeated headers (set-cookie) as arrays. */
  headers: Record<string, string | string[] | undefined>
  /** Decoded from its `content-encoding` (br, gzip, deflate, zstd), capped. */
  body: Buffer
  /** The (decoded) body was larger than the cap; `body` holds the first part. */
  truncated: boolean
  /** Body bytes as they came over the wire (before any content decoding). */
  transferBytes: number
  /** From sending the request to the end of the (capped) body. */
  timeMs: number
}

export interface HttpClientOptions {
  timeoutMs: number
  retries: number
  /** Sent only to this origin, so a bypass token never leaves the target. */
  targetOrigin?: string
  targetHeaders?: Record<string, string>
  maxBodyBytes?: number
  /** Extra trusted CA certificates (PEM), added to Node's store. */
  ca?: readonly string[]
  /** Refuses private addresses when the target is public (checked at connect time). */
  hostRule?: HostRule
  /** Keep every answer (but private ones) for `secrets.responses`. */
  recordResponses?: boolean
  dispatcher?: Dispatcher
}

/**
 * One HTTP client for every check: no implicit redirects, a timeout that
 * covers the whole exchange, a body cap, and network failures turned into
 * one-line CheckErrors.
 */
export class HttpClient {
  readonly dispatcher: Dispatcher
  readonly timeoutMs: number
  /** The host rule every fetcher shares (pages, journeys, a browser's requests). */
  readonly hostRule: HostRule | undefined
  private readonly options: HttpClientOptions
  private readonly targetHeaders: Record<string, string>

  constructor(options: HttpClientOptions) {
    this.options = options
    this.timeoutMs = options.timeoutMs
    this.hostRule = options.hostRule
    this.targetHeaders = lowerKeys(options.targetHeaders ?? {})
    const tls = options.ca?.length
      ? { ca: [...rootCertificates, ...options.ca] }
      : undefined
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connections: 32,
        connect: options.hostRule ? options.hostRule.connector(tls) : tls
      })
  }

  /** Headers for a request to `url`: defaults for the target, then the caller's. */
  headersFor(url: URL, extra?: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT }
    if (url.origin === this.options.targetOrigin) {
      Object.assign(headers, this.targetHeaders)
    }
    return Object.assign(headers, lowerKeys(extra ?? {}))
  }

  private readonly recorded: RecordedResponse[] = []
  private recordedBytes = 0
  /** Answers not kept once MAX_RECORDED_BYTES were: said by the scan. */
  recordOverflow = 0

  /** Every answer kept so far (`secrets.responses`), in the order they came. */
  recordedResponses(): readonly RecordedResponse[] {
    return this.recorded
  }

  private record(url: URL, body: Buffer): void {
    if (this.recordedBytes + body.length > MAX_RECORDED_BYTES) {
      this.recordOverflow++
      return
    }
    this.recordedBytes += body.length
    this.recorded.push({ url, body })
  }

  /** One attempt. Throws CheckError when no HTTP answer came back. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = req.timeoutMs ?? this.timeoutMs
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout
    const maxBodyBytes =
      req.maxBodyBytes ?? this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
    const started = process.hrtime.bigint()
    try {
      const res = await request(req.url, {
        method: (req.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: this.headersFor(req.url, req.headers),
        body: req.body,
        signal,
        dispatcher: this.dispatcher
      })
      const wire = { bytes: 0 }
      const { chunks, size, truncated } = await readCapped(
        decoded(res.body, res.headers['content-encoding'], wire),
        maxBodyBytes
      )
      const body = Buffer.concat(chunks, size)
      if (this.options.recordResponses && !req.private)
        this.record(req.url, body)
      return {
        url: req.url,
        status: res.statusCode,
        headers: res.headers,
        body,
        truncated,
        transferBytes: wire.bytes || size,
        timeMs: Number(process.hrtime.bigint() - started) / 1e6
      }
    } catch (error) {
      if (timeout.aborted) {
        throw new CheckError(
          `no complete response from ${req.url.host} within ${formatDuration(timeoutMs)}`
        )
      }
      if (req.signal?.aborted) throw new CheckError('cancelled: out of time')
      throw new CheckError(describeNetworkError(error, req.url))
    }
  }

  /** Like send, retrying network failures (never a wrong status) `retries` times. */
  async sendWithRetries(req: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send(req)
      } catch (error) {
        if (attempt >= this.options.retries || req.signal?.aborted) throw error
      }
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close()
  }
}

/**
 * Reads a body up to `max` bytes, then stops reading: a compressed bomb
 * costs at most `max` decoded bytes (the decoders work in small chunks).
 */
async function readCapped(
  body: Readable | Duplex,
  max: number
): Promise<{ chunks: Buffer[]; size: number; truncated: boolean }> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const buffer = chunk as Buffer
    if (size + buffer.length > max) {
      chunks.push(buffer.subarray(0, max - size))
      body.destroy()
      return { chunks, size: max, truncated: true }
    }
    chunks.push(buffer)
    size += buffer.length
  }
  return { chunks, size, truncated: false }
}

const DECODERS: Record<string, (() => Duplex) | undefined> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
  // Node 22.15+; older runtimes leave a zstd body undecoded (an error below).
  zstd: () =>
    (
      zlib as { createZstdDecompress?: () => Duplex }
    ).createZstdDecompress?.() as Duplex
}

/**
 * The body decoded through each `content-encoding`, last applied first;
 * `wire.bytes` counts what was read before decoding.
 */
function decoded(
  body: Readable,
  encoding: string | string[] | undefined,
  wire: { bytes: number }
): Readable | Duplex {
  const names = [encoding ?? '']
    .flat()
    .join(',')
    .split(',')
    .map(name => name.trim().toLowerCase())
    .filter(name => name && name !== 'identity')
    .reverse()
  if (names.length === 0) return body
  const decoders = names.map(name => {
    const decoder = DECODERS[name]?.()
    if (!decoder) {
      body.destroy()
      throw new Error(`cannot decode content-encoding ${name}`)
    }
    return decoder
  })
  // pipeline carries an error of any stage to the last one, which is read.
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      wire.bytes += chunk.length
      done(null, chunk)
    }
  })
  return pipeline([body, counter, ...decoders], () => {}) as Duplex
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])
  )
}

const ERROR_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'DNS lookup failed: no such host',
  EAI_AGAIN: 'DNS lookup failed: temporary failure',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the body stopped arriving',
  UND_ERR_SOCKET: 'connection closed unexpectedly',
  UND_ERR_CLOSED: 'connection closed unexpectedly',
  HPE_INVALID_CONSTANT: 'the server did not answer with HTTP',
  Z_DATA_ERROR: 'the compressed body is corrupt',
  Z_BUF_ERROR: 'the compressed body is cut short',
  ERR_BROTLI_DECOMPRESSION_FAILED: 'the compressed body is corrupt',
  ERR_TLS_CERT_ALTNAME_INVALID:
    'TLS: the certificate is not valid for this host',
  CERT_HAS_EXPIRED: 'TLS: the certificate has expired',
  CERT_NOT_YET_VALID: 'TLS: the certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'TLS: unable to verify the certificate chain',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS: certificate issuer not trusted'
}

/** A network failure as load tests count it. */
export type NetworkErrorKind = 'timeout' | 'reset' | 'refused' | 'other'

/** How load tests count a failure: the error codes that are not `other`. */
const ERROR_KINDS: Record<string, Exclude<NetworkErrorKind, 'other'>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout'
}

/** One line a person can act on, from whatever undici or the socket threw. */
export function describeNetworkError(error: unknown, url: URL): string {
  const where = `${url.protocol}//${url.host}`
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: string }).code
    if (e instanceof HostRuleError) return e.message
    if (code && ERROR_CODES[code]) return `${ERROR_CODES[code]} (${where})`
    if (code?.startsWith('ERR_SSL') || code?.startsWith('ERR_TLS')) {
      return `TLS: ${(e as Error).message} (${where})`
    }
    e = (e as { cause?: unknown }).cause
  }
  const message = error instanceof Error ? error.message : String(error)
  return `request failed: ${message} (${where})`
}

/** The first code in the cause chain that is a timeout, reset or refusal. */
export function networkErrorKind(error: unknown): NetworkErrorKind {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: string }).code
    if (code && ERROR_KINDS[code]) return ERROR_KINDS[code]
    e = (e as { cause?: unknown }).cause
  }
  return 'other'
}
