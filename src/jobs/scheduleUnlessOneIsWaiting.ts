import type { TaskConfig } from 'payload'

type BeforeSchedule = NonNullable<NonNullable<NonNullable<TaskConfig['schedule']>[number]['hooks']>['beforeSchedule']>

/**
 * Payload's default holds the next run back while any job of the task is unfinished, including one
 * left `processing` by a process killed mid-run: the task would stop for good. For tasks whose runs
 * may overlap (their work is claimed in the database), only a job not yet started holds the next back.
 */
export const scheduleUnlessOneIsWaiting: BeforeSchedule = async ({ queueable, req }) => {
  const { totalDocs } = await req.payload.db.count({
    collection: 'payload-jobs',
    req,
    where: {
      and: [
        { queue: { equals: queueable.scheduleConfig.queue } },
        { taskSlug: { equals: queueable.taskConfig?.slug } },
        { processing: { equals: false } },
        { completedAt: { exists: false } },
        { error: { exists: false } },
      ],
    },
  })
  return { input: {}, shouldSchedule: totalDocs === 0, waitUntil: queueable.waitUntil }
}
