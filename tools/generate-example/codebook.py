"""Question texts, answer codes and option columns of the example edition.

Question wording of published figures is IMDi's survey instrument as quoted in
the fact sheet; questions that only appear in prose are paraphrased.
"""

JA_NEI = [(1, "Ja"), (2, "Nei")]

RATING_NYTTE = [(1, "Svært dårlig"), (2, "Dårlig"), (3, "Verken/eller"), (4, "God"),
                (5, "Svært god"), (6, "Ikke relevant")]
GROUPS_NYTTE = [("God", [4, 5]), ("Verken/eller", [3]), ("Dårlig", [1, 2]),
                ("Ikke relevant", [6])]
RATING_VIKTIG = [(1, "Svært lite viktig"), (2, "Lite viktig"), (3, "Verken/eller"),
                 (4, "Viktig"), (5, "Svært viktig"), (6, "Ikke relevant")]
GROUPS_VIKTIG = [("Viktig", [4, 5]), ("Verken/eller", [3]), ("Lite viktig", [1, 2]),
                 ("Ikke relevant", [6])]

ITEMS = [
    ("deling", "Deling av kunnskap og erfaringer om kvalifiseringsarbeid fra andre kommuner"),
    ("erfaring", "Tilrettelegging av kunnskapsspredning og erfaringsutveksling mellom kommuner"),
    ("nsk", "Kompetanseheving om negativ sosial kontroll, tvangsekteskap og kjønnslemlestelse"),
    ("mangfold", "Utvikling av tjenester for en mangfoldig befolkning"),
    ("bosetting", "Utvikling av kommunens planer for bosetting av flyktninger og integrering "
                  "av innvandrere"),
    ("tolk", "Råd om bruk og bestilling av tolk"),
    ("introduksjon", "Kvalitetsutvikling av introduksjonsprogrammet"),
    ("norsk", "Veiledning om opplæring i norsk og samfunnskunnskap"),
    ("arbeid", "Kvalifisering av innvandrere til arbeid"),
    ("statistikk", "Statistikk og analyser om integrering i kommunen"),
    ("tilskudd", "Veiledning om tilskuddsordninger"),
]
ITEMS_BEFORE_2018 = [k for k, _ in ITEMS if k != "nsk"]

Q_NYTTE = ("Sett fra ditt ståsted, hvordan vurderer du nytten av IMDis bistand på "
           "følgende områder?")
Q_VIKTIG = ("Hvor viktig vil det være å få bistand fra IMDi på de følgende områdene de "
            "neste to årene?")

Q_RESULTATMAAL = ("Har kommunen et resultatmål for introduksjonsprogrammet, det vil si et mål "
                  "for hvor stor andel av deltakerne som skal ut i arbeid eller utdanning "
                  "direkte etter avsluttet program?")
Q_SVINGNINGER = ("De siste årene har norske kommuner bosatt et rekordhøyt antall flyktninger. "
                 "I 2018 var bosettingsbehovet lavere enn det har vært de siste årene. Har "
                 "kommunen hatt utfordringer som følge av de store svingningene i "
                 "bosettingsbehov?")
Q_TOLK = ("Har kommunen retningslinjer for bruk og bestilling av tolk der Nasjonalt "
          "tolkeregister inngår?")
TOLK_CODES = [(1, "Ja, retningslinjer der Nasjonalt tolkeregister inngår"),
              (2, "Ja, retningslinjer uten at Nasjonalt tolkeregister inngår"),
              (3, "Nei, ingen retningslinjer for bruk av tolk")]
Q_NAERINGSLIV = ("Har kommunen samarbeid med lokalt næringsliv om integrering av innvandrere "
                 "i arbeidslivet?")
