import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DnsClient,
  DnsError,
  isNodata,
  isNxdomain
} from '../../src/net/resolver.ts'
import { parseResolverAddress } from '../../src/util/host.ts'
import {
  startDnsServer,
  type LocalDnsServer
} from '../../examples/demo-site/dns-server.ts'

let server: LocalDnsServer

beforeAll(async () => {
  server = await startDnsServer(
    {
      'big.example.test': Array.from({ length: 12 }, (_, i) => ({
        type: 'TXT' as const,
        text: `record-${i}-${'x'.repeat(200)}`
      })),
      'host.example.test': [{ type: 'A', address: '192.0.2.1' }]
    },
    { silent: ['dead.example.test'], failing: ['broken.example.test'] }
  )
})
afterAll(() => server.close())

const client = (
  options: {
    timeoutMs?: number
    maxQueries?: number
    signal?: AbortSignal
  } = {}
) =>
  new DnsClient({
    server: server.address,
    timeoutMs: 2000,
    maxQueries: 20,
    ...options
  })

describe('resolver address', () => {
  it.each([
    ['1.1.1.1', '1.1.1.1'],
    [' 127.0.0.1:5353 ', '127.0.0.1:5353'],
    ['2606:4700::1111', '2606:4700::1111'],
    ['[2606:4700::1111]:53', '[2606:4700::1111]:53'],
    ['[::1]', '::1'],
    ['dns.google', undefined],
    ['1.1.1.1:0', undefined],
    ['1.1.1.1:70000', undefined],
    ['2606:4700::1111:53', '2606:4700::1111:53'],
    ['[1.1.1.1]:53', undefined],
    ['', undefined]
  ])('%j → %j', (text, expected) => {
    expect(parseResolverAddress(text)).toBe(expected)
  })
})

describe('DNS client', () => {
  it('asks the configured server and names it', async () => {
    const dns = client()
    expect(await dns.resolve('host.example.test', 'A')).toEqual(['192.0.2.1'])
    expect(dns.server).toBe(server.address)
    expect(server.queries.at(-1)).toEqual({
      name: 'host.example.test',
      type: 'A',
      transport: 'udp'
    })
  })

  it('retries over TCP when the UDP answer is truncated (c-ares does it)', async () => {
    const records = await client().resolve('big.example.test', 'TXT')
    expect(records).toHaveLength(12)
    const asked = server.queries.filter(q => q.name === 'big.example.test')
    expect(asked.map(q => q.transport)).toEqual(['udp', 'tcp'])
  })

  it('tells NXDOMAIN from a name without such records', async () => {
    const dns = client()
    const nx = await dns.resolve('nope.example.test', 'A').catch(e => e)
    expect(isNxdomain(nx)).toBe(true)
    const nodata = await dns.resolve('host.example.test', 'MX').catch(e => e)
    expect(isNodata(nodata)).toBe(true)
  })

  it('asks one question once', async () => {
    const dns = client()
    const before = server.queries.length
    await dns.resolve('host.example.test', 'A')
    await dns.resolve('HOST.example.test', 'A')
    expect(server.queries.length - before).toBe(1)
    expect(dns.queries).toBe(1)
  })

  it('gives up on a silent server within the time limit, in one line', async () => {
    const error = await client({ timeoutMs: 400 })
      .resolve('dead.example.test', 'A')
      .catch(e => e)
    expect(error).toBeInstanceOf(DnsError)
    expect(error.message).toBe(
      `DNS lookup of A dead.example.test got no answer within 400ms (${server.address})`
    )
  })

  it('reports SERVFAIL as a failure to look up', async () => {
    const error = await client()
      .resolve('broken.example.test', 'TXT')
      .catch(e => e)
    expect(error).toBeInstanceOf(DnsError)
    expect(error.message).toBe(
      `DNS lookup of TXT broken.example.test failed: the server failed to answer (SERVFAIL) (${server.address})`
    )
  })

  it('refuses to send more than its query budget', async () => {
    const dns = client({ maxQueries: 1 })
    await dns.resolve('host.example.test', 'A')
    await expect(dns.resolve('host.example.test', 'AAAA')).rejects.toThrow(
      'stopped after 1 DNS queries (the limit for one check) at AAAA host.example.test'
    )
  })

  it('stops when the run is cancelled', async () => {
    const controller = new AbortController()
    const pending = client({
      timeoutMs: 5000,
      signal: controller.signal
    }).resolve('dead.example.test', 'TXT')
    controller.abort()
    await expect(pending).rejects.toThrow('cancelled: out of time')
  })

  it('uses the system resolver when none is configured', () => {
    // Only constructed: tests never send a query to a public server.
    const dns = new DnsClient({ timeoutMs: 1000, maxQueries: 1 })
    expect(dns.server).toMatch(/^system resolver /)
  })
})
