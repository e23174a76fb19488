import type { PolicyPath } from '../policy/schema.ts'
import type { Level, Unit } from './types.ts'

/** A unit reported as `skip` with `reason`; the engine never runs it. */
export function skippedUnit(
  name: string,
  policyPath: PolicyPath,
  reason: string,
  level: Level = 'error'
): Unit {
  return {
    name,
    level,
    policyPath,
    skip: reason,
    run: () => Promise.reject(new Error('a skipped unit never runs'))
  }
}
