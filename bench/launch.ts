/*
 * A bench server (bench/server.ts) in its own process, in production mode: `mode` and the database
 * it serves, answered with the URL it listens on once it prints READY.
 */
import type { ChildProcess } from 'node:child_process'

import { spawn } from 'node:child_process'

export type LaunchedServer = { child: ChildProcess; url: string }

export const launchBenchServer = ({
  root,
  mode,
  database,
}: {
  root: string
  mode: 'ours' | 'site'
  /** A database file, or a database URI. */
  database: string
}): Promise<LaunchedServer> =>
  new Promise((resolve, reject) => {
    const conditions = Number(process.versions.node.split('.')[0]) < 22 ? ['--conditions=development'] : []
    const child = spawn(process.execPath, [...conditions, '--import', 'tsx', 'bench/server.ts', mode, database, '0'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', PAYLOAD_SECRET: 'bench-secret-not-for-production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /READY (\d+)/.exec(chunk.toString())
      if (match) {
        resolve({ child, url: `http://127.0.0.1:${match[1]}` })
      }
    })
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)))
  })

/** Stops a launched server and waits for its process to end. */
export const stopBenchServer = async ({ child }: LaunchedServer): Promise<void> => {
  child.removeAllListeners('exit')
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}
