// Certificates made at test time by the local CA of examples/demo-site: a CA
// the tests trust (through ctx.ca), and leaves that are good, expired,
// expiring soon, for the wrong host, not yet valid, or self-signed.
import {
  LOCAL_NAMES,
  makeLocalCa,
  type KeyPair
} from '../../examples/demo-site/certs.ts'

export type { KeyPair }

const DAY_MS = 86_400_000

export interface TestCerts {
  /** The local CA's certificate (PEM): pass it as ctx.ca. */
  ca: string
  /** Valid for 127.0.0.1 and localhost, 90 days left. */
  good: KeyPair
  expired: KeyPair
  /** Expires 5 days and a few hours from now. */
  expiringSoon: KeyPair
  /** Valid, but for wrong.example only. */
  wrongHost: KeyPair
  /** Valid from 2 days from now. */
  notYetValid: KeyPair
  /** Valid dates and host, but signed by itself. */
  selfSigned: KeyPair
  /** Where the PEM files are, e.g. for NODE_EXTRA_CA_CERTS. */
  dir: string
  caFile: string
  remove(): void
}

/** Makes a CA and every leaf in a fresh temp dir (well under a second). */
export function makeTestCerts(): TestCerts {
  const authority = makeLocalCa('launch-gate test CA')
  const now = Date.now()
  const at = (days: number) => new Date(now + days * DAY_MS)
  const leaf = (name: string, from: number, to: number, names = LOCAL_NAMES) =>
    authority.issue(name, names, at(from), at(to))
  return {
    ca: authority.ca,
    good: leaf('good', -1, 90.2),
    expired: leaf('expired', -60, -3.2),
    expiringSoon: leaf('expiring', -80, 5.2),
    wrongHost: leaf('wrong-host', -1, 90.2, 'DNS:wrong.example'),
    notYetValid: leaf('not-yet-valid', 2, 90),
    selfSigned: authority.selfSigned('self-signed', LOCAL_NAMES),
    dir: authority.dir,
    caFile: authority.caFile,
    remove: authority.remove
  }
}
