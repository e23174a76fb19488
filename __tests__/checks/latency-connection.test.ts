// The closed model's own HTTP/1.1 connection (src/checks/latency/connection.ts):
// the answer reader against a table of framings, fed whole and cut at every
// byte; the request bytes; and runs against raw TCP and TLS servers that
// answer in every framing a real server may use, or break it.
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AnswerReader,
  InvalidAnswerError,
  requestBytes
} from '../../src/checks/latency/connection.ts'
import { runLoad, type LoadResult } from '../../src/checks/latency/load.ts'
import { makeTestCerts, type TestCerts } from '../support/certs.ts'

/** Feeds `pieces` to a fresh reader; the status, or the error's message. */
function readPieces(pieces: Buffer[], method = 'GET') {
  const reader = new AnswerReader()
  reader.expect(method)
  let consumed = 0
  try {
    for (const piece of pieces) {
      const end = reader.read(piece)
      if (end >= 0) {
        consumed += end
        return {
          status: reader.status,
          rest: consumed === pieces.reduce((n, p) => n + p.length, 0) ? 0 : 1,
          closeAfter: reader.closeAfter
        }
      }
      consumed += piece.length
    }
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAnswerError)
    return { error: (error as Error).message }
  }
  return { pending: true, endsAtClose: reader.endsAtClose }
}

/** The same answer whole, cut in two at every byte, and byte by byte. */
function everyCut(text: string, method?: string) {
  const bytes = Buffer.from(text, 'latin1')
  const whole = readPieces([bytes], method)
  for (let cut = 1; cut < bytes.length; cut++) {
    expect(
      readPieces([bytes.subarray(0, cut), bytes.subarray(cut)], method)
    ).toEqual(whole)
  }
  const single = [...bytes].map(b => Buffer.from([b]))
  expect(readPieces(single, method)).toEqual(whole)
  return whole
}

describe('AnswerReader', () => {
  it.each([
    [
      'Content-Length',
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
      { status: 200, rest: 0, closeAfter: false }
    ],
    [
      'chunked, with an extension and a trailer',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2;x=y\r\nok\r\n0\r\nX-T: 1\r\n\r\n',
      { status: 200, rest: 0, closeAfter: false }
    ],
    [
      'interim 100 and 103 before the final answer',
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n',
      { status: 201, rest: 0, closeAfter: false }
    ],
    [
      '204 without a length',
      'HTTP/1.1 204 No Content\r\n\r\n',
      { status: 204, rest: 0, closeAfter: false }
    ],
    [
      '304 with a length it does not send',
      'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n',
      { status: 304, rest: 0, closeAfter: false }
    ],
    [
      'Connection: close',
      'HTTP/1.1 503 Busy\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      { status: 503, rest: 0, closeAfter: true }
    ],
    [
      'both framings: chunked wins, then the connection closes',
      'HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      { status: 200, rest: 0, closeAfter: true }
    ],
    [
      'one length repeated',
      'HTTP/1.1 200 OK\r\nContent-Length: 1, 1\r\nContent-Length: 1\r\n\r\nx',
      { status: 200, rest: 0, closeAfter: false }
    ],
    [
      'HTTP/1.0 keep-alive',
      'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx',
      { status: 200, rest: 0, closeAfter: false }
    ],
    [
      'bytes after the answer',
      'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1 200 OK\r\n',
      { status: 200, rest: 1, closeAfter: false }
    ]
  ])('frames %s', (_name, text, expected) => {
    expect(everyCut(text)).toEqual(expected)
  })

  it('reads no body after HEAD whatever the length says', () => {
    expect(
      everyCut('HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n', 'HEAD')
    ).toEqual({ status: 200, rest: 0, closeAfter: false })
  })

  it('reads an answer without a length until the server closes', () => {
    expect(everyCut('HTTP/1.1 200 OK\r\n\r\nsome body')).toEqual({
      pending: true,
      endsAtClose: true
    })
    expect(
      everyCut('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxyz')
    ).toEqual({ pending: true, endsAtClose: true })
  })

  it.each([
    ['HTTP/2 200 OK\r\n\r\n', 'invalid status line'],
    ['HTTP/1.1 099 x\r\n\r\n', 'invalid status line'],
    ['SSH-2.0-OpenSSH\r\n\r\n', 'invalid status line'],
    ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', 'invalid content-length'],
    [
      'HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n',
      'invalid content-length'
    ],
    [
      'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n',
      'invalid content-length'
    ],
    ['HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', 'invalid header line'],
    ['HTTP/1.1 200 OK\r\nbad name: x\r\n\r\n', 'invalid header line'],
    [
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'invalid chunk size'
    ],
    [
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n',
      'invalid chunk'
    ],
    [
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\nok',
      'line not ended by CRLF'
    ],
    ['HTTP/1.1 101 Switching\r\n\r\n', 'unrequested protocol switch']
  ])('refuses %j', (text, message) => {
    expect(everyCut(text)).toEqual({ error: message })
  })

  it('refuses a head or a chunk line past its cap, without keeping it', () => {
    const big = `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70_000)}\r\n\r\n`
    expect(readPieces([Buffer.from(big)])).toEqual({
      error: 'answer head over 64 KiB'
    })
    const pieces = Array.from({ length: 100 }, () => Buffer.alloc(1024, 97))
    pieces.unshift(Buffer.from('HTTP/1.1 200 OK\r\n'))
    expect(readPieces(pieces)).toEqual({ error: 'answer head over 64 KiB' })
    // Just under the cap, one byte at a time: read, and read once.
    const long = Buffer.from(
      `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(60_000)}\r\nContent-Length: 0\r\n\r\n`
    )
    expect(readPieces([...long].map(b => Buffer.from([b])))).toEqual({
      status: 200,
      rest: 0,
      closeAfter: false
    })
    const line = `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;${'e'.repeat(5000)}\r\n`
    expect(readPieces([Buffer.from(line)])).toEqual({
      error: 'chunk line too long'
    })
  })
})

