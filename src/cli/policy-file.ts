import { assertHasChecks } from '../engine/gate.ts'
import { PolicyError, type PolicyProblem } from '../policy/errors.ts'
import { loadPolicyFile, type LoadedPolicy } from '../policy/load.ts'

type Env = Readonly<Record<string, string | undefined>>

/** Problems a validation found: errors make the policy invalid, warnings do not. */
export interface Validation {
  file: string
  errors: PolicyProblem[]
  warnings: PolicyProblem[]
}

/**
 * An environment that answers every unset variable with `fill(name)`, and
 * remembers which ones it filled in.
 */
function filledEnv(env: Env, fill: (name: string) => string) {
  const unset = new Set<string>()
  const proxy = new Proxy(env, {
    get(target, name) {
      if (typeof name !== 'string') return undefined
      const value = target[name]
      if (value !== undefined && value !== '') return value
      unset.add(name)
      return fill(name)
    }
  })
  return { env: proxy, unset }
}

type Place = { line: number; column: number }

const samePlace = (a: Place, b: Place) =>
  a.line === b.line && a.column === b.column

/**
 * Loads the policy for `check`. An unset variable is an error, except where
 * `--url` makes it moot: a `target: ${VAR}` that the URL overrides.
 */
export async function loadForCheck(
  file: string,
  env: Env,
  cwd: string,
  url: string | undefined
): Promise<LoadedPolicy> {
  try {
    return await loadPolicyFile(file, env, cwd)
  } catch (error) {
    if (!(error instanceof PolicyError) || url === undefined) throw error
    const filled = filledEnv(env, () => url)
    let loaded: LoadedPolicy
    try {
      loaded = await loadPolicyFile(file, filled.env, cwd)
    } catch {
      throw error
    }
    const target = loaded.locate(['target'])
    const onlyInTarget =
      filled.unset.size > 0 &&
      loaded.policy.target !== undefined &&
      error.problems.every(problem => samePlace(problem, target))
    if (!onlyInTarget) throw error
    return loaded
  }
}

/**
 * Validates a policy without sending anything (`validate`). Unset
 * variables are warnings unless `strict`; what depends on their values
 * cannot be judged and is not reported.
 */
export async function validatePolicy(
  file: string,
  env: Env,
  cwd: string,
  strict: boolean
): Promise<Validation> {
  let unsetProblems: readonly PolicyProblem[] = []
  try {
    assertHasChecks(await loadPolicyFile(file, env, cwd))
    return { file, errors: [], warnings: [] }
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error
    unsetProblems = error.problems
    // Unset variables stop the loader before the schema: look again with
    // each left as written, to find every other problem.
    const filled = filledEnv(env, name => `\${${name}}`)
    try {
      assertHasChecks(await loadPolicyFile(file, filled.env, cwd))
      if (filled.unset.size === 0) throw error
      return strict
        ? { file, errors: [...unsetProblems], warnings: [] }
        : { file, errors: [], warnings: [...unsetProblems] }
    } catch (second) {
      if (!(second instanceof PolicyError) || filled.unset.size === 0) {
        throw error
      }
      const others = second.problems.filter(
        problem => !unsetProblems.some(unset => samePlace(unset, problem))
      )
      return strict
        ? {
            file,
            errors: sortProblems([...unsetProblems, ...others]),
            warnings: []
          }
        : { file, errors: others, warnings: [...unsetProblems] }
    }
  }
}

function sortProblems(problems: PolicyProblem[]): PolicyProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column)
}
