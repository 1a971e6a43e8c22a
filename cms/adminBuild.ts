import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** What the admin bundle is built from (relative to the repository); a change means a new build. */
const INPUTS = ['src', 'collections', 'fields', 'cms', 'package-lock.json', 'tsconfig.json']
const IGNORED = new Set(['payload-types.ts', 'generated-schema.graphql', '.next', '.build.lock', 'seed'])

const filesUnder = (entry: string): string[] => {
  if (!existsSync(entry)) {
    return []
  }
  if (!statSync(entry).isDirectory()) {
    return [entry]
  }
  return readdirSync(entry)
    .filter((name) => !IGNORED.has(name))
    .sort()
    .flatMap((name) => filesUnder(path.join(entry, name)))
}

export const sourceFingerprint = (projectDir: string): string => {
  const hash = createHash('sha256')
  for (const file of INPUTS.flatMap((input) => filesUnder(path.join(projectDir, input)))) {
    hash.update(path.relative(projectDir, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

const nextBin = (projectDir: string): string => path.join(projectDir, 'node_modules', 'next', 'dist', 'bin', 'next')

/** The Next.js app (admin) inside the repository. */
export const adminAppDir = (projectDir: string = process.cwd()): string => path.join(projectDir, 'cms')

const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * One build at a time across processes: test files in parallel workers each ensure the build, and
 * Next refuses a second `next build` of the same app. A lock left by a process that died is taken over.
 */
const whileHoldingBuildLock = (appDir: string, work: () => void): void => {
  // Beside .next, not in it: next build empties .next when it starts.
  const lock = path.join(appDir, '.build.lock')
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error
      }
      const holder = Number(existsSync(lock) ? readFileSync(lock, 'utf8') : 0)
      if (holder > 0 && !isAlive(holder)) {
        rmSync(lock, { force: true })
      } else {
        sleepSync(500)
      }
    }
  }
  try {
    work()
  } finally {
    rmSync(lock, { force: true })
  }
}

const build = ({ projectDir, appDir, log }: { projectDir: string; appDir: string; log: (line: string) => void }) => {
  log('Building the admin (next build, about two minutes on two cores)…')
  const result = spawnSync(process.execPath, [nextBin(projectDir), 'build', '--webpack', appDir], {
    cwd: projectDir,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (result.status !== 0) {
    throw new Error(`next build failed with exit code ${result.status}`)
  }
}

/**
 * Builds the Next.js admin when there is no build of the current sources; `npm start` and the
 * browser tests call it, so a fresh clone needs no separate build step.
 */
export const ensureAdminBuild = ({ projectDir = process.cwd(), log = console.log } = {}): void => {
  const appDir = adminAppDir(projectDir)
  const stamp = path.join(appDir, '.next', 'soundtrack-reviews-sources')
  const fingerprint = sourceFingerprint(projectDir)
  const isCurrent = () =>
    existsSync(path.join(appDir, '.next', 'BUILD_ID')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === fingerprint
  if (isCurrent()) {
    return
  }
  // Another process may have built it while this one waited for the lock.
  whileHoldingBuildLock(appDir, () => {
    if (!isCurrent()) {
      build({ projectDir, appDir, log })
      writeFileSync(stamp, fingerprint)
    }
  })
}
