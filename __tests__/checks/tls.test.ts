import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UnitOutcome } from '../../src/checks/types.ts'
import { evaluateTls, tlsCheck, type TlsFacts } from '../../src/checks/tls.ts'
import { parseHostPort } from '../../src/util/host.ts'
import {
  makeTestCerts,
  type KeyPair,
  type TestCerts
} from '../support/certs.ts'
import {
  findingMessages,
  policyFrom,
  runUnit,
  testContext
} from '../support/context.ts'
import {
  refusedPort,
  startServer,
  type TestServer
} from '../support/http-server.ts'
import { startHttpsServer } from '../support/https-server.ts'

let certs: TestCerts
const servers: TestServer[] = []

beforeAll(() => {
  certs = makeTestCerts()
})
afterAll(async () => {
  await Promise.all(servers.map(server => server.close()))
  certs.remove()
})

async function serve(pair: KeyPair, tls = {}): Promise<string> {
  const server = await startHttpsServer(pair, (_req, res) => res.end('ok'), tls)
  servers.push(server)
  return `127.0.0.1:${server.port}`
}

async function runTls(
  yaml: string,
  opts: {
    trustCa?: boolean
    target?: string
    timeoutMs?: number
    signal?: AbortSignal
  } = {}
): Promise<UnitOutcome> {
  const { policy } = policyFrom(`version: 1\ntls:\n${yaml}`)
  const [unit] = tlsCheck.units(policy.tls!, policy)
  const ctx = testContext({
    target: opts.target ? new URL(opts.target) : undefined,
    ca: opts.trustCa === false ? [] : [certs.ca],
    httpOptions: { timeoutMs: opts.timeoutMs ?? 5000 },
    ...(opts.signal ? { signal: opts.signal } : {})
  })
  return runUnit(unit, ctx)
}

const messages = findingMessages

