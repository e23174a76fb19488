/**
 * The closed model's transport: one keep-alive HTTP/1.1 connection per slot
 * that writes each request prebuilt as bytes and reads only the status and
 * the framing of each answer (the body is read past, never kept).
 *
 * Why not undici here: through `dispatch()` every request still paid for
 * option validation, a request and a controller object, a header object per
 * answer and a turn of the event loop before the next write, ~2 µs of CPU
 * more than autocannon on a 2-core runner (issue 21). Connections still open
 * through undici's connector (TLS, CA, connect timeout, the host rule).
 *
 * Anything this reader cannot frame with certainty (RFC 9112 §6) ends the
 * request as an invalid answer and closes the connection, so one bad answer
 * can never be read as the next request's.
 */
import type { Socket } from 'node:net'
import type { buildConnector } from 'undici'
import { bareHost } from '../../util/host.ts'
import { TOKEN } from '../http-headers/fields.ts'

/** Status line and headers of one answer, at most. */
const MAX_HEAD_BYTES = 64 * 1024
/** Room for the longest head and its terminator. */
const HEAD_ROOM = MAX_HEAD_BYTES + 4
/** A chunk-size or trailer line, at most. */
const MAX_LINE_BYTES = 4096

/** The answer broke HTTP/1.1 framing; its connection is closed. */
export class InvalidAnswerError extends Error {
  override readonly name = 'InvalidAnswerError'
}

/** A request undici would refuse too; nothing of it is sent. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError'
}

const headTooLarge = () =>
  new InvalidAnswerError(`answer head over ${MAX_HEAD_BYTES / 1024} KiB`)

/** The server closed the connection before the answer ended. */
export class ConnectionClosedError extends Error {
  override readonly name = 'ConnectionClosedError'
  readonly code = 'UND_ERR_SOCKET'
}

/** What a request in flight hears back; called once, never inside send(). */
export interface AnswerHandler {
  onAnswer(status: number): void
  onFailure(error: Error): void
}

const CRLF_CRLF = Buffer.from('\r\n\r\n')
const IS_TOKEN = new RegExp(`^${TOKEN}$`)
// eslint-disable-next-line no-control-regex
const BAD_VALUE = /[\x00\r\n]/
const BAD_PATH = /[^\x21-\xff]/
const EXPECTS_BODY = new Set(['POST', 'PUT', 'PATCH'])

/**
 * The bytes of one request. Throws on what undici refuses too: a path with
 * spaces or controls, a header name that is not a token, a value with CR,
 * LF or NUL (a captured value cannot smuggle a header in).
 */
export function requestBytes(
  request: {
    method: string
    path: string
    headers: Readonly<Record<string, string>>
    body: string | undefined
  },
  host: string
): Buffer {
  if (!request.path.startsWith('/') || BAD_PATH.test(request.path)) {
    throw new InvalidRequestError(`invalid request path ${request.path}`)
  }
  let head = `${request.method} ${request.path} HTTP/1.1\r\n`
  let hasHost = false
  for (const [name, value] of Object.entries(request.headers)) {
    if (!IS_TOKEN.test(name) || BAD_VALUE.test(value)) {
      throw new InvalidRequestError(`invalid request header ${name}`)
    }
    const lower = name.toLowerCase()
    // The request's framing and connection are this client's to say.
    if (
      lower === 'content-length' ||
      lower === 'transfer-encoding' ||
      lower === 'connection'
    ) {
      continue
    }
    if (lower === 'host') hasHost = true
    head += `${name}: ${value}\r\n`
  }
  if (!hasHost) head += `host: ${host}\r\n`
  const body =
    request.body === undefined ? undefined : Buffer.from(request.body)
  if (body || EXPECTS_BODY.has(request.method)) {
    head += `content-length: ${body?.length ?? 0}\r\n`
  }
  head += 'connection: keep-alive\r\n\r\n'
  const bytes = Buffer.from(head, 'latin1')
  return body ? Buffer.concat([bytes, body]) : bytes
}

/** Where the reader is in an answer. */
const Framing = {
  /** The status line and headers. */
  Head: 0,
  Length: 1,
  ChunkSize: 2,
  ChunkData: 3,
  /** The CRLF after a chunk's data. */
  ChunkEnd: 4,
  Trailers: 5,
  UntilClose: 6
} as const
type Framing = (typeof Framing)[keyof typeof Framing]

/**
 * Reads the answers of one connection, one request at a time. `read()` is
 * fed every chunk the socket delivers and says when an answer ended.
 */
export class AnswerReader {
  private framing: Framing = Framing.Head
  /** A head that came in pieces so far (allocated on the first such head). */
  private partial: Buffer | undefined
  private partialLength = 0
  private remaining = 0
  private line = ''
  /** The answer in progress. */
  status = 0
  /** The connection must close once this answer ends. */
  closeAfter = false
  /** The request was HEAD: no answer has a body. */
  private noBody = false

