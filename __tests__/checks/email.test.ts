import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluateDkim, type DkimFacts } from '../../src/checks/email/dkim.ts'
import { evaluateDmarc } from '../../src/checks/email/dmarc.ts'
import { emailCheck } from '../../src/checks/email/check.ts'
import {
  evaluateSpf,
  parseSpf,
  type SpfAnalysis
} from '../../src/checks/email/spf.ts'
import type { UnitOutcome } from '../../src/checks/types.ts'
import { policyFrom, testContext } from '../support/context.ts'
import {
  startDnsServer,
  type LocalDnsServer,
  type Zone
} from '../../examples/demo-site/dns-server.ts'

let server: LocalDnsServer

/** A DKIM key record for a fresh RSA key of `bits` bits. */
function dkimRecord(bits: number): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits })
  const der = publicKey.export({ type: 'spki', format: 'der' })
  return `v=DKIM1; k=rsa; p=${der.toString('base64')}`
}

const txt = (...texts: string[]): Zone[string] =>
  texts.map(text => ({ type: 'TXT', text }))
const host = { type: 'A', address: '192.0.2.1' } as const
const mx = { type: 'MX', exchange: 'mx.good.test', priority: 10 } as const
const mxNames = (count: number): Zone[string] =>
  Array.from({ length: count }, (_, i) => ({
    type: 'MX',
    exchange: `mx${i}.good.test`,
    priority: i
  }))

/**
 * One row of an RFC 7208 table, like the openspf suite's: the zone the
 * domain publishes, whether the spf part passes, and exactly the findings
 * it reports (an error row names what the unit throws instead).
 */
interface SpfRow {
  domain: string
  zone: Zone
  ok?: boolean
  findings?: string[]
  notes?: string[]
  metrics?: Record<string, number>
  error?: RegExp
}

const invalid = (detail: string, via?: string) =>
  `${via ? `SPF record of ${via}` : 'SPF record'} is invalid (${detail}): fix the syntax, receivers reject it (permerror)`
const unprintable = (what: string) =>
  invalid(
    `it holds ${what}: terms are printable ASCII separated by spaces only`
  )

/** Rule 1: terms are separated by spaces only; records are ASCII (§4.6.1, §3.1). */
const SPACES_ONLY: SpfRow[] = [
  {
    domain: 'ctrl.rule1.test',
    zone: {
      'ctrl.rule1.test': [...txt('v=spf1 a:ctrl.rule1.test\rptr -all'), host]
    },
    ok: false,
    findings: [unprintable('a carriage return (0x0D)')]
  },
  {
    domain: 'lf.rule1.test',
    zone: {
      'lf.rule1.test': txt(
        'v=spf1 ip4:192.0.2.0/24\n include:_spf.good.test -all'
      )
    },
    ok: false,
    findings: [unprintable('a line feed (0x0A)')]
  },
  {
    domain: 'tab.rule1.test',
    zone: { 'tab.rule1.test': txt('v=spf1 ip4:192.0.2.1\t-all') },
    ok: false,
    findings: [unprintable('a tab (0x09)')]
  },
  {
    domain: 'nul.rule1.test',
    zone: { 'nul.rule1.test': txt('v=spf1 a:foo.good.test\0 -all') },
    ok: false,
    findings: [unprintable('a control character (0x00)')]
  },
  {
    domain: 'bom.rule1.test',
    zone: { 'bom.rule1.test': txt('v=spf1 a:\ufeffgarbage.good.test -all') },
    ok: false,
    findings: [unprintable('a non-ASCII byte (0xEF)')]
  },
  {
    domain: 'dash.rule1.test',
    zone: { 'dash.rule1.test': txt('v=spf1 a:good.test \u2013all') },
    ok: false,
    findings: [unprintable('a non-ASCII byte (0xE2)')]
  },
  {
    domain: 'version-tab.rule1.test',
    zone: { 'version-tab.rule1.test': txt('v=spf1\t-all') },
    ok: false,
    findings: [
      'no SPF record at version-tab.rule1.test: a TXT record starts like one, but receivers only read a record that begins with exactly "v=spf1" and a space; remove what comes before "v=spf1" and separate terms with single spaces'
    ]
  },
  {
    domain: 'two-spaces.rule1.test',
    zone: { 'two-spaces.rule1.test': [...txt('v=spf1 a  -all'), host] },
    ok: true,
    findings: []
  },
  {
    domain: 'trailing-space.rule1.test',
    zone: { 'trailing-space.rule1.test': txt('v=spf1 ip4:192.0.2.1 -all  ') },
    ok: true,
    findings: []
  },
  {
    domain: 'other-txt.rule1.test',
    zone: {
      'other-txt.rule1.test': txt(
        'v=spf1 ip4:192.0.2.1 -all',
        '\u0096',
        'google-site-verification=x\ty'
      )
    },
    ok: true,
    findings: []
  },
  {
    domain: 'upper.rule1.test',
    zone: { 'upper.rule1.test': txt('V=sPf1 ip4:192.0.2.1 ~all') },
    ok: true,
    findings: []
  }
]

