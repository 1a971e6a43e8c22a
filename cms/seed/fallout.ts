import type { DemoFilm } from './types'

import { heading, paragraph, richText } from './richText'

/** The album's track list, line for line as an editor would paste it into the track-list import. */
export const FALLOUT_TRACK_LIST = `1. A Storm Is Coming (1:12)
2. Your Mission (2:14)
3. Should You Choose to Accept… (2:34)
4. The Manifesto (1:44)
5. Good Evening, Mr. Hunt (4:19)
6. Change of Plan (5:47)
7. A Terrible Choice (2:54)
8. Fallout (1:30)
9. Stairs and Rooftops (6:00)
10. No Hard Feelings (4:20)
11. Free Fall (4:14)
12. The White Window (4:42)
13. I Am the Storm (2:07)
14. The Exchange (5:54)
15. Steps Ahead (1:02)
16. Escape Through Paris (5:05)
17. We Are Never Free (6:57)
18. Kashmir (4:29)
19. Fate Whispers to the Warrior (3:54)
20. And the Warrior Whispers Back (3:56)
21. Unfinished Business (1:49)
22. Scalper and Hammer (5:10)
23. The Syndicate (6:00)
24. Cutting on One (3:42)
25. The Last Resort (2:55)
26. Mission: Accomplished (1:15)
`

const title = { text: 'Mission: Impossible – Fallout', isItalic: true }

export const fallout: DemoFilm = {
  title: 'Mission: Impossible – Fallout',
  releaseYear: 2018,
  franchise: 'Mission: Impossible',
  director: 'Christopher McQuarrie',
  synopsis: richText(
    paragraph(
      'Ethan Hunt and his IMF team race to recover three stolen plutonium cores before a splinter group of the Syndicate, the Apostles, can turn them into bombs.',
    ),
  ),
  composers: ['Lorne Balfe'],
  trackList: FALLOUT_TRACK_LIST,
  review: {
    title: 'Exploring Soundtracks: Mission: Impossible – Fallout',
    isPublished: true,
    seriesPart: 2,
    excerpt:
      'After three weeks of John Wick, another action film whose star, past fifty, does his own stunts, but a very different score: Lorne Balfe’s music for Fallout is more traditional, audibly schooled by Hans Zimmer, and holds back where it counts.',
    plotRecap: richText(
      paragraph(
        title,
        ' keeps to the shape the series is known for. Ethan Hunt and the Impossible Mission Force (IMF) are teamed with August Walker, a CIA assassin, to head off a nuclear catastrophe.',
      ),
      paragraph(
        'Their mission, should they choose to accept it: stop a terrorist group that means to strike three places at once with nuclear weapons, the Vatican, Mecca and Saudi Arabia. When the weapons vanish, the team is up against the clock to find them before they reach the wrong people.',
      ),
    ),
    analysis: richText(
      heading('h2', 'After John Wick'),
      paragraph(
        'Three weeks of ',
        { text: 'John Wick', isItalic: true },
        ' made another action film the obvious next pick, and this one has the same draw: a star past fifty who does his own stunts. The two scores have much less in common. There is none of John Wick’s deafening industrial dubstep, the kind that drives the adrenaline so hard it hurts; ',
        title,
        ' sounds more traditional.',
      ),
      heading('h2', 'From Zimmer’s workshop'),
      paragraph(
        'The score is Lorne Balfe’s. He came up through Hans Zimmer’s Remote Control Productions, and it shows: the likeness to Zimmer’s own scores and style is plain throughout, and plainest in the horns and strings of the skydive into Paris.',
      ),
      heading('h2', 'A slow fuse, then restraint'),
      paragraph(
        'After its loud first seconds the music stays calm for a long while: nothing has much energy again until the opening credits, a quarter of an hour in. From there the energy rises across the board.',
      ),
      paragraph(
        'As an action film, Fallout can stand next to John Wick, yet its music holds back, so the ears are not pounded by percussion and horns without end. The transition passages are on the bland side, but they give short breaks before the next plunge into action.',
      ),
    ),
    cues: [
      {
        label: 'Production credits',
        filmTimecode: '0:00',
        instrumentation: ['percussion'],
        note: 'Before the story begins, percussion piles up fast and grows more relentless with every bar: a loud first word that the score will not match for a quarter of an hour.',
      },
      {
        label: 'Ethan’s wedding, a dream turned nightmare',
        instrumentation: ['strings'],
        note: 'The drums give way to gentle, soothing strings over the peaceful wedding of Ethan Hunt and his wife. The scene turns out to be a dream, or rather a nightmare, and the same strings stop soothing and start winding up the tension.',
      },
      {
        label: 'Hunt receives his mission',
        instrumentation: ['strings'],
        note: 'Slowly climbing strings sit under the scene, and the music edges upward until the strings swell once more.',
      },
      {
        label: 'Opening credits and the theme',
        filmTimecode: '15:00',
        instrumentation: [],
        note: 'Fifteen minutes pass before the opening credits roll with the trademark Mission: Impossible theme: the first real energy since the percussion before the film began. After the credits, the music as a whole starts to build.',
      },
      {
        label: 'Skydive into Paris',
        instrumentation: ['horns', 'strings'],
        note: 'As Hunt and Walker get ready to jump into Paris, the Zimmer in Balfe comes through: deep, blaring baritone horns over rhythmic strings, the figure epic films have made standard and Christopher Nolan’s films in particular. Not original, but it tightens the tension well.',
      },
      {
        label: 'The Exchange',
        trackNumber: 14,
        instrumentation: ['horns', 'strings'],
        note: 'The horns-and-strings figure of the skydive returns, now joined by the Mission: Impossible theme. Familiar, and an excellent match for the action on screen.',
      },
    ],
    finalThoughts: richText(
      paragraph(
        'Balfe gives ',
        title,
        ' everything an action film could ask of its music: stretches that pump the adrenaline, softer strings between them, and the Zimmer-like patterns that feel so familiar. The film is solid action in its own right, and the score keeps up with it all the way.',
      ),
    ),
    publishedAt: '2018-08-03T09:00:00.000Z',
  },
}
