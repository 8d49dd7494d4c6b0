#!/usr/bin/env node
// The y-websocket reference server: @y/websocket-server's own bin
// (src/server.js, the server that y-websocket <= 1.x shipped), which keeps
// each room's Y.Doc in memory and stores nothing (YPERSISTENCE unset).
// Port from the first argument or PORT; host 127.0.0.1.
import { createRequire } from 'node:module'
import path from 'node:path'

const port = process.argv[2] || process.env.PORT || '1234'
process.env.PORT = String(port)
process.env.HOST = process.env.HOST || '127.0.0.1'
delete process.env.YPERSISTENCE

const require = createRequire(import.meta.url)
const pkg = require.resolve('@y/websocket-server/package.json')
await import(path.join(path.dirname(pkg), 'src', 'server.js'))
