"""Swedish (and some English) building blocks for the benchmark's generated pages.

Themes come with their own titles, sentences and tags, weighted so that some words are on
thousands of pages and others on a few dozen: "klimat" is everywhere, "energicoachning" and
"symbios" belong to one theme each, "vätgas" and "biokol" to a single rare sentence.
Slots in braces are filled in by the generator: {place} a municipality, {county} a county,
{org} and {company} organisations, {year} and {n} numbers.
"""

THEMES = {
    "klimatkontrakt": {
        "weight": 18,
        "topics": ["lokala klimatkontrakt", "klimatavtal med näringslivet", "klimatdeklarationer"],
        "titles": [
            "Lokalt klimatkontrakt i {place}",
            "Klimatavtal för företag och föreningar i {place}",
            "Klimatdeklarationen i {place}",
            "Klimatkontrakt {place} {year}",
            "Företagens klimatlöften i {place}",
            "Klimatprotokollet i {place}",
        ],
        "sentences": [
            "{place} tecknade ett lokalt klimatkontrakt med {n} företag och organisationer.",
            "Klimatkontraktet samlar kommunen, näringslivet och föreningslivet kring ett "
            "gemensamt mål.",
            "Den som skriver under klimatavtalet formulerar ett eget åtagande för sin verksamhet.",
            "Kontraktet följs upp varje år med en gemensam klimatrapport.",
            "Klimatdeklarationen har hittills undertecknats av {n} aktörer.",
            "Genom klimatkontrakten blir kommunens klimatmål något som fler tar ansvar för.",
            "Flera av de anslutna företagen har sedan dess halverat sina utsläpp från transporter.",
            "Arbetet med klimatkontraktet leds av en styrgrupp med representanter för {org}.",
        ],
        "tags": ["klimatavtal", "näringsliv", "klimatneutralitet", "föreningar"],
        "en_titles": [
            "Local climate contract in {place}",
            "Climate agreement for businesses and associations in {place}",
            "The {place} climate declaration",
        ],
        "en_sentences": [
            "{place} signed a local climate contract with {n} businesses and organisations.",
            "The climate contract brings the municipality, local business and associations "
            "together around a shared goal.",
            "Everyone who signs the agreement sets out a commitment of their own.",
            "The contract is followed up every year in a joint climate report.",
        ],
    },
    "klimatnatverk-naringsliv": {
        "weight": 16,
        "topics": ["klimatnätverk för företag", "näringslivets klimatarbete", "klimatallianser"],
        "titles": [
            "Klimatnätverk för näringslivet i {place}",
            "Företagsnätverk för klimatet i {county}",
            "Klimatallians {place}",
            "Näringslivets klimatråd i {place}",
            "Klimatarena för företag i {place}",
        ],
        "sentences": [
            "Nätverket träffas fyra gånger om året för att dela erfarenheter och goda exempel.",
            "I klimatnätverket deltar {n} företag från olika branscher.",
            "Kommunens näringslivsutvecklare samordnar nätverket tillsammans med {org}.",
            "Medlemmarna redovisar sina utsläpp och sätter egna mål för minskningen.",
            "Nätverksträffarna blandar korta föreläsningar med samtal i mindre grupper.",
            "Små och medelstora företag får här tillgång till kunskap som annars är svår att "
            "hitta.",
            "Klimatalliansen har vuxit från tio till {n} medlemmar sedan starten {year}.",
        ],
        "tags": ["näringsliv", "nätverk", "småföretag", "klimatpositiv"],
        "en_titles": ["Business climate network in {place}", "Climate alliance {place}"],
        "en_sentences": [
            "The network meets four times a year to share experience and good examples.",
            "{n} businesses from different sectors take part in the climate network.",
            "Members report their emissions and set their own reduction targets.",
        ],
    },
    "energicoachning": {
        "weight": 12,
        "topics": ["energicoachning för småföretag", "energi- och klimatcoachning"],
        "titles": [
            "Energicoachning för småföretag i {place}",
            "Energicoach för små och medelstora företag i {place}",
            "Kommunal energi- och klimatcoachning i {place}",
            "Klimatcoacher för företagen i {county}",
        ],
        "sentences": [
            "Energicoachen besöker företaget och går igenom hur energin används.",
            "Efter energigenomgången får företaget en åtgärdslista med uppskattade besparingar.",
            "Energicoachningen är kostnadsfri för företag med färre än 50 anställda.",
            "Hittills har {n} företag fått stöd av kommunens energicoacher.",
            "Många av åtgärderna, som att byta belysning och justera ventilationen, betalar sig "
            "på kort tid.",
            "Coachningen följs upp efter ett år för att se vilka åtgärder som genomförts.",
            "Energi- och klimatcoachen samarbetar med {org} om utbildningar för företagen.",
        ],
        "tags": ["småföretag", "energieffektivisering", "rådgivning"],
        "en_titles": [
            "Energy coaching for small businesses in {place}",
            "An energy coach for small and medium-sized businesses in {place}",
        ],
        "en_sentences": [
            "The energy coach visits the business and reviews how it uses energy.",
            "After the energy review the business gets a list of measures with estimated savings.",
            "So far {n} businesses have been supported by the municipality's energy coaches.",
        ],
    },
    "industriell-symbios": {
        "weight": 6,
        "topics": ["industriell symbios", "restflöden och spillvärme"],
        "titles": [
            "Industriell symbios i {place}",
            "Industrisymbios kring spillvärme i {place}",
            "Restflöden blir resurser i {place}",
            "Symbiosnätverk för industrin i {county}",
        ],
        "sentences": [
            "Spillvärme från industrin värmer i dag bostäder och växthus i {place}.",
            "I den industriella symbiosen tar företagen tillvara varandras restflöden av energi "
            "och material.",
            "En kartläggning visade att {n} ton restmaterial om året kunde användas av andra "
            "företag.",
            "Symbiosen samordnas av {org} tillsammans med kommunen.",
            "Överskottsånga från pappersbruket används i ett närliggande sågverk.",
            "Biogas framställs av restprodukter från livsmedelsindustrin.",
        ],
        "tags": ["industri", "cirkulär ekonomi", "spillvärme", "biogas"],
        "en_titles": ["Industrial symbiosis in {place}", "Waste heat as a resource in {place}"],
        "en_sentences": [
            "Waste heat from industry now heats homes and greenhouses in {place}.",
            "In the industrial symbiosis companies make use of each other's leftover energy and "
            "materials.",
        ],
    },
    "grona-resplaner": {
        "weight": 12,
        "topics": ["gröna resplaner", "hållbar pendling", "cykelvänliga arbetsplatser"],
        "titles": [
            "Gröna resplaner i {place}",
            "Hållbar pendling till arbetsplatserna i {place}",
            "Cykelvänlig arbetsplats i {place}",
            "Grön resplan för {company}",
            "Mobilitetsnätverk för arbetsgivare i {place}",
        ],
        "sentences": [
            "En grön resplan beskriver hur arbetsplatsen ska göra det lättare att gå, cykla och "
            "åka kollektivt.",
            "Resvaneundersökningen visade att {n} procent av de anställda pendlar med bil.",
            "Arbetsgivarna erbjöd prova-på-kort i kollektivtrafiken och lånecyklar.",
            "Kommunen stöttar arbetsplatserna med en kartläggning av pendlingsresorna.",
            "Samåkning och cykelparkering med laddning för elcyklar var de mest efterfrågade "
            "åtgärderna.",
            "De gröna resplanerna har minskat bilpendlingen med {n} procent på tre år.",
        ],
        "tags": ["cykel", "pendling", "kollektivtrafik", "arbetsgivare"],
        "en_titles": ["Green travel plans in {place}", "Sustainable commuting in {place}"],
        "en_sentences": [
            "A green travel plan describes how the workplace makes it easier to walk, cycle and "
            "take public transport.",
            "The travel survey showed that {n} percent of staff commute by car.",
        ],
    },
    "godstransporter-fordon": {
        "weight": 8,
        "topics": ["fossilfria godstransporter", "samlastning", "nya fordonstyper"],
        "titles": [
            "Samordnade godstransporter i {place}",
            "Fossilfria godstransporter i {county}",
            "Eldrivna lastbilar i {place}",
            "Samlastning för stadskärnan i {place}",
            "Självkörande fordon i {place}",
        ],
        "sentences": [
            "Genom samlastning minskade antalet leveranser till stadskärnan med {n} procent.",
            "Åkerierna testar eldrivna lastbilar på kortare sträckor i regionen.",
            "Laddinfrastruktur för tunga fordon byggs ut vid logistikcentret.",
            "Projektet drivs av {org} tillsammans med transportköpare och fordonstillverkare.",
            "Transportköparna ställer krav på fossilfria transporter i sina upphandlingar.",
        ],
        "tags": ["godstransporter", "logistik", "elfordon", "laddinfrastruktur"],
        "en_titles": ["Coordinated freight in {place}", "Electric trucks in {place}"],
        "en_sentences": [
            "Through shared deliveries the number of deliveries to the town centre fell by "
            "{n} percent.",
            "Hauliers are testing electric trucks on shorter routes in the region.",
        ],
    },
    "kolinlagring-livsmedel": {
        "weight": 6,
        "topics": ["kolinlagring i jordbruket", "lokala livsmedelskedjor"],
        "titles": [
            "Kolinlagring i jordbruket i {place}",
            "Mer kol i marken i {county}",
            "Lokala livsmedelskedjor i {place}",
            "Klimatsmart lantbruk i {place}",
        ],
        "sentences": [
            "Lantbrukarna provar fånggrödor och vallodling för att binda mer kol i marken.",
            "Kommunens kök köper mer närproducerade livsmedel genom nya upphandlingar.",
            "{n} gårdar deltar i försöken med kolinlagring.",
            "Matsvinnet i skolorna har minskat med {n} procent.",
        ],
        "tags": ["lantbruk", "livsmedel", "kolinlagring"],
        "en_titles": ["Carbon farming in {place}", "Local food chains in {place}"],
        "en_sentences": [
            "Farmers are trying catch crops and ley farming to store more carbon in the soil.",
        ],
    },
    "koldioxidbudget": {
        "weight": 8,
        "topics": ["koldioxidbudgetar", "klimatfärdplaner"],
        "titles": [
            "Koldioxidbudget för {place}",
            "Klimatfärdplan {place} {year}",
            "Färdplan för ett fossilfritt {place}",
            "Klimatneutrala {place} {year}",
        ],
        "sentences": [
            "Koldioxidbudgeten visar att utsläppen i {place} behöver minska med {n} procent per "
            "år.",
            "Färdplanen bryter ned klimatmålet i åtgärder för varje sektor.",
            "{org} tog fram underlaget till koldioxidbudgeten på uppdrag av kommunen.",
            "Kommunfullmäktige antog färdplanen {year}.",
            "Utsläppen följs upp varje år mot den lokala utsläppsbanan.",
        ],
        "tags": ["koldioxidbudget", "färdplan", "klimatmål"],
        "en_titles": ["Carbon budget for {place}", "Climate roadmap {place} {year}"],
        "en_sentences": [
            "The carbon budget shows that emissions in {place} need to fall by {n} percent a year.",
        ],
    },
    "medborgarengagemang": {
        "weight": 10,
        "topics": ["klimatdialoger med invånare", "föreningarnas klimatarbete"],
        "titles": [
            "Klimatdialog med invånarna i {place}",
            "Medborgarbudget för klimatet i {place}",
            "Klimatråd för unga i {place}",
            "Invånarnas klimatlöften i {place}",
        ],
        "sentences": [
            "Invånarna bjöds in till klimatdialoger i biblioteket och på torget.",
            "Föreningarna kunde söka bidrag för egna klimatinitiativ.",
            "Ett ungdomsklimatråd lämnar varje år förslag till kommunstyrelsen.",
            "Över {n} invånare har anslutit sig till klimatutmaningen.",
        ],
        "tags": ["invånare", "föreningar", "unga"],
        "en_titles": [
            "Climate dialogue with residents in {place}",
            "Youth climate council in {place}",
        ],
        "en_sentences": [
            "Residents were invited to climate dialogues in the library and on the square.",
        ],
    },
}

