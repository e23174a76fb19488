/** One problem in a policy file, at a position a person can jump to. */
export interface PolicyProblem {
  line: number
  column: number
  message: string
}

/** The policy (or the invocation) is invalid: nothing was run. Exit code 2. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError'

  readonly file: string
  readonly problems: readonly PolicyProblem[]

  constructor(file: string, problems: readonly PolicyProblem[]) {
    super(
      problems
        .map(p => `${file}:${p.line}:${p.column}: ${p.message}`)
        .join('\n')
    )
    this.file = file
    this.problems = problems
  }
}