/** Rule 2: an mx term may bring back at most 10 names (§4.6.4). */
const MX_LIMIT: SpfRow[] = [
  {
    domain: 'eleven.rule2.test',
    zone: { 'eleven.rule2.test': [...txt('v=spf1 mx -all'), ...mxNames(11)] },
    ok: false,
    findings: [
      'SPF mx finds 11 MX names (max 10 per mx term): receivers reject it (permerror); list the mail servers with ip4:/ip6: instead'
    ]
  },
  {
    domain: 'named.rule2.test',
    zone: {
      'named.rule2.test': txt('v=spf1 mx:big.rule2.test/24 -all'),
      'big.rule2.test': mxNames(12)
    },
    ok: false,
    findings: [
      'SPF mx:big.rule2.test/24 finds 12 MX names (max 10 per mx term): receivers reject it (permerror); list the mail servers with ip4:/ip6: instead'
    ]
  },
  {
    domain: 'ten.rule2.test',
    zone: { 'ten.rule2.test': [...txt('v=spf1 mx -all'), ...mxNames(10)] },
    ok: true,
    findings: [],
    metrics: { lookups: 1, void_lookups: 0 }
  },
  {
    domain: 'spread.rule2.test',
    zone: {
      'spread.rule2.test': [
        ...txt('v=spf1 mx mx:more.rule2.test -all'),
        ...mxNames(8)
      ],
      'more.rule2.test': mxNames(8)
    },
    ok: true,
    findings: [],
    metrics: { lookups: 2 }
  }
]

const macroNote = (...terms: string[]) =>
  `${terms.join(', ')} ${terms.length === 1 ? 'depends' : 'depend'} on the sender (macros): counted as ${terms.length === 1 ? 'a lookup' : `${terms.length} lookups`}, not looked up`

/** Rule 3: macros are counted, never looked up, in redirect= as in mechanisms. */
const MACROS: SpfRow[] = [
  {
    domain: 'redirect.rule3.test',
    zone: {
      'redirect.rule3.test': txt('v=spf1 redirect=%{d}.spf.example.com.')
    },
    ok: true,
    findings: [],
    notes: [macroNote('redirect=%{d}.spf.example.com.')],
    metrics: { lookups: 1, void_lookups: 0 }
  },
  {
    domain: 'mechanisms.rule3.test',
    zone: {
      'mechanisms.rule3.test': txt(
        'v=spf1 exists:%{i}.bl.example.com include:%{d2}._spf.example.com a:%{h} -all'
      )
    },
    ok: true,
    findings: [],
    notes: [
      macroNote(
        'exists:%{i}.bl.example.com',
        'include:%{d2}._spf.example.com',
        'a:%{h}'
      )
    ],
    metrics: { lookups: 3, void_lookups: 0 }
  },
  {
    domain: 'eleven.rule3.test',
    zone: {
      'eleven.rule3.test': txt(
        `v=spf1 ${Array.from({ length: 11 }, (_, i) => `exists:%{i}.l${i}.example.com`).join(' ')} -all`
      )
    },
    ok: false,
    findings: [
      'SPF needs 11 DNS lookups (max 10): replace a, mx and include terms with ip4:/ip6: ranges'
    ],
    notes: [
      macroNote(
        ...Array.from({ length: 11 }, (_, i) => `exists:%{i}.l${i}.example.com`)
      )
    ]
  },
  {
    domain: 'bad-letter.rule3.test',
    zone: {
      'bad-letter.rule3.test': txt('v=spf1 exists:%{x}.example.com -all')
    },
    ok: false,
    findings: [invalid('Unknown macro letter "x"')]
  },
  {
    domain: 'bad-percent.rule3.test',
    zone: {
      'bad-percent.rule3.test': txt('v=spf1 redirect=%(ir).example.com')
    },
    ok: false,
    findings: [invalid('Unexpected % in macro')]
  }
]

/** Rule 4: a name DNS cannot carry is a void lookup; a domain runs up to its /cidr. */
const TARGET_NAMES: SpfRow[] = [
  {
    domain: 'colon.rule4.test',
    zone: { 'colon.rule4.test': txt('v=spf1 a:foo:bar/baz.example.com -all') },
    ok: true,
    findings: [],
    metrics: { lookups: 1, void_lookups: 1 }
  },
  {
    domain: 'labels.rule4.test',
    zone: {
      'labels.rule4.test': txt(
        `v=spf1 a:mail.example...com mx:${'a'.repeat(64)}.example.com exists:foo:bar.example.com -all`
      )
    },
    ok: false,
    findings: [
      `SPF has 3 void lookups (max 2): a:mail.example...com, mx:${'a'.repeat(64)}.example.com, exists:foo:bar.example.com find no records; remove them`
    ]
  },
  {
    domain: 'include.rule4.test',
    zone: {
      'include.rule4.test': txt('v=spf1 include:foo:bar.example.com -all')
    },
    ok: false,
    findings: [
      'SPF include:foo:bar.example.com has no SPF record: remove it or point it at a domain with exactly one, receivers reject it (permerror)'
    ]
  },
  {
    domain: 'cidr.rule4.test',
    zone: {
      'cidr.rule4.test': txt(
        'v=spf1 a:host.rule4.test/24 mx:mail.rule4.test//64 a:host.rule4.test/24//64 -all'
      ),
      'host.rule4.test': [host],
      'mail.rule4.test': [mx]
    },
    ok: true,
    findings: [],
    metrics: { lookups: 3, void_lookups: 0 }
  },
  {
    domain: 'slash.rule4.test',
    zone: {
      'slash.rule4.test': txt('v=spf1 a:foo/bar.rule4.test/24 -all')
    },
    ok: true,
    findings: [],
    metrics: { lookups: 1, void_lookups: 1 }
  }
]

