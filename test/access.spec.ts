import type { CollectionSlug, Payload, Where } from 'payload'

import type { RunningServer } from '../cms/server'
import type { ID } from '../src/relationID'
import type { TestUser } from './helpers'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { countDocs, expectAPIError, loginHeaders, startStaffServer, uniqueSuffix, uniqueTitle } from './helpers'

let server: RunningServer
let payload: Payload
let admin: TestUser
let editor: TestUser

beforeAll(async () => {
  ;({ server, payload, admin, editor } = await startStaffServer('access'))
})

afterAll(async () => {
  await server?.close()
})

type Doc = { id: ID } & Record<string, unknown>
type Who = 'admin' | 'anonymous' | 'editor'
type Operation = 'create' | 'delete' | 'read' | 'update'

const COLLECTIONS = ['films', 'composers', 'tracks', 'reviews'] as const
type Collection = (typeof COLLECTIONS)[number]

const userOf = (who: Who): TestUser | undefined => (who === 'admin' ? admin : who === 'editor' ? editor : undefined)

let trackNumber = 0

const newData = async (collection: Collection): Promise<Record<string, unknown>> => {
  switch (collection) {
    case 'films':
      return { title: uniqueTitle('Film') }
    case 'composers':
      return { name: uniqueTitle('Composer') }
    case 'tracks': {
      const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Track film') }, depth: 0 })
      return { film: film.id, number: ++trackNumber, title: uniqueTitle('Track'), durationSeconds: 90 }
    }
    case 'reviews': {
      const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Review film') }, depth: 0 })
      return { title: uniqueTitle('Review'), film: film.id }
    }
  }
}

const labelField = (collection: Collection): string => (collection === 'composers' ? 'name' : 'title')

/** A document staff made earlier; reviews are published so that everyone may read them. */
const seed = async (collection: Collection): Promise<{ id: ID } & Record<string, unknown>> => {
  const data = await newData(collection)
  const doc = await payload.create({
    collection,
    data: (collection === 'reviews' ? { ...data, _status: 'published' } : data) as never,
    depth: 0,
    overrideAccess: true,
  })
  return doc as unknown as { id: ID } & Record<string, unknown>
}

/** Everyone reads; staff write; deleting a published review (the seeded kind) is for admins only. */
const isAllowed = (who: Who, operation: Operation, collection: Collection): boolean =>
  operation === 'read' ||
  (who !== 'anonymous' && !(collection === 'reviews' && operation === 'delete' && who === 'editor'))

const matrix = COLLECTIONS.flatMap((collection) =>
  (['anonymous', 'editor', 'admin'] as const).flatMap((who) =>
    (['create', 'read', 'update', 'delete'] as const).map((operation) => ({
      collection,
      who,
      operation,
      isAllowed: isAllowed(who, operation, collection),
    })),
  ),
)

describe('access matrix (Local API, overrideAccess: false)', () => {
  it.each(matrix)(
    'should let $who $operation $collection: $isAllowed',
    async ({ collection, who, operation, isAllowed }) => {
      const user = userOf(who)
      const asUser = { overrideAccess: false, user, depth: 0 } as const
      // Editors write reviews as drafts; publishing is tested on its own below.
      const draft = collection === 'reviews' && who === 'editor' ? { draft: true } : {}
      const field = labelField(collection)

      if (operation === 'create') {
        const data = await newData(collection)
        const before = await countDocs(payload, collection)
        const create = () => payload.create({ collection, data: data as never, ...asUser, ...draft })
        if (isAllowed) {
          const created = (await create()) as unknown as Record<string, unknown>
          expect(created[field]).toBe(data[field])
          expect(await countDocs(payload, collection)).toBe(before + 1)
        } else {
          await expectAPIError(create, 403)
          expect(await countDocs(payload, collection)).toBe(before)
        }
        return
      }

      const target = await seed(collection)

      if (operation === 'read') {
        const byID = (await payload.findByID({ collection, id: target.id, ...asUser })) as unknown as Record<
          string,
          unknown
        >
        expect(byID[field]).toBe(target[field])
        const list = await payload.find({ collection, where: { id: { equals: target.id } }, ...asUser })
        expect(list.docs.map((doc) => doc.id)).toEqual([target.id])
        return
      }

      if (operation === 'update') {
        const changed = uniqueTitle('Changed')
        const update = () =>
          payload.update({ collection, id: target.id, data: { [field]: changed } as never, ...asUser, ...draft })
        if (isAllowed) {
          const updated = (await update()) as unknown as Record<string, unknown>
          expect(updated[field]).toBe(changed)
          const stored = (await payload.findByID({
            collection,
            id: target.id,
            depth: 0,
            draft: true,
          })) as unknown as Record<string, unknown>
          expect(stored[field]).toBe(changed)
        } else {
          await expectAPIError(update, 403)
          const stored = (await payload.findByID({
            collection,
            id: target.id,
            depth: 0,
            draft: true,
          })) as unknown as Record<string, unknown>
          expect(stored[field]).toBe(target[field])
        }
        return
      }

      const remove = () => payload.delete({ collection, id: target.id, ...asUser })
      if (isAllowed) {
        await remove()
        expect(await payload.findByID({ collection, id: target.id, depth: 0, disableErrors: true })).toBeNull()
      } else {
        await expectAPIError(remove, 403)
        expect(await payload.findByID({ collection, id: target.id, depth: 0 })).toMatchObject({ id: target.id })
      }
    },
  )
})

