import { CHECK_KINDS } from '../checks/types.ts'

/** One command's help: what it does, its options, and examples. */
interface CommandHelp {
  summary: string
  usage: string
  options: readonly (readonly [flag: string, meaning: string])[]
  examples?: readonly string[]
}

const POLICY_OPTION = [
  '--policy FILE',
  'the launch policy (default .github/launch-policy.yml)'
] as const
const HELP_OPTION = ['-h, --help', 'show this help'] as const
const HISTORY_OPTION = [
  '--history FILE',
  "past runs, for baselines and trends (default: the policy's history.path)"
] as const

export const COMMANDS = {
  check: {
    summary: 'run the checks of a policy against the target',
    usage: 'launch-gate check [options]',
    options: [
      POLICY_OPTION,
      ['--url URL', "target base URL; overrides the policy's target"],
      ['--checks a,b', 'run only these check kinds; the others are skipped'],
      [
        '--json FILE',
        'write the JSON report (- for stdout: the table goes to stderr)'
      ],
      ['--sarif FILE', 'write the SARIF file of secret findings'],
      [
        '--junit FILE',
        'write JUnit XML, one testcase per check, for CI test reporters'
      ],
      ['--wait DURATION', 'poll the target until it answers first, e.g. 3m'],
      ['--fail-on error|never', 'never: report, exit 0 even when checks fail'],
      [
        '--dry-run',
        'print the plan (checks, most requests, longest time); send nothing'
      ],
      [
        '--no-color',
        'plain output (also NO_COLOR=1; FORCE_COLOR=1 forces color)'
      ],
      [
        '--shard i/N',
        'run 1/N of every latency load as shard i; writes a shard report for merge'
      ],
      [
        '--start-at ISO',
        'when every shard starts its load (default: the next full 10 s)'
      ],
      HELP_OPTION
    ],
    examples: [
      'launch-gate check --url https://preview.example.com',
      'launch-gate check --checks smoke,tls --json report.json',
      'launch-gate check --dry-run'
    ]
  },
  validate: {
    summary: 'check a policy file without sending a request',
    usage: 'launch-gate validate [--policy FILE] [--strict]',
    options: [
      POLICY_OPTION,
      ['--strict', 'an unset ${VAR} is an error, not a warning'],
      HELP_OPTION
    ]
  },
  init: {
    summary: 'write a starter policy (fitted to a site with --url)',
    usage: 'launch-gate init [--url URL] [--policy FILE] [--force]',
    options: [
      [
        '--url URL',
        'probe this site (at most 10 requests) and fit the policy to it'
      ],
      [
        '--policy FILE',
        'where to write it (default .github/launch-policy.yml)'
      ],
      ['--force', 'overwrite an existing file'],
      HELP_OPTION
    ],
    examples: ['launch-gate init --url https://example.com']
  },
  secrets: {
    summary:
      "secrets baseline: accept today's findings (writes secrets.baseline); secrets rules: list every rule",
    usage:
      'launch-gate secrets baseline [--policy FILE] | launch-gate secrets rules',
    options: [POLICY_OPTION, HELP_OPTION]
  },
  history: {
    summary: 'start a new baseline for regression budgets (history accept)',
    usage: 'launch-gate history accept [--policy FILE] [--history FILE]',
    options: [POLICY_OPTION, HISTORY_OPTION, HELP_OPTION]
  },
  merge: {
    summary:
      'merge shard reports into one verdict (histograms added, budgets applied to the whole)',
    usage: 'launch-gate merge FILES… [--json FILE] [--junit FILE]',
    options: [
      ['--json FILE', 'write the merged JSON report'],
      ['--junit FILE', 'write JUnit XML of the merged report'],
      ['--fail-on error|never', 'never: report, exit 0 even when checks fail'],
      HELP_OPTION
    ],
    examples: ['launch-gate merge shard-1.json shard-2.json shard-3.json']
  },
  help: {
    summary: 'show help for a command',
    usage: 'launch-gate help [command]',
    options: []
  }
} as const satisfies Record<string, CommandHelp>

export type Command = keyof typeof COMMANDS

export function isCommand(name: string): name is Command {
  return Object.hasOwn(COMMANDS, name)
}

const EXIT_CODES =
  'Exit codes: 0 all checks passed, 1 the gate failed, 2 invalid policy or usage,\n130 interrupted (Ctrl-C), 143 terminated (SIGTERM).'

/** `launch-gate --help`: every command and the check kinds. */
export function overview(version: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map(name => name.length))
  const commands = Object.entries(COMMANDS).map(
    ([name, help]) => `  ${name.padEnd(width + 2)}${help.summary}`
  )
  return [
    `launch-gate ${version}: a launch gate for one policy file`,
    '',
    'Usage: launch-gate <command> [options]',
    '',
    'Commands:',
    ...commands,
    '',
    'Options: --version, -h/--help (on every command too)',
    '',
    checkKinds(),
    '',
    EXIT_CODES,
    'Run launch-gate help <command> for its options.'
  ].join('\n')
}

/** `launch-gate help check`, `launch-gate check --help`. */
export function commandHelp(command: Command): string {
  const help: CommandHelp = COMMANDS[command]
  const width = Math.max(0, ...help.options.map(([flag]) => flag.length))
  const lines = [
    `${help.usage}`,
    '',
    `${help.summary[0].toUpperCase()}${help.summary.slice(1)}.`
  ]
  if (help.options.length > 0) {
    lines.push('', 'Options:')
    for (const [flag, meaning] of help.options) {
      lines.push(`  ${flag.padEnd(width + 2)}${meaning}`)
    }
  }
  if (help.examples)
    lines.push('', 'Examples:', ...help.examples.map(e => `  ${e}`))
  if (command === 'check' || command === 'validate') {
    lines.push('', checkKinds())
  }
  if (command === 'check') lines.push('', EXIT_CODES)
  return lines.join('\n')
}

function checkKinds(): string {
  return `Check kinds: ${CHECK_KINDS.join(', ')}`
}
