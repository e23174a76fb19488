#!/usr/bin/env node
// The CLI's entry: checks the Node version before it loads the bundle, so an
// old Node gets one line instead of a syntax error that dumps minified source.
// Kept to syntax every Node since 14 parses: no top-level await, no `??`.
var needed = 22
var major = Number(process.versions.node.split('.')[0])
if (!(major >= needed)) {
  process.stderr.write(
    'launch-gate needs Node >= ' +
      needed +
      '; this is ' +
      process.version +
      '\n'
  )
  process.exit(2)
}
import('../dist/cli/index.js').catch(function (error) {
  // A message only: a stack or a SyntaxError's excerpt would print the bundle.
  var message = error && error.message ? String(error.message) : String(error)
  process.stderr.write(
    'launch-gate could not start: ' +
      message.split('\n')[0].slice(0, 300) +
      '\n'
  )
  process.exit(1)
})