/**
 * A film with: a published review, a draft-only review, a published review with a newer draft on
 * top, and a published review whose related reviews include the draft. Every draft-only text
 * carries `secret`; the published texts carry `visible`.
 */
type LeakFixture = {
  secret: string
  visible: string
  film: { id: ID }
  published: Doc
  draftOnly: Doc
  withNewerDraft: Doc
  relating: Doc
  draftVersionID: ID
}

const createLeakFixture = async (): Promise<LeakFixture> => {
  const suffix = uniqueSuffix()
  const secret = `DRAFT-SECRET-${suffix}`
  const visible = `PUBLIC-TEXT-${suffix}`
  const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Leak film') }, depth: 0 })
  const asAdmin = { overrideAccess: true, depth: 0 } as const
  const published = await payload.create({
    collection: 'reviews',
    data: { title: `Published ${visible}`, film: film.id, excerpt: `${visible} published`, _status: 'published' },
    ...asAdmin,
  })
  const draftOnly = await payload.create({
    collection: 'reviews',
    data: { title: `Draft ${secret}`, film: film.id, excerpt: `${secret} draft only`, series: secret },
    draft: true,
    ...asAdmin,
  })
  const withNewerDraft = await payload.create({
    collection: 'reviews',
    data: { title: `Layered ${visible}`, film: film.id, excerpt: `${visible} layered`, _status: 'published' },
    ...asAdmin,
  })
  await payload.update({
    collection: 'reviews',
    id: withNewerDraft.id,
    data: { title: `Layered ${secret}`, excerpt: `${secret} newer draft`, rating: 3.5 },
    draft: true,
    ...asAdmin,
  })
  const relating = await payload.create({
    collection: 'reviews',
    data: {
      title: `Relating ${visible}`,
      film: film.id,
      excerpt: `${visible} relating`,
      relatedReviews: [draftOnly.id, published.id],
      _status: 'published',
    },
    ...asAdmin,
  })
  const versions = await payload.findVersions({
    collection: 'reviews',
    where: { parent: { equals: draftOnly.id } },
    overrideAccess: true,
    depth: 0,
  })
  expect(versions.docs.length).toBeGreaterThan(0)
  return { secret, visible, film, published, draftOnly, withNewerDraft, relating, draftVersionID: versions.docs[0].id }
}

