import { latencyCheck } from './latency/index.ts'
import { smokeCheck } from './smoke.ts'
import type { Check, CheckKind } from './types.ts'

/**
 * Every implemented check kind, imported explicitly so the bundle holds no
 * runtime lookups. A kind missing here is validated but reported as skipped.
 */
export const CHECKS: { readonly [K in CheckKind]?: Check<K> } = {
  smoke: smokeCheck,
  latency: latencyCheck
}
