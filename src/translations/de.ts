import type { en } from './en.js'

export const de: typeof en = {
  soundtrackReviews: {
    quoted: '„{{text}}“',

    'clock.invalid': '{{label}}: „{{value}}“ ist keine gültige Zeitangabe wie 4:19 oder 1:02:03.',
    'cue.unnamed': 'Musikeinsatz {{number}}',

    'trackListImport.title': 'Trackliste importieren',
    'trackListImport.saveFirst':
      'Speichern Sie den Film zuerst; danach können Sie hier die Trackliste des Albums einfügen.',
    'trackListImport.open': 'Trackliste einfügen …',
    'trackListImport.hide': 'Ausblenden',
    'trackListImport.hint': 'Ein Titel pro Zeile, z. B. <c>{{example}}</c>, oder <c>{{discExample}}</c> für CD 2.',
    'trackListImport.example': '1. Ein Sturm zieht auf (1:12)',
    'trackListImport.discExample': '2-05 Titelname 4:19',
    'trackListImport.placeholder': '1. Ein Sturm zieht auf (1:12)\n2. Ihr Auftrag (2:14)',
    'trackListImport.textLabel': 'Trackliste',
    'trackListImport.replace': 'Vorhandene Titel ersetzen',
    'trackListImport.replaceExisting_one': 'Vorhandene Titel ersetzen (dieser Film hat {{count}} Titel)',
    'trackListImport.replaceExisting_other': 'Vorhandene Titel ersetzen (dieser Film hat {{count}} Titel)',
    'trackListImport.tracks_one': '{{count}} Titel',
    'trackListImport.tracks_other': '{{count}} Titel',
    'trackListImport.summary': '{{tracks}}, insgesamt {{runtime}}.',
    'trackListImport.linesToFix_one': '{{count}} von {{lines}} Zeilen ist fehlerhaft.',
    'trackListImport.linesToFix_other': '{{count}} von {{lines}} Zeilen sind fehlerhaft.',
    'trackListImport.column.line': 'Zeile',
    'trackListImport.column.disc': 'CD',
    'trackListImport.column.number': 'Nr.',
    'trackListImport.column.title': 'Titel',
    'trackListImport.column.duration': 'Dauer',
    'trackListImport.import': 'Importieren',
    'trackListImport.importTracks': '{{tracks}} importieren',
    'trackListImport.importing': 'Wird importiert …',
    'trackListImport.imported': '{{created}} importiert: Der Film hat jetzt {{total}}, insgesamt {{runtime}}.',
    'trackListImport.refused': 'Es wurde nichts importiert. Bitte korrigieren Sie die unten markierten Zeilen.',
    'trackListImport.failed': 'Das Importieren ist fehlgeschlagen (HTTP {{status}}).',
    'trackListImport.unreachable': 'Der Server war nicht erreichbar, es wurde nichts importiert: {{error}}',

    'error.discZero': 'CD 0 gibt es nicht: CDs werden ab 1 gezählt.',
    'error.trackNumberZero': 'Titelnummer 0 gibt es nicht: Titel werden ab 1 gezählt.',
    'error.discTooLarge': 'CD {{disc}} gibt es nicht: höchstens CD {{max}} ist möglich.',
    'error.trackNumberTooLarge': 'Titelnummer {{number}} ist zu hoch: höchstens {{max}} ist möglich.',
    'error.noDuration':
      'In „{{text}}“ fehlt die Dauer: Schließen Sie die Zeile mit der Länge des Titels ab, z. B. (4:19) oder – 4:19.',
    'error.durationInvalid': 'Die Dauer „{{duration}}“ ist keine gültige Zeitangabe wie 4:19 oder 1:02:03.',
    'error.durationZero': 'Die Dauer „{{duration}}“ ist zu kurz: Ein Titel dauert mindestens 0:01.',
    'error.titleEmpty': 'Der Titel fehlt: Schreiben Sie den Namen des Titels vor seine Dauer.',
    'error.trackListedTwice':
      'Titel {{number}} auf CD {{disc}} steht doppelt in der Liste: in Zeile {{firstLine}} und {{line}}.',
    'error.signInRequired': 'Melden Sie sich als Redakteur oder Administrator an, um eine Trackliste zu importieren.',
    'error.staffOnly': 'Nur Redakteure und Administratoren dürfen Tracklisten importieren.',
    'error.textMissing': 'Fügen Sie zuerst eine Trackliste ein.',
    'error.tooManyLines':
      'Eine Trackliste darf höchstens {{max}} Zeilen haben, diese hat {{lines}}. Importieren Sie sie in mehreren Teilen.',
    'error.replaceNotBoolean': '„Vorhandene Titel ersetzen“ ist entweder angehakt oder nicht.',
    'error.filmNotFound': 'Diesen Film gibt es nicht mehr.',
    'error.trackExists':
      'Titel {{number}} auf CD {{disc}} gibt es schon („{{title}}“). Haken Sie „Vorhandene Titel ersetzen“ an, um die Trackliste des Films zu ersetzen.',
    'error.tracksCited':
      'Die Titel dieses Films werden in den Musikeinsätzen oder Highlights von {{titles}} verwendet; ein Ersetzen würde diese Rezensionen beschädigen. Importieren Sie ohne Ersetzen oder bearbeiten Sie die Titel einzeln.',

    'schedule.title': 'Die nächsten Wochen',
    'schedule.incomplete':
      'Die nächsten Wochen erscheinen, sobald Wochentag, eine Uhrzeit wie 09:00 und eine IANA-Zeitzone eingetragen sind.',
    'schedule.loading': 'Die nächsten Wochen werden geladen …',
    'schedule.readFailed':
      'Die eingeplanten Rezensionen konnten nicht gelesen werden (HTTP {{queued}}, {{published}}).',
    'schedule.cadence': 'Jeden {{weekday}} um {{time}} Uhr ({{zone}}).',
    'schedule.on': 'Die automatische Veröffentlichung ist eingeschaltet.',
    'schedule.off': 'Die automatische Veröffentlichung ist ausgeschaltet: Diese Termine bekäme die Warteschlange.',
    'schedule.unsaved': 'Mit Ihren ungespeicherten Änderungen – speichern Sie, um sie zu übernehmen.',
    'schedule.untitledReview': 'Rezension {{id}}',
    'schedule.due': 'fällig, wird beim nächsten Lauf veröffentlicht',
    'schedule.skipped': 'ausgelassen',
    'schedule.free': 'keine Rezension eingeplant',
    'schedule.lastRunFailed': 'Der letzte Veröffentlichungslauf ist fehlgeschlagen',

    'slot.publishedWithout': 'Veröffentlicht; die Rezension belegt keinen Wochentermin.',
    'slot.publishedIn': 'Veröffentlicht; sie erhielt den Wochentermin {{slot}}.',
    'slot.publishedSomewhere': 'Zu einem Wochentermin veröffentlicht.',
    'slot.loading': 'Der Wochentermin, für den diese Rezension eingeplant ist.',
    'slot.notQueued':
      'Nicht eingeplant: Ein Administrator nimmt die Rezension in den Veröffentlichungsplan auf; sie erhält dann den nächsten freien Wochentermin.',
    'slot.queued':
      'Eingeplant für {{slot}} (Zeit des Veröffentlichungsplans); dann wird sie automatisch veröffentlicht.',
    'slot.queuedWhileOff':
      'Eingeplant für {{slot}} (Zeit des Veröffentlichungsplans). Die automatische Veröffentlichung ist ausgeschaltet: Nichts wird veröffentlicht, bis ein Administrator den Plan einschaltet.',
  },
}
