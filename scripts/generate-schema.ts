// Writes schema/launch-policy.schema.json from the zod schema, so the
// published JSON Schema can never drift from what the loader accepts.
import { writeFileSync } from 'node:fs'
import { z } from 'zod'
import { policySchema } from '../src/policy/schema.ts'

const schema = z.toJSONSchema(policySchema, {
  io: 'input',
  unrepresentable: 'any'
})
const document = {
  ...schema,
  $id: 'https://github.com/launch-gate/launch-gate/schema/launch-policy.schema.json',
  title: 'launch-gate policy',
  description: 'A launch policy for launch-gate (version 1).'
}
writeFileSync(
  new URL('../schema/launch-policy.schema.json', import.meta.url),
  `${JSON.stringify(document, null, 2)}\n`
)
