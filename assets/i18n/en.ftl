# The briefing pack's own words in English: headings, labels, the cover's field names,
# dates. The dossier's content is printed as written. Every message here must also be in
# each other catalogue, with the same variables (a unit test checks).

## Dates

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# "14 March 2025".
date-long = { $day } { $month } { $year }
dates-range = { $start } – { $end }
# A review comment's time: "14 March 2025, 09:30 UTC".
timestamp = { $date }, { $time } UTC
to-be-confirmed = To be confirmed

## The cover

cover-dates = Dates
cover-venue = Venue
cover-host = Host
cover-guest = Guest
cover-prepared-by = Prepared by
cover-status = Status
cover-pack = Pack
cover-approval = Approval
status-line = Revision { $revision } · { $status }
# A pack that is not the whole dossier, named by its sections.
pack-some-left-out = { $sections }, some items left out
approval = Approved by { $by } on { $date }
approval-with-role = Approved by { $by } ({ $role }) on { $date }
kind-bilateral-meeting = Bilateral meeting
kind-official-visit = Official visit
kind-state-visit = State visit
kind-working-visit = Working visit
kind-summit = Summit
kind-other = Other
status-draft = Draft
status-in-review = In review
status-approved = Approved

## Every page

footer = { $title } — revision { $revision }
contents = Contents
page-of = Page { $page } of { $pages }
# Above a table on its later pages.
continued = { $title } (continued)
# The PDF's subject when the dossier names no occasion, and one of its keywords.
briefing-pack = Briefing pack

## The parts

part-programme = Programme
part-delegations = Delegations
part-talking-points = Talking points
part-security-notes = Security notes
empty-programme = No programme items.
empty-delegations = No delegations.
empty-talking-points = No talking points.
empty-security-notes = No security notes.
part-biographies = Biographies
photo-of = Photo of { $name }
empty-biographies = No biographies.
part-seating = Seating plan
empty-seating = No seating plan: the dossier needs two delegations.
seating-alt = The table of { $table } seen from above: each delegation on its side, the heads of delegation facing each other in the middle. The seats are listed below.
seating-scale = Scale 1:{ $scale }; each seat 60 cm.
seating-too-long = The table is too long to draw on one page; its seats are listed below.
seat-centre = Centre
seat-right = Right { $n }
seat-left = Left { $n }
seat-behind = Behind, { $place }
column-seat = Seat, from the head
part-arrivals = Arrivals and departures
empty-arrivals = No arrivals or departures recorded.

## Arrivals and departures

column-time = Time
column-movement = Movement
column-who = Who
column-details = Flight or details
column-hotel = Hotel
movement-arrival = Arrival
movement-departure = Departure

## Programme

column-when = When
column-what = What
column-where = Where
participants = Participants:

## Delegations

delegation-title = { $name } — { $side ->
        [host] host delegation
        [visiting] visiting delegation
       *[other] other delegation
    }
name-to-be-confirmed = (name to be confirmed)
member-unconfirmed = { $position } (name not confirmed)
member-unnamed = (unnamed member)
column-number = #
column-name = Name
column-position = Position
column-organisation = Organisation
column-role = Role
role-head = Head of delegation
role-deputy = Deputy head
role-member = Member
role-adviser = Adviser
role-note-taker = Note-taker
role-interpreter = Interpreter
role-security = Security
role-support = Support

## Talking points

other-points = Other points
priority = Priority: { $priority }
lead = Lead: { $name }
priority-high = High
priority-medium = Medium
priority-low = Low
label-objective = Objective
label-key-messages = Key messages
label-background = Background
label-if-raised = If raised
they-may-raise = They may raise:
our-response = Our response:
label-press-line = Press line

## Security notes

region = Region: { $region }
threat-level = Threat level: { $level }
last-reviewed = Last reviewed { $date }
threat-not-assessed = Not assessed
threat-low = Low
threat-moderate = Moderate
threat-substantial = Substantial
threat-severe = Severe
threat-critical = Critical
label-summary = Summary
label-assessment = Situation and assessment
label-key-actors = Key actors
label-outlook = Outlook
label-recommendations = Recommendations
label-sources = Sources
source-dated = { $citation } ({ $date })

## The comments annex

annex-comments = Annex: Review comments
comment-on = On { $where }
comment-open = open
comment-resolved = resolved
on-dossier = the dossier
on-meta = the dossier's details
on-scheme = the marking scheme
on-delegation = delegation { $n }
on-member = member { $n }
on-programme = programme item { $n }
on-talking-point = talking point { $n }
on-security-note = security note { $n }
on-pack = pack { $n }
on-removed = (removed)
quoted = “{ $text }”

## Place cards

cards = Place cards
cards-title = Place cards: { $title }
