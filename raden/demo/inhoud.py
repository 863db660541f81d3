"""Demo-inhoud van Regioportaal: het regionaal programma 2026-2028 van de Groene
Metropoolregio Arnhem-Nijmegen.

Gebaseerd op 'Contouren: voorstel voor vernieuwde samenwerking'. Bedragen in hele euro's
(int), capaciteit in fte als tekst (om te zetten naar Decimal). Alleen data."""

THEMAS = [
    {
        "slug": "groeiregio-in-balans",
        "naam": "Groeiregio in balans",
        "omschrijving": (
            "De regio groeit in inwoners, woningen en werkgelegenheid. We passen die groei zo in "
            "dat steden en dorpen er sterker van worden, het landschap van stuwwallen en rivieren "
            "herkenbaar blijft en de regio ook bij hoogwater, droogte en hitte veilig en leefbaar "
            "is. Wonen, water en groen plannen we daarom in samenhang."
        ),
    },
    {
        "slug": "productieve-regio",
        "naam": "Productieve regio",
        "omschrijving": (
            "Een kennisintensieve economie met innovatieve bedrijven in alle sectoren, met als "
            "groeispeerpunten Health & hightech, Food en Energy onder de vlag Lifeport. We "
            "verbinden kennisinstellingen, ondernemers en overheden en zorgen dat werklocaties "
            "ruimte, energie en talent houden om te groeien."
        ),
    },
    {
        "slug": "verbonden-regio",
        "naam": "Verbonden regio",
        "omschrijving": (
            "Steden en dorpen raken steeds meer met elkaar verbonden, langs de oost-westcorridor "
            "en over de as tussen Arnhem en Nijmegen. We werken aan betrouwbare bereikbaarheid "
            "over weg, spoor en fietspad, aan snelle digitale verbindingen en aan de verbinding "
            "met Duitsland, zodat alle plaatsen en functies in het stedelijk netwerk goed "
            "bereikbaar blijven."
        ),
    },
    {
        "slug": "vitale-regio",
        "naam": "Vitale regio",
        "omschrijving": (
            "Inwoners leven gezond, ontwikkelen hun talenten en doen mee op de arbeidsmarkt. We "
            "werken samen aan kleinere gezondheidsverschillen tussen wijken en groepen, aan "
            "onderwijs dat aansluit op wat werkgevers vragen en aan voldoende mensen in zorg, "
            "techniek en onderwijs."
        ),
    },
    {
        "slug": "circulaire-regio",
        "naam": "Circulaire regio",
        "omschrijving": (
            "In 2050 is de regio energieneutraal en circulair. We wekken duurzame energie op, "
            "maken wijken aardgasvrij en sluiten kringlopen van grondstoffen. Dat doen we zonder "
            "de lasten af te wentelen op andere groepen, latere generaties of andere gebieden."
        ),
    },
]

PARTNERS = [
    {
        "slug": "radboud-universiteit",
        "naam": "Radboud Universiteit",
        "soort": "kennisinstelling",
        "website": "https://www.ru.nl",
    },
    {
        "slug": "radboudumc",
        "naam": "Radboudumc",
        "soort": "kennisinstelling",
        "website": "https://www.radboudumc.nl",
    },
    {
        "slug": "han",
        "naam": "Hogeschool van Arnhem en Nijmegen (HAN)",
        "soort": "kennisinstelling",
        "website": "https://www.han.nl",
    },
    {
        "slug": "wur",
        "naam": "Wageningen University & Research",
        "soort": "kennisinstelling",
        "website": "https://www.wur.nl",
    },
    {
        "slug": "provincie-gelderland",
        "naam": "Provincie Gelderland",
        "soort": "overheid",
        "website": "https://www.gelderland.nl",
    },
    {
        "slug": "provincie-limburg",
        "naam": "Provincie Limburg",
        "soort": "overheid",
        "website": "https://www.limburg.nl",
    },
    {
        "slug": "rijkswaterstaat-oost-nederland",
        "naam": "Rijkswaterstaat Oost-Nederland",
        "soort": "overheid",
        "website": "https://www.rijkswaterstaat.nl",
    },
    {
        "slug": "ggd-gelderland-zuid",
        "naam": "GGD Gelderland-Zuid",
        "soort": "overheid",
        "website": "https://www.ggdgelderlandzuid.nl",
    },
    {
        "slug": "waterschap-rivierenland",
        "naam": "Waterschap Rivierenland",
        "soort": "waterschap",
        "website": "https://www.waterschaprivierenland.nl",
    },
    {
        "slug": "waterschap-rijn-en-ijssel",
        "naam": "Waterschap Rijn en IJssel",
        "soort": "waterschap",
        "website": "https://www.wrij.nl",
    },
    {"slug": "oost-nl", "naam": "Oost NL", "soort": "overheid", "website": "https://oostnl.nl"},
    {
        "slug": "alliander",
        "naam": "Alliander",
        "soort": "bedrijf",
        "website": "https://www.alliander.com",
    },
    {"slug": "prorail", "naam": "ProRail", "soort": "bedrijf", "website": "https://www.prorail.nl"},
    {"slug": "novio-tech-campus", "naam": "Novio Tech Campus", "soort": "bedrijf", "website": ""},
    {
        "slug": "ipkw",
        "naam": "Industriepark Kleefse Waard (IPKW)",
        "soort": "bedrijf",
        "website": "",
    },
    {"slug": "kiemt", "naam": "Kiemt", "soort": "maatschappelijk", "website": "https://kiemt.nl"},
    {
        "slug": "talis",
        "naam": "Talis",
        "soort": "maatschappelijk",
        "website": "https://www.talis.nl",
    },
    {
        "slug": "gnmf",
        "naam": "Gelderse Natuur en Milieufederatie",
        "soort": "maatschappelijk",
        "website": "https://www.gnmf.nl",
    },
]

BESTUURDERS = [
    {
        "key": "portefeuillehouder-demo",
        "naam": "Marieke van der Linden",
        "functie": "wethouder",
        "gemeente": "lingewaard",
        "portefeuille": "Energietransitie, klimaat en duurzaamheid",
    },
    {
        "key": "dverhoeven",
        "naam": "Daan Verhoeven",
        "functie": "wethouder",
        "gemeente": "nijmegen",
        "portefeuille": "Wonen en ruimtelijke ontwikkeling",
    },
    {
        "key": "shoekstra",
        "naam": "Sanne Hoekstra",
        "functie": "wethouder",
        "gemeente": "arnhem",
        "portefeuille": "Economie, innovatie en kennisinstellingen",
    },
    {
        "key": "rkremers",
        "naam": "Ruud Kremers",
        "functie": "wethouder",
        "gemeente": "overbetuwe",
        "portefeuille": "Mobiliteit en infrastructuur",
    },
    {
        "key": "aschippers",
        "naam": "Anouk Schippers",
        "functie": "wethouder",
        "gemeente": "wijchen",
        "portefeuille": "Verkeer, openbaar vervoer en fiets",
    },
    {
        "key": "gwolters",
        "naam": "Gerard Wolters",
        "functie": "burgemeester",
        "gemeente": "rheden",
        "portefeuille": "Landschap, natuur en recreatie",
    },
    {
        "key": "fdijkhuizen",
        "naam": "Femke Dijkhuizen",
        "functie": "burgemeester",
        "gemeente": "berg-en-dal",
        "portefeuille": "Klimaatadaptatie en water",
    },
    {
        "key": "thendriks",
        "naam": "Thijs Hendriks",
        "functie": "wethouder",
        "gemeente": "zevenaar",
        "portefeuille": "Economie en bedrijventerreinen",
    },
    {
        "key": "lgerritsen",
        "naam": "Lotte Gerritsen",
        "functie": "wethouder",
        "gemeente": "druten",
        "portefeuille": "Landbouw, voedsel en platteland",
    },
    {
        "key": "ksmeets",
        "naam": "Karin Smeets",
        "functie": "wethouder",
        "gemeente": "duiven",
        "portefeuille": "Circulaire economie en afval",
    },
    {
        "key": "bhermsen",
        "naam": "Bas Hermsen",
        "functie": "wethouder",
        "gemeente": "beuningen",
        "portefeuille": "Zorg, welzijn en gezondheid",
    },
    {
        "key": "ybouzid",
        "naam": "Yasmina Bouzid",
        "functie": "wethouder",
        "gemeente": "renkum",
        "portefeuille": "Onderwijs, werk en inkomen",
    },
    {
        "key": "mroelofs",
        "naam": "Michiel Roelofs",
        "functie": "burgemeester",
        "gemeente": "montferland",
        "portefeuille": "Grensoverschrijdende samenwerking",
    },
    {
        "key": "ilamers",
        "naam": "Ingrid Lamers",
        "functie": "wethouder",
        "gemeente": "heumen",
        "portefeuille": "Digitalisering en buitengebied",
    },
    {
        "key": "hbos",
        "naam": "Hanneke Bos",
        "functie": "wethouder",
        "gemeente": "mook-en-middelaar",
        "portefeuille": "Wonen, ruimte en landschap",
    },
    {
        "key": "ejanssen",
        "naam": "Erik Janssen",
        "functie": "wethouder",
        "gemeente": "doesburg",
        "portefeuille": "Economie, cultuur en toerisme",
    },
    {
        "key": "cvandam",
        "naam": "Carolien van Dam",
        "functie": "burgemeester",
        "gemeente": "rozendaal",
        "portefeuille": "Openbare orde en veiligheid, regionale samenwerking",
    },
    {
        "key": "mbakker",
        "naam": "Mehmet Bakker",
        "functie": "wethouder",
        "gemeente": "westervoort",
        "portefeuille": "Sociaal domein, jeugd en onderwijs",
    },
]