NAERINGSLIV_2018 = [
    ("naeringsliv_nav", "Ja, benytter NAVs nettverk i lokalt næringsliv"),
    ("naeringsliv_praksis", "Ja, egne samarbeidsavtaler mellom kommunen og lokale "
                            "arbeidsgivere om praksisplasser"),
    ("naeringsliv_avtaler", "Ja, andre samarbeidsavtaler mellom kommunen og lokale "
                            "arbeidsgivere (f.eks. norskopplæring eller mentorprogrammer)"),
    ("naeringsliv_stilling", "Ja, egen stillingsressurs øremerket samarbeid med lokalt "
                             "næringsliv"),
    ("naeringsliv_etablerer", "Ja, etablereropplæring tilpasset innvandrere"),
    ("naeringsliv_andre", "Ja, andre tiltak"),
    ("naeringsliv_nei", "Nei, ingen særskilte tiltak"),
]
MERGED_AVTALER = "Ja, samarbeidsavtaler med lokale arbeidsgivere"
NAERINGSLIV_BEFORE = [
    ("naeringsliv_nav", NAERINGSLIV_2018[0][1]),
    ("naeringsliv_samarbeidsavtaler", MERGED_AVTALER),
    ("naeringsliv_stilling", NAERINGSLIV_2018[3][1]),
    ("naeringsliv_andre", NAERINGSLIV_2018[5][1]),
    ("naeringsliv_nei", NAERINGSLIV_2018[6][1]),
]
Q_MANGFOLD = ("Har kommunen vedtatt planer eller tiltak der målet er at andelen innvandrere i "
              "befolkningen gjenspeiles blant kommunens ansatte?")
MANGFOLD = [
    ("mangfold_praksis", "Ja, praksisplasser, mentor- eller traineeordninger"),
    ("mangfold_intervju", "Ja, intervjuordning"),
    ("mangfold_andre", "Ja, andre vedtatte planer eller igangsatte tiltak"),
    ("mangfold_nei", "Nei"),
]


def single(question, codes):
    return {"type": "single", "question": question, "codes": codes}


def multi(question, options):
    return {"type": "multi", "question": question, "options": options}


def text(question):
    return {"type": "text", "question": question}


def rating(question, codes, groups):
    return {"type": "rating", "question": question, "codes": codes, "groups": groups}


def battery(prefix, items, codes, groups):
    labels = dict(ITEMS)
    return [(f"{prefix}_{k}", rating(labels[k], codes, groups)) for k in items]


IA_2018 = [
    ("stilling", multi("Hvilken stilling har du som besvarer denne delen av undersøkelsen?", [
        ("stilling_leder", "Leder"), ("stilling_annen", "Annen stilling")])),
    ("resultatmaal", single(Q_RESULTATMAAL, JA_NEI)),
    ("resultatmaal_definisjon", single(
        "Hvordan er resultatmålet definert?",
        [(1, "Andel i arbeid eller utdanning direkte etter avsluttet program"),
         (2, "Annen definisjon")])),
    ("resultatmaal_prosent", {"type": "number", "question": (
        "Antall kommuner som oppgir bestemte resultatmål for andel deltakere i "
        "arbeid/utdanning direkte etter avsluttet introduksjonsprogram.")}),
    ("utdanning", multi(
        "Legger kommunen til rette for at deltakere i introduksjonsprogrammet kan delta i "
        "grunnskole og/eller videregående opplæring?", [
            ("utdanning_felles", "Felles administrasjon mellom tilbyder av norskopplæring og "
                                 "grunnskole"),
            ("utdanning_timeplan", "Samkjøring av timeplaner mellom norskopplæringen og "
                                   "grunnskole eller videregående opplæring"),
            ("utdanning_avtale", "Forankret avtale mellom kommunen, fylkeskommunen og "
                                 "voksenopplæringssenteret"),
            ("utdanning_fleksibel", "Fleksibel undervisning, f.eks. undervisning på kveldstid"),
            ("utdanning_annet", "Annet"),
            ("utdanning_nei", "Nei")])),
    ("utdanning_annet_tekst", text("Beskriv annen tilrettelegging")),
    ("interkommunalt", single(
        "Samarbeider kommunen med andre kommuner om gjennomføringen av "
        "introduksjonsprogrammet?",
        [(1, "Ja, kjøper tjenester fra andre kommuner"),
         (2, "Ja, tilbyr tjenester til andre kommuner"),
         (3, "Ja, både kjøper og tilbyr tjenester"), (4, "Nei")])),
    ("tilbyr_tekst", text("Hvilke tjenester tilbyr kommunen til andre kommuner?")),
    ("kjoper_tekst", text("Hvilke tjenester kjøper kommunen fra andre kommuner?")),
    ("evaluering", multi(
        "Foruten eventuell rapportering av introduksjonsresultater til kommunal ledelse, har "
        "kommunen evaluert introduksjonsprogrammet de siste to årene (f.eks. gjennom samtaler "
        "eller spørreundersøkelser rettet mot medarbeidere og/eller introduksjonsdeltakere)?", [
            ("evaluering_deltakere", "Evaluering blant deltakere"),
            ("evaluering_medarbeidere", "Evaluering blant medarbeidere"),
            ("evaluering_moter", "Evaluering i forbindelse med møter med kommuneledelse, "
                                 "flyktningetjeneste, voksenopplæring eller NAV"),
            ("evaluering_annet", "Annet"),
            ("evaluering_nei", "Nei")])),
    ("evaluering_tekst", text("Beskriv eventuell evaluering av introduksjonsprogrammet")),
    ("naeringsliv", multi(Q_NAERINGSLIV, NAERINGSLIV_2018)),
    ("naeringsliv_annet_tekst", text("Beskriv andre tiltak")),
] + battery("nytte", [k for k, _ in ITEMS], RATING_NYTTE, GROUPS_NYTTE) + battery(
    "viktig", [k for k, _ in ITEMS], RATING_VIKTIG, GROUPS_VIKTIG) + [
    ("tjenester_tekst", text("Hvilke tjenester fra IMDi har kommunen særlig behov for?")),
]

