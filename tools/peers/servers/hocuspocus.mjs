#!/usr/bin/env node
// The Hocuspocus reference server: @hocuspocus/server with
// @hocuspocus/extension-sqlite, every change stored at once (debounce 0,
// maxDebounce 0: "store delay 0") into a SQLite file in a new temporary
// directory, in WAL mode with synchronous=FULL, so each store (one upsert
// of the document's whole state, one transaction) fsyncs the WAL before it
// returns. better-sqlite3 is synchronous: the fsync blocks the event loop,
// as it does in any Hocuspocus that uses this extension. Port from the
// first argument or PORT.
import { Server } from '@hocuspocus/server'
import { SQLite, schema } from '@hocuspocus/extension-sqlite'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const port = Number(process.argv[2] || process.env.PORT || 1235)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hocuspocus-'))
const database = path.join(dir, 'db.sqlite')

let stores = 0
const server = new Server({
  address: '127.0.0.1',
  port,
  quiet: true,
  stopOnSignals: false, // our handler below stops it and removes the directory
  debounce: 0,
  maxDebounce: 0,
  timeout: 120_000,
  extensions: [
    new SQLite({
      database,
      schema: `PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; ${schema}`
    }),
    { async onStoreDocument () { stores++ } }
  ]
})

await server.listen()
console.log(`hocuspocus listening on 127.0.0.1:${port}, sqlite ${database} (WAL, synchronous=FULL, debounce 0)`)

const stop = async () => {
  setTimeout(() => process.exit(0), 3000).unref()
  console.log(`hocuspocus: ${stores} stores`)
  try { await server.destroy() } catch {}
  fs.rmSync(dir, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
