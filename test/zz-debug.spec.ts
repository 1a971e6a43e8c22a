import { it } from 'vitest'
import { createUser, setClock, startPayload } from './helpers'
it('debug', async () => {
  const payload = await startPayload('dbg')
  const admin = await createUser(payload, 'admin')
  const film = (await payload.create({ collection: 'films', data: { title: 'F' }, depth: 0 })).id
  setClock('2026-10-20T12:00:00.000Z')
  const ids = []
  for (const t of ['a', 'b', 'c']) ids.push((await payload.create({ collection: 'reviews', data: { title: t, film, _status: 'draft' }, draft: true, depth: 0, overrideAccess: true })).id)
  await payload.updateGlobal({ slug: 'publication-schedule', data: { enabled: true, weekday: 'friday', time: '09:00', timezone: 'America/New_York', queue: ids }, depth: 0, user: admin, overrideAccess: false })
  setClock('2026-10-30T14:00:00.000Z')
  await payload.jobs.queue({ task: 'publishDueReviews', input: {}, queue: 'soundtrack-reviews' })
  await payload.jobs.queue({ task: 'publishDueReviews', input: {}, queue: 'soundtrack-reviews' })
  const res = await Promise.allSettled([payload.jobs.run({ queue: 'soundtrack-reviews' }), payload.jobs.run({ queue: 'soundtrack-reviews' })])
  console.log('RESULTS', JSON.stringify(res.map(r => r.status === 'fulfilled' ? r.value : String(r.reason))))
  console.log('SESSIONS', Object.keys((payload.db as any).sessions))
  try { await payload.updateGlobal({ slug: 'publication-schedule', data: { time: '10:00' }, overrideAccess: true }); console.log('UPDATE OK') } catch (e) { console.log('UPDATE FAIL', String(e)) }
  await payload.destroy()
})
