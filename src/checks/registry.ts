import { cacheCheck } from './cache.ts'
import { dnsCheck } from './dns.ts'
import { emailCheck } from './email/check.ts'
import { headersCheck } from './headers.ts'
import { latencyCheck } from './latency/index.ts'
import { rateLimitsCheck } from './rate-limits.ts'
import { redirectsCheck } from './redirects.ts'
import { secretsCheck } from './secrets/index.ts'
import { smokeCheck } from './smoke.ts'
import { tlsCheck } from './tls.ts'
import type { Check, CheckKind } from './types.ts'

/**
 * Every implemented check kind, imported explicitly so the bundle holds no
 * runtime lookups. A kind missing here is validated but reported as skipped.
 */
export const CHECKS: { readonly [K in CheckKind]?: Check<K> } = {
  smoke: smokeCheck,
  redirects: redirectsCheck,
  tls: tlsCheck,
  headers: headersCheck,
  cache: cacheCheck,
  latency: latencyCheck,
  secrets: secretsCheck,
  dns: dnsCheck,
  email: emailCheck,
  rate_limits: rateLimitsCheck
}
