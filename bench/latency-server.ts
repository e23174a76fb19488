// The server under load for latency.bench.ts, in its own process so it
// never shares an event loop with the load engine. Reports its port over IPC.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

let bimodal = 0
let stall = 0

const server = createServer((req, res) => {
  switch (req.url) {
    case '/fast':
      return res.end('ok')
    case '/sink':
      // Reads the body (if any) before answering: GET and POST alike.
      req.resume()
      return void req.on('end', () => res.end('ok'))
    case '/wait20':
      return void setTimeout(() => res.end('ok'), 20)
    case '/bimodal':
      // Exactly one in ten takes 400 ms, the rest 20 ms: the true p95 is 400 ms.
      return void setTimeout(
        () => res.end('ok'),
        bimodal++ % 10 === 9 ? 400 : 20
      )
    case '/stall':
      // The 200th request freezes the whole process for a second, like a
      // long GC pause: every connection waits.
      if (++stall === 200) {
        const until = Date.now() + 1000
        while (Date.now() < until) {
          // busy on purpose
        }
      }
      return res.end('ok')
    default:
      res.writeHead(404)
      return res.end()
  }
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port })
})
process.on('disconnect', () => process.exit(0))
