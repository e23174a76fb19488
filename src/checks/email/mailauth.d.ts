// Types for the mailauth internals the email check uses; mailauth publishes
// typings only for its top-level verify API, which answers a different
// question (does this one message pass) than a policy check (is the setup right).

declare module 'mailauth/lib/spf/syntax.js' {
  /** RFC 7208 §4.6 syntax of the terms after `v=spf1`: the first error, or false. */
  export function validateTerms(terms: readonly string[]): string | false
}

declare module 'mailauth/lib/dmarc/get-dmarc-record.js' {
  /** Tags of a DMARC record; keys as written in strict mode, values trimmed. */
  export interface DmarcTags {
    [tag: string]: string | number | undefined
    rr: string
  }
  /** RFC 6376 §3.2 tag-list parse; strict returns null on a repeated tag. */
  export function parseDmarcRecord(
    txt: string,
    opts?: { strict?: boolean; warnings?: Set<string> }
  ): DmarcTags | null
}

declare module 'mailauth/lib/tools.js' {
  export interface DkimPublicKey {
    publicKey: string
    rr: string
    modulusLength: number
    keyType: string
    flags: string[]
    testing: boolean
    warnings: string[]
  }
  /**
   * Looks up and validates a DKIM key record (RFC 6376 §3.6.1). Rejects with
   * the resolver's error, or an Error whose code is EINVALIDVAL, EINVALIDVER,
   * EINVALIDTYPE, EINVALIDSERVICE or ESHORTKEY.
   */
  export function getPublicKey(
    type: 'DKIM',
    name: string,
    minBitLength: number,
    resolver: (name: string, type: string) => Promise<unknown>,
    options?: { strict?: boolean }
  ): Promise<DkimPublicKey>
}
