import type { DemoComposer } from './types'

import { paragraph, richText } from './richText'

const REMOTE_CONTROL = 'Remote Control Productions'

/** In dependency order: a composer's influences come before them. */
export const demoComposers: DemoComposer[] = [
  {
    name: 'Hans Zimmer',
    bio: richText(
      paragraph(
        'German-born film composer and founder of Remote Control Productions, the Santa Monica studio where many of today’s action scores were written, or learned.',
      ),
    ),
    affiliations: [REMOTE_CONTROL],
    influencedBy: [],
  },
  {
    name: 'Lorne Balfe',
    bio: richText(
      paragraph(
        'Scottish composer who worked for years alongside Hans Zimmer at Remote Control Productions before scoring films, series and games of his own.',
      ),
    ),
    affiliations: [REMOTE_CONTROL],
    influencedBy: ['Hans Zimmer'],
  },
  {
    name: 'Tyler Bates',
    bio: richText(
      paragraph('American composer and guitarist whose action scores lean on rock and electronic textures.'),
    ),
    affiliations: [],
    influencedBy: [],
  },
  {
    name: 'Joel J. Richard',
    bio: richText(paragraph('American composer who co-wrote the score for the first John Wick with Tyler Bates.')),
    affiliations: [],
    influencedBy: [],
  },
]