VISIE = {
    2026: {
        "titel": "Regionaal programma 2026: van agenda naar concrete opgaven",
        "fundament": (
            "De Groene Metropoolregio Arnhem-Nijmegen is gevormd door ijs en water. In het noorden "
            "ligt de stuwwal van de Veluwezoom, in het zuiden de Nijmeegse stuwwal, in het oosten "
            "Montferland; daartussen en daarlangs stromen de Rijn, de Waal, de IJssel en de Maas. "
            "Die gespiegelde structuur zie je terug in Arnhem en Nijmegen: twee steden tegen een "
            "stuwwal aan een grote rivier, omringd door dorpen en kernen met elk een eigen "
            "karakter.\n\n"
            "De regio heeft zich ontwikkeld langs een oost-westcorridor van rivieren, snelwegen en "
            "spoorlijnen die de Randstad verbindt met het Ruhrgebied. In noord-zuidrichting liep "
            "de ontwikkeling uiteen: de Liemers, de Betuwe, het Rijk van Nijmegen, het Land van "
            "Maas en Waal en de Veluwezoom hebben elk hun eigen economische en landschappelijke "
            "geschiedenis.\n\n"
            "De regio raakt steeds meer verbonden, maar wordt geen monocentrisch geheel, en dat "
            "willen we ook niet. In een stedelijk netwerk zijn alle plaatsen en functies even "
            "belangrijk. De verscheidenheid aan culturen, landschappen en kernen is onze kracht, "
            "mits we de verbinding zoeken. Daarom zoeken we in dit programma nadrukkelijk naar "
            "synergie tussen opgaven."
        ),
        "actualiteit": (
            "Met ongeveer 800.000 inwoners in 18 gemeenten zijn we het grootste verstedelijkte "
            "gebied van Nederland buiten de Randstad, en toch ontspannen: vanuit elke kern fiets "
            "je binnen een kwartier de uiterwaarden of de stuwwal in. Die combinatie trekt "
            "inwoners en bedrijven aan, maar zet ook druk op de woningmarkt, de bereikbaarheid, "
            "het elektriciteitsnet en het landschap.\n\n"
            "We zijn een moderne, kennisintensieve regio met innovatieve bedrijven in alle "
            "sectoren. Onze groeispeerpunten zijn Health & hightech, Food en Energy, die we samen "
            "presenteren als Lifeport. Van medische technologie en chiptechnologie rond het "
            "Radboudumc en Novio Tech Campus tot het energiecluster in Arnhem en de fruitteelt en "
            "glastuinbouw in de Betuwe: de kennis en de bedrijven zijn er.\n\n"
            "Tegelijk stellen we vast dat de regionale samenwerking tot nu toe te weinig "
            "opleverde. Er was geen duidelijk aanspreekpunt, kansen bleven onbenut en ons profiel "
            "was bleek. We sloten te weinig aan op de programma's van provincie, Rijk en EU, "
            "waarin miljoenen en soms miljarden omgaan. En gemeenteraden hadden weinig zicht en "
            "grip op de regionale agenda. Dit is het eerste programma volgens de vernieuwde "
            "werkwijze: geen extra bestuurslaag, wel concrete opgaven waarover elke raad zelf "
            "besluit bij de eigen begroting."
        ),
        "perspectief": (
            "We profileren ons als groene, circulaire metropoolregio, naast en samen met de andere "
            "metropoolregio's van Nederland. Die ambitie is geloofwaardig: de regio is al verkozen "
            "tot circulaire topregio en Nijmegen was in 2018 European Green Capital. Ons doel voor "
            "2050 is een energieneutrale en circulaire groene metropoolregio.\n\n"
            "Circulair vatten we breed op: het betekent ook inclusief denken. Wat we hier en nu "
            "doen, mag niet worden afgewenteld op andere groepen, latere generaties of andere "
            "gebieden. Bij elke opgave maken we daarom zichtbaar wat het effect is op de brede "
            "welvaart, hier en nu, later en elders.\n\n"
            "In 2026 leggen we het fundament: twaalf opgaven met een helder doel, een meetbaar "
            "resultaat, budget, capaciteit en sturing. Elke opgave heeft een regionaal "
            "portefeuillehouder met een concreet uitvoeringsmandaat en een stuurgroep met "
            "maatschappelijke partners. Waar het kan, koppelen we de opgaven aan programma's van "
            "provincie, Rijk en EU, zodat elke regionale euro extra middelen aantrekt."
        ),
    },
    2027: {
        "titel": "Regionaal programma 2027: opgaven verbinden, synergie benutten",
        "fundament": (
            "Het landschap is de drager van onze regio. De stuwwallen van de Veluwezoom, de "
            "Nijmeegse heuvelrug en Montferland, de rivieren Rijn, Waal, IJssel en Maas en de "
            "Gelderse Poort, waar de Rijn ons land binnenstroomt en zich splitst, bepalen waar we "
            "wonen, werken en ontspannen. De gespiegelde structuur rond Arnhem en Nijmegen geeft "
            "de regio twee gezichten die elkaar aanvullen.\n\n"
            "Die structuur verklaart ook waarom de regio geen monocentrisch geheel wordt. Langs de "
            "oost-westcorridor liggen snelwegen, spoor en vaarwegen tussen de Randstad en "
            "Duitsland; in noord-zuidrichting is de verbinding tussen Arnhem en Nijmegen de "
            "ruggengraat van het stedelijk netwerk. Daartussen liggen dorpen en kernen met een "
            "eigen identiteit, die in dat netwerk even belangrijk zijn als de twee grote "
            "steden.\n\n"
            "Het eerste programmajaar bevestigde dat de verscheidenheid aan kernen, culturen en "
            "landschappen een kracht is zolang we de verbinding zoeken. Kleine en grote gemeenten "
            "leverden portefeuillehouders, kennis en capaciteit. Omdat het landschap van "
            "stuwwallen en rivieren zoveel opgaven raakt, krijgt het in 2027 een eigen opgave."
        ),
        "actualiteit": (
            "In 2026 werkte de regio voor het eerst met een jaarprogramma waarover elke "
            "gemeenteraad zelf besloot. De tertiaalrapportages geven raden per opgave zicht op "
            "voortgang, bestede middelen en bereikte resultaten. De zienswijzen van de raden "
            "hebben we verwerkt in dit programma; de reactienota laat per zienswijze zien wat we "
            "ermee hebben gedaan.\n\n"
            "De druk op de regio is niet kleiner geworden. Netcongestie vertraagt de aansluiting "
            "van nieuwe woningen, bedrijven en laadpleinen. De woningbouw kampt met hoge "
            "bouwkosten en lange procedures. Werkgevers in zorg, techniek en onderwijs zoeken "
            "tevergeefs personeel, terwijl een deel van onze inwoners langs de kant staat.\n\n"
            "Onze economische basis blijft sterk. Health & hightech, Food en Energy zijn de motor "
            "van een kennisintensieve economie, en Lifeport wordt bij provincie, Rijk en "
            "investeerders beter herkend. De analyse van de netcongestie in 2026 liet zien dat "
            "bedrijventerreinen zelf een deel van de oplossing kunnen zijn door energie samen op "
            "te wekken, op te slaan en te delen."
        ),
        "perspectief": (
            "Het doel voor 2050 blijft ongewijzigd: een energieneutrale en circulaire groene "
            "metropoolregio. In 2027 leggen we het accent op de verbindingen tussen opgaven. Hoe "
            "meer synergie, hoe meer prioriteit: opgaven die aantoonbaar bijdragen aan andere "
            "opgaven krijgen voorrang bij budget en capaciteit.\n\n"
            "Twee nieuwe opgaven volgen direct uit die gedachte. Energiehubs op bedrijventerreinen "
            "verbinden de energietransitie met de productieve regio. De opgave landschap en natuur "
            "verbindt klimaatadaptatie, voedsel en recreatie in de Gelderse Poort en op de "
            "stuwwallen.\n\n"
            "We blijven ons profileren als groene, circulaire metropoolregio en als inspiratiebron "
            "voor lokale initiatieven. De aansluiting op programma's van provincie, Rijk en EU "
            "maken we systematisch: elke opgave noemt de regelingen waarop zij aansluit en de "
            "cofinanciering die we verwachten, en rapporteert wat daarvan binnenkomt."
        ),
    },
    2028: {
        "titel": "Regionaal programma 2028: doorpakken richting 2050",
        "fundament": (
            "Onze regio ligt waar de Rijn Nederland binnenstroomt en zich splitst in Waal, "
            "Nederrijn en IJssel. Stuwwallen en rivieren vormen een gespiegelde structuur, met "
            "Arnhem en Nijmegen als twee steden die elkaar aanvullen en met dorpen en kernen die "
            "elk hun eigen plek in het landschap hebben.\n\n"
            "De ligging aan de grens hoort bij dat fundament. De Liemers, Montferland en het Rijk "
            "van Nijmegen zijn van oudsher verbonden met Emmerik en Kleef, en de oost-westcorridor "
            "loopt door tot in het Ruhrgebied. Voor veel inwoners en bedrijven houdt de regio niet "
            "op bij de grens.\n\n"
            "In een stedelijk netwerk zijn alle plaatsen en functies even belangrijk. Dat "
            "uitgangspunt heeft zich in twee programmajaren bewezen: opgaven werden gedragen door "
            "grote en kleine gemeenten samen, en de verschillen tussen kernen, culturen en "
            "landschappen leverden juist de verbindingen op waar het programma op bouwt."
        ),
        "actualiteit": (
            "Na twee jaar werken met een jaarprogramma is de regionale samenwerking zichtbaarder "
            "en beter controleerbaar. Raden besluiten per opgave over deelname en bijdrage, volgen "
            "de voortgang per tertiaal en krijgen na afloop van elk jaar een eigen verantwoording, "
            "inclusief de verrekening van niet-bestede middelen.\n\n"
            "De opgave digitale connectiviteit is eind 2027 afgerond en komt in dit programma niet "
            "meer terug; gemeenten volgen de laatste aansluitingen zelf. Andere opgaven vragen "
            "juist meer: netcongestie blijft tot de grote netuitbreidingen gereed zijn een rem op "
            "woningbouw en bedrijvigheid, en de krapte op de arbeidsmarkt raakt inmiddels de "
            "uitvoering van vrijwel alle opgaven.\n\n"
            "Duitsland is onze grootste buur en een belangrijke handelspartner, maar de grens "
            "blijft een drempel voor werken, reizen en ondernemen. Met de nieuwe opgave "
            "grensoverschrijdende samenwerking sluiten we aan op Interreg Deutschland-Nederland en "
            "op de samenwerking in de Euregio Rijn-Waal."
        ),
        "perspectief": (
            "Tot 2050 is het nog ruim twintig jaar. Dat lijkt lang, maar de netuitbreidingen, "
            "woningen, warmtenetten en infrastructuur die we nu plannen, staan er dan nog. Wat we "
            "nu besluiten, bepaalt of we in 2050 een energieneutrale en circulaire groene "
            "metropoolregio zijn.\n\n"
            "Geen afwenteling blijft onze toets. Voor elke opgave laten we zien wat het effect is "
            "op de brede welvaart hier en nu, voor latere generaties en elders, met de dimensies "
            "van de Monitor Brede Welvaart van het CBS. Zo voorkomen we dat de ene opgave de "
            "lasten verschuift naar een andere groep of een ander gebied.\n\n"
            "Met de andere metropoolregio's laten we in Den Haag en Brussel zien wat een groene, "
            "circulaire metropoolregio is. We gebruiken onze resultaten als etalage en als "
            "inspiratie voor lokale initiatieven, en we zetten het programma in om actief mee te "
            "doen in de grote programma's van provincie, Rijk en EU."
        ),
    },
}

