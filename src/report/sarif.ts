import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { ruleDescriptions, ruleHelp } from '../checks/secrets/rules.ts'
import type { Finding } from '../checks/types.ts'
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
    results: SarifResult[]
  }[]
}

interface SarifRule {
  id: string
  name: string
  shortDescription: { text: string }
  helpUri: string
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
  partialFingerprints: Record<string, string>
}

/**
 * Secret findings as SARIF 2.1.0 for GitHub code scanning. Only findings in
 * repository files go in: a served URL is not source code scanning can
 * point at, so bundle findings stay in the other reports. Results carry the
 * redacted form only, and the position-independent fingerprint, so an alert
 * survives line moves.
 */
export function renderSarif(report: Report): SarifLog {
  const descriptions = ruleDescriptions()
  const rules: SarifRule[] = []
  const ruleIndex = new Map<string, number>()
  const results: SarifResult[] = []

  for (const check of report.checks) {
    if (check.kind !== 'secrets') continue
    for (const finding of check.findings) {
      if (!isRepositoryFinding(finding) || results.length >= MAX_RESULTS)
        continue
      if (!ruleIndex.has(finding.rule)) {
        ruleIndex.set(finding.rule, rules.length)
        rules.push(sarifRule(finding.rule, descriptions.get(finding.rule)))
      }
      results.push({
        ruleId: finding.rule,
        ruleIndex: ruleIndex.get(finding.rule) as number,
        level: check.status === 'warn' ? 'warning' : 'error',
        message: {
          text: `${finding.message} (${finding.redacted ?? 'redacted'})`
        },
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
        partialFingerprints: {
          'launchGateSecret/v1': finding.fingerprint,
          // GitHub matches alerts on this key; ours does not move with lines.
          primaryLocationLineHash: `${finding.fingerprint}:1`
        }
      })
    }
  }

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'launch-gate',
            informationUri: INFORMATION_URI,
            rules
          }
        },
        results
      }
    ]
  }
}

type RepositoryFinding = Finding & {
  rule: string
  file: string
  line: number
  fingerprint: string
}

function isRepositoryFinding(finding: Finding): finding is RepositoryFinding {
  return (
    finding.rule !== undefined &&
    finding.fingerprint !== undefined &&
    finding.line !== undefined &&
    finding.file !== undefined &&
    !/^[a-z][a-z0-9+.-]*:\/\//i.test(finding.file)
  )
}

function sarifRule(id: string, description = `secret (${id})`): SarifRule {
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
