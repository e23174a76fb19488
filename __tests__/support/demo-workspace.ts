// The demo site and a runner workspace holding a passing policy (the
// default path), a failing one (broken.yml) and an invalid one
// (invalid.yml): what the action's end-to-end tests run against.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  startDemoSite,
  type DemoSite
} from '../../examples/demo-site/server.ts'

export interface DemoWorkspace {
  site: DemoSite
  workspace: string
}

export async function startDemoWorkspace(
  passingPolicy: string
): Promise<DemoWorkspace> {
  const site = await startDemoSite()
  const workspace = await mkdtemp(join(tmpdir(), 'lg-ws-'))
  await mkdir(join(workspace, '.github'))
  await writeFile(join(workspace, '.github/launch-policy.yml'), passingPolicy)
  await writeFile(
    join(workspace, 'broken.yml'),
    'version: 1\nsmoke:\n  - name: missing\n    path: /nope\n'
  )
  await writeFile(
    join(workspace, 'invalid.yml'),
    'version: 1\nsmoke:\n  - path: /\n    timeout: 5\n'
  )
  return { site, workspace }
}
