import { open } from 'node:fs/promises'
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
import { plainYamlError } from './yaml-errors.ts'
import { policySchema, type Policy, type PolicyPath } from './schema.ts'

/** A validated policy with the means to point back into its file. */
export interface LoadedPolicy {
  policy: Policy
  file: string
  /** Position of the node at `path`, or of its nearest existing parent. */
  locate(path: PolicyPath): SourcePosition
  /**
   * The `${VAR}` values that must be shown nowhere: every interpolated value
   * but the runner's public variables and values that only form the
   * target's scheme, host and port (§7.1).
   */
  hiddenValues: readonly string[]
}

/** A policy larger than this is refused (read in pieces, never whole). */
export const MAX_POLICY_BYTES = 1024 * 1024

/** The runner's variables that are public by nature (§7.1); never GITHUB_TOKEN. */
const PUBLIC_VARIABLES = new Set([
  'GITHUB_SHA',
  'GITHUB_REF',
  'GITHUB_REF_NAME',
  'GITHUB_HEAD_REF',
  'GITHUB_BASE_REF',
  'GITHUB_REPOSITORY',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_NUMBER',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKFLOW',
  'RUNNER_OS'
])

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
    text = await readCapped(resolve(cwd, file), MAX_POLICY_BYTES)
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

/**
 * Reads a file in pieces up to `max` bytes, so `/dev/zero` or a huge file
 * costs at most that much memory; a longer file throws.
 */
async function readCapped(path: string, max: number): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(max + 1)
    let length = 0
    while (length <= max) {
      const { bytesRead } = await handle.read(
        buffer,
        length,
        Math.min(64 * 1024, max + 1 - length),
        null
      )
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > max) {
      throw new Error(`the file is over ${max / 1024 / 1024} MiB`)
    }
    return buffer.subarray(0, length).toString('utf8')
  } finally {
    await handle.close()
  }
}

/** Parses policy text; `file` is only used in messages and positions. */
export function parsePolicy(
  text: string,
  file: string,
  env: Env
): LoadedPolicy {
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) {
    throw new PolicyError(file, [
      { line: 1, column: 1, message: 'the policy is over 1 MiB' }
    ])
  }
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset)
    return { line: pos.line, column: pos.col }
  }

  if (doc.errors.length > 0) {
    throw new PolicyError(
      file,
      doc.errors.map(e => plainYamlError(e, text, at))
    )
  }

  const { problems, substitutions } = interpolate(doc, env, at)
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

  const result = policySchema.safeParse(toPlain(doc, file, at) ?? {})
  if (!result.success) {
    throw new PolicyError(
      file,
      result.error.issues
        .flatMap(issue => describeIssue(issue, doc, positionOf, at))
        .sort((a, b) => a.line - b.line || a.column - b.column)
    )
  }
  return {
    policy: result.data,
    file,
    locate: path => ({ file, ...positionOf(path) }),
    hiddenValues: hiddenValues(substitutions, result.data.target)
  }
}

/** At most this many alias expansions: a billion-laughs document stays small. */
const MAX_ALIAS_COUNT = 100

/** The document as plain data; an alias bomb is a policy error at its first alias. */
function toPlain(
  doc: Document,
  file: string,
  at: (offset: number) => { line: number; column: number }
): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    let first: number | undefined
    visit(doc, {
      Alias(_key, node) {
        first ??= node.range?.[0]
        return visit.BREAK
      }
    })
    throw new PolicyError(file, [
      {
        ...at(first ?? 0),
        message: `YAML aliases expand too much (${errorMessage(error)}); write the values out`
      }
    ])
  }
}

interface Substitution {
  variable: string
  value: string
  /** The scalar is the top-level `target`. */
  inTarget: boolean
}

/**
 * The interpolated values to hide: all but the public runner variables and
 * a value used only in `target` that lies inside its scheme://host:port.
 */
function hiddenValues(
  substitutions: readonly Substitution[],
  target: string | undefined
): string[] {
  let origin = ''
  try {
    origin = target ? new URL(target).origin : ''
  } catch {
    // Validation rejected a bad target already; nothing forms an origin.
  }
  const hidden = new Set<string>()
  for (const { variable, value } of substitutions) {
    if (PUBLIC_VARIABLES.has(variable)) continue
    const onlyOrigin = substitutions
      .filter(other => other.value === value)
      .every(use => use.inTarget && origin.includes(use.value))
    if (!onlyOrigin) hidden.add(value)
  }
  return [...hidden]
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
): { problems: PolicyProblem[]; substitutions: Substitution[] } {
  const problems: PolicyProblem[] = []
  const substitutions: Substitution[] = []
  const targetNode = isMap(doc.contents)
    ? doc.contents.get('target', true)
    : undefined
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
        substitutions.push({ variable, value, inTarget: node === targetNode })
        return value
      })
    }
  })
  return { problems, substitutions }
}

function describeIssue(
  issue: z.core.$ZodIssue,
  doc: Document,
  positionOf: (path: PolicyPath) => { line: number; column: number },
  at: (offset: number) => { line: number; column: number }
): PolicyProblem[] {
  const path = issue.path as PolicyPath
  const where = path.length > 0 ? `${path.join('.')}: ` : ''

  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(path)
    // Every unknown key, each at its own position.
    return issue.keys.map(key => {
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
    })
  }

  if (isMissing(doc, path)) {
    const parent = path.slice(0, -1)
    return [
      {
        ...positionOf(parent),
        message: `${parent.length > 0 ? `${parent.join('.')}: ` : ''}missing required key '${String(path.at(-1))}' (${plainMessage(issue)})`
      }
    ]
  }

  return [{ ...positionOf(path), message: `${where}${plainMessage(issue)}` }]
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
