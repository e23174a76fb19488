// Builds the engine's inputs for check tests: a real HttpClient, no mocks.
import type { CheckContext, Unit, UnitOutcome } from '../../src/checks/types.ts'
import { HttpClient, type HttpClientOptions } from '../../src/net/http.ts'
import { workspaceFileReader } from '../../src/policy/files.ts'
import { parsePolicy, type LoadedPolicy } from '../../src/policy/load.ts'

export function testContext(
  overrides: Partial<CheckContext> & {
    httpOptions?: Partial<HttpClientOptions>
  } = {}
): CheckContext {
  const { httpOptions, ...rest } = overrides
  return {
    target: undefined,
    signal: new AbortController().signal,
    http: new HttpClient({ timeoutMs: 5000, retries: 0, ...httpOptions }),
    env: {},
    cwd: process.cwd(),
    diffRange: undefined,
    readPolicyFile: workspaceFileReader(process.cwd()),
    progress: () => {},
    ...rest
  }
}

/** Parses a policy written inline in a test. */
export function policyFrom(
  yaml: string,
  env: Record<string, string> = {}
): LoadedPolicy {
  return parsePolicy(yaml, 'policy.yml', env)
}

/** Runs one unit with its context, then closes the context's connections. */
export async function runUnit(
  unit: Unit,
  ctx: CheckContext
): Promise<UnitOutcome> {
  try {
    return await unit.run(ctx)
  } finally {
    await ctx.http.close()
  }
}

/** The messages of an outcome's findings, in order. */
export const findingMessages = (outcome: UnitOutcome): string[] =>
  (outcome.findings ?? []).map(f => f.message)
