import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  isMap,
  isScalar,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode
} from 'yaml'
import type { z } from 'zod'
import type { SourcePosition } from '../checks/types.ts'
import { errorMessage } from '../util/errors.ts'
import { PolicyError, type PolicyProblem } from './errors.ts'
import { closest } from './suggest.ts'
import { policySchema, type Policy, type PolicyPath } from './schema.ts'

/** A validated policy with the means to point back into its file. */
export interface LoadedPolicy {
  policy: Policy
  file: string
  /** Position of the node at `path`, or of its nearest existing parent. */
  locate(path: PolicyPath): SourcePosition
}

type Env = Readonly<Record<string, string | undefined>>

/**
 * Reads, interpolates and validates a policy file; `file` is relative to
 * `cwd` and is how messages and annotations name it. Throws PolicyError.
 */
export async function loadPolicyFile(
  file: string,
  env: Env,
  cwd: string
): Promise<LoadedPolicy> {
  let text: string
  try {
    text = await readFile(resolve(cwd, file), 'utf8')
  } catch (error) {
    throw new PolicyError(file, [
      {
        line: 1,
        column: 1,
        message: `cannot read policy: ${errorMessage(error)}`
      }
    ])
  }
  return parsePolicy(text, file, env)
}

/** Parses policy text; `file` is only used in messages and positions. */
export function parsePolicy(
  text: string,
  file: string,
  env: Env
): LoadedPolicy {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset)
    return { line: pos.line, column: pos.col }
  }

  if (doc.errors.length > 0) {
    throw new PolicyError(
      file,
      doc.errors.map(e => ({
        ...at(e.pos[0]),
        message: `invalid YAML: ${e.message.split('\n')[0]}`
      }))
    )
  }

  const problems = interpolate(doc, env, at)
  if (problems.length > 0) throw new PolicyError(file, problems)

  const nodeAt = (path: PolicyPath): YamlNode | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node =
        depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)
      if (node && typeof node === 'object' && 'range' in node) {
        return node as YamlNode
      }
    }
    return undefined
  }
  const positionOf = (path: PolicyPath) => {
    const range = nodeAt(path)?.range
    return range ? at(range[0]) : { line: 1, column: 1 }
  }

  const result = policySchema.safeParse(doc.toJS() ?? {})
  if (!result.success) {
    throw new PolicyError(
      file,
      result.error.issues
        .map(issue => describeIssue(issue, doc, positionOf, at))
        .sort((a, b) => a.line - b.line || a.column - b.column)
    )
  }
  return {
    policy: result.data,
    file,
    locate: path => ({ file, ...positionOf(path) })
  }
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/**
 * Replaces `${NAME}` in every string scalar. Done on the document, before
 * validation, so an unset variable is reported where it is written; messages
 * name the variable, never its value (it is often a secret).
 */
function interpolate(
  doc: Document,
  env: Env,
  at: (offset: number) => { line: number; column: number }
): PolicyProblem[] {
  const problems: PolicyProblem[] = []
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return
      node.value = node.value.replace(VARIABLE, (whole, variable: string) => {
        const value = env[variable]
        if (value === undefined || value === '') {
          problems.push({
            ...at(node.range?.[0] ?? 0),
            message: `environment variable ${variable} is not set (used as \${${variable}})`
          })
          return whole
        }
        return value
      })
    }
  })
  return problems
}

function describeIssue(
  issue: z.core.$ZodIssue,
  doc: Document,
  positionOf: (path: PolicyPath) => { line: number; column: number },
  at: (offset: number) => { line: number; column: number }
): PolicyProblem {
  const path = issue.path as PolicyPath
  const where = path.length > 0 ? `${path.join('.')}: ` : ''

  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]
    const known = knownKeys(path)
    const suggestion = closest(key, known)
    const keyNode = findKey(doc, path, key)
    return {
      ...(keyNode?.range ? at(keyNode.range[0]) : positionOf(path)),
      message:
        `unknown key '${key}'` +
        (path.length > 0 ? ` in ${path.join('.')}` : '') +
        (suggestion ? ` (did you mean '${suggestion}'?)` : '') +
        `; expected one of: ${known.join(', ')}`
    }
  }

  if (isMissing(doc, path)) {
    const parent = path.slice(0, -1)
    return {
      ...positionOf(parent),
      message: `${parent.length > 0 ? `${parent.join('.')}: ` : ''}missing required key '${String(path.at(-1))}' (${plainMessage(issue)})`
    }
  }

  return { ...positionOf(path), message: `${where}${plainMessage(issue)}` }
}

/** Zod's message without its generic prefix; unions list what each branch wanted. */
function plainMessage(issue: z.core.$ZodIssue): string {
  const generic = issue.message === 'Invalid input'
  if (issue.code === 'invalid_union' && generic && issue.errors.length > 0) {
    const wanted = issue.errors.map(branch => {
      const first = branch[0]
      if (first?.code === 'invalid_type') return `${first.expected}`
      if (first?.code === 'invalid_value') {
        return first.values.map(v => JSON.stringify(v)).join(' or ')
      }
      return first
        ? plainMessage(first).replace(/^expected /, '')
        : 'something else'
    })
    return `expected ${[...new Set(wanted)].join(' or ')}`
  }
  return issue.message.replace(
    /^(Invalid (input|option)|Too (small|big)): /,
    ''
  )
}

function isMissing(doc: Document, path: PolicyPath): boolean {
  return path.length > 0 && !doc.hasIn(path)
}

function findKey(doc: Document, path: PolicyPath, key: string) {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true)
  if (!isMap(parent)) return undefined
  const pair = parent.items.find(
    item => isScalar(item.key) && item.key.value === key
  )
  return pair?.key as YamlNode | undefined
}

/** The keys the schema allows for the object at `path`. */
function knownKeys(path: PolicyPath): string[] {
  let schema: z.core.$ZodType | undefined = policySchema
  for (const segment of [...path, undefined]) {
    schema = unwrap(schema)
    if (!schema) return []
    const def = schema._zod.def
    if (segment === undefined) {
      return def.type === 'object'
        ? Object.keys((def as z.core.$ZodObjectDef).shape)
        : []
    }
    if (def.type === 'object') {
      schema = (def as z.core.$ZodObjectDef).shape[segment]
    } else if (def.type === 'array') {
      schema = (def as z.core.$ZodArrayDef).element
    } else {
      return []
    }
  }
  return []
}

/** Looks through optional/default/pipe wrappers to the schema that holds shape. */
function unwrap(
  schema: z.core.$ZodType | undefined
): z.core.$ZodType | undefined {
  let current = schema
  for (;;) {
    const def = current?._zod.def as
      | { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType }
      | undefined
    if (!def) return current
    if (def.innerType) current = def.innerType
    else if (def.type === 'pipe' && def.in) current = def.in
    else if (def.type === 'union') {
      const options = (def as unknown as z.core.$ZodUnionDef).options
      const object = options.find(o => unwrap(o)?._zod.def.type === 'object')
      return object ? unwrap(object) : current
    } else return current
  }
}