GENERIC_SENTENCES = [
    "Kommunen bjöd in företagen till en första träff {year}.",
    "Arbetet finansierades delvis av {org}.",
    "Projektet startade {year} och har sedan dess vuxit.",
    "Erfarenheterna har spridits till flera andra kommuner i {county}.",
    "Samverkan mellan kommun, näringsliv och civilsamhälle är en förutsättning för att nå "
    "klimatmålen.",
    "En projektledare på halvtid håller ihop arbetet.",
    "Resultaten redovisas i kommunens årliga hållbarhetsrapport.",
    "Deltagarna lyfter fram värdet av att träffas regelbundet och lära av varandra.",
    "Klimatarbetet är en del av kommunens översiktsplan.",
    "Flera företag har redan ställt om till förnybar energi.",
    "Utsläppen av växthusgaser har minskat med {n} procent sedan {year}.",
    "Samarbetet med {org} har gett tillgång till forskning och mätmetoder.",
    "Kommunstyrelsen beslutade {year} att göra arbetet permanent.",
]
# (probability, sentence): words that occur on few pages.
OCCASIONAL_SENTENCES = [
    (0.10, "Fjärrvärmebolaget har varit en viktig partner i arbetet."),
    (0.05, "Solceller på kommunens tak producerar nu {n} megawattimmar el om året."),
    (0.02, "En solcellspark byggs på en nedlagd deponi."),
    (0.01, "En vätgastankstation planeras i hamnen för de tunga transporterna."),
    (0.006, "Biokol från parkavfallet blandas i jorden i stadens planteringar."),
]
EN_GENERIC_SENTENCES = [
    "The municipality invited local businesses to a first meeting in {year}.",
    "The work was partly funded by {org}.",
    "The experience has been shared with several other municipalities.",
    "Collaboration between the municipality, business and civil society is essential.",
]