OPGAVEN = [
    {
        "slug": "energietransitie",
        "titel": "Energietransitie: duurzame opwek en netcongestie",
        "thema": "circulaire-regio",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 2_150_000,
                "fte": "5.0",
                "resultaat": (
                    "Er is 120 MW zon op dak en 35 MW zon op land extra gerealiseerd. Twee "
                    "windprojecten met samen zes turbines zijn in procedure, beide met minimaal 50 "
                    "procent lokaal eigendom. Voor tien congestiegebieden is samen met Alliander "
                    "een netanalyse uitgevoerd en is een regionale prioriteringslijst voor "
                    "netaansluitingen vastgesteld."
                ),
            },
            2027: {
                "budget": 2_400_000,
                "fte": "5.5",
                "resultaat": (
                    "Er is 110 MW zon op dak extra gerealiseerd. Het eerste windproject is "
                    "vergund, met minimaal 50 procent lokaal eigendom. Op de congestielocaties is "
                    "25 MW batterijopslag in voorbereiding en de regionale prioriteringslijst voor "
                    "netaansluitingen is samen met Alliander geactualiseerd."
                ),
            },
            2028: {
                "budget": 2_262_500,
                "fte": "5.5",
                "resultaat": (
                    "Er is opnieuw 110 MW zon op dak extra gerealiseerd en het eerste windproject "
                    "is in aanbouw. De regio wekt 0,3 TWh per jaar meer duurzame elektriciteit op "
                    "dan in 2025, een volgende stap naar een energieneutrale regio in 2050."
                ),
            },
        },
        "doel": (
            "We voeren de Regionale Energiestrategie (RES) Arnhem Nijmegen uit: meer duurzame "
            "elektriciteit uit zon en wind, met draagvlak in de omgeving en minimaal 50 procent "
            "lokaal eigendom. Tegelijk pakken we de netcongestie regionaal aan, zodat woningbouw, "
            "bedrijven en laadinfrastructuur niet stilvallen. Zo zetten we een volgende stap naar "
            "een energieneutrale regio in 2050."
        ),
        "mandaat": (
            "De portefeuillehouder mag binnen het vastgestelde budget opdrachten verlenen voor "
            "onderzoek, netanalyses en procesbegeleiding, namens de regio de "
            "samenwerkingsovereenkomst over netcongestie met Alliander en de provincie "
            "ondertekenen en cofinanciering aanvragen bij provincie en Rijk. Besluiten over "
            "zoekgebieden en locaties voor zon en wind, omgevingsplannen en vergunningen blijven "
            "bij de gemeenteraden en colleges; dit mandaat draagt geen raadsbevoegdheden over."
        ),
        "sturing": (
            "Stuurgroep Energie onder voorzitterschap van de portefeuillehouder, met Provincie "
            "Gelderland, Alliander, Kiemt en twee bestuurders uit de regio. Een programmamanager "
            "van het programmabureau leidt het kernteam met de energiecoördinatoren van de "
            "gemeenten. De stuurgroep vergadert zes keer per jaar; de portefeuillehouder "
            "rapporteert tertiaal aan het regiobestuur en de raden (T1 in mei, T2 in september, "
            "eindrapportage na afloop van het jaar)."
        ),
        "capaciteit_toelichting": (
            "Het programmabureau levert de programmamanager (1,0 fte) en een adviseur netcongestie "
            "(1,0 fte). De gemeenten leveren samen 2,0 fte aan RES-coördinatie, vanaf 2027 2,5 "
            "fte: de energieteams van Arnhem en Nijmegen en een gedeelde pool voor de kleinere "
            "gemeenten. Alliander en Kiemt leveren samen 1,0 fte voor netanalyse en participatie."
        ),
        "portefeuillehouder": "portefeuillehouder-demo",
        "stuurgroep": {
            "partners": ["provincie-gelderland", "alliander", "kiemt"],
            "bestuurders": ["thendriks", "shoekstra"],
        },
        "externe_regelingen": [
            {
                "naam": "Provinciaal programma energietransitie Gelderland",
                "niveau": "provincie",
                "cofinanciering": 650_000,
                "toelichting": (
                    "Bijdrage aan procesbegeleiding van zon- en windprojecten met lokaal eigendom "
                    "en aan de regionale netcongestieaanpak."
                ),
            },
            {
                "naam": "Klimaatfonds",
                "niveau": "rijk",
                "cofinanciering": 900_000,
                "toelichting": (
                    "Aanvraag voor batterijopslag en slim netgebruik op drie congestielocaties in "
                    "de regio."
                ),
            },
        ],
    },
    {
        "slug": "warmtetransitie",
        "titel": "Warmtetransitie: wijkgericht van het aardgas af",
        "thema": "circulaire-regio",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 875_000,
                "fte": "2.5",
                "resultaat": (
                    "De regionale warmtebronnenkaart is gereed en door de stuurgroep vastgesteld. "
                    "Zes wijkuitvoeringsplannen zijn in voorbereiding, waarvan twee in kleinere "
                    "gemeenten. Via het regionale isolatieloket zijn 4.000 woningen geïsoleerd en "
                    "1.200 corporatiewoningen zijn aardgasvrij-gereed gemaakt."
                ),
            },
            2027: {
                "budget": 1_040_000,
                "fte": "3.0",
                "resultaat": (
                    "Via het regionale isolatieloket zijn 5.000 woningen geïsoleerd, waarvan ten "
                    "minste 40 procent van huishoudens met een laag inkomen. De uitbreiding van de "
                    "bestaande warmtenetten in Arnhem en Nijmegen is in uitvoering genomen. Met "
                    "het waterschap zijn drie aquathermieprojecten in uitwerking naar een "
                    "investeringsbesluit."
                ),
            },
            2028: {
                "budget": 1_187_500,
                "fte": "3.0",
                "resultaat": (
                    "Via het regionale isolatieloket zijn opnieuw 5.000 woningen geïsoleerd, "
                    "waarvan ten minste 40 procent van huishoudens met een laag inkomen. De twee "
                    "uitbreidingen van de warmtenetten in Arnhem en Nijmegen zijn in uitvoering. "
                    "De drie aquathermieprojecten met het waterschap zijn uitgewerkt tot een "
                    "investeringsbesluit."
                ),
            },
        },
        "doel": (
            "Gemeenten werken hun transitievisies warmte uit tot uitvoerbare wijkaanpakken. De "
            "regio organiseert wat een gemeente alleen niet kan: een regionale strategie voor "
            "warmtebronnen zoals restwarmte, aquathermie en bodemenergie, uitvoeringsafspraken met "
            "netbeheerder, waterschap en woningcorporaties, en een gezamenlijk isolatieloket. Zo "
            "worden woningen betaalbaar verduurzaamd, met voorrang voor huishoudens met een laag "
            "inkomen."
        ),
        "mandaat": (
            "De portefeuillehouder mag binnen het budget opdrachten verlenen voor de "
            "warmtebronnenstrategie en het isolatieloket, uitvoeringsafspraken met netbeheerder, "
            "waterschap en woningcorporaties ondertekenen en namens de regio reageren op "
            "consultaties van Rijk en provincie over warmte. Het aanwijzen van wijken, het "
            "vaststellen van warmteprogramma's en besluiten over warmtekavels blijven bevoegdheden "
            "van de afzonderlijke gemeenten. Het mandaat is een uitvoeringsmandaat en geen "
            "overdracht van raadsbevoegdheden."
        ),
        "sturing": (
            "Stuurgroep Warmte met Alliander, Talis (namens de woningcorporaties), Waterschap "
            "Rivierenland en een bestuurder uit de Liemers, voorgezeten door de "
            "portefeuillehouder. Het programmabureau voert het secretariaat; een regionaal "
            "warmteteam van gemeentelijke adviseurs werkt de wijkaanpakken uit. De stuurgroep "
            "vergadert vier keer per jaar; rapportage per tertiaal aan regiobestuur en raden."
        ),
        "capaciteit_toelichting": (
            "Het programmabureau levert 0,5 fte voor coördinatie. De gemeenten leveren samen 1,5 "
            "fte in het regionale warmteteam. Waterschap Rivierenland levert 0,5 fte voor "
            "aquathermie en riothermie. Vanaf 2027 levert Talis namens de corporaties 0,5 fte voor "
            "de afstemming van renovatieplanningen."
        ),
        "portefeuillehouder": "portefeuillehouder-demo",
        "stuurgroep": {
            "partners": ["alliander", "talis", "waterschap-rivierenland"],
            "bestuurders": ["ksmeets"],
        },
        "externe_regelingen": [
            {
                "naam": "Uitvoeringsmiddelen Klimaatakkoord (CDOKE)",
                "niveau": "rijk",
                "cofinanciering": 400_000,
                "toelichting": (
                    "De gemeenten bundelen een deel van hun rijksmiddelen voor uitvoeringskosten "
                    "van de warmtetransitie in de regionale aanpak."
                ),
            },
        ],
    },
    {
        "slug": "circulaire-economie",
        "titel": "Circulaire economie: circulair bouwen en Industriepark Kleefse Waard",
        "thema": "circulaire-regio",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 1_200_000,
                "fte": "3.0",
                "resultaat": (
                    "De regionale inkoopafspraak circulair bouwen is ondertekend door minimaal "
                    "twaalf gemeenten en drie woningcorporaties. In 1.500 nieuwbouwwoningen is "
                    "minimaal 20 procent biobased materiaal toegepast. De regionale "
                    "grondstoffenhub voor hergebruik van bouwmaterialen is in gebruik en heeft "
                    "5.000 ton materiaal verwerkt. Op IPKW zijn vier circulaire bedrijven nieuw "
                    "gevestigd of opgeschaald."
                ),
            },
            2027: {
                "budget": 1_350_000,
                "fte": "3.5",
                "resultaat": (
                    "Via de regionale grondstoffenhub is 10.000 ton bouwmateriaal hergebruikt. In "
                    "de ondersteunde nieuwbouwprojecten bestaat minimaal 25 procent van het "
                    "materiaal uit biobased materiaal. Op IPKW zijn vier extra circulaire "
                    "bedrijven gevestigd of opgeschaald."
                ),
            },
            2028: {
                "budget": 1_425_000,
                "fte": "3.5",
                "resultaat": (
                    "Via de regionale grondstoffenhub is opnieuw 10.000 ton bouwmateriaal "
                    "hergebruikt. Ondersteunde nieuwbouwprojecten passen minimaal 25 procent "
                    "biobased materiaal toe. Op IPKW zijn vier extra circulaire bedrijven "
                    "gevestigd of opgeschaald, waarmee er sinds 2026 twaalf zijn bijgekomen."
                ),
            },
        },
        "doel": (
            "We versnellen de overgang naar een circulaire economie op twee sporen waar de regio "
            "al sterk is: circulair en biobased bouwen, en circulaire industrie rond het "
            "Industriepark Kleefse Waard in Arnhem. Daarmee dragen we bij aan de landelijke "
            "doelstelling om het gebruik van primaire grondstoffen in 2030 te halveren en maken we "
            "de titel circulaire topregio waar."
        ),
        "mandaat": (
            "De portefeuillehouder mag binnen het budget bijdragen toekennen aan circulaire pilots "
            "tot maximaal 150.000 euro per project, de regionale inkoopafspraak circulair bouwen "
            "namens de regio ondertekenen en opdrachten verlenen voor de inrichting en exploitatie "
            "van de grondstoffenhub. Of een gemeente aan de inkoopafspraak deelneemt, besluit elk "
            "college zelf; het mandaat omvat geen bevoegdheden over afvalbeleid of "
            "omgevingsplannen. Er gaan geen raadsbevoegdheden over naar de portefeuillehouder."
        ),
        "sturing": (
            "Stuurgroep Circulaire economie met IPKW, Kiemt, Oost NL en de HAN, aangevuld met een "
            "wethouder wonen uit de regio; voorzitter is de portefeuillehouder. Kiemt voert het "
            "programmamanagement uit in opdracht van het programmabureau. De stuurgroep vergadert "
            "vier keer per jaar; rapportage per tertiaal aan regiobestuur en raden."
        ),
        "capaciteit_toelichting": (
            "Kiemt levert het programmamanagement (1,0 fte, betaald uit het budget). De gemeenten "
            "leveren samen 1,5 fte aan inkoop- en bouwexpertise. De HAN levert 0,5 fte via "
            "praktijkgericht onderzoek en studentprojecten. Vanaf 2027 levert het programmabureau "
            "0,5 fte voor de grondstoffenhub."
        ),
        "portefeuillehouder": "ksmeets",
        "stuurgroep": {
            "partners": ["ipkw", "kiemt", "oost-nl", "han"],
            "bestuurders": ["dverhoeven"],
        },
        "externe_regelingen": [
            {
                "naam": "EFRO Oost-Nederland",
                "niveau": "eu",
                "cofinanciering": 600_000,
                "toelichting": (
                    "Europese cofinanciering van de grondstoffenhub en van circulaire pilots op "
                    "het Industriepark Kleefse Waard."
                ),
            },
            {
                "naam": "Provinciaal programma circulaire economie Gelderland",
                "niveau": "provincie",
                "cofinanciering": 350_000,
                "toelichting": (
                    "Bijdrage aan de regionale inkoopafspraak circulair bouwen en aan kennisdeling "
                    "tussen gemeenten."
                ),
            },
        ],
    },
    {
        "slug": "woningbouwversnelling",
        "titel": "Woningbouwversnelling: betaalbaar bouwen in stad en dorp",
        "thema": "groeiregio-in-balans",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 2_800_000,
                "fte": "6.0",
                "resultaat": (
                    "In de regio zijn 4.200 woningen in aanbouw genomen, waarvan minimaal twee "
                    "derde betaalbaar. Het versnellingsteam heeft acht plannen met samen 2.500 "
                    "woningen ondersteund. Bij die plannen is de doorlooptijd van planvorming tot "
                    "start bouw zes maanden korter dan het regionale gemiddelde van 2025."
                ),
            },
            2027: {
                "budget": 3_250_000,
                "fte": "6.5",
                "resultaat": (
                    "In de regio zijn 4.500 woningen in aanbouw genomen, waarvan minimaal twee "
                    "derde betaalbaar en 30 procent sociale huur. Voor spoedzoekers zijn 400 "
                    "flexwoningen gerealiseerd. Van de nieuwe woningen ligt 60 procent binnen "
                    "1.200 meter van een station of OV-knooppunt."
                ),
            },
            2028: {
                "budget": 3_100_000,
                "fte": "6.0",
                "resultaat": (
                    "In de regio zijn opnieuw 4.500 woningen in aanbouw genomen, waarvan minimaal "
                    "twee derde betaalbaar en 30 procent sociale huur. Van de nieuwe woningen ligt "
                    "60 procent binnen 1.200 meter van een station of OV-knooppunt. Het "
                    "versnellingsteam heeft tien plannen met samen 3.000 woningen ondersteund."
                ),
            },
        },
        "doel": (
            "We versnellen de woningbouw, zodat er genoeg betaalbare woningen komen voor starters, "
            "ouderen, middeninkomens en aandachtsgroepen, in de steden en in de dorpen. Twee derde "
            "van de nieuwe woningen is betaalbaar: sociale huur, middenhuur of koop onder de "
            "betaalbaarheidsgrens. Een regionaal versnellingsteam helpt gemeenten om vastgelopen "
            "plannen los te trekken, en we bouwen bij voorkeur op plekken die goed bereikbaar zijn "
            "met fiets en openbaar vervoer."
        ),
        "mandaat": (
            "De portefeuillehouder mag namens de regio de uitvoeringsafspraken van de regionale "
            "woondeal met provincie en Rijk actualiseren en ondertekenen, het versnellingsteam "
            "inzetten op verzoek van gemeenten en binnen het budget bijdragen toekennen aan "
            "onrendabele toppen van betaalbare projecten, tot maximaal 250.000 euro per project. "
            "Het vaststellen van woningbouwprogramma's, omgevingsplannen en grondexploitaties "
            "blijft volledig bij de gemeenteraden. Het mandaat draagt geen raadsbevoegdheden over."
        ),
        "sturing": (
            "Stuurgroep Wonen met Provincie Gelderland, Talis (namens de corporaties in de regio), "
            "Alliander en twee bestuurders uit de regio; voorzitter is de portefeuillehouder. Het "
            "programmabureau leidt het versnellingsteam. De stuurgroep vergadert zes keer per "
            "jaar; de tertiaalrapportage aan regiobestuur en raden bevat de regionale "
            "woningbouwmonitor."
        ),
        "capaciteit_toelichting": (
            "Het versnellingsteam van het programmabureau telt 3,0 fte (planeconomie, "
            "procesmanagement, juridisch advies). De gemeenten leveren samen 2,0 fte aan "
            "projectleiding. De provincie levert 1,0 fte vanuit haar eigen versnellingsaanpak. In "
            "2027 komt daar tijdelijk 0,5 fte van het programmabureau bij voor flexwonen."
        ),
        "portefeuillehouder": "dverhoeven",
        "stuurgroep": {
            "partners": ["provincie-gelderland", "talis", "alliander"],
            "bestuurders": ["hbos", "rkremers"],
        },
        "externe_regelingen": [
            {
                "naam": "Woningbouwimpuls",
                "niveau": "rijk",
                "cofinanciering": 1_500_000,
                "toelichting": (
                    "Rijksbijdrage voor betaalbare woningbouwprojecten die door een onrendabele "
                    "top dreigen te stranden."
                ),
            },
            {
                "naam": "Provinciaal programma wonen Gelderland",
                "niveau": "provincie",
                "cofinanciering": 800_000,
                "toelichting": (
                    "Provinciale bijdrage aan het versnellingsteam en aan flexwoningen voor "
                    "spoedzoekers."
                ),
            },
        ],
    },
    {
        "slug": "klimaatadaptatie-en-water",
        "titel": "Klimaatadaptatie en water: leven met de rivieren",
        "thema": "groeiregio-in-balans",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 640_000,
                "fte": "2.0",
                "resultaat": (
                    "De regionale klimaatstresstest is geactualiseerd voor alle 18 gemeenten. In "
                    "de kernen is 25.000 m² verharding vervangen door groen en zijn vijftien "
                    "hitteplekken aangepakt. Alle nieuwe woningbouwplannen vanaf 50 woningen zijn "
                    "getoetst aan de regionale richtlijn waterrobuust bouwen."
                ),
            },
            2027: {
                "budget": 780_000,
                "fte": "2.0",
                "resultaat": (
                    "In de regio is 40.000 m² verharding vervangen door groen en is 60.000 m³ "
                    "extra waterberging gerealiseerd. Alle nieuwe woningbouwplannen vanaf 50 "
                    "woningen zijn getoetst aan de regionale richtlijn waterrobuust bouwen. Met "
                    "beide waterschappen is de regionale droogteaanpak voor de stuwwallen in "
                    "voorbereiding genomen."
                ),
            },
            2028: {
                "budget": 812_500,
                "fte": "2.5",
                "resultaat": (
                    "In de regio is opnieuw 40.000 m² verharding vervangen door groen en is 60.000 "
                    "m³ extra waterberging gerealiseerd. De regionale droogteaanpak voor de "
                    "stuwwallen is samen met beide waterschappen vastgesteld."
                ),
            },
        },
        "doel": (
            "De regio wordt klimaatbestendig en waterrobuust: veilig bij hoogwater op Rijn, Waal, "
            "IJssel en Maas, bestand tegen hevige buien en hitte in de kernen, en zuinig met water "
            "in droge zomers. We voeren de regionale adaptatiestrategie uit en zorgen dat "
            "klimaatadaptatie standaard meeweegt bij woningbouw en herinrichting, zodat we de "
            "wateroverlast niet afwentelen op benedenstrooms gelegen gebieden of latere generaties."
        ),
        "mandaat": (
            "De portefeuillehouder mag uitvoeringsovereenkomsten met waterschappen en "
            "Rijkswaterstaat ondertekenen, namens de regio de aanvraag voor de Impulsregeling "
            "klimaatadaptatie indienen en verantwoorden, en binnen het budget bijdragen toekennen "
            "aan ontharding- en waterbergingsprojecten van gemeenten. Besluiten over "
            "omgevingsplannen, rioleringsplannen en de inrichting van de openbare ruimte blijven "
            "bij de gemeenten. Dit is een uitvoeringsmandaat; raadsbevoegdheden worden niet "
            "overgedragen."
        ),
        "sturing": (
            "Stuurgroep Klimaatadaptatie met Waterschap Rivierenland, Waterschap Rijn en IJssel, "
            "Rijkswaterstaat Oost-Nederland en een bestuurder uit de regio; voorzitter is de "
            "portefeuillehouder. De stuurgroep is tevens het bestuurlijk overleg van de werkregio "
            "in het kader van het Deltaplan Ruimtelijke Adaptatie. Een gezamenlijk projectteam van "
            "gemeenten en waterschappen voert uit; drie vergaderingen per jaar en rapportage per "
            "tertiaal aan regiobestuur en raden."
        ),
        "capaciteit_toelichting": (
            "Het programmabureau levert 0,5 fte voor coördinatie en verantwoording van de "
            "impulsregeling. De gemeenten leveren samen 1,0 fte, de waterschappen samen 0,5 fte. "
            "In 2028 leveren de gemeenten 0,5 fte extra voor de droogteaanpak."
        ),
        "portefeuillehouder": "fdijkhuizen",
        "stuurgroep": {
            "partners": [
                "waterschap-rivierenland",
                "waterschap-rijn-en-ijssel",
                "rijkswaterstaat-oost-nederland",
            ],
            "bestuurders": ["gwolters"],
        },
        "externe_regelingen": [
            {
                "naam": "Impulsregeling klimaatadaptatie",
                "niveau": "rijk",
                "cofinanciering": 450_000,
                "toelichting": (
                    "Rijksbijdrage aan maatregelen uit de regionale uitvoeringsagenda, aangevuld "
                    "met eigen bijdragen van gemeenten en waterschappen."
                ),
            },
        ],
    },
    {
        "slug": "landschap-en-natuur",
        "titel": "Landschap en natuur: stuwwallen, uiterwaarden en de Gelderse Poort",
        "thema": "groeiregio-in-balans",
        "sinds": 2027,
        "jaren": {
            2027: {
                "budget": 465_000,
                "fte": "1.5",
                "resultaat": (
                    "Met eigenaren en gebruikers zijn gebiedsprogramma's opgesteld voor de "
                    "Gelderse Poort en voor de stuwwal tussen Nijmegen, Groesbeek en Mook. Er is "
                    "15 km aan nieuwe wandel- en fietsverbindingen tussen kernen en landschap "
                    "gerealiseerd. Veertig agrariërs doen mee aan betaald landschapsbeheer."
                ),
            },
            2028: {
                "budget": 590_000,
                "fte": "2.0",
                "resultaat": (
                    "Er is 3 km ecologische verbindingszone aangelegd. Voor 250 ha "
                    "natuurinclusieve landbouw zijn meerjarige contracten afgesloten. De "
                    "bezoekersdruk in kwetsbare natuur wordt gemeten op tien vaste meetpunten."
                ),
            },
        },
        "doel": (
            "Het landschap van stuwwallen, rivieren en uiterwaarden is het fundament van de regio "
            "en een belangrijke reden waarom mensen en bedrijven hier willen zijn. We versterken "
            "de kwaliteit van de Veluwezoom, de Nijmeegse stuwwal, de Mookerheide, Montferland en "
            "de Gelderse Poort, en verbinden natuur met recreatie, landbouw en waterbeheer. Zo "
            "blijft de regio ontspannen terwijl zij groeit."
        ),
        "mandaat": (
            "De portefeuillehouder mag binnen het budget gebiedsprocessen laten uitvoeren, "
            "overeenkomsten voor landschapsbeheer met agrariërs en terreinbeheerders aangaan en "
            "namens de regio gebiedsafspraken met beide provincies ondertekenen. Wijzigingen van "
            "omgevingsplannen, grondaankopen en de aanwijzing van natuurgebieden vallen buiten het "
            "mandaat en blijven bij gemeenten en provincies. Het mandaat omvat geen overdracht van "
            "raadsbevoegdheden."
        ),
        "sturing": (
            "Stuurgroep Landschap met de Gelderse Natuur en Milieufederatie, Provincie Gelderland, "
            "Provincie Limburg en twee bestuurders uit de regio; voorzitter is de "
            "portefeuillehouder. Per gebied werkt een gebiedsteam met terreinbeheerders, agrariërs "
            "en recreatieondernemers. De stuurgroep vergadert drie keer per jaar; rapportage per "
            "tertiaal aan regiobestuur en raden."
        ),
        "capaciteit_toelichting": (
            "Het programmabureau levert 0,5 fte voor coördinatie. De Gelderse Natuur en "
            "Milieufederatie levert 0,5 fte voor de gebiedsprocessen. De gemeenten leveren samen "
            "0,5 fte, in 2028 1,0 fte voor de aanleg van verbindingen."
        ),
        "portefeuillehouder": "gwolters",
        "stuurgroep": {
            "partners": ["gnmf", "provincie-gelderland", "provincie-limburg"],
            "bestuurders": ["hbos", "fdijkhuizen"],
        },
        "externe_regelingen": [
            {
                "naam": "Gelders Programma Landelijk Gebied",
                "niveau": "provincie",
                "cofinanciering": 500_000,
                "toelichting": (
                    "Provinciale en rijksmiddelen voor natuur, water en landbouw in het landelijk "
                    "gebied, ingezet voor de gebiedsprogramma's."
                ),
            },
            {
                "naam": "Interreg VI Deutschland-Nederland",
                "niveau": "eu",
                "cofinanciering": 200_000,
                "toelichting": (
                    "Grensoverschrijdende natuurontwikkeling in de Gelderse Poort met partners aan "
                    "Duitse zijde."
                ),
            },
        ],
    },
    {
        "slug": "lifeport-health-hightech",
        "titel": "Lifeport Health & hightech: Novio Tech Campus en Radboudumc",
        "thema": "productieve-regio",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 1_650_000,
                "fte": "3.5",
                "resultaat": (
                    "Er zijn 25 start-ups en scale-ups begeleid bij financiering en groei. In drie "
                    "proeftuinen worden zorginnovaties in de praktijk getest bij zorgorganisaties "
                    "in de regio. Voor bedrijven in het ecosysteem is 8 miljoen euro aan private "
                    "en publieke investeringen aangetrokken en in Health & hightech zijn 400 "
                    "nieuwe banen ontstaan."
                ),
            },
            2027: {
                "budget": 1_800_000,
                "fte": "4.0",
                "resultaat": (
                    "Er zijn 30 start-ups en scale-ups begeleid bij financiering en groei. Voor "
                    "bedrijven in het ecosysteem is 10 miljoen euro aan private en publieke "
                    "investeringen aangetrokken. Het aantal proeftuinen met zorgorganisaties in de "
                    "regio is gegroeid naar vijf, en de bouw van extra lab- en cleanroomruimte op "
                    "Novio Tech Campus is gestart."
                ),
            },
            2028: {
                "budget": 1_950_000,
                "fte": "4.0",
                "resultaat": (
                    "Er zijn opnieuw 30 start-ups en scale-ups begeleid bij financiering en groei, "
                    "en voor bedrijven in het ecosysteem is 10 miljoen euro aan private en "
                    "publieke investeringen aangetrokken. Op Novio Tech Campus is 5.000 m² extra "
                    "lab- en cleanroomruimte in gebruik genomen."
                ),
            },
        },
        "doel": (
            "Health & hightech is het sterkste groeispeerpunt van Lifeport. We versterken het "
            "ecosysteem rond Novio Tech Campus, het Radboudumc en de Radboud Universiteit, zodat "
            "startende en groeiende bedrijven in medische technologie, chiptechnologie en "
            "gezondheidsinnovatie in de regio blijven en groeien. Daarbij profileren we de regio "
            "nationaal en in Europa en trekken we investeringen aan uit provincie, Rijk en EU."
        ),
        "mandaat": (
            "De portefeuillehouder mag binnen het budget opdrachten verlenen aan Oost NL en de "
            "campusorganisatie voor bedrijfsbegeleiding en acquisitie, namens de regio "
            "samenwerkingsovereenkomsten en intentieverklaringen met kennisinstellingen en "
            "investeerders ondertekenen en de regio vertegenwoordigen bij Rijk en EU. Financiële "
            "deelnemingen in bedrijven en besluiten over grondverkoop of bestemming van "
            "campusterreinen vallen buiten het mandaat. Er gaan geen raadsbevoegdheden over naar "
            "de portefeuillehouder."
        ),
        "sturing": (
            "Stuurgroep Lifeport Health & hightech met het Radboudumc, Novio Tech Campus, de "
            "Radboud Universiteit, Oost NL en een bestuurder uit de regio; voorzitter is de "
            "portefeuillehouder. Het programmabureau voert het secretariaat en de profilering; "
            "Oost NL voert de bedrijfsbegeleiding uit. De stuurgroep vergadert vier keer per jaar; "
            "rapportage per tertiaal aan regiobestuur en raden."
        ),
        "capaciteit_toelichting": (
            "Oost NL levert 1,0 fte voor bedrijfsbegeleiding en acquisitie. Het programmabureau "
            "levert 1,0 fte voor profilering en lobby van Lifeport. Radboudumc en Novio Tech "
            "Campus leveren samen 1,0 fte voor de proeftuinen. De gemeenten Arnhem en Nijmegen "
            "leveren samen 0,5 fte economisch beleid, vanaf 2027 1,0 fte."
        ),
        "portefeuillehouder": "shoekstra",
        "stuurgroep": {
            "partners": ["radboudumc", "novio-tech-campus", "radboud-universiteit", "oost-nl"],
            "bestuurders": ["ybouzid"],
        },
        "externe_regelingen": [
            {
                "naam": "Nationaal Groeifonds",
                "niveau": "rijk",
                "cofinanciering": 1_000_000,
                "toelichting": (
                    "Cofinanciering van de regionale onderdelen van groeifondsprogramma's op het "
                    "gebied van medische technologie en halfgeleiders."
                ),
            },
            {
                "naam": "EFRO Oost-Nederland",
                "niveau": "eu",
                "cofinanciering": 800_000,
                "toelichting": (
                    "Europese bijdrage aan de proeftuinen voor zorginnovatie en aan gedeelde "
                    "labfaciliteiten."
                ),
            },
        ],
    },
    {
        "slug": "regionaal-voedselsysteem",
        "titel": "Regionaal voedselsysteem: gezond voedsel van dichtbij",
        "thema": "productieve-regio",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 520_000,
                "fte": "1.5",
                "resultaat": (
                    "De regionale voedselhub voor distributie in de korte keten is in gebruik, met "
                    "40 aangesloten producenten. Vijftien grootkeukens van zorginstellingen, "
                    "scholen, bedrijfsrestaurants en gemeentehuizen kopen minimaal 25 procent "
                    "regionaal in. Er zijn tien innovatieprojecten in fruitteelt en glastuinbouw "
                    "ondersteund."
                ),
            },
            2027: {
                "budget": 610_000,
                "fte": "2.0",
                "resultaat": (
                    "Er zijn 80 producenten aangesloten op de regionale voedselhub en 30 "
                    "grootkeukens kopen minimaal 25 procent regionaal in. Samen met Wageningen "
                    "University & Research zijn de afspraken over kringlooplandbouw uitgewerkt, "
                    "met de eerste 200 ha landbouwgrond onder afspraak."
                ),
            },
            2028: {
                "budget": 687_500,
                "fte": "2.0",
                "resultaat": (
                    "Er blijven ten minste 80 producenten aangesloten op de regionale voedselhub "
                    "en 30 grootkeukens kopen minimaal 25 procent regionaal in. In totaal valt 500 "
                    "ha landbouwgrond onder afspraken over kringlooplandbouw."
                ),
            },
        },
        "doel": (
            "Food is een van de groeispeerpunten van Lifeport. We bouwen aan een regionaal "
            "voedselsysteem waarin boeren, tuinders en verwerkers in de Betuwe, het Land van Maas "
            "en Waal en de Liemers een eerlijke prijs krijgen, inwoners gezond en betaalbaar "
            "voedsel van dichtbij eten en de landbouw bijdraagt aan bodem, water en "
            "biodiversiteit. Innovatie in de fruitteelt en de glastuinbouw verbinden we met de "
            "kennis van Wageningen University & Research en de HAN."
        ),
        "mandaat": (
            "De portefeuillehouder mag binnen het budget opdrachten verlenen voor de opzet en "
            "exploitatie van de voedselhub, bijdragen toekennen aan innovatieprojecten tot "
            "maximaal 50.000 euro per project en namens de regio afspraken over regionale inkoop "
            "maken met grootkeukens. Inkoopbeleid van de gemeenten zelf en besluiten over "
            "landbouwgrond en omgevingsplannen blijven bij de gemeenten. Het mandaat is een "
            "uitvoeringsmandaat en geen overdracht van raadsbevoegdheden."
        ),
        "sturing": (
            "Stuurgroep Voedsel met Wageningen University & Research, de HAN, Provincie Gelderland "
            "en een bestuurder uit de regio; voorzitter is de portefeuillehouder. Een regionaal "
            "voedselteam met producenten, verwerkers en afnemers adviseert de stuurgroep. De "
            "stuurgroep vergadert drie keer per jaar; rapportage per tertiaal aan regiobestuur en "
            "raden."
        ),
        "capaciteit_toelichting": (
            "Het programmabureau levert 0,5 fte voor coördinatie. De HAN levert 0,5 fte via "
            "praktijkonderzoek naar korte ketens. De gemeenten leveren samen 0,5 fte. Vanaf 2027 "
            "levert Wageningen University & Research 0,5 fte voor kringlooplandbouw en innovatie "
            "in de teelt."
        ),
        "portefeuillehouder": "lgerritsen",
        "stuurgroep": {
            "partners": ["wur", "han", "provincie-gelderland"],
            "bestuurders": ["bhermsen"],
        },
        "externe_regelingen": [
            {
                "naam": "GLB Nationaal Strategisch Plan (LEADER)",
                "niveau": "eu",
                "cofinanciering": 250_000,
                "toelichting": (
                    "Europese plattelandsmiddelen voor korte-ketenprojecten via de LEADER-aanpak."
                ),
            },
            {
                "naam": "Provinciaal programma landbouw en voedsel Gelderland",
                "niveau": "provincie",
                "cofinanciering": 200_000,
                "toelichting": (
                    "Provinciale bijdrage aan de voedselhub en aan afspraken over "
                    "kringlooplandbouw."
                ),
            },
        ],
    },
    {
        "slug": "energiehubs-bedrijventerreinen",
        "titel": "Energiehubs en toekomstbestendige bedrijventerreinen",
        "thema": "productieve-regio",
        "sinds": 2027,
        "jaren": {
            2027: {
                "budget": 735_000,
                "fte": "2.0",
                "resultaat": (
                    "Er zijn zes energiehubs in ontwikkeling, onder meer op IPKW in Arnhem, 7Poort "
                    "in Zevenaar en Nieuwgraaf in Duiven, met samen 40 deelnemende bedrijven. Twee "
                    "hubs hebben een groepscontract met de netbeheerder."
                ),
            },
            2028: {
                "budget": 960_000,
                "fte": "2.5",
                "resultaat": (
                    "Er zijn vier energiehubs in bedrijf. Door gezamenlijk gebruik en opslag is 25 "
                    "MW aansluitcapaciteit vrijgespeeld. Voor tien bedrijventerreinen hebben "
                    "ondernemers en gemeente een verduurzamingsagenda vastgesteld."
                ),
            },
        },
        "doel": (
            "Netcongestie remt de groei van bedrijven: uitbreidingen en nieuwe vestigingen wachten "
            "op een aansluiting. We helpen ondernemers op bedrijventerreinen om energie samen op "
            "te wekken, op te slaan en te delen in energiehubs, en we maken bedrijventerreinen "
            "toekomstbestendig met ruimte voor duurzame en circulaire bedrijvigheid. De opgave "
            "komt voort uit de netcongestieanalyse van de opgave energietransitie in 2026."
        ),
        "mandaat": (
            "De portefeuillehouder mag binnen het budget opdrachten verlenen voor "
            "haalbaarheidsstudies en procesbegeleiding van energiehubs, bijdragen toekennen aan "
            "ondernemersverenigingen tot maximaal 75.000 euro per hub en namens de regio afspraken "
            "maken met de netbeheerder over groepscontracten. Investeringen in installaties komen "
            "voor rekening van de bedrijven; besluiten over bestemming en uitgifte van "
            "bedrijfsgrond blijven bij de gemeenten. Raadsbevoegdheden worden niet overgedragen."
        ),
        "sturing": (
            "Stuurgroep Energiehubs met Alliander, Oost NL, IPKW en twee bestuurders uit de regio; "
            "voorzitter is de portefeuillehouder. Per hub werkt een projectgroep met de "
            "ondernemersvereniging, de gemeente en de netbeheerder. De stuurgroep vergadert vier "
            "keer per jaar; rapportage per tertiaal aan regiobestuur en raden, in samenhang met de "
            "opgave energietransitie."
        ),
        "capaciteit_toelichting": (
            "Oost NL levert 0,5 fte voor de begeleiding van ondernemers. Het programmabureau "
            "levert 0,5 fte voor coördinatie. De gemeenten met deelnemende bedrijventerreinen "
            "leveren samen 1,0 fte. In 2028 levert Alliander 0,5 fte voor de netaansluitingen van "
            "de hubs."
        ),
        "portefeuillehouder": "thendriks",
        "stuurgroep": {
            "partners": ["alliander", "oost-nl", "ipkw"],
            "bestuurders": ["portefeuillehouder-demo", "ksmeets"],
        },
        "externe_regelingen": [
            {
                "naam": "Provinciaal programma energietransitie Gelderland",
                "niveau": "provincie",
                "cofinanciering": 400_000,
                "toelichting": (
                    "Provinciale bijdrage aan haalbaarheidsstudies en procesbegeleiding van "
                    "energiehubs op bedrijventerreinen."
                ),
            },
        ],
    },
    {
        "slug": "mobiliteitscorridor",
        "titel": "Mobiliteitscorridor: A12, A15, A50 en spoor Arnhem-Nijmegen",
        "thema": "verbonden-regio",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 1_400_000,
                "fte": "3.5",
                "resultaat": (
                    "Het regiobestuur heeft de regionale inbreng voor het bestuurlijk overleg MIRT "
                    "vastgesteld en het MIRT-onderzoek naar capaciteit en frequentie op de "
                    "spoorcorridor Arnhem-Nijmegen is gestart. Er doen 60 werkgevers met samen "
                    "50.000 werknemers mee aan slim reizen, met 8 procent minder autoritten in de "
                    "spits bij deelnemers. Drie knelpunten bij aansluitingen op de A12, A15 en A50 "
                    "zijn uitgewerkt tot maatregelen."
                ),
            },
            2027: {
                "budget": 1_525_000,
                "fte": "3.5",
                "resultaat": (
                    "Het MIRT-onderzoek naar de spoorcorridor Arnhem-Nijmegen is afgerond met een "
                    "voorkeursrichting. Er doen 100 werkgevers mee aan slim reizen, met 9 procent "
                    "minder autoritten in de spits bij deelnemers. De maatregelen voor de drie "
                    "knelpunten op de A12, A15 en A50 zijn voorbereid voor besluitvorming."
                ),
            },
            2028: {
                "budget": 1_610_000,
                "fte": "4.0",
                "resultaat": (
                    "Met Rijk, provincie en vervoerders zijn bestuurlijke afspraken gemaakt over "
                    "de eerste uitvoeringsmaatregelen op de corridor. Bij de deelnemende "
                    "werkgevers maken werknemers 10 procent minder autoritten in de spits dan bij "
                    "hun start."
                ),
            },
        },
        "doel": (
            "De A12, A15 en A50 en de spoorlijn Arnhem-Nijmegen vormen de ruggengraat van de "
            "regio, voor inwoners, bedrijven en het goederenvervoer tussen de Randstad en "
            "Duitsland. Met Rijk, provincie en vervoerders werken we aan betrouwbare reistijden, "
            "meer capaciteit en frequentie op het spoor en een goede aansluiting van het "
            "onderliggende wegennet. We brengen één regionale inbreng in het MIRT en nemen zelf "
            "maatregelen die de spits ontlasten, zoals slim reizen met werkgevers."
        ),
        "mandaat": (
            "De portefeuillehouder mag namens de regio de inbreng voor het bestuurlijk overleg "
            "MIRT vaststellen en bestuurlijke afspraken voorbereiden en ondertekenen voor zover "
            "die binnen het budget blijven, opdrachten verlenen voor onderzoek en het "
            "werkgeversprogramma slim reizen en cofinanciering aanvragen. Afspraken die een "
            "gemeentelijke begroting raken, gaan altijd langs de eigen raad; het mandaat omvat "
            "geen verkeersbesluiten of bevoegdheden als wegbeheerder. Er worden geen "
            "raadsbevoegdheden overgedragen."
        ),
        "sturing": (
            "Stuurgroep Bereikbaarheid met Rijkswaterstaat Oost-Nederland, ProRail, Provincie "
            "Gelderland en twee bestuurders uit de regio; voorzitter is de portefeuillehouder. Het "
            "programmabureau levert de programmamanager en voert de lobby in afstemming met de "
            "provincie. De stuurgroep vergadert vijf keer per jaar, afgestemd op de cyclus van het "
            "bestuurlijk overleg MIRT; rapportage per tertiaal aan regiobestuur en raden."
        ),
        "capaciteit_toelichting": (
            "Het programmabureau levert 1,5 fte: een programmamanager mobiliteit en een adviseur "
            "public affairs (0,5 fte). De gemeenten Arnhem, Nijmegen, Overbetuwe en Lingewaard "
            "leveren samen 1,5 fte verkeerskundige inzet. De provincie levert 0,5 fte. In 2028 "
            "levert ProRail 0,5 fte voor de uitwerking van spoormaatregelen."
        ),
        "portefeuillehouder": "rkremers",
        "stuurgroep": {
            "partners": ["rijkswaterstaat-oost-nederland", "prorail", "provincie-gelderland"],
            "bestuurders": ["aschippers", "shoekstra"],
        },
        "externe_regelingen": [
            {
                "naam": "MIRT",
                "niveau": "rijk",
                "cofinanciering": 1_250_000,
                "toelichting": (
                    "Rijksbijdrage aan het MIRT-onderzoek naar de spoorcorridor en aan maatregelen "
                    "voor slim reizen."
                ),
            },
            {
                "naam": "Provinciaal programma mobiliteit Gelderland",
                "niveau": "provincie",
                "cofinanciering": 500_000,
                "toelichting": (
                    "Bijdrage aan de werkgeversaanpak en aan maatregelen op provinciale wegen die "
                    "aansluiten op de corridor."
                ),
            },
        ],
    },
    {
        "slug": "fiets-en-ov-knooppunten",
        "titel": "Fiets en OV-knooppunten: snelfietsroutes en mobiliteitshubs",
        "thema": "verbonden-regio",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 1_100_000,
                "fte": "2.5",
                "resultaat": (
                    "Er is 12 km snelfietsroute aangelegd of verbeterd en bij vier stations zijn "
                    "1.500 extra fietsparkeerplaatsen gerealiseerd. In kleinere kernen zijn vijf "
                    "mobiliteitshubs in gebruik. Het aandeel fiets in woon-werkritten tot 15 km is "
                    "vastgelegd in een nulmeting."
                ),
            },
            2027: {
                "budget": 1_262_500,
                "fte": "3.0",
                "resultaat": (
                    "Er is 15 km snelfietsroute aangelegd of verbeterd. Samen met ProRail zijn "
                    "drie stations heringericht tot aantrekkelijk overstappunt, met 1.000 extra "
                    "fietsparkeerplaatsen. In kleinere kernen zijn drie extra mobiliteitshubs in "
                    "gebruik genomen."
                ),
            },
            2028: {
                "budget": 1_340_000,
                "fte": "3.0",
                "resultaat": (
                    "Er is opnieuw 15 km snelfietsroute aangelegd of verbeterd en drie stations "
                    "zijn heringericht tot knooppunt. Het aandeel fiets in woon-werkritten tot 15 "
                    "km ligt 2 procentpunt hoger dan bij de nulmeting."
                ),
            },
        },
        "doel": (
            "Fiets en openbaar vervoer zijn in een stedelijk netwerk de meest ruimtezuinige manier "
            "om alle plaatsen en functies bereikbaar te houden. We maken het regionale netwerk van "
            "snelfietsroutes af, ontwikkelen stations en busknooppunten tot aantrekkelijke "
            "overstappunten en zorgen dat dorpen aangesloten blijven op het openbaar vervoer. Zo "
            "groeit het aandeel van fiets en OV in het woon-werkverkeer."
        ),
        "mandaat": (
            "De portefeuillehouder mag binnen het budget bijdragen toekennen aan fietsprojecten en "
            "mobiliteitshubs van gemeenten, uitvoeringsovereenkomsten met ProRail en de provincie "
            "ondertekenen en namens de regio aanvragen indienen voor rijks- en provinciale "
            "fietsmiddelen. Ontwerp, aanbesteding en verkeersbesluiten blijven bij de gemeente die "
            "wegbeheerder is. Het mandaat draagt geen raadsbevoegdheden over."
        ),
        "sturing": (
            "Stuurgroep Fiets en OV met ProRail, Provincie Gelderland, de Radboud Universiteit "
            "(als grootste fietsbestemming van de regio) en een bestuurder uit de regio; "
            "voorzitter is de portefeuillehouder. Een regionaal fietsteam van gemeentelijke "
            "verkeerskundigen bereidt de projecten voor. De stuurgroep vergadert vier keer per "
            "jaar; rapportage per tertiaal aan regiobestuur en raden."
        ),
        "capaciteit_toelichting": (
            "Het programmabureau levert 0,5 fte voor coördinatie en subsidieaanvragen. De "
            "gemeenten leveren samen 1,5 fte in het regionale fietsteam. De provincie levert 0,5 "
            "fte. Vanaf 2027 levert ProRail 0,5 fte voor de herinrichting van stations."
        ),
        "portefeuillehouder": "aschippers",
        "stuurgroep": {
            "partners": ["prorail", "provincie-gelderland", "radboud-universiteit"],
            "bestuurders": ["rkremers"],
        },
        "externe_regelingen": [
            {
                "naam": "Rijksbijdrage fietsparkeren bij stations",
                "niveau": "rijk",
                "cofinanciering": 600_000,
                "toelichting": (
                    "Rijksbijdrage voor extra fietsparkeerplaatsen bij stations, in samenwerking "
                    "met ProRail."
                ),
            },
            {
                "naam": "Provinciaal programma fiets Gelderland",
                "niveau": "provincie",
                "cofinanciering": 450_000,
                "toelichting": (
                    "Provinciale bijdrage aan de aanleg van snelfietsroutes tussen de kernen."
                ),
            },
        ],
    },
    {
        "slug": "digitale-connectiviteit",
        "titel": "Digitale connectiviteit: snel internet in het buitengebied",
        "thema": "verbonden-regio",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 385_000,
                "fte": "1.0",
                "resultaat": (
                    "Van de 3.100 onbediende adressen in het buitengebied zijn er 2.400 "
                    "aangesloten op glasvezel. Voor zes locaties met slechte mobiele dekking is "
                    "met de aanbieders een oplossing afgesproken."
                ),
            },
            2027: {
                "budget": 240_000,
                "fte": "0.8",
                "resultaat": (
                    "De resterende 700 adressen zijn aangesloten, zodat 100 procent van de "
                    "adressen in de regio toegang heeft tot minimaal 100 Mbit/s. De eindrapportage "
                    "is opgeleverd en de monitoring is overgedragen aan de gemeenten."
                ),
            },
        },
        "doel": (
            "Snel internet is een basisvoorziening voor wonen, werken, onderwijs en zorg op "
            "afstand. In het buitengebied van de regio hebben nog ruim 3.000 adressen geen vaste "
            "verbinding van minimaal 100 Mbit/s, en er zijn plekken met slecht mobiel bereik. We "
            "zorgen dat eind 2027 alle adressen toegang hebben tot snel internet; daarna wordt de "
            "opgave afgerond."
        ),
        "mandaat": (
            "De portefeuillehouder mag binnen het budget opdrachten verlenen voor inventarisatie "
            "en procesbegeleiding, namens de regio afspraken maken met telecomaanbieders over de "
            "aanleg in het buitengebied en bijdragen toekennen voor adressen waar aanleg zonder "
            "steun niet rendabel is. Vergunningen voor graafwerk en antennemasten blijven bij de "
            "gemeenten. Dit is een uitvoeringsmandaat zonder overdracht van raadsbevoegdheden."
        ),
        "sturing": (
            "Projectgroep onder leiding van de portefeuillehouder, met Provincie Gelderland, "
            "Provincie Limburg (voor Mook en Middelaar) en een bestuurder uit de regio; een lichte "
            "stuurgroep volstaat voor deze afrondende opgave. Twee vergaderingen per jaar; "
            "rapportage per tertiaal aan regiobestuur en raden, met een eindrapportage na 2027."
        ),
        "capaciteit_toelichting": (
            "Het programmabureau levert 0,5 fte in 2026 en 0,3 fte in 2027 voor projectleiding. De "
            "gemeenten met buitengebied leveren samen 0,5 fte voor adresgegevens, vergunningen en "
            "communicatie met bewoners."
        ),
        "portefeuillehouder": "ilamers",
        "stuurgroep": {
            "partners": ["provincie-gelderland", "provincie-limburg"],
            "bestuurders": ["hbos"],
        },
        "externe_regelingen": [
            {
                "naam": "Provinciaal programma digitale bereikbaarheid Gelderland",
                "niveau": "provincie",
                "cofinanciering": 300_000,
                "toelichting": (
                    "Provinciale bijdrage aan de aansluiting van onrendabele adressen in het "
                    "buitengebied."
                ),
            },
        ],
    },
    {
        "slug": "grensoverschrijdende-samenwerking",
        "titel": "Grensoverschrijdende samenwerking met Duitsland",
        "thema": "verbonden-regio",
        "sinds": 2028,
        "jaren": {
            2028: {
                "budget": 420_000,
                "fte": "1.5",
                "resultaat": (
                    "Met Duitse partners zijn uitgangspunten vastgelegd voor een hogere frequentie "
                    "op de treinverbinding Arnhem-Emmerik-Düsseldorf. Via het grensinfopunt zijn "
                    "600 grensarbeiders en werkgevers geadviseerd. Met regionale partners zijn "
                    "drie Interreg-projecten ingediend, waarvan ten minste één is gehonoreerd. De "
                    "verkenning naar een doorgaande fietsverbinding tussen Nijmegen en Kleef is "
                    "afgerond."
                ),
            },
        },
        "doel": (
            "Voor veel inwoners en bedrijven houdt de regio niet op bij de grens. We verbeteren "
            "samen met Duitse partners de treinverbinding via Emmerik naar Oberhausen en "
            "Düsseldorf, maken grensarbeid en grensoverschrijdend ondernemen eenvoudiger en werken "
            "met Kreis Kleve en de Euregio Rijn-Waal aan gezamenlijke projecten voor economie en "
            "natuur."
        ),
        "mandaat": (
            "De portefeuillehouder mag namens de regio samenwerkingsafspraken en "
            "intentieverklaringen met Duitse overheden en de Euregio Rijn-Waal ondertekenen, "
            "binnen het budget opdrachten verlenen voor verkenningen en Interreg-aanvragen "
            "indienen met de regio als partner. Verdragen en afspraken die gemeentelijke "
            "bevoegdheden of begrotingen raken, blijven voorbehouden aan de gemeenten zelf. Het "
            "mandaat omvat geen overdracht van raadsbevoegdheden."
        ),
        "sturing": (
            "Stuurgroep Grens met Provincie Gelderland, ProRail, Oost NL en een bestuurder uit de "
            "Liemers; vertegenwoordigers van Kreis Kleve en de Euregio Rijn-Waal zijn vaste "
            "gasten. Het programmabureau voert het secretariaat. De stuurgroep vergadert drie keer "
            "per jaar; rapportage per tertiaal aan regiobestuur en raden."
        ),
        "capaciteit_toelichting": (
            "Het programmabureau levert 0,5 fte voor coördinatie en Interreg-aanvragen. De "
            "grensgemeenten Montferland, Zevenaar, Berg en Dal en Nijmegen leveren samen 0,5 fte. "
            "Oost NL levert 0,5 fte voor grensoverschrijdend ondernemen."
        ),
        "portefeuillehouder": "mroelofs",
        "stuurgroep": {
            "partners": ["provincie-gelderland", "prorail", "oost-nl"],
            "bestuurders": ["thendriks"],
        },
        "externe_regelingen": [
            {
                "naam": "Interreg VI Deutschland-Nederland",
                "niveau": "eu",
                "cofinanciering": 350_000,
                "toelichting": (
                    "Europese cofinanciering van grensoverschrijdende projecten voor arbeidsmarkt, "
                    "mobiliteit en natuur."
                ),
            },
        ],
    },
    {
        "slug": "gezonde-regio",
        "titel": "Gezonde regio: kleinere gezondheidsverschillen",
        "thema": "vitale-regio",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 455_000,
                "fte": "1.5",
                "resultaat": (
                    "De regionale gezondheidsmonitor per wijk is opgeleverd. Twintig wijken met "
                    "een gezondheidsachterstand zijn in beeld gebracht en in acht daarvan is een "
                    "wijkaanpak gestart. Er werken 60 scholen met de aanpak Gezonde School en "
                    "beweegprogramma's bereiken 2.000 inwoners extra."
                ),
            },
            2027: {
                "budget": 520_000,
                "fte": "1.8",
                "resultaat": (
                    "De wijkaanpak loopt in 14 wijken met een gezondheidsachterstand. Er werken 90 "
                    "scholen met de aanpak Gezonde School en beweegprogramma's bereiken 2.500 "
                    "inwoners extra."
                ),
            },
            2028: {
                "budget": 575_000,
                "fte": "2.0",
                "resultaat": (
                    "De wijkaanpak loopt in 14 wijken en 90 scholen werken met de aanpak Gezonde "
                    "School. Beweegprogramma's bereiken 3.000 inwoners extra. In de deelnemende "
                    "wijken is het aandeel jongeren met psychische klachten gedaald ten opzichte "
                    "van de nulmeting van 2026."
                ),
            },
        },
        "doel": (
            "Gemiddeld leven inwoners van de regio gezond, maar de verschillen tussen wijken en "
            "groepen zijn groot: in sommige wijken leven mensen jaren korter in goede gezondheid "
            "dan in andere. Met de GGD'en, zorgpartners en kennisinstellingen werken we aan "
            "preventie die werkt: een gezonde leefomgeving, bewegen, gezonde voeding en de mentale "
            "gezondheid van jongeren, met voorrang voor de wijken met de grootste achterstand."
        ),
        "mandaat": (
            "De portefeuillehouder mag binnen het budget opdrachten verlenen aan de GGD en andere "
            "uitvoerders, namens de regio afspraken maken met zorgpartners en zorgverzekeraars "
            "over preventie en middelen uit landelijke akkoorden regionaal inzetten, voor zover "
            "gemeenten die daarvoor hebben ingebracht. Het lokale gezondheidsbeleid en de taken "
            "van de GGD als gemeenschappelijke regeling blijven bij de gemeenten. Er gaan geen "
            "raadsbevoegdheden over naar de portefeuillehouder."
        ),
        "sturing": (
            "Stuurgroep Gezonde regio met GGD Gelderland-Zuid (ook namens de andere GGD'en in de "
            "regio), het Radboudumc, de HAN en een bestuurder uit de regio; voorzitter is de "
            "portefeuillehouder. Per wijk werkt een wijkteam met gemeente, welzijn, huisartsen en "
            "scholen. De stuurgroep vergadert drie keer per jaar; rapportage per tertiaal aan "
            "regiobestuur en raden."
        ),
        "capaciteit_toelichting": (
            "GGD Gelderland-Zuid levert 0,5 fte voor monitor en advies. De gemeenten leveren samen "
            "0,5 fte, het programmabureau 0,5 fte. Vanaf 2027 levert de HAN 0,3 fte voor "
            "evaluatie; in 2028 komt daar 0,2 fte van het Radboudumc bij voor onderzoek naar "
            "effecten."
        ),
        "portefeuillehouder": "bhermsen",
        "stuurgroep": {
            "partners": ["ggd-gelderland-zuid", "radboudumc", "han"],
            "bestuurders": ["lgerritsen"],
        },
        "externe_regelingen": [
            {
                "naam": "Gezond en Actief Leven Akkoord (GALA)",
                "niveau": "rijk",
                "cofinanciering": 350_000,
                "toelichting": (
                    "De gemeenten bundelen een deel van hun GALA-middelen in de regionale "
                    "preventieaanpak."
                ),
            },
            {
                "naam": "Integraal Zorgakkoord (IZA)",
                "niveau": "rijk",
                "cofinanciering": 200_000,
                "toelichting": (
                    "Transformatiemiddelen voor samenwerking tussen zorg en sociaal domein in de "
                    "wijkaanpak."
                ),
            },
        ],
    },
    {
        "slug": "talent-en-arbeidsmarkt",
        "titel": "Talent en arbeidsmarkt: mensen voor zorg, techniek en onderwijs",
        "thema": "vitale-regio",
        "sinds": 2026,
        "jaren": {
            2026: {
                "budget": 730_000,
                "fte": "2.0",
                "resultaat": (
                    "Er zijn 800 inwoners gestart met een om- of bijscholingstraject naar zorg, "
                    "techniek of onderwijs, van wie 70 procent binnen zes maanden na afronding aan "
                    "het werk is. Voor de warmtetransitie zijn 150 installatiemonteurs opgeleid. "
                    "Het aandeel afgestudeerden dat in de regio blijft werken is vastgelegd in een "
                    "nulmeting."
                ),
            },
            2027: {
                "budget": 815_000,
                "fte": "2.5",
                "resultaat": (
                    "Er zijn 1.000 inwoners gestart met een om- of bijscholingstraject naar zorg, "
                    "techniek of onderwijs, van wie 70 procent binnen zes maanden na afronding aan "
                    "het werk is. Voor de warmtetransitie zijn 200 installatiemonteurs opgeleid. "
                    "Het aandeel afgestudeerden dat in de regio blijft werken ligt 2 procentpunt "
                    "hoger dan bij de nulmeting."
                ),
            },
            2028: {
                "budget": 880_000,
                "fte": "2.5",
                "resultaat": (
                    "Er zijn opnieuw 1.000 inwoners gestart met een om- of bijscholingstraject "
                    "naar zorg, techniek of onderwijs en 200 installatiemonteurs opgeleid voor de "
                    "warmtetransitie. Het aandeel afgestudeerden dat in de regio blijft werken "
                    "ligt 5 procentpunt hoger dan bij de nulmeting."
                ),
            },
        },
        "doel": (
            "De arbeidsmarkt in de regio is krap: in zorg, techniek, bouw en onderwijs blijven "
            "vacatures lang open, terwijl een deel van de inwoners niet of te weinig werkt. Samen "
            "met onderwijs, werkgevers en de arbeidsmarktregio's Rijk van Nijmegen en "
            "Midden-Gelderland zorgen we dat inwoners zich om- en bijscholen naar deze sectoren en "
            "dat studenten van de HAN, de Radboud Universiteit en het mbo na hun opleiding in de "
            "regio blijven werken."
        ),
        "mandaat": (
            "De portefeuillehouder mag binnen het budget opdrachten verlenen aan opleiders en de "
            "werkgeversservicepunten, namens de regio samenwerkingsafspraken met "
            "onderwijsinstellingen en werkgevers ondertekenen en Europese en rijksmiddelen "
            "aanvragen. Re-integratie, uitkeringen en het lokale onderwijsbeleid blijven taken van "
            "de afzonderlijke gemeenten. Dit is een uitvoeringsmandaat; raadsbevoegdheden worden "
            "niet overgedragen."
        ),
        "sturing": (
            "Stuurgroep Talent met de HAN, de Radboud Universiteit, het Radboudumc (als grote "
            "werkgever in de zorg) en een bestuurder uit de regio; voorzitter is de "
            "portefeuillehouder. De werkgeversservicepunten van beide arbeidsmarktregio's voeren "
            "de trajecten uit. De stuurgroep vergadert vier keer per jaar; rapportage per tertiaal "
            "aan regiobestuur en raden."
        ),
        "capaciteit_toelichting": (
            "Het programmabureau levert 0,5 fte voor coördinatie. De gemeenten leveren samen 1,0 "
            "fte via de werkgeversservicepunten. De HAN levert 0,5 fte voor de "
            "opleidingstrajecten. Vanaf 2027 levert de Radboud Universiteit 0,5 fte voor het "
            "binden van afgestudeerden aan de regio."
        ),
        "portefeuillehouder": "ybouzid",
        "stuurgroep": {
            "partners": ["han", "radboud-universiteit", "radboudumc"],
            "bestuurders": ["shoekstra"],
        },
        "externe_regelingen": [
            {
                "naam": "ESF+",
                "niveau": "eu",
                "cofinanciering": 400_000,
                "toelichting": (
                    "Europese cofinanciering van om- en bijscholing voor werkzoekenden en "
                    "werkenden met een kwetsbare positie op de arbeidsmarkt."
                ),
            },
            {
                "naam": "Regionaal Investeringsfonds (RIF)",
                "niveau": "rijk",
                "cofinanciering": 300_000,
                "toelichting": (
                    "Rijksbijdrage aan publiek-private samenwerking tussen onderwijs en werkgevers "
                    "in zorg en techniek."
                ),
            },
        ],
    },
]

