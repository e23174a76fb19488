// Per family: positive tables (every family, every assignment syntax) and
// negative tables (placeholders, documented samples, look-alikes), each
// checked for the exact secret span and full redaction/masking coverage.
// Values are drawn at run time from the benchmark's generators.
import { describe, expect, it } from 'vitest'
import {
  ASSIGNMENT_FILE,
  FAMILIES,
  LOOKALIKES,
  reseed
} from '../../bench/secrets-corpus.ts'
import { maskable } from '../../src/checks/secrets/index.ts'
import { redact } from '../../src/checks/secrets/redact.ts'
import { scanSource } from '../../src/checks/secrets/scan.ts'

// Fixed, so a run is repeatable; the bench draws ~750 more per run.
reseed(20261206)

const fileFor = (family: string) => {
  const kind = ASSIGNMENT_FILE[family.replace(/^generic-/, '')]
  return kind ? `config/app.${kind}` : 'config/app.env'
}

const scan = (text: string, file: string) =>
  scanSource({ file, text }, { allow: [], knownValues: [] })

describe('every family is found, with exactly its secret', () => {
  it.each(Object.entries(FAMILIES))('%s', (family, { rule, make }) => {
    for (let n = 0; n < 20; n++) {
      const sample = make()
      const text = `// settings\n${sample.lines.join('\n')}\n// end\n`
      const { findings } = scan(text, fileFor(family))
      expect(
        findings.map(f => f.rule.id),
        `${family}: ${sample.lines[0].slice(0, 40)}`
      ).toEqual([rule])
      const [finding] = findings
      expect(finding.secret).toBe(sample.secret)
      expect(finding.line).toBe(2)
      // Redaction shows at most 4 + 4 characters of it.
      const shown = redact(finding.secret).replace(/\*+/, '')
      expect(shown.length).toBeLessThanOrEqual(8)
      // Masking covers the whole value; every registered piece is ≥ 8 characters.
      const masks = maskable(finding.secret)
      if (finding.secret.length >= 8) {
        const lines = finding.secret.split('\n')
        for (const line of lines.filter(
          l => !l.startsWith('-----') && l.length >= 8
        )) {
          expect(masks.some(m => m.includes(line) || line === m)).toBe(true)
        }
        expect(masks.includes(finding.secret) || lines.length > 1).toBe(true)
      }
      for (const mask of masks) expect(mask.length).toBeGreaterThanOrEqual(8)
    }
  })
})

describe('look-alikes are not findings', () => {
  it.each(Object.entries(LOOKALIKES))('%s', (kind, make) => {
    for (let n = 0; n < 40; n++) {
      const line = make()
      const file =
        kind === 'code-reference' || kind === 'minified'
          ? 'src/app.ts'
          : 'config/app.env'
      const { findings } = scan(`${line}\n`, file)
      expect(
        findings.map(f => `${f.rule.id}: ${f.secret}`),
        line.slice(0, 120)
      ).toEqual([])
    }
  })
})