describe('draft reviews stay private (Local API)', () => {
  let fixture: LeakFixture
  const anonymous = { overrideAccess: false, user: undefined } as const

  beforeAll(async () => {
    fixture = await createLeakFixture()
  })

  it('should show staff the draft, so the probes below can see a leak', async () => {
    const asEditor = await payload.find({
      collection: 'reviews',
      where: { film: { equals: fixture.film.id } },
      draft: true,
      overrideAccess: false,
      user: editor,
      depth: 0,
    })
    expect(JSON.stringify(asEditor)).toContain(fixture.secret)
    expect(asEditor.docs.map((doc) => doc.id)).toContain(fixture.draftOnly.id)
  })

  it.each([false, true])('should list only published reviews to the public (draft: %s)', async (draft) => {
    const result = await payload.find({
      collection: 'reviews',
      where: { film: { equals: fixture.film.id } },
      sort: 'createdAt',
      draft,
      depth: 0,
      ...anonymous,
    })
    const ids = result.docs.map((doc) => doc.id)
    expect(ids).toEqual(expect.arrayContaining([fixture.published.id, fixture.relating.id]))
    expect(ids).not.toContain(fixture.draftOnly.id)
    expect(JSON.stringify(result)).not.toContain(fixture.secret)
  })

  it.each([false, true])(
    'should keep listing a published review that has a newer draft, with its published text (draft: %s)',
    async (draft) => {
      const result = await payload.find({
        collection: 'reviews',
        where: { film: { equals: fixture.film.id } },
        sort: 'createdAt',
        draft,
        depth: 0,
        ...anonymous,
      })
      const layered = result.docs.find((doc) => doc.id === fixture.withNewerDraft.id)
      expect(layered?.excerpt).toBe(`${fixture.visible} layered`)
      expect(result.totalDocs).toBe(3)
    },
  )

  it.each([false, true])('should not find a draft-only review by id for the public (draft: %s)', async (draft) => {
    await expectAPIError(
      () => payload.findByID({ collection: 'reviews', id: fixture.draftOnly.id, draft, ...anonymous }),
      404,
    )
    const none = await payload.findByID({
      collection: 'reviews',
      id: fixture.draftOnly.id,
      draft,
      disableErrors: true,
      ...anonymous,
    })
    expect(none).toBeNull()
  })

  it('should show the public the published text of a review that has a newer draft', async () => {
    for (const draft of [false, true]) {
      const read = await payload.findByID({
        collection: 'reviews',
        id: fixture.withNewerDraft.id,
        draft,
        depth: 0,
        ...anonymous,
      })
      expect(read.excerpt).toBe(`${fixture.visible} layered`)
      expect(read.title).toBe(`Layered ${fixture.visible}`)
      expect(JSON.stringify(read)).not.toContain(fixture.secret)
    }
    const asEditor = await payload.findByID({
      collection: 'reviews',
      id: fixture.withNewerDraft.id,
      draft: true,
      depth: 0,
      overrideAccess: false,
      user: editor,
    })
    expect(asEditor.excerpt).toBe(`${fixture.secret} newer draft`)
  })

  it.each([
    { field: 'excerpt', draft: false },
    { field: 'excerpt', draft: true },
    { field: 'title', draft: true },
    { field: 'series', draft: true },
  ])('should answer 0 to a public where probe on draft-only $field (draft: $draft)', async ({ field, draft }) => {
    const where = { [field]: { like: 'DRAFT-SECRET' } }
    const found = await payload.find({ collection: 'reviews', where, draft, depth: 0, ...anonymous })
    expect(found.totalDocs).toBe(0)
    expect(found.docs).toEqual([])
    const counted = await payload.count({ collection: 'reviews', where, ...anonymous })
    expect(counted.totalDocs).toBe(0)
    const staff = await payload.count({ collection: 'reviews', where, overrideAccess: false, user: editor })
    expect(staff.totalDocs).toBeGreaterThan(0)
  })

  it('should forbid the public to read review versions', async () => {
    await expectAPIError(() => payload.findVersions({ collection: 'reviews', ...anonymous }), 403)
    await expectAPIError(
      () => payload.findVersionByID({ collection: 'reviews', id: String(fixture.draftVersionID), ...anonymous }),
      403,
    )
    const asEditor = await payload.findVersions({
      collection: 'reviews',
      overrideAccess: false,
      user: editor,
      depth: 0,
    })
    expect(asEditor.totalDocs).toBeGreaterThan(0)
  })

  it("should leave drafts out of a film's reviews join at depth 1", async () => {
    for (const draft of [false, true]) {
      const film = await payload.findByID({ collection: 'films', id: fixture.film.id, depth: 1, draft, ...anonymous })
      const ids = (film.reviews?.docs ?? []).map((doc: unknown) =>
        typeof doc === 'object' && doc !== null ? (doc as Doc).id : doc,
      )
      expect(ids).toEqual(expect.arrayContaining([fixture.published.id, fixture.relating.id]))
      expect(ids).not.toContain(fixture.draftOnly.id)
      expect(JSON.stringify(film)).not.toContain(fixture.secret)
    }
  })

  it("should not expose a draft's text through a published review's relatedReviews", async () => {
    for (const draft of [false, true]) {
      const read = await payload.findByID({
        collection: 'reviews',
        id: fixture.relating.id,
        depth: 1,
        draft,
        ...anonymous,
      })
      expect(JSON.stringify(read)).not.toContain(fixture.secret)
      const related: unknown[] = read.relatedReviews ?? []
      const populated = related.filter((entry): entry is Doc => typeof entry === 'object' && entry !== null)
      expect(populated.map((entry) => entry.id)).toContain(fixture.published.id)
      expect(populated.map((entry) => entry.id)).not.toContain(fixture.draftOnly.id)
    }
  })
})

