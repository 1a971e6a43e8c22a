import { it } from 'vitest'
import { createUser, setClock, startPayload } from './helpers'
it('debug', async () => {
  const payload = await startPayload('dbg')
  const admin = await createUser(payload, 'admin')
  const film = (await payload.create({ collection: 'films', data: { title: 'F' }, depth: 0 })).id
  setClock('2026-10-20T12:00:00.000Z')
  const r = await payload.create({ collection: 'reviews', data: { title: 'R1', film, _status: 'draft' }, draft: true, depth: 0, overrideAccess: true })
  const g = await payload.updateGlobal({ slug: 'publication-schedule', data: { enabled: true, weekday: 'friday', time: '09:00', timezone: 'America/New_York', queue: [r.id] }, depth: 0, user: admin, overrideAccess: false })
  console.log('global', JSON.stringify(g))
  console.log('draft', JSON.stringify(await payload.findByID({ collection: 'reviews', id: r.id, draft: true, depth: 0, overrideAccess: true })))
  console.log('main', JSON.stringify(await payload.findByID({ collection: 'reviews', id: r.id, depth: 0, overrideAccess: true })))
  console.log('versions', JSON.stringify((await payload.findVersions({ collection: 'reviews', depth: 0, overrideAccess: true })).docs.map(d => [d.version.publishAt, d.version._status, d.latest])))
  await payload.destroy()
})