describe('tls check against local HTTPS servers', () => {
  it('passes a good certificate from a trusted CA and reports its facts', async () => {
    const host = await serve(certs.good)
    const outcome = await runTls(`  hosts: ["${host}"]\n`)
    expect(outcome.findings).toEqual([])
    expect(outcome.ok).toBe(true)
    expect(outcome.summary).toMatch(
      /^TLSv1\.3, 90 days left \(\d{4}-\d\d-\d\d\), issuer launch-gate test CA$/
    )
    expect(outcome.metrics).toMatchObject({
      host,
      protocol: 'TLSv1.3',
      days_remaining: 90,
      issuer: 'launch-gate test CA',
      subject_alt_names: 'IP Address:127.0.0.1, DNS:localhost'
    })
  })

  it('fails an expired certificate', async () => {
    const host = await serve(certs.expired)
    expect(messages(await runTls(`  hosts: ["${host}"]\n`))).toEqual([
      expect.stringMatching(
        /^certificate expired on \d{4}-\d\d-\d\d \(3 days ago\); expected a valid one: renew it$/
      )
    ])
  })

  it('fails a certificate that is not valid yet', async () => {
    const host = await serve(certs.notYetValid)
    expect(messages(await runTls(`  hosts: ["${host}"]\n`))).toEqual([
      expect.stringMatching(
        /^certificate is not valid until \d{4}-\d\d-\d\d; expected one valid now: check the issuing date or the server clock$/
      )
    ])
  })

  it('fails a certificate expiring in 5 days against the default 14', async () => {
    const host = await serve(certs.expiringSoon)
    const outcome = await runTls(`  hosts: ["${host}"]\n`)
    expect(messages(outcome)).toEqual([
      expect.stringMatching(
        /^certificate expires in 5 days \(\d{4}-\d\d-\d\d\); expected at least 14: renew it$/
      )
    ])
    expect(
      (await runTls(`  hosts: ["${host}"]\n  min_days_remaining: 5\n`)).ok
    ).toBe(true)
  })

  it('names the OpenSSL reason for a self-signed certificate', async () => {
    const host = await serve(certs.selfSigned)
    expect(messages(await runTls(`  hosts: ["${host}"]\n`))).toEqual([
      'untrusted chain: self-signed certificate (issuer self-signed); expected a chain to a trusted CA: serve the full chain from a public or configured CA'
    ])
  })

  it('fails a chain to a CA nobody trusts', async () => {
    const host = await serve(certs.good)
    expect(
      messages(await runTls(`  hosts: ["${host}"]\n`, { trustCa: false }))
    ).toEqual([
      'untrusted chain: unable to verify the first certificate (issuer launch-gate test CA); expected a chain to a trusted CA: serve the full chain from a public or configured CA'
    ])
  })

  it('fails a certificate for another host', async () => {
    const host = await serve(certs.wrongHost)
    expect(messages(await runTls(`  hosts: ["${host}"]\n`))).toEqual([
      'certificate does not cover 127.0.0.1 (it names DNS:wrong.example); expected a certificate for this host'
    ])
  })

  it('fails a protocol below min_version', async () => {
    const host = await serve(certs.good, { maxVersion: 'TLSv1.2' })
    expect((await runTls(`  hosts: ["${host}"]\n`)).ok).toBe(true)
    expect(
      messages(await runTls(`  hosts: ["${host}"]\n  min_version: TLSv1.3\n`))
    ).toEqual([
      'negotiated TLSv1.2; expected TLSv1.3 or newer: disable old protocols on the server'
    ])
  })

  it('completes a TLS 1.1 handshake so an old server fails the default floor', async () => {
    const host = await serve(certs.good, {
      minVersion: 'TLSv1.1',
      maxVersion: 'TLSv1.1',
      ciphers: 'DEFAULT:@SECLEVEL=0'
    })
    expect(messages(await runTls(`  hosts: ["${host}"]\n`))).toEqual([
      'negotiated TLSv1.1; expected TLSv1.2 or newer: disable old protocols on the server'
    ])
  })

  it('probes the target host when no hosts are listed, named by it', async () => {
    const host = await serve(certs.good)
    const outcome = await runTls('  min_days_remaining: 30\n', {
      target: `https://${host}/app`
    })
    expect(outcome.ok).toBe(true)
    expect(outcome.metrics?.host).toBe(host)
    const { policy } = policyFrom('version: 1\ntls: {}\n')
    const [unit] = tlsCheck.units(
      policy.tls!,
      policy,
      new URL(`https://${host}/app`)
    )
    expect(unit.name).toBe(host)
  })

  it('says so when the target is plain http and no hosts are listed', async () => {
    await expect(
      runTls('  min_days_remaining: 30\n', { target: 'http://127.0.0.1:8080/' })
    ).rejects.toThrow(
      'the target http://127.0.0.1:8080/ is plain http: list the https hosts to probe in tls.hosts'
    )
  })

  it('reports a refused connection as a one-line error', async () => {
    const host = new URL(await refusedPort()).host
    await expect(runTls(`  hosts: ["${host}"]\n`)).rejects.toThrow(
      /^connection refused \(https:\/\/127\.0\.0\.1:\d+\)$/
    )
  })

  it('says when the port does not speak TLS', async () => {
    const plain = await startServer((_req, res) => res.end('ok'))
    servers.push(plain)
    const host = new URL(plain.url).host
    await expect(runTls(`  hosts: ["${host}"]\n`)).rejects.toThrow(
      `${host} did not answer with TLS (wrong version number): is it an http port?`
    )
  })

  it('gives up on a silent server at the request timeout', async () => {
    const silent: Server = createServer(() => {})
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as AddressInfo
    try {
      await expect(
        runTls(`  hosts: ["127.0.0.1:${port}"]\n`, { timeoutMs: 200 })
      ).rejects.toThrow(`no TLS handshake with 127.0.0.1:${port} within 200ms`)
      await expect(
        runTls(`  hosts: ["127.0.0.1:${port}"]\n`, {
          signal: AbortSignal.timeout(100)
        })
      ).rejects.toThrow('cancelled: out of time')
    } finally {
      silent.close()
    }
  })

  it('trusts NODE_EXTRA_CA_CERTS when the context has no extra CA', async () => {
    const host = await serve(certs.good)
    const tlsModule = fileURLToPath(
      new URL('../../src/checks/tls.ts', import.meta.url)
    )
    const script = `
      const { probeTls } = await import(${JSON.stringify(tlsModule)})
      const [hostname, port] = ${JSON.stringify(host)}.split(':')
      const facts = await probeTls(hostname, Number(port), {
        signal: new AbortController().signal, http: { timeoutMs: 5000 }
      })
      console.log(facts.chainError ?? 'trusted')`
    const run = (env: NodeJS.ProcessEnv) =>
      promisify(execFile)(
        process.execPath,
        ['--input-type=module', '-e', script],
        {
          env: { ...process.env, ...env },
          timeout: 20_000
        }
      )
    expect(
      (await run({ NODE_EXTRA_CA_CERTS: certs.caFile })).stdout.trim()
    ).toBe('trusted')
    expect((await run({ NODE_EXTRA_CA_CERTS: '' })).stdout.trim()).toBe(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
    )
  })
})

