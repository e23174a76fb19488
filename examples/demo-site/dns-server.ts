// A real authoritative-style DNS server on 127.0.0.1 (UDP and TCP on one
// ephemeral port, as a resolver given host:port expects), serving a zone
// written inline: the demo's domain, and the tests' zones.
import dns2 from 'dns2'

const { Packet } = dns2

// Response codes (RFC 1035 §4.1.1); dns2's typings leave them out.
const NOERROR = 0
const SERVFAIL = 2
const NXDOMAIN = 3

export type ZoneRecord =
  | { type: 'A' | 'AAAA'; address: string }
  | { type: 'CNAME'; target: string }
  | { type: 'NS'; ns: string }
  | { type: 'MX'; exchange: string; priority: number }
  /** Strings longer than 255 bytes are split into character-strings. */
  | { type: 'TXT'; text: string }
  /** The character-strings exactly as given: none at all is a malformed answer. */
  | { type: 'TXT'; strings: readonly string[] }
  | { type: 'CAA'; flags?: number; tag: string; value: string }

/** Owner name (no trailing dot) → its records. */
export type Zone = Record<string, ZoneRecord[]>

export interface DnsQuery {
  name: string
  type: string
  transport: 'udp' | 'tcp'
}

export interface LocalDnsServer {
  /** host:port for `dns.resolver`. */
  address: string
  port: number
  /** Every question received, in order. */
  queries: DnsQuery[]
  close(): Promise<void>
}

export interface DnsServerOptions {
  /** Names whose questions get no answer at all (a dead server, for timeouts). */
  silent?: readonly string[]
  /** Names answered with SERVFAIL. */
  failing?: readonly string[]
}

const TYPE_NAMES = Object.fromEntries(
  Object.entries(Packet.TYPE).map(([name, code]) => [code, name])
) as Record<number, string>

/** Starts UDP and TCP listeners on the same 127.0.0.1 port. */
export async function startDnsServer(
  zone: Zone,
  options: DnsServerOptions = {}
): Promise<LocalDnsServer> {
  const queries: DnsQuery[] = []
  const records = new Map(
    Object.entries(zone).map(([name, list]) => [name.toLowerCase(), list])
  )
  const silent = new Set(options.silent?.map(n => n.toLowerCase()))
  const failing = new Set(options.failing?.map(n => n.toLowerCase()))

  const handle =
    (transport: 'udp' | 'tcp') =>
    (request: dns2.Packet, send: (res: dns2.Packet) => void) => {
      const [question] = request.questions
      const name = question.name.toLowerCase()
      const type = TYPE_NAMES[question.type] ?? String(question.type)
      queries.push({ name, type, transport })
      if (silent.has(name)) return
      const response = Packet.createResponseFromRequest(request)
      response.header.aa = 1
      if (failing.has(name)) {
        response.header.rcode = SERVFAIL
      } else {
        response.header.rcode = answer(records, name, type, response.answers)
      }
      send(response)
    }

  for (let attempt = 0; ; attempt++) {
    const udp = dns2.createUDPServer(handle('udp'))
    const tcp = dns2.createTCPServer(handle('tcp'))
    udp.on('error', () => {})
    await udp.listen(0, '127.0.0.1')
    const { port } = udp.address()
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject)
        tcp.listen(port, '127.0.0.1', () => resolve())
      })
    } catch (error) {
      // The UDP port's TCP twin was taken: try another port.
      udp.close()
      if (attempt >= 5) throw error
      continue
    }
    return {
      address: `127.0.0.1:${port}`,
      port,
      queries,
      close: async () => {
        await new Promise<void>(resolve => udp.close(() => resolve()))
        await new Promise<void>(resolve => tcp.close(() => resolve()))
      }
    }
  }
}

/** Fills `answers` as an authoritative server would; returns the rcode. */
function answer(
  records: Map<string, ZoneRecord[]>,
  name: string,
  type: string,
  answers: dns2.Packet['answers']
): number {
  let owner = name
  // Follow CNAMEs inside the zone, as a recursive resolver would.
  for (let hops = 0; hops < 8; hops++) {
    const here = records.get(owner)
    if (!here) return NXDOMAIN
    const matching = here.filter(r => r.type === type)
    const alias = here.find(r => r.type === 'CNAME')
    if (matching.length > 0 || !alias) {
      answers.push(...matching.map(r => toResource(owner, r)))
      return NOERROR
    }
    answers.push(toResource(owner, alias))
    owner = (alias as { target: string }).target.toLowerCase()
  }
  return SERVFAIL
}

// dns2 serialises plain objects; its typings ask for a toBuffer they never call.
type PlainResource = Omit<dns2.Packet.Resource, 'toBuffer'>

function toResource(name: string, record: ZoneRecord): dns2.Packet.Resource {
  return plainResource(name, record) as dns2.Packet.Resource
}

function plainResource(name: string, record: ZoneRecord): PlainResource {
  const base = {
    name,
    type: Packet.TYPE[record.type],
    class: Packet.CLASS.IN,
    ttl: 60
  }
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return { ...base, address: record.address }
    case 'CNAME':
      return { ...base, domain: record.target }
    case 'NS':
      return { ...base, ns: record.ns }
    case 'MX':
      return { ...base, exchange: record.exchange, priority: record.priority }
    case 'TXT':
      return {
        ...base,
        data:
          'strings' in record
            ? [...record.strings]
            : splitCharacterStrings(record.text)
      }
    case 'CAA':
      return {
        ...base,
        flags: record.flags ?? 0,
        tag: record.tag,
        value: record.value
      }
  }
}

function splitCharacterStrings(text: string): string[] {
  const parts: string[] = []
  for (let at = 0; at < text.length; at += 255) {
    parts.push(text.slice(at, at + 255))
  }
  return parts.length > 0 ? parts : ['']
}
