// The demo's DNS zone: the shop's domain with the records a launch needs and
// mail authentication set up as receivers expect (SPF -all within the lookup
// limit, DMARC quarantine with reports, a 2048-bit DKIM key).
import type { KeyObject } from 'node:crypto'
import type { Zone } from './dns-server.ts'

/** A reserved name (RFC 6761): it exists only on the demo's DNS server. */
export const DEMO_DOMAIN = 'demo-shop.test'
export const DKIM_SELECTOR = 'demo'

/**
 * The zone of DEMO_DOMAIN; `dkimKey` is the public half of the mail signing
 * key. `broken` publishes SPF `+all`, which lets any server send as the shop.
 */
export function demoZone(dkimKey: KeyObject, broken = false): Zone {
  const spf = `v=spf1 mx include:_spf.${DEMO_DOMAIN} ${broken ? '+all' : '-all'}`
  const dkim = dkimKey
    .export({ type: 'spki', format: 'der' })
    .toString('base64')
  return {
    [DEMO_DOMAIN]: [
      { type: 'A', address: '127.0.0.1' },
      { type: 'MX', priority: 10, exchange: `mx1.${DEMO_DOMAIN}` },
      { type: 'CAA', tag: 'issue', value: 'letsencrypt.org' },
      { type: 'TXT', text: spf },
      { type: 'TXT', text: 'demo-shop-verification=3f9c2a71' }
    ],
    [`www.${DEMO_DOMAIN}`]: [{ type: 'CNAME', target: DEMO_DOMAIN }],
    [`mx1.${DEMO_DOMAIN}`]: [{ type: 'A', address: '127.0.0.1' }],
    // What a mail provider's include lists: its sending ranges.
    [`_spf.${DEMO_DOMAIN}`]: [
      { type: 'TXT', text: 'v=spf1 ip4:127.0.0.0/8 -all' }
    ],
    [`_dmarc.${DEMO_DOMAIN}`]: [
      {
        type: 'TXT',
        text: `v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@${DEMO_DOMAIN}`
      }
    ],
    [`${DKIM_SELECTOR}._domainkey.${DEMO_DOMAIN}`]: [
      { type: 'TXT', text: `v=DKIM1; k=rsa; p=${dkim}` }
    ]
  }
}
