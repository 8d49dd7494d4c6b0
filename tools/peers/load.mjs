#!/usr/bin/env node
// Load client for the reference Yjs servers (y-websocket, Hocuspocus): the
// Node counterpart of tools/loadgen, measuring fan-out the same way.
//
//   node load.mjs --server y-websocket|hocuspocus --url ws://127.0.0.1:PORT
//                 [--clients 10] [--rate 10] [--seconds 10]
//                 [--server-pid PID] [--drain-seconds 10] [--room bench]
//
// N clients in this one process share one document (one room). Each sends
// R changes a second for S seconds (exactly round(R×S) changes), paced from
// a common start with phases staggered across the period; missed ticks are
// sent at once (open loop, like loadgen's MissedTickBehavior::Burst). Like
// loadgen's edits of the client's own action, a change alternates between
// the client's own keys `c<i>.title` and `c<i>.description` of the shared
// Y.Map "board", and every tenth sets the key `shared.status` that all
// clients write (concurrent overwrites). The value is the change's unique
// slot number (client × per-client + n). Its send time (performance.now(),
// one clock for all clients) is kept in a shared table; when an update that
// carries the change arrives at another client, arrival − send is one
// fan-out sample. The change is recognised by the id (Yjs client id and
// clock) of the struct it created, so a concurrent write to `shared.status`
// that lost (it arrives deleted, without its value) still counts as
// delivered, as loadgen counts overwrite records. Receivers decode each incoming
// update (Y.decodeUpdate) without integrating it into a document: that is
// the counterpart of loadgen parsing a `changes` message, and it keeps a
// 100-client generator in one Node process from being the bottleneck.
//
// ack: Hocuspocus answers every update message with a SyncStatus message
// once it has applied the update to its in-memory document (before the
// store), so "ack" for Hocuspocus is send → received/applied. y-websocket
// sends nothing back: ack is null.
//
// Prints JSON like loadgen's --json (the subset bench-compare.sh reads).
// Exit status 3 when changes were lost, like loadgen.
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import WebSocket from 'ws'
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'

const args = parseArgs(process.argv.slice(2))
const kind = args.server
if (kind !== 'y-websocket' && kind !== 'hocuspocus') die('--server y-websocket|hocuspocus')
if (!args.url) die('--url ws://host:port')
const clients = Number(args.clients ?? 10)
const rate = Number(args.rate ?? 10)
const seconds = Number(args.seconds ?? 10)
const drainSeconds = Number(args['drain-seconds'] ?? 10)
const pid = args['server-pid']
const room = args.room ?? 'bench'
const perClient = Math.round(rate * seconds)
const total = clients * perClient
const periodMs = 1000 / rate
const LEFT_WAIT_MS = 3000

// y-websocket puts the room in the URL; Hocuspocus in every message.
const url = kind === 'y-websocket' ? `${args.url.replace(/\/$/, '')}/${room}` : args.url

const MSG_SYNC = 0
const MSG_AWARENESS = 1
const MSG_AUTH = 2
const MSG_SYNC_REPLY = 4
const MSG_SYNC_STATUS = 8

// The shared table: send time (ms, performance.now()) by slot.
const sentAt = new Float64Array(total).fill(NaN)
// Which change a struct is: Y.Doc clientID → slot by clock (each change is
// one map.set, one struct of length 1).
const slotByClock = new Map()
let sent = 0
let receipts = 0
let acked = 0
const fanoutUs = []
const ackUs = []
const lagUs = []
let duplicates = 0
let bytesIn = 0

class Client {
  constructor (index) {
    this.index = index
    this.doc = new Y.Doc()
    this.map = this.doc.getMap('board')
    this.received = new Uint8Array(total)
    this.pendingAcks = [] // send times, in order (Hocuspocus answers in order)
    this.synced = false
    this.failed = false
    this.next = 0
    this.doc.on('update', (update, origin) => {
      if (origin === 'remote') return
      const e = this.encoder(MSG_SYNC)
      syncProtocol.writeUpdate(e, update)
      this.send(e)
    })
  }

  encoder (type) {
    const e = encoding.createEncoder()
    if (kind === 'hocuspocus') encoding.writeVarString(e, room)
    encoding.writeVarUint(e, type)
    return e
  }