describe('publishing', () => {
  const editorWrite = { overrideAccess: false, depth: 0 } as const

  const newReviewData = async () => {
    const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Publish film') }, depth: 0 })
    return { title: uniqueTitle('Review'), film: film.id, excerpt: uniqueTitle('Excerpt') }
  }

  const reviewVersions = async () =>
    (await payload.countVersions({ collection: 'reviews', overrideAccess: true })).totalDocs

  it('should let an editor create and update a draft', async () => {
    const data = await newReviewData()
    const created = await payload.create({ collection: 'reviews', data, draft: true, user: editor, ...editorWrite })
    expect(created._status).toBe('draft')
    const excerpt = uniqueTitle('Second pass')
    const updated = await payload.update({
      collection: 'reviews',
      id: created.id,
      data: { excerpt },
      draft: true,
      user: editor,
      ...editorWrite,
    })
    expect(updated.excerpt).toBe(excerpt)
    expect(updated._status).toBe('draft')
    expect(created.author).toBe(editor.id)
  })

  it('should refuse an editor creating a published review, with a sentence, writing nothing', async () => {
    const data = await newReviewData()
    const before = { docs: await countDocs(payload, 'reviews'), versions: await reviewVersions() }
    const error = await expectAPIError(
      () =>
        payload.create({
          collection: 'reviews',
          data: { ...data, _status: 'published' },
          user: editor,
          ...editorWrite,
        }),
      403,
    )
    expect(error.message).toMatch(/admin/i)
    expect(error.message.split(' ').length).toBeGreaterThan(5)
    expect({ docs: await countDocs(payload, 'reviews'), versions: await reviewVersions() }).toEqual(before)
  })

  it('should refuse an editor publishing a draft with _status published', async () => {
    const data = await newReviewData()
    const draft = await payload.create({ collection: 'reviews', data, draft: true, user: editor, ...editorWrite })
    await expectAPIError(
      () =>
        payload.update({
          collection: 'reviews',
          id: draft.id,
          data: { _status: 'published' },
          user: editor,
          ...editorWrite,
        }),
      403,
    )
    await expectAPIError(
      () =>
        payload.update({
          collection: 'reviews',
          id: draft.id,
          data: { _status: 'published' },
          draft: true,
          user: editor,
          ...editorWrite,
        }),
      403,
    )
    const stored = await payload.findByID({ collection: 'reviews', id: draft.id, depth: 0, draft: true })
    expect(stored._status).toBe('draft')
    await expectAPIError(() => payload.findByID({ collection: 'reviews', id: draft.id, overrideAccess: false }), 404)
  })

  it('should refuse an editor updating a published review without draft: true, keeping the published text', async () => {
    const data = await newReviewData()
    const published = await payload.create({ collection: 'reviews', data: { ...data, _status: 'published' }, depth: 0 })
    const versionsBefore = await reviewVersions()
    const error = await expectAPIError(
      () =>
        payload.update({
          collection: 'reviews',
          id: published.id,
          data: { excerpt: uniqueTitle('Sneaky edit') },
          user: editor,
          ...editorWrite,
        }),
      403,
    )
    expect(error.message).toMatch(/draft/i)
    const publicView = await payload.findByID({
      collection: 'reviews',
      id: published.id,
      depth: 0,
      overrideAccess: false,
    })
    expect(publicView.excerpt).toBe(data.excerpt)
    expect(await reviewVersions()).toBe(versionsBefore)
  })

  it('should keep the published text public while an editor drafts over it', async () => {
    const data = await newReviewData()
    const published = await payload.create({ collection: 'reviews', data: { ...data, _status: 'published' }, depth: 0 })
    const excerpt = uniqueTitle('Draft over published')
    await payload.update({
      collection: 'reviews',
      id: published.id,
      data: { excerpt },
      draft: true,
      user: editor,
      ...editorWrite,
    })
    const publicView = await payload.findByID({
      collection: 'reviews',
      id: published.id,
      depth: 0,
      overrideAccess: false,
    })
    expect(publicView.excerpt).toBe(data.excerpt)
    const editorView = await payload.findByID({
      collection: 'reviews',
      id: published.id,
      depth: 0,
      draft: true,
      overrideAccess: false,
      user: editor,
    })
    expect(editorView.excerpt).toBe(excerpt)
  })

  it("should let an admin publish an editor's draft", async () => {
    const data = await newReviewData()
    const draft = await payload.create({ collection: 'reviews', data, draft: true, user: editor, ...editorWrite })
    const published = await payload.update({
      collection: 'reviews',
      id: draft.id,
      data: { _status: 'published' },
      user: admin,
      ...editorWrite,
    })
    expect(published._status).toBe('published')
    expect(typeof published.publishedAt).toBe('string')
    const publicView = await payload.findByID({ collection: 'reviews', id: draft.id, depth: 0, overrideAccess: false })
    expect(publicView.excerpt).toBe(data.excerpt)
  })

  it('should let an admin create a published review directly', async () => {
    const data = await newReviewData()
    const published = await payload.create({
      collection: 'reviews',
      data: { ...data, _status: 'published' },
      user: admin,
      ...editorWrite,
    })
    expect(published._status).toBe('published')
    const publicList = await payload.find({
      collection: 'reviews',
      where: { id: { equals: published.id } },
      overrideAccess: false,
    })
    expect(publicList.totalDocs).toBe(1)
  })
})

