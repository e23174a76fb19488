import { DnsClient } from '../../net/resolver.ts'
import type { Check, Unit } from '../types.ts'
import { evaluateDkim, lookupDkim } from './dkim.ts'
import { evaluateDmarc, lookupDmarc } from './dmarc.ts'
import { partOutcome, type PartVerdict } from './outcome.ts'
import { analyzeSpf, evaluateSpf } from './spf.ts'

/**
 * Queries one part may send: an SPF tree within the 10-lookup limit needs
 * about 25 (a terms ask for A and AAAA); the walk stops descending past 30
 * lookups, which this leaves room for.
 */
const MAX_QUERIES_PER_PART = 80

/**
 * `email`: one unit per part (`spf`, `dmarc`, `dkim:<selector>`), each
 * looked up through `dns.resolver` when the policy sets one.
 */
export const emailCheck: Check<'email'> = {
  kind: 'email',
  plan: (section, policy) => {
    const parts =
      Number(section.spf) +
      Number(section.dmarc !== false) +
      (section.dkim?.selectors.length ?? 0)
    return {
      maxRequests: parts * MAX_QUERIES_PER_PART,
      maxMs: parts * MAX_QUERIES_PER_PART * policy.defaults.timeout,
      basis: `${parts} parts × ${MAX_QUERIES_PER_PART} queries`
    }
  },
  units: (section, policy) => {
    const domain = section.domain.trim().toLowerCase().replace(/\.$/, '')
    const part = (
      name: string,
      policyPath: Unit['policyPath'],
      judge: (client: DnsClient) => Promise<PartVerdict>
    ): Unit => ({
      name,
      level: section.level ?? 'error',
      policyPath,
      async run(ctx) {
        const client = new DnsClient({
          server: policy.dns?.resolver,
          timeoutMs: policy.defaults.timeout,
          maxQueries: MAX_QUERIES_PER_PART,
          signal: ctx.signal
        })
        const outcome = partOutcome(await judge(client))
        // Results differ between resolvers: say which one answered.
        outcome.metrics = {
          ...outcome.metrics,
          resolver: client.server,
          queries: client.queries
        }
        return outcome
      }
    })

    const units: Unit[] = []
    if (section.spf) {
      units.push(
        part('spf', ['email'], async client =>
          evaluateSpf(await analyzeSpf(client, domain))
        )
      )
    }
    const { dmarc } = section
    if (dmarc !== false) {
      units.push(
        part('dmarc', ['email'], async client =>
          evaluateDmarc(
            await lookupDmarc(client, domain),
            domain,
            dmarc.min_policy
          )
        )
      )
    }
    for (const [index, selector] of (section.dkim?.selectors ?? []).entries()) {
      units.push(
        part(
          `dkim:${selector}`,
          ['email', 'dkim', 'selectors', index],
          async client =>
            evaluateDkim(await lookupDkim(client, selector, domain), selector)
        )
      )
    }
    return units
  }
}
