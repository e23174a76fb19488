import * as zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src/net/http.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

const TEXT = 'hello <script src="/app.js"></script>'
const ENCODERS: Record<string, (b: Buffer) => Buffer> = {
  gzip: b => zlib.gzipSync(b),
  deflate: b => zlib.deflateSync(b),
  br: b => zlib.brotliCompressSync(b),
  zstd: b => zlib.zstdCompressSync(b)
}

let server: TestServer
const client = new HttpClient({ timeoutMs: 5000, retries: 0 })
// 64 MiB of zeros, about 64 KiB gzipped.
const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 })

beforeAll(async () => {
  server = await startServer((req, res) => {
    const encoding = req.url?.slice(1) ?? ''
    if (encoding === 'bomb') {
      res.writeHead(200, { 'content-encoding': 'gzip' })
      return void res.end(bomb)
    }
    if (encoding === 'corrupt') {
      res.writeHead(200, { 'content-encoding': 'gzip' })
      return void res.end('not gzip at all')
    }
    const body = ENCODERS[encoding]?.(Buffer.from(TEXT)) ?? Buffer.from(TEXT)
    res.writeHead(200, { 'content-encoding': encoding || 'identity' })
    res.end(body)
  })
})

afterAll(async () => {
  await client.close()
  await server.close()
})

const get = (path: string, maxBodyBytes?: number) =>
  client.send({ url: new URL(path, server.url), maxBodyBytes })

describe('response bodies', () => {
  it.each(['', 'gzip', 'deflate', 'br', 'zstd'])(
    'are decoded from %s',
    async encoding => {
      const res = await get(`/${encoding}`)
      expect(res.body.toString()).toBe(TEXT)
      expect(res.truncated).toBe(false)
    }
  )

  it('stop a decompression bomb at the decoded cap', async () => {
    const res = await get('/bomb', 1024 * 1024)
    expect(res.truncated).toBe(true)
    expect(res.body.length).toBe(1024 * 1024)
  })

  it('turn a corrupt body into one line', async () => {
    await expect(get('/corrupt')).rejects.toThrow(
      /^the compressed body is corrupt \(http:\/\/127\.0\.0\.1:\d+\)$/
    )
  })
})
