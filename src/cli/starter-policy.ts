/** What `launch-gate init` writes: every section, commented, safe defaults. */
export const STARTER_POLICY = `# launch-gate policy. Reference: README.md (policy reference); JSON Schema:
# schema/launch-policy.schema.json in the launch-gate repository.
version: 1

# Base URL that relative paths resolve against. The action's url input (or the
# deployment_status event's URL) overrides it.
target: https://example.com

defaults:
  timeout: 10s          # per request
  retries: 1            # retry network errors (never a wrong status)
  # wait: 3m            # poll the target until it answers (previews)
  # headers:            # sent with every request to the target only
  #   x-vercel-protection-bypass: \${VERCEL_AUTOMATION_BYPASS_SECRET}

# Each item is one check: status, body text, JSON subset, headers, time.
smoke:
  - name: homepage
    path: /
    status: 200
    max_time: 2s
  # - path: /api/health
  #   json: { status: ok }

# secrets:
#   scope: diff          # diff | repo | off
#   bundle: true         # scan the JS/CSS the site serves too

# headers:
#   hsts: { min_max_age: 15552000 }
#   require: [content-security-policy, x-content-type-options]
#   forbid: [x-powered-by]

# tls:
#   min_days_remaining: 14

# latency:
#   - name: core-reads
#     paths: [/]
#     rate: 10
#     duration: 10s
#     p95: 300ms
#     error_rate: 0.01
`