describe('draft reviews stay private (HTTP and GraphQL)', () => {
  let fixture: LeakFixture

  beforeAll(async () => {
    fixture = await createLeakFixture()
  })

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, { headers })
    return { status: response.status, text: await response.text() }
  }

  const graphQL = async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    })
    return { status: response.status, text: await response.text() }
  }

  it('should show the draft marker to a signed-in editor, so the probes below can see a leak', async () => {
    const headers = await loginHeaders(server.url, editor)
    const list = await get(`/api/reviews?draft=true&depth=0&limit=100&where[film][equals]=${fixture.film.id}`, headers)
    expect(list.status).toBe(200)
    expect(list.text).toContain(fixture.secret)
    const gql = await graphQL(
      `{ Review(id: ${JSON.stringify(fixture.draftOnly.id)}, draft: true) { excerpt } }`,
      headers,
    )
    expect(gql.text).toContain(fixture.secret)
  })

  it('should list only published reviews on /api/reviews?draft=true', async () => {
    const response = await get(`/api/reviews?draft=true&depth=1&limit=100&where[film][equals]=${fixture.film.id}`)
    expect(response.status).toBe(200)
    expect(response.text).toContain(fixture.visible)
    expect(response.text).not.toContain(fixture.secret)
    const body = JSON.parse(response.text) as { docs: Array<{ id: ID }> }
    expect(body.docs.map((doc) => doc.id)).not.toContain(fixture.draftOnly.id)
  })

  it('should keep a published review with a newer draft in /api/reviews?draft=true, with its published text', async () => {
    const response = await get(`/api/reviews?draft=true&depth=0&limit=100&where[film][equals]=${fixture.film.id}`)
    const body = JSON.parse(response.text) as { docs: Array<{ id: ID; excerpt?: string }>; totalDocs: number }
    expect(body.docs.find((doc) => doc.id === fixture.withNewerDraft.id)?.excerpt).toBe(`${fixture.visible} layered`)
    expect(body.totalDocs).toBe(3)
  })

  it('should answer 404 for a draft-only review by id, and the published text for a layered one', async () => {
    for (const query of ['', '?draft=true']) {
      const hidden = await get(`/api/reviews/${fixture.draftOnly.id}${query}`)
      expect(hidden.status).toBe(404)
      expect(hidden.text).not.toContain(fixture.secret)
      const layered = await get(`/api/reviews/${fixture.withNewerDraft.id}${query}`)
      expect(layered.status).toBe(200)
      expect(layered.text).toContain(`${fixture.visible} layered`)
      expect(layered.text).not.toContain(fixture.secret)
    }
  })

  it('should answer 0 to a where probe on draft-only text', async () => {
    for (const draft of ['false', 'true']) {
      const response = await get(`/api/reviews?draft=${draft}&where[excerpt][like]=DRAFT-SECRET`)
      expect(response.status).toBe(200)
      expect((JSON.parse(response.text) as { totalDocs: number }).totalDocs).toBe(0)
      expect(response.text).not.toContain(fixture.secret)
    }
  })

  it('should forbid the public the versions endpoints', async () => {
    const list = await get('/api/reviews/versions?depth=0')
    expect(list.status).toBe(403)
    expect(list.text).not.toContain(fixture.secret)
    const one = await get(`/api/reviews/versions/${fixture.draftVersionID}`)
    expect(one.status).toBe(403)
    expect(one.text).not.toContain(fixture.secret)
  })

  it("should leave drafts out of /api/films/:id?depth=1 and a published review's relatedReviews", async () => {
    const film = await get(`/api/films/${fixture.film.id}?depth=1`)
    expect(film.status).toBe(200)
    expect(film.text).toContain(fixture.visible)
    expect(film.text).not.toContain(fixture.secret)
    const relating = await get(`/api/reviews/${fixture.relating.id}?depth=1&draft=true`)
    expect(relating.status).toBe(200)
    expect(relating.text).toContain(`${fixture.visible} published`)
    expect(relating.text).not.toContain(fixture.secret)
  })

  const reviewsOfFilmQuery = () =>
    `{ Reviews(draft: true, limit: 100, where: { film: { equals: ${JSON.stringify(fixture.film.id)} } }) { totalDocs docs { id title excerpt series relatedReviews { title excerpt } } } }`

  it('should not leak drafts through GraphQL Reviews(draft: true)', async () => {
    const list = await graphQL(reviewsOfFilmQuery())
    expect(list.status).toBe(200)
    expect(list.text).toContain(fixture.visible)
    expect(list.text).not.toContain(fixture.secret)
  })

  it('should keep a published review with a newer draft in GraphQL Reviews(draft: true)', async () => {
    const list = await graphQL(reviewsOfFilmQuery())
    const body = JSON.parse(list.text) as {
      data: { Reviews: { totalDocs: number; docs: Array<{ id: ID; excerpt: string }> } }
    }
    expect(body.data.Reviews.docs.find((doc) => doc.id === fixture.withNewerDraft.id)?.excerpt).toBe(
      `${fixture.visible} layered`,
    )
    expect(body.data.Reviews.totalDocs).toBe(3)
  })

  it('should not leak drafts through GraphQL Review(id, draft: true)', async () => {
    const hidden = await graphQL(
      `{ Review(id: ${JSON.stringify(fixture.draftOnly.id)}, draft: true) { title excerpt } }`,
    )
    expect(hidden.text).not.toContain(fixture.secret)
    expect((JSON.parse(hidden.text) as { data?: { Review: unknown } }).data?.Review ?? null).toBeNull()

    const layered = await graphQL(
      `{ Review(id: ${JSON.stringify(fixture.withNewerDraft.id)}, draft: true) { title excerpt } }`,
    )
    expect(layered.text).toContain(`${fixture.visible} layered`)
    expect(layered.text).not.toContain(fixture.secret)
  })

  it('should forbid the public GraphQL versionsReviews', async () => {
    const versions = await graphQL('{ versionsReviews(limit: 100) { docs { id version { title excerpt } } } }')
    expect(versions.text).not.toContain(fixture.secret)
    expect(versions.text).toMatch(/forbidden|not allowed/i)
  })

  it("should leave drafts out of a film's reviews join in GraphQL", async () => {
    const film = await graphQL(
      `{ Film(id: ${JSON.stringify(fixture.film.id)}, draft: true) { title reviews(limit: 100) { docs { title excerpt } } } }`,
    )
    expect(film.status).toBe(200)
    expect(film.text).toContain(fixture.visible)
    expect(film.text).not.toContain(fixture.secret)
  })

  it('should refuse an editor publishing over HTTP with a 403 and a sentence', async () => {
    const headers = { ...(await loginHeaders(server.url, editor)), 'content-type': 'application/json' }
    const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('HTTP film') }, depth: 0 })
    const excerpt = uniqueTitle('Published excerpt')
    const published = await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('HTTP review'), film: film.id, excerpt, _status: 'published' },
      depth: 0,
    })

    const patch = await fetch(`${server.url}/api/reviews/${published.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ excerpt: uniqueTitle('Edited without draft') }),
    })
    expect(patch.status).toBe(403)
    const body = (await patch.json()) as { errors: Array<{ message: string }> }
    expect(body.errors[0]?.message).toMatch(/admin/i)

    const asDraft = await fetch(`${server.url}/api/reviews/${published.id}?draft=true`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ excerpt: uniqueTitle('Edited as draft') }),
    })
    expect(asDraft.status).toBe(200)
    const publicView = await get(`/api/reviews/${published.id}`)
    expect(JSON.parse(publicView.text)).toMatchObject({ excerpt })
  })
})

describe('users and staff collections are not writable anonymously over HTTP', () => {
  it.each(COLLECTIONS)('should answer 403 to an anonymous POST /api/%s and write nothing', async (collection) => {
    const before = await countDocs(payload, collection as CollectionSlug)
    const response = await fetch(`${server.url}/api/${collection}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await newData(collection)),
    })
    expect(response.status).toBe(403)
    expect(await countDocs(payload, collection as CollectionSlug)).toBe(before)
  })
})