RM_2018 = [
    ("rm_stilling", single("Hvilken stilling har du som besvarer denne delen av undersøkelsen?",
                           [(1, "Rådmann eller rådmannens stab"), (2, "Annen stilling")])),
    ("svingninger", single(Q_SVINGNINGER, JA_NEI)),
    ("utfordringer", multi("Hvilke utfordringer står kommunen overfor?", [
        ("utfordringer_bemanning", "Bemanning"), ("utfordringer_planlegging", "Planlegging"),
        ("utfordringer_okonomi", "Økonomi"), ("utfordringer_bolig", "Bolig"),
        ("utfordringer_kompetanse", "Kompetanse"), ("utfordringer_annet", "Annet")])),
    ("mangfold", multi(Q_MANGFOLD, MANGFOLD)),
    ("mangfold_annet_tekst", text("Beskriv andre planer eller tiltak")),
    ("intervjuordning_planer", single(
        "Har kommunen planer om å innføre intervjuordningen?", JA_NEI)),
    ("tolk", single(Q_TOLK, TOLK_CODES)),
    ("tjenester_tekst", text("Hvilke tjenester fra IMDi har kommunen særlig behov for?")),
]


def earlier(year):
    """Variables of the single rådmann questionnaire of an earlier year."""
    out = [("resultatmaal", single(Q_RESULTATMAAL, JA_NEI)), ("tolk", single(Q_TOLK, TOLK_CODES))]
    if year == 2017:
        out.append(("svingninger", single(
            "Har kommunen hatt utfordringer som følge av de store svingningene i "
            "bosettingsbehov?", JA_NEI)))
    if year in (2016, 2017):
        out.append(("naeringsliv", multi(Q_NAERINGSLIV, NAERINGSLIV_BEFORE)))
    if year == 2016:
        out.append(("mangfold", multi(Q_MANGFOLD, MANGFOLD)))
    if year in (2016, 2017):
        out += battery("nytte", ITEMS_BEFORE_2018, RATING_NYTTE, GROUPS_NYTTE)
        out += battery("viktig", ITEMS_BEFORE_2018, RATING_VIKTIG, GROUPS_VIKTIG)
    return out


def columns(variables):
    """Data columns of a list of variables, in order (after `kommunenr`)."""
    cols = []
    for name, v in variables:
        if v["type"] == "multi":
            cols += [c for c, _ in v["options"]]
        else:
            cols.append(name)
    return cols
