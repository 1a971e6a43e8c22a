#!/usr/bin/env node
// Runs a TypeScript entry with tsx. On Node 20, importing @payloadcms/richtext-lexical outside
// Next's bundle stops halfway unless the `development` export condition is used (see README).
import { spawn } from 'node:child_process'

const [entry, ...args] = process.argv.slice(2)
const major = Number(process.versions.node.split('.')[0])
const conditions = major < 22 ? ['--conditions=development'] : []
const child = spawn(process.execPath, [...conditions, '--import', 'tsx', entry, ...args], {
  stdio: 'inherit',
})
const forward = (signal) => () => child.kill(signal)
process.on('SIGINT', forward('SIGINT'))
process.on('SIGTERM', forward('SIGTERM'))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
