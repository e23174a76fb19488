import type { Check, CheckKind } from './types.ts'

/** Check kinds, loaded. */
export type CheckSet = { readonly [K in CheckKind]?: Check<K> }

/**
 * How each check kind is loaded: explicit dynamic imports (nothing looked up
 * by name), so the bundler gives each kind its own chunk and a run loads only
 * the kinds its policy uses. The email check's parser alone costs ~100 ms of
 * start-up that a smoke-only gate should not pay.
 */
const LOADERS: { readonly [K in CheckKind]: () => Promise<Check<K>> } = {
  smoke: async () => (await import('./smoke.ts')).smokeCheck,
  redirects: async () => (await import('./redirects.ts')).redirectsCheck,
  tls: async () => (await import('./tls.ts')).tlsCheck,
  headers: async () => (await import('./headers.ts')).headersCheck,
  cache: async () => (await import('./cache.ts')).cacheCheck,
  latency: async () => (await import('./latency/index.ts')).latencyCheck,
  secrets: async () => (await import('./secrets/index.ts')).secretsCheck,
  dns: async () => (await import('./dns.ts')).dnsCheck,
  email: async () => (await import('./email/check.ts')).emailCheck,
  rate_limits: async () => (await import('./rate-limits.ts')).rateLimitsCheck,
  journeys: async () => (await import('./journeys.ts')).journeysCheck,
  exposure: async () => (await import('./exposure/index.ts')).exposureCheck,
  dependencies: async () =>
    (await import('./dependencies/index.ts')).dependenciesCheck,
  pages: async () => (await import('./pages.ts')).pagesCheck,
  lighthouse: async () => (await import('./lighthouse.ts')).lighthouseCheck
}

/** Loads the given check kinds. */
export async function loadChecks(
  kinds: Iterable<CheckKind>
): Promise<CheckSet> {
  const loaded = await Promise.all(
    [...new Set(kinds)].map(async kind => [kind, await LOADERS[kind]()])
  )
  return Object.fromEntries(loaded) as CheckSet
}
