import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  dnsCheck,
  evaluateDnsRecord,
  valueMatches,
  type DnsRecordItem,
  type RecordFacts
} from '../../src/checks/dns.ts'
import type { UnitOutcome } from '../../src/checks/types.ts'
import { policyFrom, testContext } from '../support/context.ts'
import {
  startDnsServer,
  type LocalDnsServer
} from '../../examples/demo-site/dns-server.ts'

let server: LocalDnsServer

beforeAll(async () => {
  server = await startDnsServer(
    {
      // A good zone.
      'good.test': [
        { type: 'A', address: '192.0.2.10' },
        { type: 'AAAA', address: '2001:db8::10' },
        { type: 'MX', exchange: 'mx2.good.test', priority: 20 },
        { type: 'MX', exchange: 'mx1.good.test', priority: 10 },
        { type: 'TXT', text: 'v=spf1 mx -all' },
        { type: 'TXT', text: 'google-site-verification=abc123' },
        { type: 'CAA', tag: 'issue', value: 'letsencrypt.org' },
        { type: 'NS', ns: 'ns1.good.test' }
      ],
      'www.good.test': [{ type: 'CNAME', target: 'good.test' }],
      'mx1.good.test': [{ type: 'A', address: '192.0.2.25' }],
      'long.good.test': Array.from({ length: 12 }, (_, i) => ({
        type: 'TXT' as const,
        text: `token-${i}=${'x'.repeat(200)}`
      })),
      // A broken one.
      'broken.test': [{ type: 'A', address: '192.0.2.66' }],
      'dangling.broken.test': [{ type: 'CNAME', target: 'gone.broken.test' }],
      'noaddress.broken.test': [
        { type: 'CNAME', target: 'mailonly.broken.test' }
      ],
      'mailonly.broken.test': [
        { type: 'MX', exchange: 'mx1.good.test', priority: 10 }
      ],
      'apex.test': [{ type: 'CNAME', target: 'good.test' }]
    },
    { silent: ['dead.good.test'] }
  )
})
afterAll(() => server.close())

async function runRecords(
  records: string,
  timeout = '5s',
  resolver = server.address
): Promise<{ name: string; outcome: UnitOutcome }[]> {
  const { policy } = policyFrom(
    `version: 1\ndefaults: { timeout: ${timeout} }\ndns:\n  resolver: ${resolver}\n  records:\n${records}`
  )
  const units = dnsCheck.units(policy.dns!, policy)
  const ctx = testContext()
  return Promise.all(
    units.map(async unit => ({ name: unit.name, outcome: await unit.run(ctx) }))
  )
}

async function runRecord(record: string) {
  const [{ outcome }] = await runRecords(`    - ${record}\n`)
  return outcome
}

describe('dns check against a good zone', () => {
  it('names each record check like "A example.com" and passes present records', async () => {
    const results = await runRecords(
      [
        '    - { name: good.test, type: A, value: 192.0.2.10 }',
        '    - { name: good.test, type: AAAA, value: "2001:db8:0:0::10" }',
        '    - { name: www.good.test, type: CNAME, value: good.test. }',
        '    - { name: good.test, type: MX, value: mx1.good.test }',
        '    - { name: good.test, type: TXT, value: google-site-verification }',
        '    - { name: good.test, type: CAA, value: letsencrypt.org }',
        '    - { name: good.test, type: NS }',
        '    - { name: www.good.test, type: A }'
      ].join('\n') + '\n'
    )
    expect(results.map(r => r.name)).toEqual([
      'A good.test',
      'AAAA good.test',
      'CNAME www.good.test',
      'MX good.test',
      'TXT good.test',
      'CAA good.test',
      'NS good.test',
      'A www.good.test'
    ])
    for (const { name, outcome } of results) {
      expect(outcome.findings, name).toEqual([])
      expect(outcome.ok, name).toBe(true)
    }
    expect(results[3].outcome.summary).toBe(
      '10 mx1.good.test, 20 mx2.good.test'
    )
    expect(results[5].outcome.summary).toBe('0 issue "letsencrypt.org"')
    expect(results[0].outcome.metrics).toMatchObject({
      records: 1,
      resolver: server.address
    })
  })

  it('reads an answer too big for UDP over TCP', async () => {
    const outcome = await runRecord(
      '{ name: long.good.test, type: TXT, value: "token-11=" }'
    )
    expect(outcome.ok).toBe(true)
    expect(
      server.queries
        .filter(q => q.name === 'long.good.test')
        .map(q => q.transport)
    ).toContain('tcp')
  })

  it('says which value it found when the policy expects another', async () => {
    const a = await runRecord(
      '{ name: good.test, type: A, value: 198.51.100.7 }'
    )
    expect(a.ok).toBe(false)
    expect(a.summary).toBe(
      'A good.test is 192.0.2.10, expected "198.51.100.7": update the record or the policy'
    )
    const txt = await runRecord(
      '{ name: good.test, type: TXT, value: "stripe-verification" }'
    )
    expect(txt.summary).toBe(
      'no TXT record at good.test contains "stripe-verification" (found "v=spf1 mx -all", "google-site-verification=abc123"): add it or fix the policy'
    )
  })
})