/** Rule 5: a walk that stops on an error says so once. */
const SAID_ONCE: SpfRow[] = [
  {
    domain: 'unknown.rule5.test',
    zone: { 'unknown.rule5.test': txt('v=spf1 foo -all') },
    ok: false,
    findings: [invalid('Unknown mechanism "foo"')]
  },
  {
    domain: 'no-all.rule5.test',
    zone: { 'no-all.rule5.test': txt('v=spf1 ip4:300.1.1.1') },
    ok: false,
    findings: [invalid('Invalid "ip4" term')]
  },
  {
    domain: 'redirect.rule5.test',
    zone: { 'redirect.rule5.test': txt('v=spf1 redirect=nospf.test') },
    ok: false,
    findings: [
      'SPF redirect=nospf.test has no SPF record: point the redirect at a domain with exactly one, receivers reject it (permerror)'
    ]
  },
  {
    domain: 'redirect-invalid.rule5.test',
    zone: {
      'redirect-invalid.rule5.test': txt('v=spf1 redirect=syntax.test')
    },
    ok: false,
    findings: [invalid('Invalid "ip4" term', 'redirect=syntax.test')]
  },
  {
    domain: 'valid-no-all.rule5.test',
    zone: { 'valid-no-all.rule5.test': txt('v=spf1 ip4:192.0.2.1') },
    ok: false,
    findings: [
      'SPF has no all mechanism, so unlisted servers get a neutral result: end it in -all or ~all'
    ]
  },
  {
    domain: 'include-invalid.rule5.test',
    zone: {
      'include-invalid.rule5.test': txt('v=spf1 include:syntax.test ~all')
    },
    ok: false,
    findings: [invalid('Invalid "ip4" term', 'include:syntax.test')]
  }
]

/** Rule 6: answers that cannot be parsed, or never come, are `error` naming the lookup. */
const BROKEN_ANSWERS: SpfRow[] = [
  {
    domain: 'zero.rule6.test',
    zone: { 'zero.rule6.test': [{ type: 'TXT', strings: [] }] },
    error:
      /^DNS lookup of TXT zero\.rule6\.test failed: the answer was malformed \(it cannot be parsed\) \(127\.0\.0\.1:\d+\)$/
  },
  {
    domain: 'include-zero.rule6.test',
    zone: {
      'include-zero.rule6.test': txt('v=spf1 include:zero.rule6.test -all')
    },
    error:
      /^DNS lookup of TXT zero\.rule6\.test failed: the answer was malformed/
  },
  {
    domain: 'include-dead.rule6.test',
    zone: {
      'include-dead.rule6.test': txt('v=spf1 include:dead.rule6.test -all')
    },
    error:
      /^DNS lookup of TXT dead\.rule6\.test got no answer within 400ms \(127\.0\.0\.1:\d+\)$/
  },
  {
    domain: 'mx-dead.rule6.test',
    zone: { 'mx-dead.rule6.test': txt('v=spf1 mx:dead.rule6.test -all') },
    error: /^DNS lookup of MX dead\.rule6\.test got no answer within 400ms/
  },
  {
    domain: 'empty-string.rule6.test',
    zone: {
      'empty-string.rule6.test': [
        { type: 'TXT', strings: [''] },
        ...txt('v=spf1 ip4:192.0.2.1 -all')
      ]
    },
    ok: true,
    findings: []
  },
  {
    domain: 'split.rule6.test',
    zone: {
      'split.rule6.test': [
        { type: 'TXT', strings: ['v=spf1 ip4:192.0.2.1', ' -all'] }
      ]
    },
    ok: true,
    findings: []
  }
]

/** Rule 6 for the other parts: DMARC and DKIM lookups fail the same way. */
const DMARC_DKIM_ZONE: Zone = {
  '_dmarc.zero.rule6.test': [{ type: 'TXT', strings: [] }],
  'k1._domainkey.zero.rule6.test': [{ type: 'TXT', strings: [] }],
  '_dmarc.split.rule6.test': [
    {
      type: 'TXT',
      strings: ['v=DMARC1; p=reject;', ' rua=mailto:d@split.rule6.test']
    }
  ]
}

/** DMARC records, the weakest policy asked for, the errors and the advice. */
const DMARC_ROWS = [
  ['v=DMARC1; p=reject; rua=mailto:d@x.test', 'reject', [], []],
  [
    'v=DMARC1;p=quarantine;rua=mailto:d@x.test!10m,mailto:e@y.test',
    'reject',
    [
      'DMARC p=quarantine, the policy requires at least reject: set p=reject once your aggregate reports show only your own senders'
    ],
    []
  ],
  [
    'v=DMARC1; p=reject',
    'none',
    [],
    [
      'DMARC has no rua= tag, so nobody gets aggregate reports: add rua=mailto:dmarc-reports@x.test'
    ]
  ],
  [
    'v=DMARC1; p=reject; rua=mailto:d@x.test; pct=50',
    'none',
    [],
    ['DMARC pct=50 applies the policy to 50% of failing mail only: set pct=100']
  ],
  [
    'v=DMARC1; p=reject; rua=mailto:d@x.test; pct=abc',
    'none',
    [
      'DMARC pct=abc is not a whole number from 0 to 100: set pct=100 or remove it'
    ],
    []
  ],
  [
    'v=DMARC1; p=block; rua=mailto:d@x.test',
    'none',
    ['DMARC p=block is not a policy: use none, quarantine or reject'],
    []
  ],
  [
    'v=DMARC1; p=constructor; rua=mailto:d@x.test',
    'none',
    ['DMARC p=constructor is not a policy: use none, quarantine or reject'],
    []
  ],
  [
    'v=DMARC1; rua=mailto:d@x.test',
    'none',
    ['DMARC record has no p= tag: add p=none'],
    []
  ],
  [
    'v=DMARC1; p=reject; rua=d@x.test',
    'none',
    ['DMARC rua "d@x.test" is not a URI: write rua=mailto:d@x.test'],
    []
  ],
  [
    'v=DMARC1; p=reject; adkim=x; rua=mailto:d@x.test',
    'none',
    ['DMARC adkim=x is not valid: use r (relaxed) or s (strict)'],
    []
  ],
  [
    'v=DMARC1; p=reject; P=none; rua=mailto:d@x.test',
    'none',
    [
      'DMARC tag "P" is unknown, so receivers ignore it: fix its name (tags are lower case: p, sp, rua, ruf, adkim, aspf, pct, fo)'
    ],
    []
  ]
] as const