SYNERGIEEN = [
    {
        "van": "energietransitie",
        "naar": "warmtetransitie",
        "toelichting": (
            "Elektrische warmtepompen en warmtenetten vragen netcapaciteit en warmtebronnen die we "
            "in één regionale netanalyse met Alliander plannen. Zo voorkomen we dat wijken "
            "aardgasvrij worden op plekken waar het net vol zit."
        ),
    },
    {
        "van": "energietransitie",
        "naar": "energiehubs-bedrijventerreinen",
        "toelichting": (
            "De energiehubs komen voort uit de netcongestieanalyse van de energietransitie. "
            "Gedeelde opwek en opslag op bedrijventerreinen spelen netcapaciteit vrij die elders "
            "in de regio nodig is."
        ),
    },
    {
        "van": "energietransitie",
        "naar": "woningbouwversnelling",
        "toelichting": (
            "Nieuwe woonwijken hebben een netaansluiting nodig op het moment dat ze worden "
            "opgeleverd. De prioriteringslijst voor netaansluitingen stemmen we af op de "
            "woningbouwplanning, en nieuwbouw draagt bij met zon op dak."
        ),
    },
    {
        "van": "energietransitie",
        "naar": "landschap-en-natuur",
        "toelichting": (
            "Zon- en windprojecten passen we in met de gebiedsprogramma's voor stuwwallen en "
            "uiterwaarden, zodat duurzame opwek de kwaliteit van het landschap niet aantast."
        ),
    },
    {
        "van": "warmtetransitie",
        "naar": "circulaire-economie",
        "toelichting": (
            "Restwarmte van circulaire industrie, onder meer op het Industriepark Kleefse Waard, "
            "is een van de warmtebronnen in de regionale warmtebronnenkaart."
        ),
    },
    {
        "van": "warmtetransitie",
        "naar": "talent-en-arbeidsmarkt",
        "toelichting": (
            "Zonder installatiemonteurs komt de warmtetransitie niet op gang. De "
            "opleidingstrajecten voor installatietechniek zijn afgestemd op de planning van de "
            "wijkaanpakken."
        ),
    },
    {
        "van": "warmtetransitie",
        "naar": "regionaal-voedselsysteem",
        "toelichting": (
            "De glastuinbouw in de Betuwe is zowel een grote warmtevrager als een mogelijke "
            "leverancier van warmte. Uitwisseling van warmte tussen kassen en woonwijken nemen we "
            "op in de warmtebronnenstrategie."
        ),
    },
    {
        "van": "circulaire-economie",
        "naar": "woningbouwversnelling",
        "toelichting": (
            "De inkoopafspraak circulair bouwen geldt voor woningbouwprojecten die het "
            "versnellingsteam ondersteunt. Zo bouwen we sneller en tegelijk met biobased en "
            "hergebruikt materiaal."
        ),
    },
    {
        "van": "circulaire-economie",
        "naar": "energiehubs-bedrijventerreinen",
        "toelichting": (
            "Op het Industriepark Kleefse Waard vallen circulaire industrie en een energiehub "
            "samen. Bedrijven delen daar energie, reststromen en infrastructuur."
        ),
    },
    {
        "van": "woningbouwversnelling",
        "naar": "mobiliteitscorridor",
        "toelichting": (
            "Door woningbouw te concentreren rond stations langs de spoorlijn Arnhem-Nijmegen "
            "benutten we de extra spoorcapaciteit en beperken we de groei van het autoverkeer op "
            "A12, A15 en A50."
        ),
    },
    {
        "van": "woningbouwversnelling",
        "naar": "fiets-en-ov-knooppunten",
        "toelichting": (
            "Nieuwe woonlocaties krijgen vanaf de start een aansluiting op snelfietsroutes en "
            "mobiliteitshubs, zodat bewoners niet afhankelijk worden van de auto."
        ),
    },
    {
        "van": "woningbouwversnelling",
        "naar": "klimaatadaptatie-en-water",
        "toelichting": (
            "Alle woningbouwplannen vanaf 50 woningen worden getoetst aan de regionale richtlijn "
            "waterrobuust bouwen, zodat we niet bouwen op plekken die bij hoogwater of hevige "
            "buien onder water lopen."
        ),
    },
    {
        "van": "mobiliteitscorridor",
        "naar": "fiets-en-ov-knooppunten",
        "toelichting": (
            "Snelle fietsroutes naar stations en goede overstappunten maken het spoor "
            "aantrekkelijker en ontlasten de snelwegen in de spits. Beide opgaven delen de "
            "werkgeversaanpak slim reizen."
        ),
    },
    {
        "van": "mobiliteitscorridor",
        "naar": "grensoverschrijdende-samenwerking",
        "toelichting": (
            "De oost-westcorridor loopt door tot in Duitsland. Afspraken over de treinverbinding "
            "via Emmerik en over het goederenvervoer op de A12 maken we in samenhang."
        ),
    },
    {
        "van": "lifeport-health-hightech",
        "naar": "talent-en-arbeidsmarkt",
        "toelichting": (
            "Bedrijven in Health & hightech groeien alleen als er technisch talent beschikbaar is. "
            "Opleidingstrajecten en het binden van afgestudeerden richten we mede op de vacatures "
            "in het ecosysteem rond Novio Tech Campus en het Radboudumc."
        ),
    },
    {
        "van": "lifeport-health-hightech",
        "naar": "gezonde-regio",
        "toelichting": (
            "Zorginnovaties uit de proeftuinen van Lifeport testen we in de wijken met de grootste "
            "gezondheidsachterstand, zodat innovatie direct bijdraagt aan kleinere "
            "gezondheidsverschillen."
        ),
    },
    {
        "van": "regionaal-voedselsysteem",
        "naar": "gezonde-regio",
        "toelichting": (
            "Gezond voedsel van dichtbij in schoolkantines, zorginstellingen en "
            "bedrijfsrestaurants ondersteunt de Gezonde School-aanpak en de wijkaanpak gezondheid."
        ),
    },
    {
        "van": "regionaal-voedselsysteem",
        "naar": "landschap-en-natuur",
        "toelichting": (
            "Natuurinclusieve landbouw en betaald landschapsbeheer geven boeren in de Gelderse "
            "Poort en langs de stuwwallen een verdienmodel dat landschap en biodiversiteit "
            "versterkt."
        ),
    },
    {
        "van": "klimaatadaptatie-en-water",
        "naar": "landschap-en-natuur",
        "toelichting": (
            "Water vasthouden op de stuwwallen en ruimte voor de rivier in de uiterwaarden zijn "
            "zowel klimaatmaatregelen als natuurontwikkeling. We voeren ze uit in één "
            "gebiedsproces."
        ),
    },
    {
        "van": "fiets-en-ov-knooppunten",
        "naar": "gezonde-regio",
        "toelichting": (
            "Meer fietsen in het woon-werkverkeer betekent meer dagelijkse beweging. In wijken met "
            "een gezondheidsachterstand geven we voorrang aan veilige fietsverbindingen."
        ),
    },
    {
        "van": "digitale-connectiviteit",
        "naar": "gezonde-regio",
        "toelichting": (
            "Zorg op afstand en digitale preventieprogramma's werken in het buitengebied alleen "
            "met een snelle en betrouwbare verbinding."
        ),
    },
    {
        "van": "grensoverschrijdende-samenwerking",
        "naar": "talent-en-arbeidsmarkt",
        "toelichting": (
            "Grensarbeid vergroot het aanbod van werk en werknemers aan beide kanten van de grens. "
            "Het grensinfopunt en de werkgeversservicepunten verwijzen naar elkaar door."
        ),
    },
]
