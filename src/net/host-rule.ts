import { lookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { BlockList, isIP } from 'node:net'
import { buildConnector } from 'undici'
import { bareHost } from '../util/host.ts'

/**
 * The one host rule for every fetcher (spec §7.0): `defaults.headers` go to
 * the target's origin only, and a private, loopback or link-local address is
 * reached only when the target itself is one (of the same kind: a target on
 * loopback does not open link-local cloud metadata). The address is checked when
 * the socket connects, on the address actually used, so a name that
 * resolves elsewhere the second time (DNS rebinding) gains nothing.
 */

/** Address ranges that are not the public internet, by kind. */
const RANGES: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6']
  ],
  'link-local': [
    ['169.254.0.0', 16, 'ipv4'], // cloud metadata lives here
    ['fe80::', 10, 'ipv6']
  ],
  private: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
    ['fc00::', 7, 'ipv6']
  ],
  reserved: [
    ['0.0.0.0', 8, 'ipv4'],
    ['192.0.0.0', 24, 'ipv4'],
    ['198.18.0.0', 15, 'ipv4'],
    ['224.0.0.0', 4, 'ipv4'], // multicast, then future use
    ['240.0.0.0', 4, 'ipv4'],
    ['::', 128, 'ipv6'],
    ['ff00::', 8, 'ipv6']
  ]
}
const BLOCKS = Object.entries(RANGES).map(([kind, ranges]) => {
  const list = new BlockList()
  for (const [net, prefix, family] of ranges)
    list.addSubnet(net, prefix, family)
  return { kind, list }
})

/**
 * The kind of a non-public address (`loopback`, `link-local`, `private`,
 * `reserved`), or `public`; IPv4-mapped IPv6 counts as its IPv4 address.
 */
export function addressKind(address: string): string {
  const bare = bareHost(address)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)
  const ip = mapped ? mapped[1] : bare
  const family = isIP(ip)
  if (family === 0) return 'public'
  const type = family === 4 ? 'ipv4' : 'ipv6'
  return BLOCKS.find(({ list }) => list.check(ip, type))?.kind ?? 'public'
}

/** The error a refused connection fails with; describeNetworkError shows its message. */
export class HostRuleError extends Error {
  override readonly name = 'HostRuleError'
  readonly code = 'ERR_LAUNCH_GATE_HOST_RULE'
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number
) => void

export class HostRule {
  readonly target: URL | undefined
  private targetKinds: Promise<Set<string>> | undefined

  constructor(target: URL | undefined) {
    this.target = target
  }

  /** Whether `url` is on the target's origin (where `defaults.headers` may go). */
  isTargetOrigin(url: URL): boolean {
    return this.target !== undefined && url.origin === this.target.origin
  }

  /** The kinds of the target's own addresses (resolved once). */
  private kindsOfTarget(): Promise<Set<string>> {
    const host = this.target && bareHost(this.target.hostname)
    this.targetKinds ??= !host
      ? Promise.resolve(new Set())
      : isIP(host)
        ? Promise.resolve(new Set([addressKind(host)]))
        : new Promise(resolve =>
            lookup(host, { all: true }, (error, addresses) =>
              resolve(
                new Set(error ? [] : addresses.map(a => addressKind(a.address)))
              )
            )
          )
    return this.targetKinds
  }

  /**
   * Why connecting to `address` for `host` is refused, or undefined when it
   * is allowed: a public address, any address of the target's own host, or
   * a non-public one of a kind the target itself is (loopback for a target
   * on loopback, never link-local metadata for it).
   */
  async refusal(host: string, address: string): Promise<string | undefined> {
    const kind = addressKind(address)
    if (kind === 'public') return undefined
    const bare = bareHost(host).toLowerCase()
    if (this.target && bare === bareHost(this.target.hostname)) {
      return undefined
    }
    if ((await this.kindsOfTarget()).has(kind)) return undefined
    return `refused to connect to ${bare === address ? address : `${host} (${address})`}: a ${kind} address, and the target is not one (host rule)`
  }

  /** A DNS lookup that fails for addresses the rule refuses. */
  private lookup = (
    host: string,
    options: LookupOptions,
    callback: LookupCallback
  ): void => {
    lookup(host, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      void Promise.all(addresses.map(a => this.refusal(host, a.address))).then(
        reasons => {
          const allowed = addresses.filter((_, i) => reasons[i] === undefined)
          if (allowed.length === 0) {
            return callback(
              new HostRuleError(reasons[0] ?? `no address for ${host}`),
              []
            )
          }
          if (options.all) return callback(null, allowed)
          callback(null, allowed[0].address, allowed[0].family)
        }
      )
    })
  }

  /**
   * An undici connector that applies the rule before any packet is sent:
   * IP literals are checked up front, names through the lookup the socket
   * connects with.
   */
  connector(
    options: buildConnector.BuildOptions = {}
  ): buildConnector.connector {
    const connect = buildConnector({ ...options, lookup: this.lookup })
    return (request, callback) => {
      const host = bareHost(request.hostname)
      if (isIP(host) === 0) return connect(request, callback)
      void this.refusal(host, host).then(reason =>
        reason
          ? callback(new HostRuleError(reason), null)
          : connect(request, callback)
      )
    }
  }
}
