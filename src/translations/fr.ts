import type { en } from './en.js'

export const fr: typeof en = {
  soundtrackReviews: {
    quoted: '« {{text}} »',

    'clock.invalid': '{{label}} : « {{value}} » n’est pas une durée valide, comme 4:19 ou 1:02:03.',
    'cue.unnamed': 'Cue {{number}}',

    'trackListImport.title': 'Importer la liste des pistes',
    'trackListImport.saveFirst': 'Enregistrez d’abord le film, puis collez ici la liste des pistes de l’album.',
    'trackListImport.open': 'Coller une liste de pistes…',
    'trackListImport.hide': 'Masquer',
    'trackListImport.hint':
      'Une piste par ligne, par ex. <c>{{example}}</c>, ou <c>{{discExample}}</c> pour le disque 2.',
    'trackListImport.example': '1. Une tempête approche (1:12)',
    'trackListImport.discExample': '2-05 Titre 4:19',
    'trackListImport.placeholder': '1. Une tempête approche (1:12)\n2. Votre mission (2:14)',
    'trackListImport.textLabel': 'Liste des pistes',
    'trackListImport.replace': 'Remplacer les pistes existantes',
    'trackListImport.replaceExisting_one': 'Remplacer les pistes existantes ({{count}} sur ce film)',
    'trackListImport.replaceExisting_other': 'Remplacer les pistes existantes ({{count}} sur ce film)',
    'trackListImport.tracks_one': '{{count}} piste',
    'trackListImport.tracks_other': '{{count}} pistes',
    'trackListImport.summary': '{{tracks}}, {{runtime}} au total.',
    'trackListImport.linesToFix_one': '{{count}} ligne sur {{lines}} est à corriger.',
    'trackListImport.linesToFix_other': '{{count}} lignes sur {{lines}} sont à corriger.',
    'trackListImport.column.line': 'Ligne',
    'trackListImport.column.disc': 'Disque',
    'trackListImport.column.number': 'N°',
    'trackListImport.column.title': 'Titre',
    'trackListImport.column.duration': 'Durée',
    'trackListImport.import': 'Importer',
    'trackListImport.importTracks': 'Importer {{tracks}}',
    'trackListImport.importing': 'Importation…',
    'trackListImport.imported':
      'Import réussi ({{created}}) : le film compte désormais {{total}}, soit {{runtime}} au total.',
    'trackListImport.refused': 'Rien n’a été importé : corrigez les lignes signalées ci-dessous.',
    'trackListImport.failed': 'L’importation a échoué (HTTP {{status}}).',
    'trackListImport.unreachable': 'L’importation n’a pas atteint le serveur : {{error}}',

    'error.discZero': 'Le disque 0 n’existe pas : les disques sont numérotés à partir de 1.',
    'error.trackNumberZero': 'La piste 0 n’existe pas : les pistes sont numérotées à partir de 1.',
    'error.discTooLarge': 'Disque {{disc}} : numéro trop élevé, le maximum est {{max}}.',
    'error.trackNumberTooLarge': 'Piste {{number}} : numéro trop élevé, le maximum est {{max}}.',
    'error.noDuration':
      'Aucune durée trouvée dans « {{text}} » : terminez la ligne par la durée de la piste, par ex. (4:19) ou – 4:19.',
    'error.durationInvalid': 'La durée « {{duration}} » n’est pas valide : écrivez-la comme 4:19 ou 1:02:03.',
    'error.durationZero': 'La durée « {{duration}} » est trop courte : une piste dure au moins 0:01.',
    'error.titleEmpty': 'Le titre est vide : indiquez le nom de la piste avant sa durée.',
    'error.trackListedTwice':
      'La piste {{number}} du disque {{disc}} figure deux fois : lignes {{firstLine}} et {{line}}.',
    'error.signInRequired': 'Connectez-vous comme rédacteur ou administrateur pour importer une liste de pistes.',
    'error.staffOnly': 'Seuls les rédacteurs et les administrateurs peuvent importer des listes de pistes.',
    'error.textMissing': 'Collez d’abord une liste de pistes.',
    'error.tooManyLines':
      'Une liste de pistes compte au plus {{max}} lignes ; celle-ci en a {{lines}}. Importez-la en plusieurs fois.',
    'error.replaceNotBoolean': '« Remplacer les pistes existantes » doit être coché ou non.',
    'error.filmNotFound': 'Ce film n’existe plus.',
    'error.trackExists':
      'La piste {{number}} du disque {{disc}} existe déjà (« {{title}} »). Cochez « Remplacer les pistes existantes » pour remplacer la liste des pistes du film.',
    'error.tracksCited':
      'Les pistes de ce film sont citées dans les cues ou les temps forts de {{titles}} ; les remplacer casserait ces critiques. Importez sans remplacer, ou modifiez les pistes une à une.',

    'schedule.title': 'Les semaines à venir',
    'schedule.incomplete':
      'Les semaines à venir s’affichent dès que le jour, une heure comme 09:00 et un fuseau horaire IANA sont renseignés.',
    'schedule.loading': 'Chargement des semaines à venir…',
    'schedule.readFailed': 'Impossible de lire les critiques en attente (HTTP {{queued}}, {{published}}).',
    'schedule.cadence': 'Chaque {{weekday}} à {{time}} ({{zone}}).',
    'schedule.on': 'La publication automatique est activée.',
    'schedule.off': 'La publication automatique est désactivée : voici les créneaux que la file d’attente obtiendrait.',
    'schedule.unsaved': 'Avec vos modifications non enregistrées : enregistrez pour les appliquer.',
    'schedule.untitledReview': 'Critique {{id}}',
    'schedule.due': 'à publier, en attente de la prochaine exécution',
    'schedule.skipped': 'semaine sautée',
    'schedule.free': 'aucune critique prévue',
    'schedule.lastRunFailed': 'La dernière publication automatique a échoué',

    'slot.publishedWithout': 'Publiée : la critique n’occupe aucun créneau hebdomadaire.',
    'slot.publishedIn': 'Publiée ; elle a reçu le créneau hebdomadaire du {{slot}}.',
    'slot.publishedSomewhere': 'Publiée dans un créneau hebdomadaire.',
    'slot.loading': 'Le créneau hebdomadaire prévu pour cette critique.',
    'slot.notQueued':
      'Pas en file d’attente : un administrateur ajoute la critique au calendrier de publication, qui lui attribue le prochain créneau libre.',
    'slot.queued': 'Prévue pour le {{slot}}, à l’heure du calendrier ; elle sera alors publiée automatiquement.',
    'slot.queuedWhileOff':
      'Prévue pour le {{slot}}, à l’heure du calendrier. La publication automatique est désactivée : rien ne sera publié tant qu’un administrateur ne l’aura pas activée.',
  },
}