describe('parseHostPort', () => {
  it.each([
    ['example.com', 'example.com', 443],
    ['example.com:8443', 'example.com', 8443],
    ['127.0.0.1', '127.0.0.1', 443],
    ['127.0.0.1:9', '127.0.0.1', 9],
    ['[::1]:8443', '::1', 8443],
    ['[::1]', '::1', 443],
    ['::1', '::1', 443]
  ])('%s → %s port %i', (text, hostname, port) => {
    expect(parseHostPort(text)).toEqual({ hostname, port })
  })

  it.each(['example.com:0', 'example.com:70000', ':443'])(
    'rejects %s',
    text => {
      expect(() => parseHostPort(text)).toThrow(`invalid tls host "${text}"`)
    }
  )
})

describe('evaluateTls', () => {
  const now = new Date('2026-06-01T12:00:00Z')
  const facts = (over: Partial<TlsFacts> = {}): TlsFacts => ({
    host: 'example.com',
    port: 443,
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    validFrom: new Date('2026-05-01T00:00:00Z'),
    validTo: new Date('2026-08-01T00:00:00Z'),
    issuer: 'R11',
    subjectAltNames: 'DNS:example.com',
    chainError: undefined,
    coversHost: true,
    ...over
  })
  const section = { min_days_remaining: 14, min_version: 'TLSv1.2' as const }

  it.each<[string, Partial<TlsFacts>, typeof section, string[]]>([
    ['a good certificate', {}, section, []],
    [
      'exactly the minimum days',
      { validTo: new Date('2026-06-15T12:00:00Z') },
      section,
      []
    ],
    [
      'one day short',
      { validTo: new Date('2026-06-15T11:00:00Z') },
      section,
      [
        'certificate expires in 13 days (2026-06-15); expected at least 14: renew it'
      ]
    ],
    [
      'expired (the date, not the chain code, is reported)',
      {
        validTo: new Date('2026-05-30T00:00:00Z'),
        chainError: 'CERT_HAS_EXPIRED'
      },
      section,
      [
        'certificate expired on 2026-05-30 (2 days ago); expected a valid one: renew it'
      ]
    ],
    [
      'an unknown chain code is shown as is',
      { chainError: 'SOMETHING_NEW' },
      section,
      [
        'untrusted chain: SOMETHING_NEW (issuer R11); expected a chain to a trusted CA: serve the full chain from a public or configured CA'
      ]
    ],
    [
      'TLS 1.3 required',
      { protocol: 'TLSv1.2' },
      { ...section, min_version: 'TLSv1.3' as never },
      [
        'negotiated TLSv1.2; expected TLSv1.3 or newer: disable old protocols on the server'
      ]
    ],
    [
      'wrong host and old protocol together',
      { coversHost: false, protocol: 'TLSv1', subjectAltNames: '' },
      section,
      [
        'certificate does not cover example.com (it names no alternative names); expected a certificate for this host',
        'negotiated TLSv1; expected TLSv1.2 or newer: disable old protocols on the server'
      ]
    ]
  ])('%s', (_label, over, config, expected) => {
    const outcome = evaluateTls(config, facts(over), now)
    expect(outcome.findings?.map(f => f.message)).toEqual(expected)
    expect(outcome.ok).toBe(expected.length === 0)
  })
})

describe('tls policy', () => {
  it('names a host that is a URL', () => {
    expect(() =>
      policyFrom('version: 1\ntls:\n  hosts: ["https://example.com/"]\n')
    ).toThrow(
      'policy.yml:3:11: tls.hosts.0: expected a host or host:port, e.g. example.com or example.com:8443'
    )
  })
})