/** DKIM key records at `<selector>._domainkey.dkim.test`, and the verdict. */
const ed25519Key = generateKeyPairSync('ed25519')
  .publicKey.export({ type: 'spki', format: 'der' })
  .subarray(-32)
  .toString('base64')
const rsa2048 = dkimRecord(2048).replace('v=DKIM1; k=rsa; ', '')
const DKIM_ROWS: [string, Zone[string], boolean, string[]][] = [
  ['k2048', txt(dkimRecord(2048)), true, []],
  [
    'k1024',
    txt(dkimRecord(1024)),
    true,
    [
      'DKIM key k1024._domainkey.dkim.test is RSA 1024-bit: rotate to a 2048-bit key'
    ]
  ],
  [
    'testing',
    txt(`v=DKIM1; k=rsa; t=y; ${rsa2048}`),
    true,
    [
      'DKIM key testing._domainkey.dkim.test is in testing mode (t=y), so receivers may ignore failures: remove t=y'
    ]
  ],
  ['ed', txt(`v=DKIM1; k=ed25519; p=${ed25519Key}`), true, []],
  [
    'provider',
    [{ type: 'CNAME', target: 'k2048._domainkey.dkim.test' }],
    true,
    []
  ],
  [
    'k768',
    txt(dkimRecord(768)),
    false,
    [
      'DKIM key k768._domainkey.dkim.test is RSA 768-bit, receivers ignore keys under 1024 bits: publish a 2048-bit key'
    ]
  ],
  [
    'revoked',
    txt('v=DKIM1; k=rsa; p='),
    false,
    [
      'DKIM key revoked._domainkey.dkim.test has an empty p= (the key is revoked): publish the current public key'
    ]
  ],
  [
    'version',
    txt(`v=DKIM2; k=rsa; ${rsa2048}`),
    false,
    [
      'DKIM key version._domainkey.dkim.test has a wrong version tag: use v=DKIM1 as the first tag'
    ]
  ],
  [
    'service',
    txt(`v=DKIM1; k=rsa; s=other; ${rsa2048}`),
    false,
    [
      'DKIM key service._domainkey.dkim.test is not for email (s= excludes it): remove the s= tag'
    ]
  ],
  [
    'two',
    txt(dkimRecord(1024), 'v=DKIM1; k=rsa; p='),
    false,
    [
      'several TXT records at two._domainkey.dkim.test: keep only the DKIM key record'
    ]
  ],
  [
    'absent',
    [],
    false,
    [
      'no DKIM key at absent._domainkey.dkim.test: publish the TXT (or CNAME) record your mail provider gives for selector absent'
    ]
  ]
]

const RULE_TABLES = {
  'rule 1: terms are separated by spaces only (§4.6.1)': SPACES_ONLY,
  'rule 2: an mx term finds at most 10 names (§4.6.4)': MX_LIMIT,
  'rule 3: macros are counted, never looked up': MACROS,
  'rule 4: names DNS cannot carry are void lookups; /cidr ends the domain':
    TARGET_NAMES,
  'rule 5: a stopped walk says so once': SAID_ONCE,
  'rule 6: broken answers are errors naming the lookup': BROKEN_ANSWERS
}

