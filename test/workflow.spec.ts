import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

type Step = { run?: string; uses?: string; name?: string }
type Job = {
  strategy?: { matrix?: { node?: number[] } }
  services?: Record<string, { image: string }>
  env?: Record<string, string>
  steps: Step[]
}
type Workflow = { on: unknown; jobs: Record<string, Job> }

// js-yaml comes with Payload (json-schema-to-typescript) and ships no types.
const { load } = (await import('js-yaml' as string)) as { load: (text: string) => unknown }

describe('.github/workflows/ci.yml for users’ CI', () => {
  const workflow = load(readFileSync('.github/workflows/ci.yml', 'utf8')) as Workflow
  const runs = (job: Job): string => job.steps.map((step) => step.run ?? '').join('\n')

  it('should parse as YAML and run the suite on SQLite, PostgreSQL and MongoDB, each on Node 22 and 24', () => {
    for (const name of ['sqlite', 'postgres', 'mongodb']) {
      const job = workflow.jobs[name]
      expect(job, name).toBeDefined()
      expect(job.strategy?.matrix?.node).toEqual([22, 24])
      expect(runs(job)).toMatch(/^npm ci\b/m)
      expect(runs(job)).toMatch(/^npm test$/m)
    }
    expect(runs(workflow.jobs.lint)).toMatch(/npm run lint[\s\S]*npm run typecheck/)
  })

  it('should give PostgreSQL a service and point the suite at it', () => {
    const job = workflow.jobs.postgres
    expect(job.services?.postgres.image).toMatch(/^postgres:\d+/)
    expect(job.env).toMatchObject({ TEST_DB: 'postgres', POSTGRES_URL: expect.stringMatching(/^postgres:\/\//) })
  })

  it('should start MongoDB with --replSet, initiate the replica set and name it in MONGODB_URI', () => {
    const job = workflow.jobs.mongodb
    const script = runs(job)
    const started = script.indexOf('--replSet rs0')
    const initiated = script.indexOf('rs.initiate(')
    expect(started).toBeGreaterThan(-1)
    expect(initiated).toBeGreaterThan(started)
    expect(script.indexOf('npm test')).toBeGreaterThan(initiated)
    expect(new URL(job.env?.MONGODB_URI ?? '').searchParams.get('replicaSet')).toBe('rs0')
  })
})
