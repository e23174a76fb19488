// A local certificate authority made with the openssl CLI in a fresh temp
// dir: the demo's https twin and the tests' good and bad leaves come from it.
// Nothing is committed; remove() deletes the keys.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const OPENSSL = 'openssl'

/** A private key and its certificate, both PEM. */
export interface KeyPair {
  key: string
  cert: string
}

/** Subject alternative names (openssl syntax) for a loopback server. */
export const LOCAL_NAMES = 'IP:127.0.0.1,DNS:localhost'

/** A CA in a temp dir that issues leaves with any validity dates. */
export interface LocalCa {
  /** The CA's certificate (PEM): trust it through ctx.ca. */
  ca: string
  /** Where the CA's PEM file is, e.g. for NODE_EXTRA_CA_CERTS. */
  caFile: string
  dir: string
  /** A leaf for `names` (e.g. LOCAL_NAMES), signed by the CA. */
  issue(name: string, names: string, from: Date, to: Date): KeyPair
  /** A certificate for `names` signed by its own key, valid 30 days. */
  selfSigned(name: string, names: string): KeyPair
  remove(): void
}

/** Makes the CA named `commonName` (each leaf is two more openssl runs). */
export function makeLocalCa(commonName: string): LocalCa {
  const dir = mkdtempSync(join(tmpdir(), 'launch-gate-certs-'))
  // Runs in `dir`, so file names stay relative and free of spaces.
  const run = (command: string, ...rest: string[]) => {
    try {
      execFileSync(OPENSSL, [...command.split(' '), ...rest], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe']
      })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      rmSync(dir, { recursive: true, force: true })
      throw new Error(
        'the openssl CLI is needed to make local certificates: install OpenSSL and put it on PATH',
        { cause: error }
      )
    }
  }
  const read = (name: string) => readFileSync(join(dir, name), 'utf8')
  const pair = (name: string): KeyPair => ({
    key: read(`${name}.key`),
    cert: read(`${name}.pem`)
  })
  const newKey = '-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes'

  run(
    `req -x509 ${newKey} -keyout ca.key -out ca.pem -days 30`,
    '-subj',
    `/CN=${commonName}`,
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
default_ca = local
[local]
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

  return {
    ca: read('ca.pem'),
    caFile: join(dir, 'ca.pem'),
    dir,
    issue(name, names, from, to) {
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
    },
    selfSigned(name, names) {
      run(
        `req -x509 ${newKey} -keyout ${name}.key -out ${name}.pem -days 30`,
        '-subj',
        `/CN=${name}`,
        '-addext',
        `subjectAltName=${names}`
      )
      return pair(name)
    },
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

/** 20250102030405Z: the GeneralizedTime `openssl ca -startdate` accepts. */
function asn1Time(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`
}