  send (e) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encoding.toUint8Array(e))
  }

  connect () {
    return new Promise((resolve) => {
      this.ws = new WebSocket(url, { perMessageDeflate: false })
      this.ws.binaryType = 'nodebuffer'
      this.resolveReady = resolve
      this.ws.on('open', () => {
        if (kind === 'hocuspocus') {
          const a = this.encoder(MSG_AUTH)
          encoding.writeVarUint(a, 0) // AuthMessageType.Token
          encoding.writeVarString(a, '')
          this.send(a)
        }
        const e = this.encoder(MSG_SYNC)
        syncProtocol.writeSyncStep1(e, this.doc)
        this.send(e)
      })
      this.ws.on('message', (data) => this.onMessage(data))
      this.ws.on('error', (err) => {
        if (!this.failed && !this.synced) {
          this.failed = true
          console.error(`client ${this.index}: ${err.message}`)
          resolve(false)
        }
      })
      this.ws.on('close', () => {
        if (!this.synced && !this.failed) { this.failed = true; resolve(false) }
      })
    })
  }

  onMessage (data) {
    const now = performance.now()
    bytesIn += data.length
    const d = decoding.createDecoder(data)
    if (kind === 'hocuspocus') decoding.readVarString(d)
    const type = decoding.readVarUint(d)
    if (type === MSG_SYNC || type === MSG_SYNC_REPLY) {
      const sub = decoding.readVarUint(d)
      if (sub === syncProtocol.messageYjsSyncStep1) {
        // The server's state vector: answer with what it lacks from us.
        const sv = decoding.readVarUint8Array(d)
        const e = this.encoder(MSG_SYNC)
        encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2)
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, sv))
        this.send(e)
      } else {
        const update = decoding.readVarUint8Array(d)
        this.arrived(update, now)
        if (sub === syncProtocol.messageYjsSyncStep2 && !this.synced) {
          this.synced = true
          this.resolveReady(true)
        }
      }
    } else if (type === MSG_SYNC_STATUS) {
      const t = this.pendingAcks.shift()
      if (t !== undefined) {
        ackUs.push(Math.round((now - t) * 1000))
        acked++
      }
    }
    // MSG_AWARENESS, MSG_AUTH (authenticated) and the rest: nothing to do.
  }

  // Fan-out samples for every tagged change the update carries.
  arrived (update, now) {
    if (update.length <= 2) return
    const { structs } = Y.decodeUpdate(update)
    for (const s of structs) {
      // By the struct's id, not its content: a concurrent overwrite that
      // lost arrives as a deleted (or GC) struct without its value.
      const slots = slotByClock.get(s.id.client)
      if (!slots) continue
      for (let k = 0; k < s.length; k++) {
        const slot = slots[s.id.clock + k]
        if (slot === undefined || slot < 0) continue
        if (Math.floor(slot / perClient) === this.index) continue
        if (this.received[slot]) { duplicates++; continue }
        this.received[slot] = 1
        receipts++
        const t = sentAt[slot]
        if (!Number.isNaN(t)) fanoutUs.push(Math.round((now - t) * 1000))
      }
    }
  }

  sendChange (scheduled) {
    const slot = this.index * perClient + this.next
    this.next++
    const t = performance.now()
    lagUs.push(Math.max(0, Math.round((t - scheduled) * 1000)))
    sentAt[slot] = t
    if (kind === 'hocuspocus') this.pendingAcks.push(t)
    sent++
    const n = this.next - 1
    const key = n % 10 === 9 ? 'shared.status' : `c${this.index}.${n % 2 ? 'description' : 'title'}`
    const clock = Y.getState(this.doc.store, this.doc.clientID)
    let slots = slotByClock.get(this.doc.clientID)
    if (!slots) slotByClock.set(this.doc.clientID, (slots = []))
    slots[clock] = slot
    this.map.set(key, slot) // → doc 'update' → sent at once
  }

  // Open-loop pacing: one change per period from go + offset; a late timer
  // sends every change that is due (burst), recording how late it was.
  run (go, done) {
    const offset = periodMs * this.index / clients
    const due = (k) => go + offset + k * periodMs
    const step = () => {
      const now = performance.now()
      while (this.next < perClient && due(this.next) <= now) this.sendChange(due(this.next))
      if (this.next >= perClient) { done(); return }
      setTimeout(step, Math.max(0, due(this.next) - performance.now()))
    }
    setTimeout(step, Math.max(0, due(0) - performance.now()))
  }
}

// One `Name:  N kB` line of the server's /proc status: VmRSS, or RssAnon
// (its own memory, without the pages of its binary and mapped files).
function statusKib (name) {
  if (!pid) return null
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm'))
    return m ? Number(m[1]) : null
  } catch { return null }
}
const rssKib = () => statusKib('VmRSS')
const anonKib = () => statusKib('RssAnon')