describe('requestBytes', () => {
  it('writes the request line, the host, the headers and the framing', () => {
    const get = requestBytes(
      {
        method: 'GET',
        path: '/a?b=1',
        headers: { 'user-agent': 'x' },
        body: undefined
      },
      '127.0.0.1:8080'
    )
    expect(get.toString('latin1')).toBe(
      'GET /a?b=1 HTTP/1.1\r\nuser-agent: x\r\nhost: 127.0.0.1:8080\r\nconnection: keep-alive\r\n\r\n'
    )
    const post = requestBytes(
      {
        method: 'POST',
        path: '/p',
        headers: {
          Host: 'shop.test',
          'Content-Length': '999',
          connection: 'close'
        },
        body: '{"é":1}'
      },
      '127.0.0.1'
    )
    expect(post.toString('utf8')).toBe(
      'POST /p HTTP/1.1\r\nHost: shop.test\r\ncontent-length: 8\r\nconnection: keep-alive\r\n\r\n{"é":1}'
    )
    expect(
      requestBytes(
        { method: 'DELETE', path: '/x', headers: {}, body: undefined },
        'h'
      ).toString()
    ).not.toContain('content-length')
    expect(
      requestBytes(
        { method: 'PUT', path: '/x', headers: {}, body: undefined },
        'h'
      ).toString()
    ).toContain('content-length: 0\r\n')
  })

  it.each([
    [{ path: '/a b' }, 'invalid request path /a b'],
    [{ path: 'http://x/' }, 'invalid request path http://x/'],
    [
      { headers: { 'x-token': 'a\r\nx-admin: 1' } },
      'invalid request header x-token'
    ],
    [{ headers: { 'bad name': 'v' } }, 'invalid request header bad name']
  ])('refuses %j', (change, message) => {
    expect(() =>
      requestBytes(
        { method: 'GET', path: '/', headers: {}, body: undefined, ...change },
        'h'
      )
    ).toThrow(message)
  })
})

