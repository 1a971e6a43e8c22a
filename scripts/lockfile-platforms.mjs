#!/usr/bin/env node
// The registry this project is built against does not serve next's macOS/Windows SWC binaries, so
// `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lock. This adds
// them back as optional, other-platform entries (never installed on Linux). Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs'

const lockPath = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(lockPath, 'utf8'))
const next = lock.packages['node_modules/next']
const platforms = { darwin: ['arm64', 'x64'], win32: ['arm64', 'x64'] }
let added = 0
for (const name of Object.keys(next.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`
  const match = /^@next\/swc-(darwin|win32)-(arm64|x64)/.exec(name)
  if (!match || lock.packages[key] || !platforms[match[1]].includes(match[2])) {
    continue
  }
  lock.packages[key] = {
    version: next.optionalDependencies[name],
    cpu: [match[2]],
    license: 'MIT',
    optional: true,
    os: [match[1]],
    engines: { node: '>= 10' },
  }
  added++
}
const [root, ...rest] = Object.entries(lock.packages)
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))])
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`package-lock.json: added ${added} other-platform SWC entries`)