beforeAll(async () => {
  server = await startDnsServer(
    {
      // Good: one SPF record in budget, DMARC reject with reports, 2048-bit key.
      'good.test': [
        ...txt(
          'v=spf1 ip4:192.0.2.0/24 include:_spf.good.test mx -all',
          'other=1'
        ),
        host,
        mx
      ],
      'mx.good.test': [host],
      '_spf.good.test': txt('v=spf1 ip4:198.51.100.0/24 ~all'),
      '_dmarc.good.test': txt(
        'v=DMARC1; p=reject; rua=mailto:dmarc@good.test; adkim=s'
      ),
      's2048._domainkey.good.test': txt(dkimRecord(2048)),
      's1024._domainkey.good.test': txt(dkimRecord(1024)),
      's512._domainkey.good.test': txt(dkimRecord(512)),
      'revoked._domainkey.good.test': txt('v=DKIM1; k=rsa; p='),
      'garbled._domainkey.good.test': txt('v=DKIM1; k=rsa; p=bm90IGEga2V5'),

      // Broken: two SPF records, DMARC p=none without rua, no DKIM key.
      'broken.test': txt(
        'v=spf1 include:_spf.good.test -all',
        'v=spf1 mx ~all'
      ),
      '_dmarc.broken.test': txt('v=DMARC1; p=none'),

      // 14 lookups through nested includes.
      'lookups.test': [
        ...txt(
          'v=spf1 include:l1.lookups.test include:l2.lookups.test mx -all'
        ),
        mx
      ],
      'l1.lookups.test': [
        ...txt('v=spf1 include:l3.lookups.test include:l4.lookups.test a -all'),
        host
      ],
      'l2.lookups.test': [
        ...txt('v=spf1 include:l5.lookups.test a mx -all'),
        host,
        mx
      ],
      'l3.lookups.test': [...txt('v=spf1 a mx -all'), host, mx],
      'l4.lookups.test': [...txt('v=spf1 a -all'), host],
      'l5.lookups.test': [...txt('v=spf1 a a:l4.lookups.test -all'), host],

      'open.test': txt('v=spf1 ip4:192.0.2.0/24 +all'),
      'neutral.test': txt('v=spf1 ip4:192.0.2.0/24 ?all'),
      'noall.test': txt('v=spf1 ip4:192.0.2.0/24'),
      'redirect.test': txt('v=spf1 redirect=_spf.good.test'),
      'voids.test': txt(
        'v=spf1 a:gone1.voids.test a:gone2.voids.test mx:gone3.voids.test -all'
      ),
      'loop.test': txt('v=spf1 include:loop2.test -all'),
      'loop2.test': txt('v=spf1 include:loop.test -all'),
      'badinclude.test': txt(
        'v=spf1 include:nospf.test include:_spf.good.test -all'
      ),
      'nospf.test': txt('just text'),
      'openinclude.test': txt('v=spf1 include:open.test -all'),
      'syntax.test': txt('v=spf1 ip4:300.1.1.1 -all'),
      'ptr.test': txt('v=spf1 ptr -all'),
      // An include chain 15 deep: the walk stops descending at 10 levels.
      ...Object.fromEntries(
        Array.from({ length: 15 }, (_, i) => [
          `d${i}.deep.test`,
          txt(`v=spf1 include:d${i + 1}.deep.test -all`)
        ])
      ),
      '_dmarc.dupe.test': txt(
        'v=DMARC1; p=reject; p=none; rua=mailto:a@dupe.test'
      ),
      '_dmarc.two.test': txt('v=DMARC1; p=reject', 'v=DMARC1; p=none'),
      ...Object.assign(
        {},
        ...Object.values(RULE_TABLES).flatMap(rows => rows.map(r => r.zone))
      ),
      ...DMARC_DKIM_ZONE,
      ...Object.fromEntries(
        DMARC_ROWS.map(([record], i) => [
          `_dmarc.row${i}.dmarc.test`,
          txt(record)
        ])
      ),
      ...Object.fromEntries(
        DKIM_ROWS.filter(([, zone]) => zone.length > 0).map(
          ([selector, zone]) => [`${selector}._domainkey.dkim.test`, zone]
        )
      )
    },
    {
      silent: [
        'dead.test',
        '_dmarc.dead.test',
        'dead.rule6.test',
        '_dmarc.dead.rule6.test',
        'k1._domainkey.dead.rule6.test'
      ]
    }
  )
})
afterAll(() => server.close())

async function runEmail(
  section: string,
  timeout = '5s'
): Promise<Record<string, UnitOutcome>> {
  const { policy } = policyFrom(
    `version: 1\ndefaults: { timeout: ${timeout} }\ndns: { resolver: "${server.address}" }\nemail:\n${section}`
  )
  const units = emailCheck.units(policy.email!, policy)
  const ctx = testContext()
  const entries = await Promise.all(
    units.map(async unit => [unit.name, await unit.run(ctx)] as const)
  )
  return Object.fromEntries(entries)
}

async function spfOf(domain: string, timeout = '5s'): Promise<UnitOutcome> {
  return (await runEmail(`  domain: ${domain}\n  dmarc: false\n`, timeout)).spf
}

const messages = (outcome: UnitOutcome) =>
  (outcome.findings ?? []).map(f => f.message)

describe('email check against a good zone', () => {
  it('reports one check per part and passes them', async () => {
    const results = await runEmail(
      '  domain: good.test\n  dmarc: { min_policy: quarantine }\n  dkim: { selectors: [s2048] }\n'
    )
    expect(Object.keys(results)).toEqual(['spf', 'dmarc', 'dkim:s2048'])
    expect(results.spf).toMatchObject({
      ok: true,
      summary:
        'v=spf1 ip4:192.0.2.0/24 include:_spf.good.test mx -all (2 of 10 lookups)',
      findings: []
    })
    expect(results.spf.metrics).toMatchObject({
      lookups: 2,
      void_lookups: 0,
      resolver: server.address
    })
    expect(results.dmarc).toMatchObject({
      ok: true,
      summary: 'p=reject, rua=mailto:dmarc@good.test',
      findings: []
    })
    expect(results['dkim:s2048']).toMatchObject({
      ok: true,
      summary: 'RSA 2048-bit key at s2048._domainkey.good.test',
      findings: []
    })
  })

  it('sends every lookup to the configured resolver', async () => {
    const before = server.queries.length
    await runEmail('  domain: good.test\n  dkim: { selectors: [s2048] }\n')
    const asked = server.queries.slice(before).map(q => `${q.type} ${q.name}`)
    expect(asked).toEqual(
      expect.arrayContaining([
        'TXT good.test',
        'TXT _spf.good.test',
        'MX good.test',
        'TXT _dmarc.good.test',
        'TXT s2048._domainkey.good.test'
      ])
    )
  })

  it('passes a 1024-bit key with a warning, fails shorter and broken keys', async () => {
    const results = await runEmail(
      '  domain: good.test\n  spf: false\n  dmarc: false\n  dkim: { selectors: [s1024, s512, revoked, garbled] }\n'
    )
    expect(results['dkim:s1024'].ok).toBe(true)
    expect(results['dkim:s1024'].summary).toBe(
      'RSA 1024-bit key at s1024._domainkey.good.test; warning: DKIM key s1024._domainkey.good.test is RSA 1024-bit: rotate to a 2048-bit key'
    )
    expect(results['dkim:s1024'].findings).toHaveLength(1)
    expect(results['dkim:s512']).toMatchObject({ ok: false })
    expect(results['dkim:s512'].summary).toBe(
      'DKIM key s512._domainkey.good.test is RSA 512-bit, receivers ignore keys under 1024 bits: publish a 2048-bit key'
    )
    expect(results['dkim:revoked'].summary).toBe(
      'DKIM key revoked._domainkey.good.test has an empty p= (the key is revoked): publish the current public key'
    )
    expect(results['dkim:garbled'].ok).toBe(false)
    expect(results['dkim:garbled'].summary).toMatch(
      /^DKIM key garbled\._domainkey\.good\.test holds no usable RSA or Ed25519 key/
    )
  })
})