  /** Starts reading the answer to a new request. */
  expect(method: string): void {
    this.framing = Framing.Head
    this.partialLength = 0
    this.status = 0
    this.closeAfter = false
    this.noBody = method === 'HEAD'
  }

  /** Whether the answer in progress ends only when the server closes. */
  get endsAtClose(): boolean {
    return this.framing === Framing.UntilClose
  }

  /**
   * Consumes `chunk` from `offset`; returns the offset just past the end of
   * the answer when it ended in this chunk, else -1. Throws
   * InvalidAnswerError on framing it cannot trust.
   */
  read(chunk: Buffer, offset = 0): number {
    let at = offset
    while (at < chunk.length) {
      switch (this.framing) {
        case Framing.Head: {
          const end = this.headEnd(chunk, at)
          if (end < 0) return -1
          at = end
          if (this.startBody()) return at
          break
        }
        case Framing.Length: {
          const take = Math.min(this.remaining, chunk.length - at)
          this.remaining -= take
          at += take
          if (this.remaining === 0) return at
          break
        }
        case Framing.ChunkSize: {
          const next = this.readLine(chunk, at)
          if (next < 0) return -1
          at = next
          const size = /^([0-9a-fA-F]{1,12})[ \t]*(?:;.*)?$/.exec(this.line)
          if (!size) throw new InvalidAnswerError('invalid chunk size')
          this.remaining = parseInt(size[1], 16)
          this.line = ''
          this.framing =
            this.remaining === 0 ? Framing.Trailers : Framing.ChunkData
          break
        }
        case Framing.ChunkData: {
          const take = Math.min(this.remaining, chunk.length - at)
          this.remaining -= take
          at += take
          if (this.remaining === 0) this.framing = Framing.ChunkEnd
          break
        }
        case Framing.ChunkEnd: {
          const next = this.readLine(chunk, at)
          if (next < 0) return -1
          at = next
          if (this.line !== '') throw new InvalidAnswerError('invalid chunk')
          this.framing = Framing.ChunkSize
          break
        }
        case Framing.Trailers: {
          const next = this.readLine(chunk, at)
          if (next < 0) return -1
          at = next
          const ended = this.line === ''
          this.line = ''
          if (ended) return at
          break
        }
        case Framing.UntilClose:
          return -1
      }
    }
    return -1
  }

  /** Collects the head; returns the offset after it, or -1 for more. */
  private headEnd(chunk: Buffer, at: number): number {
    if (this.partialLength === 0) {
      const found = chunk.indexOf(CRLF_CRLF, at)
      if (found < 0) return this.keepPartial(chunk, at)
      if (found - at > MAX_HEAD_BYTES) throw headTooLarge()
      this.parseHead(chunk.toString('latin1', at, found))
      return found + 4
    }
    // A head spread over chunks: appended to one buffer, searched from
    // 3 bytes before the new piece (the terminator may straddle the two).
    const start = this.partialLength
    const piece = chunk.subarray(at, at + HEAD_ROOM - start)
    const partial = this.partial as Buffer
    piece.copy(partial, start)
    this.partialLength += piece.length
    const found = partial
      .subarray(0, this.partialLength)
      .indexOf(CRLF_CRLF, Math.max(0, start - 3))
    if (found < 0) {
      if (this.partialLength >= HEAD_ROOM) throw headTooLarge()
      return -1
    }
    this.partialLength = 0
    this.parseHead(partial.toString('latin1', 0, found))
    return at + (found + 4 - start)
  }

  private keepPartial(chunk: Buffer, at: number): -1 {
    const length = chunk.length - at
    if (length >= HEAD_ROOM) throw headTooLarge()
    this.partial ??= Buffer.allocUnsafe(HEAD_ROOM)
    chunk.copy(this.partial, 0, at)
    this.partialLength = length
    return -1
  }