// Nearest-rank percentiles of µs samples, in ms (tools/loadgen/src/report.rs).
function latency (samples) {
  if (samples.length === 0) return { count: 0, p50_ms: 0, p95_ms: 0, p99_ms: 0, max_ms: 0 }
  const s = Float64Array.from(samples).sort()
  const at = (p) => s[Math.min(Math.max(Math.ceil(p * s.length), 1), s.length) - 1] / 1000
  return { count: s.length, p50_ms: at(0.5), p95_ms: at(0.95), p99_ms: at(0.99), max_ms: at(1) }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitUntil (deadline, done) {
  while (!done() && performance.now() < deadline) await sleep(10)
  return done()
}

async function main () {
  const rssBefore = rssKib()
  let rssPeak = rssBefore ?? 0
  let anonPeak = anonKib() ?? 0
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssKib() ?? 0)
    anonPeak = Math.max(anonPeak, anonKib() ?? 0)
  }, 100)

  const t0 = performance.now()
  console.error(`load: ${kind}: connecting ${clients} clients to ${url}`)
  const all = Array.from({ length: clients }, (_, i) => new Client(i))
  const results = await Promise.race([
    Promise.all(all.map((c) => c.connect())),
    sleep(120_000).then(() => null)
  ])
  const ready = all.filter((c) => c.synced).length
  const failed = clients - ready
  const setupSeconds = (performance.now() - t0) / 1000
  if (!results || ready < 2) die(`only ${ready} of ${clients} clients connected`)
  for (const c of all) c.pendingAcks.length = 0
  const rssConnected = rssKib()
  console.error(`load: ${ready} ready, ${failed} failed; sending`)

  const cpu0 = process.cpuUsage()
  const wall0 = performance.now()
  const go = performance.now() + 100
  let doneSending = 0
  const live = all.filter((c) => c.synced)
  await new Promise((resolve) => {
    for (const c of live) c.run(go, () => { if (++doneSending === live.length) resolve() })
  })
  const drainStart = performance.now()
  const receivers = live.length - 1
  await waitUntil(drainStart + drainSeconds * 1000, () =>
    receipts >= sent * receivers && (kind !== 'hocuspocus' || acked >= sent))
  const drain = (performance.now() - drainStart) / 1000
  const cpu = process.cpuUsage(cpu0)
  const loadgenCpu = (cpu.user + cpu.system) / 1e3 / (performance.now() - wall0)
  const rssAfter = rssKib()
  rssPeak = Math.max(rssPeak, rssAfter ?? 0)

  // Lost: a sent change that some other live client never received.
  let lost = 0
  let missing = 0
  for (let slot = 0; slot < total; slot++) {
    if (Number.isNaN(sentAt[slot])) continue
    const sender = Math.floor(slot / perClient)
    let gone = false
    for (const c of live) {
      if (c.index !== sender && !c.received[slot]) { missing++; gone = true }
    }
    if (gone) lost++
  }

  for (const c of all) c.ws.terminate()
  clearInterval(sampler)
  await sleep(LEFT_WAIT_MS)
  const rssLeft = rssKib()

  const summary = {
    server_kind: kind,
    clients,
    rate_per_client: rate,
    seconds,
    pacing: 'setTimeout per client from a common start, phases staggered, missed ticks sent at once',
    ready,
    failed,
    setup_seconds: setupSeconds,
    sent,
    acked: kind === 'hocuspocus' ? acked : null,
    ack_means: kind === 'hocuspocus' ? 'received (SyncStatus after the server applied the update, before it stored it)' : null,
    offered_per_s: clients * rate,
    ack: kind === 'hocuspocus' ? latency(ackUs) : null,
    fanout: latency(fanoutUs),
    pacing_lag: latency(lagUs),
    delivery: { lost_changes: lost, missing_deliveries: missing, duplicate_deliveries: duplicates },
    lost,
    mib_received: bytesIn / (1024 * 1024),
    drain_seconds: drain,
    server: pid
      ? {
          pid: Number(pid),
          rss_before_kib: rssBefore,
          rss_connected_kib: rssConnected,
          rss_peak_kib: rssPeak,
          rss_after_kib: rssAfter,
          rss_left_kib: rssLeft,
          anon_peak_kib: anonPeak
        }
      : null,
    loadgen_cpu_cores: loadgenCpu
  }
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n')
  process.exit(lost > 0 ? 3 : 0)
}

function parseArgs (argv) {
  const out = {}
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) die(`unexpected argument ${argv[i]}`)
    out[argv[i].slice(2)] = argv[i + 1]
    i++
  }
  return out
}

function die (msg) {
  console.error(`load: ${msg}`)
  process.exit(1)
}

main().catch((e) => { console.error(e); process.exit(1) })
