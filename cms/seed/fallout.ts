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
    seriesPart: 1,
    excerpt:
      'Part 1 of Exploring Soundtracks. Lorne Balfe swaps the franchise’s jazzy swagger for pounding drums, a wordless choir and a Lalo Schifrin theme hammered into something heavier. We follow the music from the HALO jump over Paris to the helicopter finale in Kashmir.',
    plotRecap: richText(
      paragraph(
        'Two years after the Syndicate fell apart, what is left of it calls itself the Apostles and is shopping for three plutonium cores. In Berlin, Ethan Hunt has the cores within reach and lets them go to save Luther’s life. The rest of the film is the bill for that choice.',
      ),
      paragraph(
        'To get the plutonium back, Ethan is saddled with a CIA minder, August Walker. The two jump into Paris to pose as a buyer called John Lark, meet the broker known as the White Widow, and learn that the price of the deal is Solomon Lane, snatched from a prison convoy in the middle of the city. Benji, Luther and Ilsa Faust are along for the ride, and not everyone wants the same outcome.',
      ),
      paragraph(
        'The trail runs on to London, where Walker shows his hand, and ends at a medical camp in Kashmir, where two bombs are primed to poison the water of a third of the world. Ethan goes after the detonator in a borrowed helicopter while his team works against the clock on the ground.',
      ),
    ),
    analysis: richText(
      heading('h2', 'Drums first'),
      paragraph(
        'Lorne Balfe learned his trade at Hans Zimmer’s Remote Control Productions, and it shows in how he builds ',
        title,
        ' from the floor up. Where earlier instalments leaned on bongos, jazz brass and a raised eyebrow, this score starts with low drums, hard hits that feel closer to taiko than to a drum kit, and a bed of strings that rarely resolves. The percussion is the engine: it sets the pace of the fights and gives the editing something to cut against.',
      ),
      heading('h2', 'Schifrin’s theme, rebuilt'),
      paragraph(
        'Lalo Schifrin’s theme is still here, 5/4 pulse and all, but seldom in its party clothes. Balfe breaks it into pieces and hands them to brass and timpani, so the theme arrives as a warning rather than a wink. When the full statement finally comes, it lands harder because the score has spent so long holding it back.',
      ),
      heading('h2', 'Voices over the action'),
      paragraph(
        'The choir is the other signature. It enters with the HALO jump, as Ethan and Walker drop through a thunderstorm above Paris, and it keeps returning as the stakes grow. Chanted syllables instead of words stop it from turning into a hymn; it reads as scale, the sense that the danger has grown from one man to millions.',
      ),
      paragraph(
        'The Paris chase is the score at its most physical: driving string ostinatos, rattling snares and brass stabs that follow the motorbike round the Arc de Triomphe the wrong way. The Kashmir helicopter finale pulls everything together, choir, full orchestra, drums and theme, into a long stretch that is more endurance test than melody, in the best sense.',
      ),
    ),
    cues: [
      {
        label: 'Opening titles',
        filmTimecode: '6:10',
        trackNumber: 3,
        instrumentation: ['percussion', 'brass', 'orchestra'],
        note: 'The first full statement of the Schifrin theme, played heavy and low, with the fuse burning across the screen.',
      },
      {
        label: 'HALO jump over Paris',
        filmTimecode: '21:30',
        trackNumber: 11,
        instrumentation: ['choir', 'strings', 'synth', 'percussion'],
        note: 'The choir’s first big entrance; the strings hold one long climb while the drums stay out of the way until the chute opens.',
      },
      {
        label: 'Paris motorbike chase',
        filmTimecode: '1:04:00',
        trackNumber: 16,
        instrumentation: ['percussion', 'strings', 'brass', 'electronics'],
        note: 'Ostinato strings and snare rolls keep pace with the bike; brass stabs mark each near miss.',
      },
      {
        label: 'London rooftops',
        filmTimecode: '1:38:00',
        trackNumber: 9,
        instrumentation: ['percussion', 'strings', 'horns'],
        note: 'A running cue built on a pulse that never lets up, with the horns quoting the theme in fragments.',
      },
      {
        label: 'Arrival in Kashmir',
        filmTimecode: '1:52:00',
        trackNumber: 18,
        instrumentation: ['strings', 'woodwinds', 'choir'],
        note: 'A rare breath: sustained strings and a distant, wordless choir open out over the mountains before the countdown starts.',
      },
      {
        label: 'Helicopter chase',
        filmTimecode: '2:04:30',
        trackNumber: 19,
        instrumentation: ['choir', 'percussion', 'brass', 'orchestra'],
        note: 'Everything at once: choir, drums and the theme in the brass, climbing as the helicopters do.',
      },
    ],
    finalThoughts: richText(
      paragraph(
        title,
        ' is not the most hummable score in the series, and it was never meant to be. It is music for a film that wants you to feel every fall and every impact, and on that brief it is hard to beat.',
      ),
      paragraph(
        'On the album, the middle stretch from Free Fall to Escape Through Paris plays best in one sitting, and the closing run from Kashmir onwards is a workout in itself. With ten minutes to spare, start with Free Fall and Fate Whispers to the Warrior.',
      ),
    ),
    rating: 8.5,
    highlightTrackNumbers: [11, 16, 19],
    publishedAt: '2018-08-03T09:00:00.000Z',
  },
}