describe('dns check against a broken zone', () => {
  it('reports NXDOMAIN', async () => {
    const outcome = await runRecord('{ name: missing.broken.test, type: A }')
    expect(outcome.ok).toBe(false)
    expect(outcome.summary).toBe(
      'missing.broken.test does not exist (NXDOMAIN): add the A record at your DNS provider'
    )
  })

  it('reports a name without records of the type', async () => {
    const outcome = await runRecord('{ name: broken.test, type: MX }')
    expect(outcome.summary).toBe(
      'broken.test has no MX record: add one at your DNS provider'
    )
  })

  it('reports a dangling CNAME, asked as CNAME or as A', async () => {
    const dangling =
      'dangling.broken.test is a CNAME to gone.broken.test, which does not exist (NXDOMAIN): a dangling CNAME can be taken over; point it at a live host or delete it'
    const asCname = await runRecord(
      '{ name: dangling.broken.test, type: CNAME }'
    )
    expect(asCname.ok).toBe(false)
    expect(asCname.summary).toBe(dangling)
    const asA = await runRecord('{ name: dangling.broken.test, type: A }')
    expect(asA.summary).toBe(dangling)
    const noAddress = await runRecord(
      '{ name: noaddress.broken.test, type: CNAME }'
    )
    expect(noAddress.summary).toBe(
      'noaddress.broken.test is a CNAME to mailonly.broken.test, which has no A or AAAA record: point it at a live host or delete it'
    )
  })

  it('reports a CNAME at the zone apex, even when A resolves through it', async () => {
    const apex =
      "apex.test is a CNAME to good.test at the zone apex, where a CNAME breaks MX, TXT and NS records: use A/AAAA records or your provider's ALIAS (flattened) record"
    const asA = await runRecord('{ name: apex.test, type: A }')
    expect(asA.ok).toBe(false)
    expect(asA.findings?.map(f => f.message)).toEqual([apex])
    const asCname = await runRecord(
      '{ name: apex.test, type: CNAME, value: good.test }'
    )
    expect(asCname.summary).toBe(apex)
  })

  it('cannot run when the server does not answer: a one-line CheckError', async () => {
    const { policy } = policyFrom(
      `version: 1\ndefaults: { timeout: 400ms }\ndns:\n  resolver: ${server.address}\n  records:\n    - { name: dead.good.test, type: A }\n`
    )
    const [unit] = dnsCheck.units(policy.dns!, policy)
    await expect(unit.run(testContext())).rejects.toThrow(
      `DNS lookup of A dead.good.test got no answer within 400ms (${server.address})`
    )
  })
})

describe('dns policy', () => {
  it('takes an IP resolver, with a port or alone, and no records', () => {
    const { policy } = policyFrom(
      'version: 1\ndns: { resolver: "[::1]:5353" }\n'
    )
    expect(policy.dns).toEqual({ resolver: '[::1]:5353', records: [] })
  })

  it('refuses a resolver that is neither an address nor a host name', () => {
    expect(() =>
      policyFrom('version: 1\ndns: { resolver: "udp://10.0.0.1" }\n')
    ).toThrow(/expected an IP address or a host name, optionally with a port/)
  })

  it('looks up a resolver given by host name first (localhost, from the hosts file)', async () => {
    const port = server.address.split(':')[1]
    const [{ outcome }] = await runRecords(
      '    - { name: good.test, type: A, value: 192.0.2.10 }\n',
      '5s',
      `localhost:${port}`
    )
    expect(outcome.ok).toBe(true)
  })
})

describe('record evaluation', () => {
  const item = (over: Partial<DnsRecordItem>): DnsRecordItem => ({
    name: 'example.com',
    type: 'A',
    level: 'error',
    ...over
  })
  const facts = (over: Partial<RecordFacts>): RecordFacts => ({
    values: [],
    apex: false,
    server: 'test',
    queries: 1,
    ...over
  })

  it.each([
    ['present', item({}), facts({ values: ['192.0.2.1'] }), true],
    [
      'value among several',
      item({ value: '192.0.2.2' }),
      facts({ values: ['192.0.2.1', '192.0.2.2'] }),
      true
    ],
    ['nxdomain', item({}), facts({ missing: 'nxdomain' }), false],
    ['nodata', item({ type: 'CAA' }), facts({ missing: 'nodata' }), false],
    [
      'apex alias',
      item({ type: 'CNAME' }),
      facts({
        values: ['x.net'],
        alias: 'x.net',
        aliasTarget: 'resolves',
        apex: true
      }),
      false
    ],
    [
      'subdomain alias',
      item({ name: 'www.example.com', type: 'CNAME' }),
      facts({ values: ['x.net'], alias: 'x.net', aliasTarget: 'resolves' }),
      true
    ]
  ])('%s', (_, record, found, ok) => {
    expect(evaluateDnsRecord(record, found).ok).toBe(ok)
  })

  it.each([
    ['A', '192.0.2.1', '192.0.2.1', true],
    ['AAAA', '2001:db8::1', '2001:DB8:0::1', true],
    ['CNAME', 'target.example.net', 'Target.Example.net.', true],
    ['MX', '10 mx.example.com', 'mx.example.com', true],
    ['MX', '10 mx.example.com', '10 mx.example.com.', true],
    ['MX', '10 mx.example.com', '20 mx.example.com', false],
    ['TXT', 'v=spf1 -all', 'v=spf1', true],
    ['CAA', '0 issue "letsencrypt.org"', 'issue "LetsEncrypt.org"', true],
    ['NS', 'ns1.example.com', 'ns2.example.com', false]
  ] as const)('%s %s matches %s: %s', (type, record, want, expected) => {
    expect(valueMatches(type, record, want)).toBe(expected)
  })
})