  /** Status, and the three headers that frame the body. */
  private parseHead(text: string): void {
    const lines = text.split('\r\n')
    const status = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: |$)/.exec(lines[0])
    if (!status) throw new InvalidAnswerError('invalid status line')
    this.status = Number(status[2])
    let length: string | undefined
    let chunked: boolean | undefined
    let keepAlive = status[1] === '1'
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]
      const colon = line.indexOf(':')
      if (colon <= 0 || !IS_TOKEN.test(line.slice(0, colon))) {
        throw new InvalidAnswerError('invalid header line')
      }
      const name = line.slice(0, colon).toLowerCase()
      const value = line.slice(colon + 1).trim()
      if (name === 'content-length') {
        // Repeated or listed values must agree (RFC 9110 §8.6).
        for (const part of value.split(',')) {
          const n = part.trim()
          if (!/^\d{1,15}$/.test(n) || (length !== undefined && n !== length))
            throw new InvalidAnswerError('invalid content-length')
          length = n
        }
      } else if (name === 'transfer-encoding') {
        const codings = value.toLowerCase().split(',')
        chunked = codings.at(-1)?.trim() === 'chunked'
      } else if (name === 'connection') {
        const options = value
          .toLowerCase()
          .split(',')
          .map(o => o.trim())
        if (options.includes('close')) keepAlive = false
        else if (options.includes('keep-alive')) keepAlive = true
      }
    }
    this.closeAfter = !keepAlive
    if (chunked !== undefined) {
      // Both framings at once: only closing afterwards is safe (§6.3).
      if (length !== undefined) this.closeAfter = true
      this.framing = chunked ? Framing.ChunkSize : Framing.UntilClose
      this.remaining = 0
    } else if (length !== undefined) {
      this.framing = Framing.Length
      this.remaining = Number(length)
    } else {
      this.framing = Framing.UntilClose
    }
  }

  /**
   * After the head: true when the answer already ended (no body, or an
   * empty one); an interim 1xx answer starts over on the final one.
   */
  private startBody(): boolean {
    if (this.status < 200) {
      if (this.status === 101) {
        throw new InvalidAnswerError('unrequested protocol switch')
      }
      this.framing = Framing.Head
      return false
    }
    if (this.noBody || this.status === 204 || this.status === 304) {
      return true
    }
    if (this.framing === Framing.UntilClose) this.closeAfter = true
    return this.framing === Framing.Length && this.remaining === 0
  }

  /** Collects one CRLF-ended line into `line`; the offset after it, or -1. */
  private readLine(chunk: Buffer, at: number): number {
    const lf = chunk.indexOf(10, at)
    const end = lf < 0 ? chunk.length : lf + 1
    this.line += chunk.toString('latin1', at, end)
    if (this.line.length > MAX_LINE_BYTES) {
      throw new InvalidAnswerError('chunk line too long')
    }
    if (lf < 0) return -1
    if (!this.line.endsWith('\r\n')) {
      throw new InvalidAnswerError('line not ended by CRLF')
    }
    this.line = this.line.slice(0, -2)
    return end
  }
}

/**
 * One keep-alive connection of a slot: at most one request in flight. It
 * connects when the first request comes and again after any close.
 */
export class LoadConnection {
  private socket: Socket | undefined
  private connecting = false
  private readonly reader = new AnswerReader()
  private handler: AnswerHandler | undefined
  private waiting: Buffer | undefined
  private closed = false

  private readonly origin: URL
  private readonly connect: buildConnector.connector

  constructor(origin: URL, connect: buildConnector.connector) {
    this.origin = origin
    this.connect = connect
  }

  /** Sends one request; its handler hears back later, exactly once. */
  send(bytes: Buffer, method: string, handler: AnswerHandler): void {
    this.handler = handler
    this.reader.expect(method)
    if (this.socket) this.socket.write(bytes)
    else {
      this.waiting = bytes
      if (!this.connecting) this.open()
    }
  }

  /** Ends the request in flight (a timeout): its connection is dropped. */
  abort(): void {
    this.handler = undefined
    this.drop()
  }

  /** Closes for good: nothing is sent any more. */
  destroy(): void {
    this.closed = true
    this.handler = undefined
    this.drop()
  }

  private open(): void {
    this.connecting = true
    const { hostname, host, protocol, port } = this.origin
    this.connect(
      {
        hostname: bareHost(hostname),
        host,
        protocol,
        port
      },
      (error, socket) => {
        this.connecting = false
        if (error || !socket) {
          return this.fail(error ?? new ConnectionClosedError('no socket'))
        }
        if (this.closed) return void socket.destroy()
        this.attach(socket as Socket)
      }
    )
  }

  private attach(socket: Socket): void {
    this.socket = socket
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk))
    socket.on('error', error => this.onClose(socket, error))
    socket.on('close', () => this.onClose(socket, undefined))
    socket.on('end', () => this.onClose(socket, undefined))
    const bytes = this.waiting
    this.waiting = undefined
    if (bytes) socket.write(bytes)
  }

  private onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.socket) return
    const handler = this.handler
    if (!handler) {
      // Bytes nobody asked for: the connection cannot be trusted.
      return this.drop()
    }
    let end: number
    try {
      end = this.reader.read(chunk)
    } catch (error) {
      this.handler = undefined
      this.drop()
      return handler.onFailure(error as Error)
    }
    if (end < 0) return
    this.handler = undefined
    // Anything after the answer was not asked for, and a close was asked.
    if (end < chunk.length || this.reader.closeAfter) this.drop()
    handler.onAnswer(this.reader.status)
  }

  /** The socket ended, failed or closed; the answer may end with it. */
  private onClose(socket: Socket, error: Error | undefined): void {
    if (socket !== this.socket) return
    this.socket = undefined
    socket.destroy()
    const handler = this.handler
    if (!handler) return
    this.handler = undefined
    if (!error && this.reader.endsAtClose) handler.onAnswer(this.reader.status)
    else {
      handler.onFailure(
        error ?? new ConnectionClosedError('the server closed the connection')
      )
    }
  }

  private fail(error: Error): void {
    const handler = this.handler
    this.handler = undefined
    this.waiting = undefined
    handler?.onFailure(error)
  }

  private drop(): void {
    const socket = this.socket
    this.socket = undefined
    this.waiting = undefined
    socket?.destroy()
  }
}
