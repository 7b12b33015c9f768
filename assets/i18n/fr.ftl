# Les mots propres du dossier imprimé, en français : titres, libellés, champs de la
# couverture, dates. Le contenu du dossier est imprimé tel qu’il est écrit.
# Typographie : une espace insécable (U+00A0) avant le deux-points et à l'intérieur des
# guillemets, pour qu'aucune ligne ne commence par l'un d'eux.

## Dates

month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
# « 1er mars 2025 », « 14 mars 2025 ».
date-long = { $day ->
        [1] 1er
       *[other] { $day }
    } { $month } { $year }
dates-range = { $start } – { $end }
timestamp = { $date }, { $time } UTC
to-be-confirmed = À confirmer

## La couverture

cover-dates = Dates
cover-venue = Lieu
cover-host = Pays hôte
cover-guest = Pays invité
cover-prepared-by = Préparé par
cover-status = État
cover-pack = Contenu
cover-approval = Approbation
status-line = Révision { $revision } · { $status }
pack-some-left-out = { $sections }, certains éléments omis
approval = Approuvé par { $by } le { $date }
approval-with-role = Approuvé par { $by } ({ $role }) le { $date }
kind-bilateral-meeting = Rencontre bilatérale
kind-official-visit = Visite officielle
kind-state-visit = Visite d’État
kind-working-visit = Visite de travail
kind-summit = Sommet
kind-other = Autre
status-draft = Projet
status-in-review = En relecture
status-approved = Approuvé

## Chaque page

footer = { $title } — révision { $revision }
contents = Sommaire
page-of = Page { $page } sur { $pages }
continued = { $title } (suite)
briefing-pack = Dossier d’information

## Les parties

part-programme = Programme
part-delegations = Délégations
part-talking-points = Éléments de langage
part-security-notes = Notes de sécurité
empty-programme = Aucun élément de programme.
empty-delegations = Aucune délégation.
empty-talking-points = Aucun élément de langage.
empty-security-notes = Aucune note de sécurité.
part-biographies = Biographies
photo-of = Photo de { $name }
empty-biographies = Aucune biographie.
part-seating = Plan de table
empty-seating = Pas de plan de table : le dossier doit compter deux délégations.
seating-alt = La table { $table } vue d’en haut : chaque délégation de son côté, les chefs de délégation face à face au milieu. Les places sont énumérées ci-dessous.
seating-scale = Échelle 1:{ $scale } ; chaque place 60 cm.
seating-too-long = La table est trop longue pour tenir sur une page ; ses places sont énumérées ci-dessous.
seat-centre = Centre
seat-right = Droite { $n }
seat-left = Gauche { $n }
seat-behind = Derrière, { $place }
column-seat = Place, depuis le chef
part-arrivals = Arrivées et départs
empty-arrivals = Aucune arrivée ni aucun départ enregistré.

## Arrivées et départs

column-time = Heure
column-movement = Mouvement
column-who = Qui
column-details = Vol ou précisions
column-hotel = Hôtel
movement-arrival = Arrivée
movement-departure = Départ

## Programme

column-when = Quand
column-what = Quoi
column-where = Où
participants = Participants :

## Délégations

delegation-title = { $name } — { $side ->
        [host] délégation hôte
        [visiting] délégation invitée
       *[other] autre délégation
    }
name-to-be-confirmed = (nom à confirmer)
member-unconfirmed = { $position } (nom non confirmé)
member-unnamed = (membre sans nom)
column-number = Nº
column-name = Nom
column-position = Fonction
column-organisation = Organisation
column-role = Rôle
role-head = Chef de délégation
role-deputy = Chef adjoint de délégation
role-member = Membre
role-adviser = Conseiller
role-note-taker = Preneur de notes
role-interpreter = Interprète
role-security = Sécurité
role-support = Soutien

## Éléments de langage

other-points = Autres points
priority = Priorité : { $priority }
lead = Intervenant principal : { $name }
priority-high = haute
priority-medium = moyenne
priority-low = basse
label-objective = Objectif
label-key-messages = Messages clés
label-background = Contexte
label-if-raised = Si la question est soulevée
they-may-raise = Ils pourraient soulever :
our-response = Notre réponse :
label-press-line = Ligne de presse

## Notes de sécurité

region = Région : { $region }
threat-level = Niveau de menace : { $level }
last-reviewed = Dernière mise à jour le { $date }
threat-not-assessed = non évalué
threat-low = faible
threat-moderate = modéré
threat-substantial = substantiel
threat-severe = grave
threat-critical = critique
label-summary = Résumé
label-assessment = Situation et évaluation
label-key-actors = Acteurs clés
label-outlook = Perspectives
label-recommendations = Recommandations
label-sources = Sources
source-dated = { $citation } ({ $date })

## L'annexe des commentaires

annex-comments = Annexe : commentaires de relecture
comment-on = Sur { $where }
comment-open = ouvert
comment-resolved = résolu
on-dossier = le dossier
on-meta = les informations du dossier
on-scheme = le barème de classification
on-delegation = la délégation { $n }
on-member = le membre { $n }
on-programme = l’élément de programme { $n }
on-talking-point = l’élément de langage { $n }
on-security-note = la note de sécurité { $n }
on-pack = le dossier enregistré { $n }
on-removed = (supprimé)
quoted = « { $text } »

## Place cards

cards = Chevalets de table
cards-title = Chevalets de table : { $title }
