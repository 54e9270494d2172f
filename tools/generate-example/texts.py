"""Short invented free-text answers (counted by `tekstsvar`, never published)."""

# About a third of the 54 "annet" writers mention neighbouring municipalities.
UTDANNING_NABO = ["Samarbeid med nabokommunen om grunnskoleopplæring",
                  "Deltakere tar grunnskole i nabokommunen",
                  "Interkommunalt samarbeid om videregående opplæring"]
UTDANNING = ["Egen klasse for unge deltakere", "Individuell tilrettelegging ved behov",
             "Samarbeid med fylkeskommunen", "Kombinasjonsklasse ved den videregående skolen",
             "Grunnskole som del av programmet for dem som trenger det"]
TILBYR = ["Norskopplæring", "Grunnskoleopplæring for voksne", "Opplæring i samfunnskunnskap",
          "Norskopplæring og samfunnskunnskap", "Språkpraksis"]
KJOPER = ["Norskopplæring", "Grunnskoleopplæring", "Opplæring i samfunnskunnskap",
          "Norskopplæring fra nabokommunen", "Arbeidspraksis"]
EVALUERING = ["Samtaler med deltakerne", "Spørreundersøkelse blant deltakerne",
              "Gjennomgang i personalmøter", "Evaluering i møte med NAV",
              "Ingen evaluering ut over rapportering", "Brukerundersøkelse",
              "Drøfting i samarbeidsmøter med voksenopplæringen"]
NAERINGSLIV = ["Godt samarbeid med arbeidsgivere uten skriftlige avtaler",
               "Avtaler fra sak til sak", "Kommunen tilbyr selv praksisplasser",
               "Samarbeid med frivillighetssentralen", "Samarbeid med frivillige organisasjoner"]
MANGFOLD = ["Bevisst rekruttering av innvandrere", "Mål om mangfold blant ansatte",
            "Tiltak i kommuneplanen", "Praksisplasser i kommunale virksomheter",
            "Oppfordring til søkere med innvandrerbakgrunn i utlysninger"]
TJENESTER = ["Veiledning om introduksjonsprogrammet", "Kurs og samlinger for ansatte",
             "Forutsigbarhet og langsiktighet i bosettingen", "Anmodning om bosetting tidligere",
             "Erfaringsutveksling med andre kommuner",
             "Kvalifisering av deltakere med lite utdanning",
             "Samarbeid med fylkeskommunen om videregående opplæring",
             "Råd om samarbeid med lokalt næringsliv", "Bistand med NIR og IMDinett",
             "Veiledning om tilskuddsordninger", "Ingen særlige behov nå"]
