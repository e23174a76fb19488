import { loadChecks } from '../checks/registry.ts'
import { CHECK_KINDS, type Check, type CheckKind } from '../checks/types.ts'
import type { LoadedPolicy } from '../policy/load.ts'

/** One check kind's part of a dry run. */
export interface KindPlan {
  kind: CheckKind
  /** Report rows (checks) the section makes. */
  checks: number
  /** Undefined when the kind has no plan yet, or is not selected. */
  maxRequests?: number
  maxMs?: number
  basis: string
}

/** What `check --dry-run` prints: every kind's plan, and the bound on the whole run. */
export interface GatePlan {
  target: string | null
  kinds: KindPlan[]
  maxRequests: number
  /** Longest run: the sum of the kinds' worst cases, capped by the run deadline. */
  maxMs: number
}

/**
 * Plans a run without running it: nothing is sent. `deadlineMs` is the
 * engine's base deadline; load tests add their own time on top of it.
 */
export async function planGate(
  loaded: LoadedPolicy,
  target: URL | undefined,
  only: readonly CheckKind[] | undefined,
  deadlineMs: number
): Promise<GatePlan> {
  const { policy } = loaded
  const kinds = CHECK_KINDS.filter(kind => policy[kind] !== undefined)
  const checks = await loadChecks(
    kinds.filter(kind => !only || only.includes(kind))
  )
  const plans: KindPlan[] = []
  let extraMs = 0
  for (const kind of kinds) {
    const section = policy[kind] as never
    const check = checks[kind] as Check | undefined
    if (!check) {
      plans.push({ kind, checks: 0, basis: 'not selected: skipped' })
      continue
    }
    const rows = check.units(section, policy, target).length
    extraMs += check.extraTimeMs?.(section, policy) ?? 0
    const plan = check.plan?.(section, policy)
    plans.push(
      plan
        ? { kind, checks: rows, ...plan }
        : { kind, checks: rows, basis: 'no plan for this kind yet' }
    )
  }
  const sum = (pick: (plan: KindPlan) => number | undefined) =>
    plans.reduce((total, plan) => total + (pick(plan) ?? 0), 0)
  return {
    target: target?.href ?? null,
    kinds: plans,
    maxRequests: sum(plan => plan.maxRequests),
    maxMs: Math.min(
      sum(plan => plan.maxMs),
      deadlineMs + extraMs
    )
  }
}
