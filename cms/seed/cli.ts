import { getPayload } from 'payload'

import config from '../payload.config'
import { seedDemo } from './index'

const payload = await getPayload({ config })
try {
  const { seeded, reason } = await seedDemo({ payload })
  if (seeded) {
    const counts: string[] = []
    for (const collection of ['films', 'composers', 'tracks', 'reviews'] as const) {
      const { totalDocs } = await payload.count({ collection, overrideAccess: true })
      counts.push(`${totalDocs} ${collection}`)
    }
    console.log(`Loaded the demo column: ${counts.join(', ')} (John Wick draft, Fallout published).`)
  } else {
    console.log(`Nothing loaded. ${reason}`)
  }
} finally {
  await payload.destroy()
}
process.exit(0)
