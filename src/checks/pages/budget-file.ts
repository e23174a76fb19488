import { z } from 'zod'
import { CheckError } from '../../errors.ts'
import { PAGE_BUDGET_KEYS } from '../../policy/budget-keys.ts'

export type BudgetKey = (typeof PAGE_BUDGET_KEYS)[number]

/** Budgets of one page: KiB per key, request counts per key. */
export interface PageBudgets {
  sizes?: Partial<Record<BudgetKey, number>>
  counts?: Partial<Record<BudgetKey, number>>
}

const resourceBudget = (value: z.ZodNumber) =>
  z.array(
    z.strictObject({
      resourceType: z.enum(PAGE_BUDGET_KEYS),
      budget: value
    })
  )

/** Lighthouse's budget.json (v1); `timings` and `options` are read, not judged here. */
const budgetFile = z.array(
  z.object({
    path: z
      .string()
      .startsWith('/', { error: 'expected a path pattern starting with /' })
      .optional(),
    resourceSizes: resourceBudget(z.number().min(0)).optional(),
    resourceCounts: resourceBudget(z.int().min(0)).optional(),
    timings: z.array(z.unknown()).optional(),
    options: z.unknown().optional()
  })
)

export type BudgetFile = z.output<typeof budgetFile>

/** Parses budget.json text; a bad file is a CheckError naming where. */
export function parseBudgetFile(text: string, file: string): BudgetFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CheckError(
      `${file}: not JSON (${(error as Error).message.split('\n')[0]})`
    )
  }
  const parsed = budgetFile.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue.path.map(String).join('.')
    throw new CheckError(
      `${file}: ${where ? `${where}: ` : ''}${issue.message}`
    )
  }
  return parsed.data
}

/**
 * Whether a budget `path` pattern matches a URL's path and query: a prefix
 * match where `*` stands for any characters and a trailing `$` anchors the
 * end (Lighthouse's rule); an entry without a pattern matches every page.
 */
export function pathMatches(pattern: string | undefined, url: URL): boolean {
  if (pattern === undefined) return true
  const anchored = pattern.endsWith('$')
  const body = anchored ? pattern.slice(0, -1) : pattern
  const source = body
    .split('*')
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}${anchored ? '$' : ''}`).test(
    url.pathname + url.search
  )
}

/**
 * The budgets of the first entry whose pattern matches `url` (the spec's
 * rule; Lighthouse itself took the last), or undefined when none does.
 */
export function budgetsFor(
  file: BudgetFile,
  url: URL
): { budgets: PageBudgets; entry: number } | undefined {
  const entry = file.findIndex(candidate => pathMatches(candidate.path, url))
  if (entry < 0) return undefined
  const { resourceSizes = [], resourceCounts = [] } = file[entry]
  const table = (list: { resourceType: BudgetKey; budget: number }[]) =>
    Object.fromEntries(list.map(b => [b.resourceType, b.budget]))
  return {
    budgets: { sizes: table(resourceSizes), counts: table(resourceCounts) },
    entry
  }
}
