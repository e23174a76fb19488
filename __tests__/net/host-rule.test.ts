import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addressKind, HostRule } from '../../src/net/host-rule.ts'
import { HttpClient } from '../../src/net/http.ts'
import { runCli } from '../support/cli.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

describe('addressKind', () => {
  it('sorts addresses by kind', () => {
    expect(addressKind('127.0.0.1')).toBe('loopback')
    expect(addressKind('::ffff:169.254.169.254')).toBe('link-local')
    expect(addressKind('[fe80::1]')).toBe('link-local')
    expect(addressKind('10.0.0.1')).toBe('private')
    expect(addressKind('0.0.0.0')).toBe('reserved')
    expect(addressKind('93.184.216.34')).toBe('public')
  })
})

describe('a public target', () => {
  let server: Server
  let port: number
  let connections = 0

  beforeAll(async () => {
    server = createServer((_req, res) => res.end('internal'))
    server.on('connection', () => connections++)
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  })

  it('never connects to loopback, by literal or by name', async () => {
    // A public target; only loopback URLs are requested, and refused.
    const client = new HttpClient({
      timeoutMs: 5000,
      retries: 0,
      hostRule: new HostRule(new URL('https://93.184.216.34/'))
    })
    try {
      for (const url of [
        `http://127.0.0.1:${port}/`,
        `http://localhost:${port}/`
      ]) {
        await expect(client.send({ url: new URL(url) })).rejects.toThrow(
          /^refused to connect to .*: a loopback address, and the target is not one \(host rule\)$/
        )
      }
    } finally {
      await client.close()
    }
    expect(connections).toBe(0)
  })
})

describe('redirects from a target on 127.0.0.1', () => {
  let target: TestServer
  let other: TestServer
  let dir: string

  beforeAll(async () => {
    other = await startServer((_req, res) => res.end('other'))
    target = await startServer((req, res) => {
      const to: Record<string, string> = {
        '/metadata': 'http://169.254.169.254/latest/meta-data/',
        '/private': 'http://10.0.0.1/admin',
        '/other': other.url.replace('127.0.0.1', 'localhost') + '/'
      }
      res.writeHead(301, { location: to[req.url ?? ''] ?? '/' })
      res.end()
    })
    dir = await mkdtemp(join(tmpdir(), 'lg-hosts-'))
  })

  afterAll(async () => {
    await target.close()
    await other.close()
  })

  const run = async (rules: string, allowHosts: string[]) => {
    await writeFile(
      join(dir, 'launch.yml'),
      `version: 1\ntarget: ${target.url}\ndefaults: { headers: { x-bypass: "\${BYPASS}" } }\nredirects:\n  allow_hosts: ${JSON.stringify(allowHosts)}\n  rules:\n${rules}`
    )
    return runCli(['check', '--policy', 'launch.yml'], {
      cwd: dir,
      env: { BYPASS: 'bypass-token-1234' }
    })
  }

  it('stops at a hop to a host nobody allowed, and says so', async () => {
    const out = await run(
      `    - { from: /private, to: "http://10.0.0.1/admin" }\n    - { from: /metadata, to: /x }\n`,
      []
    )
    expect(out.stdout).toContain(
      "stopped at hop 1: 169.254.169.254 is neither the target, the rule's from/to hosts nor in redirects.allow_hosts"
    )
    // Allowed by the rule's `to`, then refused by the host rule before connecting.
    expect(out.stdout).toContain(
      'refused to connect to 10.0.0.1: a private address, and the target is not one (host rule)'
    )
  })

  it('refuses link-local metadata even when allow_hosts lists it', async () => {
    const out = await run(`    - { from: /metadata, to: /x }\n`, [
      '169.254.169.254'
    ])
    expect(out.stdout).toContain(
      'refused to connect to 169.254.169.254: a link-local address, and the target is not one (host rule)'
    )
  })

  it('sends defaults.headers to the target origin only', async () => {
    await run(`    - { from: /other, to: /y }\n`, ['localhost'])
    expect(target.requests.at(-1)?.headers['x-bypass']).toBe(
      'bypass-token-1234'
    )
    expect(other.requests).toHaveLength(1)
    expect(other.requests[0].headers['x-bypass']).toBeUndefined()
  })
})
