import { isIP } from 'node:net'
import { CheckError } from '../errors.ts'

/**
 * One home for host[:port] parsing: `dns.resolver`, `tls.hosts` and the
 * policy schema all read hosts through these.
 */

/**
 * Normalises `dns.resolver` (an IP, IP:port or [IPv6]:port) to the form
 * `Resolver.setServers` takes; undefined when it is none of these.
 */
export function parseResolverAddress(text: string): string | undefined {
  const value = text.trim()
  if (isIP(value)) return value
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value)
  if (bracketed) {
    const [, host, port] = bracketed
    if (isIP(host) !== 6 || !validPort(port)) return undefined
    return port === undefined ? host : `[${host}]:${port}`
  }
  const withPort = /^([^:]+):(\d{1,5})$/.exec(value)
  if (withPort && isIP(withPort[1]) === 4 && validPort(withPort[2])) {
    return value
  }
  return undefined
}

const HOST_NAME =
  /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(?::(\d{1,5}))?$/i

/** `dns.resolver` as a host name, with an optional port (`dns.internal:5353`). */
export function parseResolverHost(
  text: string
): { host: string; port?: string } | undefined {
  const match = HOST_NAME.exec(text.trim())
  if (!match || !validPort(match[2])) return undefined
  return { host: match[1], port: match[2] }
}

/** True for every form `dns.resolver` takes: an IP or a host name, each with an optional port. */
export function isResolverSpec(text: string): boolean {
  return (
    parseResolverAddress(text) !== undefined ||
    parseResolverHost(text) !== undefined
  )
}

function validPort(port: string | undefined): boolean {
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535)
}

/** `example.com`, `example.com:8443`, `[::1]:443`, `::1` → host and port. */
export function parseHostPort(text: string): {
  hostname: string
  port: number
} {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text)
  const [hostname, port] = bracketed
    ? [bracketed[1], bracketed[2]]
    : isIP(text) === 6
      ? [text, undefined]
      : text.split(':')
  const number = port === undefined ? 443 : Number(port)
  if (!hostname || !Number.isInteger(number) || number < 1 || number > 65_535) {
    throw new CheckError(
      `invalid tls host "${text}": expected host or host:port`
    )
  }
  return { hostname, port: number }
}

/** A URL's hostname without the brackets of an IPv6 literal: `[::1]` → `::1`. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '')
}