/** A raw TCP server: `answer` gets each request's head and the socket. */
async function rawServer(
  answer: (socket: Socket, request: string, index: number) => void
): Promise<{ server: Server; url: string; connections: () => number }> {
  let connections = 0
  let index = 0
  const server = createServer(socket => {
    connections++
    let pending = ''
    socket.on('error', () => {})
    socket.on('data', chunk => {
      pending += chunk.toString('latin1')
      let end: number
      while ((end = pending.indexOf('\r\n\r\n')) >= 0) {
        const head = pending.slice(0, end)
        pending = pending.slice(end + 4)
        answer(socket, head, index++)
      }
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    connections: () => connections
  }
}

const closeServer = (server: Server) =>
  new Promise<void>(resolve => server.close(() => resolve()))

function load(
  url: string,
  requests: number,
  extra: { ca?: string[]; timeoutMs?: number; method?: 'GET' | 'HEAD' } = {}
): Promise<LoadResult> {
  const request = {
    path: '/x',
    method: extra.method ?? 'GET',
    headers: { 'user-agent': 'test' },
    body: undefined
  }
  return runLoad({
    model: { kind: 'concurrency', concurrency: 2 },
    requests,
    warmup: 0,
    origin: new URL(url),
    sources: [() => request],
    timeoutMs: extra.timeoutMs ?? 5000,
    ca: extra.ca,
    signal: AbortSignal.timeout(30_000)
  })
}

describe('closed-model runs over raw servers', () => {
  it('reads answers cut into pieces across packets, chunked or not', async () => {
    const { server, url, connections } = await rawServer((socket, _head, i) => {
      const text =
        i % 2
          ? 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'
          : 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc'
      // Three writes, a turn apart: the reader sees partial heads and bodies.
      const cut = [text.slice(0, 7), text.slice(7, 30), text.slice(30)]
      socket.write(cut[0])
      setImmediate(() => {
        socket.write(cut[1])
        setImmediate(() => socket.write(cut[2]))
      })
    })
    try {
      const result = await load(url, 40)
      expect(result.requests).toBe(40)
      expect(result.errors.total).toBe(0)
      expect(connections()).toBe(2)
    } finally {
      await closeServer(server)
    }
  })

  it('opens a new connection after Connection: close and after an answer that ends at close', async () => {
    const { server, url, connections } = await rawServer((socket, _head, i) => {
      if (i % 2) {
        socket.end(
          'HTTP/1.0 200 OK\r\n\r\nthe body ends when the connection does'
        )
      } else {
        socket.write(
          'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok'
        )
      }
    })
    try {
      const result = await load(url, 20)
      expect(result.requests).toBe(20)
      expect(result.errors.total).toBe(0)
      expect(connections()).toBe(20)
    } finally {
      await closeServer(server)
    }
  })

  it('counts broken answers as failures and never reads one as the next', async () => {
    const { server, url, connections } = await rawServer((socket, _head, i) => {
      if (i % 4 === 0) socket.write('garbage\r\n\r\n')
      else if (i % 4 === 1)
        socket.destroy() // closed with the request unanswered
      else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    })
    try {
      const result = await load(url, 40)
      expect(result.requests).toBe(40)
      expect(result.errors.total).toBe(20)
      expect(result.errors.byKind).toMatchObject({ other: 10, reset: 10 })
      expect(Object.keys(result.errors.otherReasons)).toEqual([
        `request failed: invalid status line (${url})`
      ])
      // Each broken answer cost its connection.
      expect(connections()).toBeGreaterThanOrEqual(20)
    } finally {
      await closeServer(server)
    }
  })

  it('times out a silent server, drops that connection and goes on', async () => {
    const { server, url, connections } = await rawServer((socket, _head, i) => {
      if (i % 5 !== 4) socket.write('HTTP/1.1 204 No Content\r\n\r\n')
    })
    try {
      const result = await load(url, 20, { timeoutMs: 300 })
      expect(result.requests).toBe(20)
      expect(result.errors.byKind.timeout).toBe(4)
      expect(result.requests - result.errors.total).toBe(16)
      // A timed-out request's connection is dropped: later ones reconnect.
      expect(connections()).toBeGreaterThan(2)
      expect(connections()).toBeLessThanOrEqual(2 + 4)
    } finally {
      await closeServer(server)
    }
  })

  it('sends HEAD and reads no body after it', async () => {
    const { server, url } = await rawServer((socket, head) => {
      expect(head.startsWith('HEAD /x HTTP/1.1\r\n')).toBe(true)
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n')
    })
    try {
      const result = await load(url, 10, { method: 'HEAD' })
      expect(result).toMatchObject({ requests: 10, errors: { total: 0 } })
    } finally {
      await closeServer(server)
    }
  })
})

describe('closed-model runs over TLS', () => {
  let certs: TestCerts
  let server: Server
  let url: string

  beforeAll(async () => {
    certs = makeTestCerts()
    server = createTlsServer(certs.good, socket => {
      socket.on('error', () => {})
      socket.on('data', () =>
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
      )
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    await closeServer(server)
    certs.remove()
  })

  it('answers through a trusted certificate', async () => {
    const result = await load(url, 20, { ca: [certs.ca] })
    expect(result).toMatchObject({ requests: 20, errors: { total: 0 } })
  })

  it('fails every request, with the reason, when the chain is not trusted', async () => {
    const result = await load(url, 4)
    expect(result.errors.total).toBe(result.requests)
    expect(Object.keys(result.errors.otherReasons).join()).toMatch(
      /certificate|TLS/i
    )
  })
})