describe('deleting and unpublishing reviews', () => {
  const json = { 'content-type': 'application/json' }
  let editorHeaders: Record<string, string>
  let adminHeaders: Record<string, string>

  beforeAll(async () => {
    editorHeaders = { ...(await loginHeaders(server.url, editor)), ...json }
    adminHeaders = { ...(await loginHeaders(server.url, admin)), ...json }
  })

  const film = async () =>
    (await payload.create({ collection: 'films', data: { title: uniqueTitle('Delete film') }, depth: 0 })).id

  /** An editor's own draft, made over the Local API as that editor. */
  const editorDraft = async () =>
    payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Own draft'), film: await film() },
      draft: true,
      user: editor,
      overrideAccess: false,
      depth: 0,
    })

  const exists = async (id: ID) =>
    (await payload.findByID({ collection: 'reviews', id, depth: 0, draft: true, disableErrors: true })) !== null

  const versionsOf = async (id: ID) =>
    (await payload.countVersions({ collection: 'reviews', where: { parent: { equals: id } } })).totalDocs

  it('should let an editor delete their own never-published draft over HTTP, with its versions', async () => {
    const draft = await editorDraft()
    expect(await versionsOf(draft.id)).toBeGreaterThan(0)
    const response = await fetch(`${server.url}/api/reviews/${draft.id}`, { method: 'DELETE', headers: editorHeaders })
    expect(response.status).toBe(200)
    expect(await exists(draft.id)).toBe(false)
    expect(await versionsOf(draft.id)).toBe(0)
  })

  it("should refuse an editor deleting their own review once it was published, or another editor's draft", async () => {
    const published = await editorDraft()
    await payload.update({ collection: 'reviews', id: published.id, data: { _status: 'published' }, depth: 0 })
    const unpublished = await editorDraft()
    await payload.update({ collection: 'reviews', id: unpublished.id, data: { _status: 'published' }, depth: 0 })
    await payload.update({ collection: 'reviews', id: unpublished.id, data: { _status: 'draft' }, depth: 0 })
    const othersDraft = await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Admin draft'), film: await film() },
      draft: true,
      user: admin,
      depth: 0,
    })
    for (const review of [published, unpublished, othersDraft]) {
      const response = await fetch(`${server.url}/api/reviews/${review.id}`, {
        method: 'DELETE',
        headers: editorHeaders,
      })
      expect(response.status).toBe(403)
      expect(await exists(review.id)).toBe(true)
      expect(await versionsOf(review.id)).toBeGreaterThan(0)
    }
  })

  it("should delete only the editor's own never-published drafts in a bulk DELETE that asks for every review", async () => {
    const own = await editorDraft()
    await seed('reviews')
    const deletable: Where = {
      and: [{ author: { equals: editor.id } }, { _status: { equals: 'draft' } }, { publishedAt: { exists: false } }],
    }
    const mayGo = (await payload.count({ collection: 'reviews', where: deletable })).totalDocs
    const published = { _status: { equals: 'published' } } as const
    const publishedBefore = (await payload.count({ collection: 'reviews', where: published })).totalDocs
    const totalBefore = await countDocs(payload, 'reviews')
    expect(publishedBefore).toBeGreaterThan(0)
    const response = await fetch(`${server.url}/api/reviews?where[id][exists]=true`, {
      method: 'DELETE',
      headers: editorHeaders,
    })
    expect(response.status).toBe(200)
    expect(await exists(own.id)).toBe(false)
    expect((await payload.count({ collection: 'reviews', where: published })).totalDocs).toBe(publishedBefore)
    expect(await countDocs(payload, 'reviews')).toBe(totalBefore - mayGo)
  })

  it('should refuse an editor deleting a published review through GraphQL', async () => {
    const published = await seed('reviews')
    const response = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: editorHeaders,
      body: JSON.stringify({ query: `mutation { deleteReview(id: ${JSON.stringify(published.id)}) { id } }` }),
    })
    const body = (await response.json()) as { errors?: Array<{ message: string }>; data?: unknown }
    expect(body.errors?.length).toBeGreaterThan(0)
    expect(await exists(published.id)).toBe(true)
  })

  it('should refuse an editor unpublishing, one by one or in bulk, keeping the reviews public', async () => {
    const one = await seed('reviews')
    const two = await seed('reviews')
    const single = await fetch(`${server.url}/api/reviews/${one.id}`, {
      method: 'PATCH',
      headers: editorHeaders,
      body: JSON.stringify({ _status: 'draft' }),
    })
    expect(single.status).toBe(403)
    const bulk = await fetch(`${server.url}/api/reviews?where[id][in]=${one.id},${two.id}`, {
      method: 'PATCH',
      headers: editorHeaders,
      body: JSON.stringify({ _status: 'draft' }),
    })
    expect(bulk.status).toBe(403)
    for (const refused of [single, bulk]) {
      expect(JSON.stringify(await refused.json())).toContain('Only an admin can unpublish a review')
    }
    const gql = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: editorHeaders,
      body: JSON.stringify({
        query: `mutation { updateReview(id: ${JSON.stringify(one.id)}, data: { _status: draft }) { id _status } }`,
      }),
    })
    expect(((await gql.json()) as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0)
    for (const review of [one, two]) {
      const publicView = await fetch(`${server.url}/api/reviews/${review.id}`)
      expect(publicView.status).toBe(200)
    }
  })

  it('should let an admin delete published reviews, one by one and in bulk', async () => {
    const one = await seed('reviews')
    const two = await seed('reviews')
    const three = await seed('reviews')
    expect(
      (await fetch(`${server.url}/api/reviews/${one.id}`, { method: 'DELETE', headers: adminHeaders })).status,
    ).toBe(200)
    const bulk = await fetch(`${server.url}/api/reviews?where[id][in]=${two.id},${three.id}`, {
      method: 'DELETE',
      headers: adminHeaders,
    })
    expect(bulk.status).toBe(200)
    for (const review of [one, two, three]) {
      expect(await exists(review.id)).toBe(false)
    }
  })

  it('should tell the admin UI (doc access) that an editor may delete only their own never-published draft', async () => {
    const own = await editorDraft()
    const published = await seed('reviews')
    type Permission = boolean | { permission: boolean } | undefined
    /** Payload's doc permissions, as the admin's edit view gets them: `true`, `{ permission }`, or left out. */
    const may = async (id: ID, operation: 'delete' | 'update'): Promise<boolean> => {
      const response = await fetch(`${server.url}/api/reviews/access/${id}`, {
        method: 'POST',
        headers: editorHeaders,
      })
      expect(response.status).toBe(200)
      const permission = ((await response.json()) as Record<string, Permission>)[operation]
      return permission === true || (typeof permission === 'object' && permission.permission === true)
    }
    expect(await may(own.id, 'delete')).toBe(true)
    expect(await may(published.id, 'delete')).toBe(false)
    expect(await may(published.id, 'update')).toBe(true)
  })
})

