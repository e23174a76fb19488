import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'

const read = (file: string) =>
  readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')

describe('action.yml', () => {
  const doc = parseDocument(read('action.yml'))
  const action = doc.toJS()

  it('is valid YAML that runs the bundle on node24', () => {
    expect(doc.errors).toEqual([])
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares every input and output of the contract, with its defaults', () => {
    expect(action.inputs).toMatchObject({
      policy: { default: '.github/launch-policy.yml' },
      url: { default: '' },
      'github-token': { default: '${{ github.token }}' },
      checks: { default: '' },
      'fail-on': { default: 'error' },
      comment: { default: 'true' },
      'report-path': { default: 'launch-gate-report.json' },
      'policy-ref': { default: '' },
      wait: { default: '' }
    })
    expect(Object.keys(action.outputs)).toEqual([
      'result',
      'report',
      'sarif',
      'summary',
      'junit',
      'lighthouse-reports'
    ])
  })

  it('declares exactly the inputs the adapter reads', () => {
    const source = read('src/action/inputs.ts')
    const read_ = [
      ...source.matchAll(/(?:getInput|booleanInput)\('([^']+)'/g)
    ].map(m => m[1])
    expect(new Set(read_)).toEqual(new Set(Object.keys(action.inputs)))
  })
})