describe('email check against a broken zone', () => {
  it('fails two SPF records, DMARC p=none and a missing DKIM key; warns about rua', async () => {
    const results = await runEmail(
      '  domain: broken.test\n  dmarc: { min_policy: quarantine }\n  dkim: { selectors: [resend] }\n'
    )
    expect(results.spf.ok).toBe(false)
    expect(results.spf.summary).toBe(
      '2 SPF records at broken.test (receivers reject them all): merge them into one v=spf1 record'
    )
    expect(results.dmarc.ok).toBe(false)
    expect(messages(results.dmarc)).toEqual([
      'DMARC p=none, the policy requires at least quarantine: set p=quarantine once your aggregate reports show only your own senders',
      'DMARC has no rua= tag, so nobody gets aggregate reports: add rua=mailto:dmarc-reports@broken.test'
    ])
    expect(results['dkim:resend'].summary).toBe(
      'no DKIM key at resend._domainkey.broken.test: publish the TXT (or CNAME) record your mail provider gives for selector resend'
    )
  })

  it('passes DMARC p=none when the policy allows it, with the rua warning', async () => {
    const { dmarc } = await runEmail('  domain: broken.test\n  spf: false\n')
    expect(dmarc.ok).toBe(true)
    expect(dmarc.summary).toBe(
      'p=none; warning: DMARC has no rua= tag, so nobody gets aggregate reports: add rua=mailto:dmarc-reports@broken.test'
    )
  })

  it('counts lookups through nested includes and names what to flatten', async () => {
    const spf = await spfOf('lookups.test')
    expect(spf.ok).toBe(false)
    expect(spf.summary).toBe(
      'SPF needs 14 DNS lookups (max 10): flatten include:l1.lookups.test (7 lookups) into ip4:/ip6: ranges'
    )
    expect(spf.metrics).toMatchObject({ lookups: 14 })
  })

  it.each([
    [
      'open.test',
      'SPF ends in +all, which lets any server send as your domain: end it in -all or ~all'
    ],
    [
      'neutral.test',
      'SPF ends in ?all (neutral), which does not mark forged mail: end it in -all or ~all'
    ],
    [
      'noall.test',
      'SPF has no all mechanism, so unlisted servers get a neutral result: end it in -all or ~all'
    ],
    [
      'voids.test',
      'SPF has 3 void lookups (max 2): a:gone1.voids.test, a:gone2.voids.test, mx:gone3.voids.test find no records; remove them'
    ],
    [
      'loop.test',
      'SPF include:loop.test loops back (loop.test → loop2.test → loop.test): remove the loop, receivers reject it (permerror)'
    ],
    [
      'badinclude.test',
      'SPF include:nospf.test has no SPF record: remove it or point it at a domain with exactly one, receivers reject it (permerror)'
    ],
    [
      'openinclude.test',
      'include:open.test ends in +all, so it matches every server: remove it or ask its owner for a record ending in -all or ~all'
    ],
    [
      'syntax.test',
      'SPF record is invalid (Invalid "ip4" term): fix the syntax, receivers reject it (permerror)'
    ],
    [
      'nothing.test',
      'nothing.test does not exist (NXDOMAIN): check email.domain'
    ],
    [
      'mx.good.test',
      'no SPF record at mx.good.test: publish one TXT record like "v=spf1 include:<your mail provider> -all"'
    ]
  ])('fails the SPF of %s', async (domain, message) => {
    const spf = await spfOf(domain)
    expect(spf.ok).toBe(false)
    expect(messages(spf)).toContain(message)
  })

  it('stops walking a deep include chain and says the count is a floor', async () => {
    const before = server.queries.length
    const spf = await spfOf('d0.deep.test')
    expect(spf.summary).toBe(
      'SPF needs at least 11 DNS lookups (max 10): flatten include:d1.deep.test (11 lookups) into ip4:/ip6: ranges'
    )
    expect(server.queries.length - before).toBe(11)
  })

  it('follows a redirect to its all', async () => {
    const spf = await spfOf('redirect.test')
    expect(spf.ok).toBe(true)
    expect(spf.metrics).toMatchObject({ lookups: 1 })
  })

  it('passes ptr with a warning', async () => {
    const spf = await spfOf('ptr.test')
    expect(spf.ok).toBe(true)
    expect(spf.summary).toContain('; warning: SPF uses ptr')
  })

  it('fails a DMARC record with a repeated tag, and two DMARC records', async () => {
    expect(
      (await runEmail('  domain: dupe.test\n  spf: false\n')).dmarc.summary
    ).toMatch(/^DMARC record repeats a tag \(receivers ignore it\)/)
    expect(
      (await runEmail('  domain: two.test\n  spf: false\n')).dmarc.summary
    ).toBe(
      '2 DMARC records at _dmarc.two.test (receivers ignore them all): keep one'
    )
  })

  it('cannot run when the resolver does not answer: a one-line CheckError', async () => {
    const { policy } = policyFrom(
      `version: 1\ndefaults: { timeout: 400ms }\ndns: { resolver: "${server.address}" }\nemail: { domain: dead.test }\n`
    )
    const units = emailCheck.units(policy.email!, policy)
    expect(units.map(u => u.level)).toEqual(['error', 'error'])
    for (const unit of units) {
      await expect(unit.run(testContext())).rejects.toThrow(
        /^DNS lookup of TXT (_dmarc\.)?dead\.test got no answer within 400ms/
      )
    }
  })

  it('uses the section level for every part', () => {
    const { policy } = policyFrom(
      'version: 1\nemail: { domain: x.test, level: warn, dkim: { selectors: [a] } }\n'
    )
    expect(
      emailCheck.units(policy.email!, policy).map(u => [u.name, u.level])
    ).toEqual([
      ['spf', 'warn'],
      ['dmarc', 'warn'],
      ['dkim:a', 'warn']
    ])
  })
})