describe('author and publishedAt', () => {
  it('should make the creating editor the author, whatever author and publishedAt they send', async () => {
    const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Byline film') }, depth: 0 })
    const headers = { ...(await loginHeaders(server.url, editor)), 'content-type': 'application/json' }
    const response = await fetch(`${server.url}/api/reviews?draft=true`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        title: uniqueTitle('Signed by someone else'),
        film: film.id,
        author: admin.id,
        publishedAt: '2020-01-01T00:00:00.000Z',
      }),
    })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: { id: ID } }
    const stored = await payload.findByID({ collection: 'reviews', id: doc.id, depth: 0, draft: true })
    expect(stored.author).toBe(editor.id)
    expect(stored.publishedAt ?? null).toBeNull()

    const patch = await fetch(`${server.url}/api/reviews/${doc.id}?draft=true`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ author: admin.id, publishedAt: '2021-01-01T00:00:00.000Z' }),
    })
    expect(patch.status).toBe(200)
    const after = await payload.findByID({ collection: 'reviews', id: doc.id, depth: 0, draft: true })
    expect(after.author).toBe(editor.id)
    expect(after.publishedAt ?? null).toBeNull()
  })

  it('should let an editor save a draft of a review another user wrote, and refuse an author of no user', async () => {
    const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Shared film') }, depth: 0 })
    const review = await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Written by the admin'), film: film.id, author: admin.id },
      draft: true,
      depth: 0,
    })
    const headers = { ...(await loginHeaders(server.url, editor)), 'content-type': 'application/json' }
    // Editors cannot read other users; the author's existence is still checked, by the server.
    const title = uniqueTitle('Edited by an editor')
    const patch = await fetch(`${server.url}/api/reviews/${review.id}?draft=true`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ title, author: admin.id }),
    })
    expect(patch.status).toBe(200)
    const stored = await payload.findByID({ collection: 'reviews', id: review.id, depth: 0, draft: true })
    expect(stored).toMatchObject({ title, author: admin.id })

    const asAdmin = { ...(await loginHeaders(server.url, admin)), 'content-type': 'application/json' }
    const nobody = await fetch(`${server.url}/api/reviews/${review.id}?draft=true`, {
      method: 'PATCH',
      headers: asAdmin,
      body: JSON.stringify({ author: 999999 }),
    })
    expect(nobody.status).toBe(400)
    const body = (await nobody.json()) as { errors: { data?: { errors?: { path: string; message: string }[] } }[] }
    expect(body.errors[0].data?.errors).toEqual([
      { path: 'author', message: 'No user has the id 999999.', label: 'Author' },
    ])
  })

  it('should let an admin set the author', async () => {
    const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Admin film') }, depth: 0 })
    const review = await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Ghost-written'), film: film.id, author: editor.id },
      draft: true,
      user: admin,
      overrideAccess: false,
      depth: 0,
    })
    expect(review.author).toBe(editor.id)
  })
})

