/**
 * `{{name}}` templates (spec §7.4): captured values, the commit the run is
 * about, and values generated per request. A template is split into its
 * parts once; rendering one without any costs nothing.
 */
import { randomUUID } from 'node:crypto'
import { CheckError } from '../errors.ts'

/** Names generated afresh for each request (in a journey: for each run). */
export const GENERATED_NAMES = ['seq', 'uuid', 'timestamp'] as const
/** Names the run fills in: the commit the run is about. */
export const COMMIT_NAMES = ['sha', 'sha7'] as const
/** Names a capture cannot take. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...GENERATED_NAMES,
  ...COMMIT_NAMES
])

/** What a capture (or any template value) may be called. */
export const TEMPLATE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/
const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g

/** What `{{name}}` stands for in one request. */
export interface Scope {
  /** `sha`, `sha7`, captured values; in a journey also the generated ones. */
  readonly values: ReadonlyMap<string, string>
  /** Numbers this request when `values` has no `seq`. */
  readonly seq?: number
}

/** The scope of a run: the commit it is about, when known. */
export function commitScope(sha: string | undefined): Map<string, string> {
  const values = new Map<string, string>()
  if (sha) {
    values.set('sha', sha)
    values.set('sha7', sha.slice(0, 7))
  }
  return values
}

/** `seq`, `uuid`, `timestamp` drawn once: a journey's steps all see these. */
export function drawGenerated(seq: number): [string, string][] {
  return [
    ['seq', String(seq)],
    ['uuid', randomUUID()],
    ['timestamp', String(Date.now())]
  ]
}

function lookup(name: string, scope: Scope): string {
  const value = scope.values.get(name)
  if (value !== undefined) return value
  if (name === 'seq' && scope.seq !== undefined) return String(scope.seq)
  if (name === 'uuid') return randomUUID()
  if (name === 'timestamp') return String(Date.now())
  if (name === 'seq') return '1'
  if (name === 'sha' || name === 'sha7') {
    throw new CheckError(
      `{{${name}}}: the commit this run is about is not known (the action takes it from the event; the CLI from GITHUB_SHA)`
    )
  }
  throw new CheckError(`{{${name}}} has no value: no earlier step captured it`)
}

type Part = string | { name: string }

/** A string with `{{name}}` templates, split once into its parts. */
export class Template {
  readonly names: readonly string[]
  private readonly parts: readonly Part[]
  private readonly escape: ((value: string) => string) | undefined

  /** `escape` encodes each substituted value (JSON, urlencoding). */
  constructor(text: string, escape?: (value: string) => string) {
    const parts: Part[] = []
    let last = 0
    for (const match of text.matchAll(TEMPLATE)) {
      if (match.index > last) parts.push(text.slice(last, match.index))
      parts.push({ name: match[1] })
      last = match.index + match[0].length
    }
    if (last < text.length || parts.length === 0) parts.push(text.slice(last))
    this.parts = parts
    this.names = parts.flatMap(p => (typeof p === 'string' ? [] : [p.name]))
    this.escape = escape
  }

  /** True when it holds no template at all. */
  get isStatic(): boolean {
    return this.names.length === 0
  }

  render(scope: Scope): string {
    if (this.isStatic) return this.parts[0] as string
    let out = ''
    for (const part of this.parts) {
      if (typeof part === 'string') out += part
      else {
        const value = lookup(part.name, scope)
        out += this.escape ? this.escape(value) : value
      }
    }
    return out
  }
}

/** `text` with `fn` applied to everything but its `{{name}}` templates. */
export function mapLiterals(text: string, fn: (literal: string) => string) {
  let out = ''
  let last = 0
  for (const match of text.matchAll(TEMPLATE)) {
    out += fn(text.slice(last, match.index)) + match[0]
    last = match.index + match[0].length
  }
  return out + fn(text.slice(last))
}

/** Every template name used in the strings inside `value`. */
export function templateNames(value: unknown): string[] {
  if (typeof value === 'string') return [...new Template(value).names]
  if (Array.isArray(value)) return value.flatMap(templateNames)
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...templateNames(k),
      ...templateNames(v)
    ])
  }
  return []
}

/** Every string inside `value` rendered (expectations, small JSON). */
export function renderDeep(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') return new Template(value).render(scope)
  if (Array.isArray(value)) return value.map(v => renderDeep(v, scope))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, renderDeep(v, scope)])
    )
  }
  return value
}