HEADINGS = [
    "Så kom arbetet i gång",
    "Hur samarbetet är organiserat",
    "Vad som hänt hittills",
    "Nästa steg",
    "Finansiering",
    "Bakgrund",
    "Vilka som deltar",
    "Så följs arbetet upp",
]
EN_HEADINGS = ["How it started", "How the work is organised", "What happened so far", "Next"]
CALL_OUT_HEADINGS = ["Att ta med sig", "Tips", "Följ arbetet"]
LESSONS = [
    "Börja med de företag som redan vill vara med.",
    "Avsätt tid för uppföljning från början.",
    "Ett tydligt gemensamt mål gör det lättare att hålla engagemanget uppe.",
    "Låt deltagarna själva forma en del av programmet.",
    "Förankra arbetet politiskt tidigt.",
    "Mät utsläppen på samma sätt varje år så att resultaten går att jämföra.",
    "Det tar tid att bygga förtroende mellan kommunen och företagen.",
]
RESULTS = [
    "Utsläppen från de deltagande verksamheterna minskade med {n} procent.",
    "{n} företag har genomfört minst en åtgärd.",
    "Arbetet har lett till {n} nya samarbeten mellan företag i kommunen.",
    "Energianvändningen minskade med {n} megawattimmar om året.",
]
QUOTES = [
    "Det viktiga är att vi kommer framåt tillsammans.",
    "Vi hade aldrig klarat det här på egen hand.",
    "Företagen vill ställa om, de behöver bara veta hur.",
]

