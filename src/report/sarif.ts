import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { ruleDescriptions, ruleHelp } from '../checks/secrets/rules.ts'
import type { CheckKind, Finding } from '../checks/types.ts'
import type { Report } from './model.ts'

/** GitHub shows 5,000 results per run and rejects uploads over 25,000. */
const MAX_RESULTS = 5000

const INFORMATION_URI = 'https://github.com/launch-gate/launch-gate'

/** A SARIF 2.1.0 log, reduced to the parts launch-gate fills in. */
export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: {
    tool: {
      driver: { name: string; informationUri: string; rules: SarifRule[] }
    }
    /** Keeps each tool's alerts apart in code scanning. */
    automationDetails: { id: string }
    results: SarifResult[]
  }[]
}

interface SarifRule {
  id: string
  name: string
  shortDescription: { text: string }
  helpUri?: string
  help: { text: string }
  defaultConfiguration: { level: 'error' }
  properties: { tags: string[] }
}

interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: 'error' | 'warning'
  message: { text: string }
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' }
      region: { startLine: number; startColumn?: number }
    }
  }[]
  partialFingerprints?: Record<string, string>
}

/**
 * One code-scanning tool: the check kind whose findings it carries and how
 * its rules read. Each becomes its own SARIF run (spec §7.0), so a tool
 * added later adds a run, never mixes into another's.
 */
interface SarifTool {
  kind: CheckKind
  /** The driver name; distinct per tool so code scanning keeps them apart. */
  driver: string
  rule(id: string): SarifRule
  /** The partial fingerprint key for findings that carry a fingerprint. */
  fingerprintKey: string
  message(finding: RepositoryFinding): string
}

const SARIF_TOOLS: readonly SarifTool[] = [
  {
    kind: 'secrets',
    // The first tool's name, kept so existing alerts stay matched.
    driver: 'launch-gate',
    rule: id => secretRule(id, ruleDescriptions().get(id)),
    fingerprintKey: 'launchGateSecret/v1',
    message: f => `${f.message} (${f.redacted ?? 'redacted'})`
  },
  {
    kind: 'dependencies',
    driver: 'launch-gate-dependencies',
    rule: id => ({
      id,
      name: id,
      shortDescription: { text: `Vulnerable dependency (${id})` },
      help: {
        text: 'Upgrade the package to a fixed version, or record an ignore with a reason and an expiry in the policy.'
      },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'dependency'] }
    }),
    fingerprintKey: 'launchGateDependency/v1',
    message: f => f.message
  }
]

/**
 * Findings in repository files as SARIF 2.1.0 for GitHub code scanning: one
 * run per tool whose check ran (secrets, dependencies), in one file. A served
 * URL is not source code scanning can point at, so bundle findings stay in
 * the other reports. Results carry the redacted form only, and a
 * position-independent fingerprint where the finding has one, so an alert
 * survives line moves.
 */
export function renderSarif(report: Report): SarifLog {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: SARIF_TOOLS.filter(tool =>
      report.checks.some(c => c.kind === tool.kind && c.status !== 'skip')
    ).map(tool => sarifRun(tool, report))
  }
}

function sarifRun(tool: SarifTool, report: Report): SarifLog['runs'][number] {
  const rules: SarifRule[] = []
  const ruleIndex = new Map<string, number>()
  const results: SarifResult[] = []

  for (const check of report.checks) {
    if (check.kind !== tool.kind) continue
    for (const finding of check.findings) {
      if (!isRepositoryFinding(finding) || results.length >= MAX_RESULTS)
        continue
      if (!ruleIndex.has(finding.rule)) {
        ruleIndex.set(finding.rule, rules.length)
        rules.push(tool.rule(finding.rule))
      }
      results.push({
        ruleId: finding.rule,
        ruleIndex: ruleIndex.get(finding.rule) as number,
        level: check.status === 'warn' ? 'warning' : 'error',
        message: { text: tool.message(finding) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: {
                uri: toUri(finding.file),
                uriBaseId: '%SRCROOT%'
              },
              region: {
                startLine: finding.line,
                ...(finding.column ? { startColumn: finding.column } : {})
              }
            }
          }
        ],
        ...(finding.fingerprint
          ? {
              partialFingerprints: {
                [tool.fingerprintKey]: finding.fingerprint,
                // GitHub matches alerts on this key; ours does not move with lines.
                primaryLocationLineHash: `${finding.fingerprint}:1`
              }
            }
          : {})
      })
    }
  }
  return {
    tool: {
      driver: { name: tool.driver, informationUri: INFORMATION_URI, rules }
    },
    automationDetails: { id: `launch-gate/${tool.kind}/` },
    results
  }
}

type RepositoryFinding = Finding & {
  rule: string
  file: string
  line: number
}

function isRepositoryFinding(finding: Finding): finding is RepositoryFinding {
  return (
    finding.rule !== undefined &&
    finding.line !== undefined &&
    finding.file !== undefined &&
    !/^[a-z][a-z0-9+.-]*:\/\//i.test(finding.file)
  )
}

function secretRule(id: string, description = `secret (${id})`): SarifRule {
  const help = ruleHelp(id)
  return {
    id,
    name: id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) =>
      c.toUpperCase()
    ),
    shortDescription: {
      text: `${description[0].toUpperCase()}${description.slice(1)} committed`
    },
    helpUri: help.uri,
    help: { text: help.text },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'secret'] }
  }
}

/** A repository path as a relative URI reference. */
function toUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map(encodeURIComponent)
    .join('/')
}

/** Writes the SARIF log to `file`, creating its folder. */
export async function writeSarif(report: Report, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, `${JSON.stringify(renderSarif(report), null, 2)}\n`)
}
