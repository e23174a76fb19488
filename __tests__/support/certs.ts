// Certificates made at test time with the openssl CLI: a local CA the tests
// trust (through ctx.ca), and leaves that are good, expired, expiring soon,
// for the wrong host, not yet valid, or self-signed. Nothing is committed.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const OPENSSL = 'openssl'
const DAY_MS = 86_400_000

export interface KeyPair {
  key: string
  cert: string
}

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

const LOCAL_NAMES = 'IP:127.0.0.1,DNS:localhost'

/** Makes a CA and every leaf in a fresh temp dir (well under a second). */
export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'launch-gate-certs-'))
  // Runs in `dir`, so file names stay relative and free of spaces.
  const run = (command: string, ...rest: string[]) =>
    execFileSync(OPENSSL, [...command.split(' '), ...rest], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe']
    })
  const read = (name: string) => readFileSync(join(dir, name), 'utf8')
  const pair = (name: string): KeyPair => ({
    key: read(`${name}.key`),
    cert: read(`${name}.pem`)
  })
  const newKey = '-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes'

  run(
    `req -x509 ${newKey} -keyout ca.key -out ca.pem -days 30`,
    '-subj',
    '/CN=launch-gate test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign'
  )
  // `openssl ca` is the OpenSSL 3.0 command that takes any start and end date.
  writeFileSync(join(dir, 'index.txt'), '')
  writeFileSync(join(dir, 'serial'), '1000\n')
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]
default_ca = test
[test]
database = index.txt
new_certs_dir = .
serial = serial
certificate = ca.pem
private_key = ca.key
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
`
  )
  const leaf = (name: string, names: string, from: Date, to: Date) => {
    run(
      `req -new ${newKey} -keyout ${name}.key -out ${name}.csr`,
      '-subj',
      `/CN=${name}`
    )
    writeFileSync(
      join(dir, `${name}.ext`),
      `[leaf]\nsubjectAltName = ${names}\nbasicConstraints = CA:FALSE\nextendedKeyUsage = serverAuth\n`
    )
    run(
      `ca -batch -config ca.cnf -notext -in ${name}.csr -out ${name}.pem`,
      '-startdate',
      asn1Time(from),
      '-enddate',
      asn1Time(to),
      '-extfile',
      `${name}.ext`,
      '-extensions',
      'leaf'
    )
    return pair(name)
  }

  const now = Date.now()
  const at = (days: number) => new Date(now + days * DAY_MS)
  const good = leaf('good', LOCAL_NAMES, at(-1), at(90.2))
  const expired = leaf('expired', LOCAL_NAMES, at(-60), at(-3.2))
  const expiringSoon = leaf('expiring', LOCAL_NAMES, at(-80), at(5.2))
  const wrongHost = leaf('wrong-host', 'DNS:wrong.example', at(-1), at(90.2))
  const notYetValid = leaf('not-yet-valid', LOCAL_NAMES, at(2), at(90))
  run(
    `req -x509 ${newKey} -keyout self.key -out self.pem -days 30`,
    '-subj',
    '/CN=self-signed',
    '-addext',
    `subjectAltName=${LOCAL_NAMES}`
  )
  return {
    ca: read('ca.pem'),
    good,
    expired,
    expiringSoon,
    wrongHost,
    notYetValid,
    selfSigned: pair('self'),
    dir,
    caFile: join(dir, 'ca.pem'),
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

/** 20250102030405Z: the GeneralizedTime `openssl ca -startdate` accepts. */
function asn1Time(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`
}