TAGS = sorted(
    {tag for theme in THEMES.values() for tag in theme["tags"]}
    | {"solenergi", "fjärrvärme", "upphandling", "fastigheter", "skola", "besöksnäring"}
    | {"workshop", "webbinarium", "vätgas", "biokol"}
)

EVENT_TYPES = [
    # slug, Swedish name, English name, weight
    ("webbfika", "Webbfika", "Web coffee", 30),
    ("natverkstraff", "Nätverksträff", "Network meeting", 20),
    ("tematraff", "Tematräff", "Theme meeting", 15),
    ("workshop", "Workshop", "Workshop", 12),
    ("seminarium", "Seminarium", "Seminar", 10),
    ("studiebesok", "Studiebesök", "Study visit", 6),
    ("utbildning", "Utbildning", "Training", 5),
    ("konferens", "Konferens", "Conference", 2),
]
EVENT_TITLES = [
    "{type} om {topic}",
    "{type}: {topic} i {place}",
    "{type} – så arbetar {place} med {topic}",
    "{type} om {topic} för kommuner i {county}",
]
EN_EVENT_TITLES = ["{type} on {topic}", "{type}: how {place} works with {topic}"]
EVENT_SENTENCES = [
    "Träffen är kostnadsfri och öppen för alla medlemmar i nätverket.",
    "Anmäl dig senast en vecka före träffen.",
    "Vi hör hur {place} har arbetat och diskuterar sedan nästa steg i mindre grupper.",
    "Träffen hålls digitalt och länken skickas ut dagen innan.",
    "Efter träffen publicerar vi presentationerna här.",
    "Ta gärna med en kollega från näringslivsenheten.",
]
PROGRAMME = [
    "Välkommen och inledning",
    "Så arbetar {place} med {topic}",
    "Erfarenheter från {org}",
    "Frågor och samtal",
    "Bikupor: vad kan vi göra tillsammans?",
    "Studiebesök hos {company}",
    "Sammanfattning och avslutning",
]
WORKSHOP_QUESTIONS = [
    "Vad tar du med dig från dagen?",
    "Vilka företag i er kommun borde vara med?",
    "Vad är nästa steg för er?",
    "Vilka hinder ser ni och hur kan vi undanröja dem?",
]

