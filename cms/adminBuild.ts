import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** What the admin bundle is built from (relative to the repository); a change means a new build. */
const INPUTS = ['src', 'collections', 'fields', 'cms', 'package-lock.json', 'tsconfig.json']
const IGNORED = new Set(['payload-types.ts', 'generated-schema.graphql', '.next', 'seed'])

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

/**
 * Builds the Next.js admin when there is no build of the current sources; `npm start` and the
 * browser tests call it, so a fresh clone needs no separate build step.
 */
export const ensureAdminBuild = ({ projectDir = process.cwd(), log = console.log } = {}): void => {
  const appDir = adminAppDir(projectDir)
  const stamp = path.join(appDir, '.next', 'soundtrack-reviews-sources')
  const fingerprint = sourceFingerprint(projectDir)
  const isCurrent =
    existsSync(path.join(appDir, '.next', 'BUILD_ID')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === fingerprint
  if (isCurrent) {
    return
  }
  log('Building the admin (next build, about two minutes on two cores)…')
  const result = spawnSync(process.execPath, [nextBin(projectDir), 'build', '--webpack', appDir], {
    cwd: projectDir,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (result.status !== 0) {
    throw new Error(`next build failed with exit code ${result.status}`)
  }
  writeFileSync(stamp, fingerprint)
}
