// A journey through the action from src/: the token it captures is masked
// in the log and shown in no output, summary or report.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PASSWORD, startJourneyApp } from '../support/journey-app.ts'
import { runAction } from '../support/run-action.ts'

async function workspaceWith(policy: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lg-journey-'))
  await writeFile(join(dir, 'policy.yml'), policy)
  return dir
}

describe('journeys through the action', () => {
  it('shows a captured token nowhere: log (masked), outputs, job summary, report', async () => {
    const app = await startJourneyApp()
    try {
      const workspace = await workspaceWith(`version: 1
journeys:
  - name: api
    steps:
      - name: login
        path: /api/login
        method: POST
        body: { email: qa@example.com, password: "\${QA_PASSWORD}" }
        capture: { token: "json:$.token" }
      - name: me
        path: /api/me
        headers: { authorization: "Bearer {{token}}" }
        contains: "{{token}} is not in this body"
`)
      const run = await runAction({
        workspace,
        inputs: { url: app.url, policy: 'policy.yml' },
        env: { QA_PASSWORD: PASSWORD }
      })
      expect(run.code).toBe(1)
      const [token] = [...app.tokens.keys()]
      expect(token).toMatch(/^tok_/)
      // The runner hides what add-mask registered; nothing else carries it.
      const log = run.stdout.replace(`::add-mask::${token}`, '')
      const report = await readFile(
        join(workspace, 'launch-gate-report.json'),
        'utf8'
      )
      expect(run.stdout).toContain(`::add-mask::${token}`)
      for (const shown of [
        log,
        run.stderr,
        run.stepSummary,
        report,
        JSON.stringify(run.outputs)
      ]) {
        expect(shown).not.toContain(token)
      }
      expect(run.outputs.summary).toBe(
        '1 of 1 checks failed: journeys api step 2 (me): body does not contain "*** is not in this body"'
      )
    } finally {
      await app.close()
    }
  })
})