NEWSLETTER_HEADINGS = [
    "Nytt om {topic}",
    "Nya exempel i biblioteket",
    "Kommande träffar",
    "Tips från nätverket",
    "Missade du webbfikan?",
]

COMPANY_PREFIXES = [
    "Norrlands",
    "Västkustens",
    "Mälardalens",
    "Skånes",
    "Bergslagens",
    "Smålands",
    "Upplands",
    "Östgöta",
    "Dalarnas",
    "Värmlands",
    "Hallands",
    "Gotlands",
    "Jämtlands",
    "Blekinge",
    "Sörmlands",
]
COMPANY_SUFFIXES = [
    "Energi AB",
    "Logistik AB",
    "Bygg AB",
    "Fastigheter AB",
    "Åkeri AB",
    "Livsmedel AB",
    "Pappersbruk AB",
    "Biogas AB",
    "Kyl och Värme AB",
    "Mekaniska Verkstad AB",
]
# Larger municipalities appear on more pages, as in real life.
BIG_MUNICIPALITIES = [
    "0180",  # Stockholm
    "1480",  # Göteborg
    "1280",  # Malmö
    "0380",  # Uppsala
    "0580",  # Linköping
    "1880",  # Örebro
    "1980",  # Västerås
    "1283",  # Helsingborg
    "0581",  # Norrköping
    "0680",  # Jönköping
    "2480",  # Umeå
    "1281",  # Lund
    "1490",  # Borås
    "0484",  # Eskilstuna
    "2180",  # Gävle
    "1780",  # Karlstad
    "0780",  # Växjö
    "1380",  # Halmstad
    "2281",  # Sundsvall
    "2580",  # Luleå
    "2380",  # Östersund
    "0880",  # Kalmar
    "1290",  # Kristianstad
    "2080",  # Falun
]
BIG_MUNICIPALITY_WEIGHT = 8