describe.each(Object.entries(RULE_TABLES))('SPF %s', (_, rows) => {
  it.each(rows)('$domain', async row => {
    if (row.error) {
      await expect(spfOf(row.domain, '400ms')).rejects.toThrow(row.error)
      return
    }
    const spf = await spfOf(row.domain)
    expect(messages(spf)).toEqual(row.findings)
    expect(spf.ok).toBe(row.ok)
    expect(spf.notes).toEqual(row.notes ?? [])
    if (row.metrics) expect(spf.metrics).toMatchObject(row.metrics)
  })
})

describe('DMARC and DKIM rule 6: broken answers are errors naming the lookup', () => {
  /** Only the dmarc part, or only the dkim part of selector `k1`/`s2048`. */
  const section = (domain: string, name: string) =>
    `  domain: ${domain}\n  spf: false\n` +
    (name === 'dmarc'
      ? '  dmarc: { min_policy: reject }\n'
      : `  dmarc: false\n  dkim: { selectors: [${name.slice(5)}] }\n`)
  const part = async (domain: string, name: 'dmarc' | 'dkim:k1') =>
    (await runEmail(section(domain, name), '400ms'))[name]

  it.each([
    [
      'zero.rule6.test',
      'dmarc',
      /^DNS lookup of TXT _dmarc\.zero\.rule6\.test failed: the answer was malformed \(it cannot be parsed\)/
    ],
    [
      'dead.rule6.test',
      'dmarc',
      /^DNS lookup of TXT _dmarc\.dead\.rule6\.test got no answer within 400ms/
    ],
    [
      'zero.rule6.test',
      'dkim:k1',
      /^DNS lookup of TXT k1\._domainkey\.zero\.rule6\.test failed: the answer was malformed/
    ],
    [
      'dead.rule6.test',
      'dkim:k1',
      /^DNS lookup of TXT k1\._domainkey\.dead\.rule6\.test got no answer within 400ms/
    ]
  ] as const)('%s %s is an error', async (domain, name, error) => {
    await expect(part(domain, name)).rejects.toThrow(error)
  })

  it.each([
    ['split.rule6.test', 'dmarc', 'p=reject, rua=mailto:d@split.rule6.test'],
    [
      'good.test',
      'dkim:s2048',
      'RSA 2048-bit key at s2048._domainkey.good.test'
    ]
  ] as const)(
    '%s %s joins character-strings and passes',
    async (domain, name, summary) => {
      const results = await runEmail(section(domain, name))
      expect(results[name]).toMatchObject({ ok: true, summary })
    }
  )
})

describe('SPF parsing', () => {
  it.each([
    ['v=spf1 -all', [['-', 'all', undefined]], undefined, undefined],
    [
      'v=spf1 include:_spf.x ~all',
      [
        ['+', 'include', '_spf.x'],
        ['~', 'all', undefined]
      ],
      undefined,
      undefined
    ],
    [
      'v=spf1 a:mail.x/24 mx ip4:192.0.2.0/24 ?all',
      [
        ['+', 'a', 'mail.x'],
        ['+', 'mx', undefined],
        ['+', 'ip4', '192.0.2.0'],
        ['?', 'all', undefined]
      ],
      undefined,
      undefined
    ],
    ['V=SPF1 redirect=_spf.x', [], '_spf.x', undefined],
    [
      'v=spf1 a:foo:bar/baz.x/24//64 mx:m.x//64 include:i/j.x ~all',
      [
        ['+', 'a', 'foo:bar/baz.x'],
        ['+', 'mx', 'm.x'],
        ['+', 'include', 'i/j.x'],
        ['~', 'all', undefined]
      ],
      undefined,
      undefined
    ],
    [
      'v=spf1 a:x.test\rptr -all',
      [],
      undefined,
      'it holds a carriage return (0x0D): terms are printable ASCII separated by spaces only'
    ],
    [
      'v=spf1 foo -all',
      [
        ['+', 'foo', undefined],
        ['-', 'all', undefined]
      ],
      undefined,
      'Unknown mechanism "foo"'
    ],
    [
      'v=spf1 redirect=a.x redirect=b.x',
      [],
      'b.x',
      'more than 1 redirect found'
    ],
    ['spf2.0/pra -all', [], undefined, 'it does not start with v=spf1']
  ])('%s', (text, mechanisms, redirect, error) => {
    const record = parseSpf(text)
    expect(record.mechanisms.map(m => [m.qualifier, m.name, m.target])).toEqual(
      mechanisms
    )
    expect(record.redirect).toBe(redirect)
    expect(record.error).toBe(error)
  })
})