describe('job internals', () => {
  it('should keep payload-jobs-stats to admins (read and write)', async () => {
    const editorHeaders = { ...(await loginHeaders(server.url, editor)), 'content-type': 'application/json' }
    const adminHeaders = { ...(await loginHeaders(server.url, admin)), 'content-type': 'application/json' }
    const read = await fetch(`${server.url}/api/globals/payload-jobs-stats`, { headers: editorHeaders })
    expect(read.status).toBe(403)
    const write = await fetch(`${server.url}/api/globals/payload-jobs-stats`, {
      method: 'POST',
      headers: editorHeaders,
      body: JSON.stringify({ stats: { scheduledRuns: { queues: {} } } }),
    })
    expect(write.status).toBe(403)
    expect((await fetch(`${server.url}/api/globals/payload-jobs-stats`, { headers: adminHeaders })).status).toBe(200)
  })

  it('should keep payload-jobs closed to editors', async () => {
    const headers = await loginHeaders(server.url, editor)
    expect((await fetch(`${server.url}/api/payload-jobs`, { headers })).status).toBe(403)
  })

  it("should not let an editor take over or remove an admin's document lock", async () => {
    const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Locked film') }, depth: 0 })
    const lock = await payload.create({
      collection: 'payload-locked-documents',
      data: { document: { relationTo: 'films', value: film.id }, user: { relationTo: 'users', value: admin.id } },
      depth: 0,
    })
    const headers = { ...(await loginHeaders(server.url, editor)), 'content-type': 'application/json' }
    const remove = await fetch(`${server.url}/api/payload-locked-documents/${lock.id}`, { method: 'DELETE', headers })
    expect(remove.status).toBe(403)
    const forge = await fetch(`${server.url}/api/payload-locked-documents`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        document: { relationTo: 'films', value: film.id },
        user: { relationTo: 'users', value: admin.id },
      }),
    })
    expect(forge.status).toBe(403)
    expect(
      await payload.findByID({ collection: 'payload-locked-documents', id: lock.id, depth: 0, disableErrors: true }),
    ).not.toBeNull()
  })

  it('should let an editor lock only what they may edit: a film, never an admin-only webhook or a missing one', async () => {
    const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Lockable') }, depth: 0 })
    const endpoint = await payload.create({
      collection: 'webhook-endpoints',
      data: { url: 'https://93.184.216.34/hook', enabled: false },
      depth: 0,
    })
    const headers = { ...(await loginHeaders(server.url, editor)), 'content-type': 'application/json' }
    const lock = (document: { relationTo: string; value: unknown }) =>
      fetch(`${server.url}/api/payload-locked-documents`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ document, user: { relationTo: 'users', value: editor.id }, globalSlug: null }),
      })
    expect((await lock({ relationTo: 'films', value: film.id })).status).toBe(201)
    expect((await lock({ relationTo: 'webhook-endpoints', value: endpoint.id })).status).toBe(403)
    expect((await lock({ relationTo: 'films', value: 987_654_321 })).status).toBe(403)
    const onGlobal = await fetch(`${server.url}/api/payload-locked-documents`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ globalSlug: 'publication-schedule', user: { relationTo: 'users', value: editor.id } }),
    })
    expect(onGlobal.status, 'the schedule is admins’ to edit').toBe(403)
    const locked = await payload.find({
      collection: 'payload-locked-documents',
      where: { 'user.value': { equals: editor.id } },
      depth: 0,
    })
    expect(locked.docs.map(({ document }) => (document as { relationTo: string }).relationTo)).toEqual(['films'])
  })
})