describe('SPF evaluation', () => {
  const analysis = (over: Partial<SpfAnalysis>): SpfAnalysis => ({
    domain: 'x.test',
    nxdomain: false,
    records: ['v=spf1 -all'],
    lookups: 0,
    voidLookups: [],
    costs: [],
    ending: '-',
    nearMisses: [],
    macroTerms: [],
    problems: [],
    usesPtr: false,
    incomplete: false,
    ...over
  })

  it.each([
    ['at the limit', analysis({ lookups: 10 }), []],
    [
      'over by two includes',
      analysis({
        lookups: 13,
        costs: [
          { term: 'include:a', lookups: 2 },
          { term: 'include:b', lookups: 2 },
          { term: 'include:c', lookups: 1 }
        ]
      }),
      [
        'SPF needs 13 DNS lookups (max 10): flatten include:a (2 lookups) and include:b (2 lookups) into ip4:/ip6: ranges'
      ]
    ],
    [
      'over with a and mx only',
      analysis({ lookups: 11 }),
      [
        'SPF needs 11 DNS lookups (max 10): replace a, mx and include terms with ip4:/ip6: ranges'
      ]
    ],
    [
      'a walk cut short',
      analysis({
        lookups: 31,
        incomplete: true,
        costs: [{ term: 'include:big', lookups: 31 }]
      }),
      [
        'SPF needs at least 31 DNS lookups (max 10): flatten include:big (31 lookups) into ip4:/ip6: ranges'
      ]
    ],
    ['two void lookups', analysis({ voidLookups: ['a:x', 'mx:y'] }), []],
    ['soft fail', analysis({ ending: '~' }), []],
    ['a redirect to a macro', analysis({ ending: 'macro' }), []],
    ['stopped on a permerror', analysis({ ending: 'stopped' }), []],
    [
      'no all',
      analysis({ ending: 'none' }),
      [
        'SPF has no all mechanism, so unlisted servers get a neutral result: end it in -all or ~all'
      ]
    ]
  ])('%s', (_, found, expected) => {
    expect(evaluateSpf(found).errors.map(f => f.message)).toEqual(expected)
  })
})

describe('DMARC read from the loopback DNS server', () => {
  it.each(DMARC_ROWS.map((row, i) => [...row, `row${i}.dmarc.test`] as const))(
    '%s (min %s)',
    async (_, min, errors, warnings, domain) => {
      const { dmarc } = await runEmail(
        `  domain: ${domain}\n  spf: false\n  dmarc: { min_policy: ${min} }\n`
      )
      const own = (message: string) =>
        message.replaceAll('dmarc-reports@x.test', `dmarc-reports@${domain}`)
      expect(
        dmarc.findings?.filter(f => !f.severity).map(f => f.message)
      ).toEqual(errors.map(own))
      expect(
        dmarc.findings?.filter(f => f.severity).map(f => f.message)
      ).toEqual(warnings.map(own))
      expect(dmarc.ok).toBe(errors.length === 0)
    }
  )

  it('fails when there is no record', () => {
    const verdict = evaluateDmarc(
      { name: '_dmarc.x.test', records: ['unrelated'] },
      'x.test',
      'reject'
    )
    expect(verdict.errors.map(f => f.message)).toEqual([
      'no DMARC record at _dmarc.x.test: publish a TXT record like "v=DMARC1; p=reject; rua=mailto:dmarc-reports@x.test"'
    ])
  })
})

describe('DKIM read from the loopback DNS server', () => {
  it.each(DKIM_ROWS)('%s', async (selector, _, ok, findings) => {
    const results = await runEmail(
      `  domain: dkim.test\n  spf: false\n  dmarc: false\n  dkim: { selectors: [${selector}] }\n`
    )
    const outcome = results[`dkim:${selector}`]
    expect(messages(outcome)).toEqual(findings)
    expect(outcome.ok).toBe(ok)
  })
})

describe('DKIM evaluation', () => {
  const key = (bits: number, type = 'rsa', testing = false): DkimFacts => ({
    name: 's._domainkey.x.test',
    key: { type, bits, testing }
  })

  it.each([
    [key(2048), true, 0],
    [key(4096), true, 0],
    [key(1024), true, 1],
    [key(2048, 'rsa', true), true, 1],
    [key(256, 'ed25519'), true, 0],
    [key(768), false, 0],
    [{ name: 's._domainkey.x.test', problem: 'multiple' }, false, 0],
    [{ name: 's._domainkey.x.test', problem: 'EINVALIDVER' }, false, 0]
  ] as const)('%j → ok %s, %i warnings', (facts, ok, warnings) => {
    const verdict = evaluateDkim(facts, 's')
    expect(verdict.errors.length === 0).toBe(ok)
    expect(verdict.warnings).toHaveLength(warnings)
  })
})
