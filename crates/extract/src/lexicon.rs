//! The vocabularies the extractor recognises, in the five languages, and the
//! one automaton that finds all of them in a single pass over a text.
//!
//! Names come from the gazetteer (cities with alternate names, countries,
//! networks and bodies with their aliases, fields, roles); the words that
//! signal relations ("member of", "gemellata con", "a eu lieu", "Sitz in")
//! are tables here, one [`Kw`] per kind of signal.

use std::collections::HashMap;
use std::hash::Hasher;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind, StartKind};
use citynets_gazetteer::Gazetteer;
use citynets_model::{fold, BodyKind, Field, NetworkKind, Role};

/// A relation signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kw {
    /// "member", "membro", "Mitglied".
    Member,
    /// "joined", "entra nel", "aderire", "rejoint", "se unió".
    Join,
    /// German "gehört ... an", "gehört zum": belonging, read with the
    /// particle or preposition that completes it.
    Belong,
    /// "takes part in", "prendendo parte", "fait partie".
    TakePart,
    /// "designated", "designata", "ernannt".
    Designated,
    /// "Creative City", "Città Creativa", "Kreativstadt".
    CreativeCity,
    /// "twinned with", "gemellata con", "Partnerstadt".
    Twin,
    /// "twinning between", "gemellaggio tra": both cities follow.
    TwinBetween,
    /// A noun of twinning alone ("twinning", "jumelage",
    /// "Städtepartnerschaft"): the topic of a sentence or a page, with
    /// the pair written around it ("Städtepartnerschaft Ansbach-Anglet").
    TwinNoun,
    /// "headquartered in", "ha sede a", "Sitz in".
    Hq,
    /// A noun of a network's seat ("headquarters", "Hauptsitz", "siège"):
    /// with a verb that places it ("is located in") it states the seat.
    SeatNoun,
    /// A word that may open the name of a network the catalogue lacks
    /// ("Red", "Network", "Association", "Union"): read for its shape only.
    NetHead,
    /// "founded", "fondata", "gegründet".
    Founded,
    /// "took place", "si terrà", "a eu lieu": the host follows ("in X").
    HeldIn,
    /// "hosted", "ospiterà", "accueille": the subject hosts.
    Host,
    /// "hosted by", "ospitato da": the host follows.
    HostedBy,
    /// A meeting of some kind.
    Event(EventType),
    /// A verb giving a role to its subject ("led", "chaired", "guida").
    RoleVerb(Role),
    /// A passive giving a role to what follows ("guidato da", "chaired by",
    /// "con il supporto di").
    RoleBy(Role),
    /// "delegates of", "i delegati di": participants follow.
    Delegates,
    /// "the network", "il network", "la rete": the network in question.
    NetworkRef,
    /// "Coordinamento", "the coordination": a national coordination network.
    CoordRef,
    /// "no", "not", "non", "nicht".
    Negation,
    /// "next", "prossimi", "prochaine": a future reference.
    Next,
    /// "past", "previous", "precedenti".
    Past,
    /// An ordinal ("seventh", "settima") for an edition.
    Ordinal(u32),
    /// "now", "currently", "attualmente".
    Now,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventType {
    AnnualGeneralMeeting,
    AnnualConference,
    AnnualMeeting,
    Meeting,
    Conference,
    Summit,
    GeneralAssembly,
    Event,
}

impl EventType {
    pub fn name(self) -> &'static str {
        match self {
            EventType::AnnualGeneralMeeting => "Annual General Meeting",
            EventType::AnnualConference => "Annual Conference",
            EventType::AnnualMeeting => "Annual Meeting",
            EventType::Meeting => "Meeting",
            EventType::Conference => "Conference",
            EventType::Summit => "Summit",
            EventType::GeneralAssembly => "General Assembly",
            EventType::Event => "Event",
        }
    }
}

/// What a matched name may mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    City(u32),
    Country(u16),
    Network(u16),
    /// A body named with its network ("EUROCITIES Culture Forum").
    Organ(u16, u16),
    /// A body named alone ("the Executive Committee"), of this network.
    Body(u16, u16),
    /// A kind of body any network may have ("Board of Directors",
    /// "Vorstand"): an index into [`GENERIC_BODIES`].
    GenericBody(u8),
    Field(Field),
    /// "City of Music", "Città Creativa per il Design": a field and the
    /// creative-city signal at once.
    CreativeField(Field),
    Role(Role),
    Kw(Kw),
}

/// The automaton and what each pattern means.
pub struct Lexicon {
    pub automaton: AhoCorasick,
    pub senses: Vec<Vec<Sense>>,
    /// Folded city name → city indexes, largest first (from the gazetteer),
    /// for names found inside other names ("the Brussels office").
    pub single_city_words: HashMap<String, Vec<u32>>,
    /// Towns (see [`Lexicon::town_at`]): the key of a name → its pattern,
    /// an index into `senses` past the automaton's patterns.
    town_names: rustc_hash::FxHashMap<u64, u32>,
    /// The most words a town's name has.
    town_words: usize,
    /// Per pattern, the kinds of sense it has ([`PatternFlags`]): checked
    /// for every mention of a text, so computed once here.
    pub flags: Vec<PatternFlags>,
    /// Every name of every country, folded, for names that end with one.
    pub country_names: Vec<String>,
}

/// What a pattern may name, as bits, for the checks made on every mention.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PatternFlags(u8);

impl PatternFlags {
    pub const NET_HEAD: u8 = 1;
    pub const NETWORK_REF: u8 = 2;
    pub const NETWORK: u8 = 4;
    pub const CREATIVE: u8 = 8;

    fn of(senses: &[Sense]) -> PatternFlags {
        let mut bits = 0;
        for s in senses {
            bits |= match s {
                Sense::Kw(Kw::NetHead) => Self::NET_HEAD,
                Sense::Kw(Kw::NetworkRef) => Self::NETWORK_REF,
                Sense::Network(_) | Sense::Organ(..) => Self::NETWORK,
                Sense::Kw(Kw::CreativeCity) | Sense::CreativeField(_) => Self::CREATIVE,
                _ => 0,
            };
        }
        PatternFlags(bits)
    }

    pub fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

type KwTable = &'static [(Kw, &'static [&'static str])];

const KEYWORDS: KwTable = &[
    (Kw::Member, &[
        "member", "members", "member city", "member cities", "membro", "membri", "città membro", "socio", "soci", "socia", "socie", "socio fondatore", "socia fondatrice",
        "founding member", "founding members", "membre fondateur", "membres fondateurs", "miembro fundador",
        "miembros fundadores", "Gründungsmitglied", "Gründungsmitglieder", "Mitgliedern", "Mitgliedsstädten",
        "membre", "membres", "ville membre", "villes membres", "miembro", "miembros", "ciudad miembro",
        "ciudades miembro", "Mitglied", "Mitglieder", "Mitgliedsstadt", "Mitgliedstadt", "Mitgliedsstädte",
        "Mitgliedskommunen", "Mitgliedskommune", "Mitgliedsgemeinden", "Mitgliedsgemeinde",
        "sits on", "sits in", "sit on", "siège au", "siège à la", "siège dans", "siede nel", "siede nella",
        "forma parte del", "sitzt im", "sitzt in", "signatory", "signatories", "firmatari", "firmatario",
        "signataire", "signataires", "firmante", "firmantes", "Unterzeichner", "Mitgliedschaft", "Mitgliedschaft im",
        "Mitgliedschaft in", "membership of", "membership in",
    ]),
    (Kw::Belong, &["gehört", "gehören", "gehörte", "gehörten", "angehört", "angehören", "angehörte", "angehörten"]),
    (Kw::Join, &[
        "joined", "joins", "has joined", "have joined", "will join", "became a member", "becomes a member",
        "become a member", "entra", "entrano", "è entrata", "è entrato", "entra a far parte", "è entrata a far parte",
        "è entrato a far parte", "sono entrate", "aderire", "aderisce", "aderiscono", "ha aderito", "hanno aderito",
        "aderito", "rejoint", "a rejoint", "rejoignent", "ont rejoint", "adhère", "adhèrent", "a adhéré", "ont adhéré",
        "intègre", "a intégré",
        "se une", "se unió", "se ha unido", "ingresa", "ingresó", "ha ingresado", "se adhiere", "se adhirió", "se ha adherido", "adherido", "adherida", "adheridos", "adheridas",
        "adhérente", "adhérentes", "aderente", "aderenti",
        "se incorpora", "se incorporó", "se suma", "se sumó", "se sumaron", "se ha sumado", "se sumará", "beigetreten", "tritt", "trat", "aufgenommen", "beitrat", "beitraten",
        "entrerà", "entreranno", "entrerà a far parte", "è stata eletta nel", "è stato eletto nel", "eletta nel",
        "eletto nel", "was elected to", "elected to", "has been elected to", "a été élue au", "a été élu au",
        "élue au", "élu au", "fue elegida para", "fue elegido para", "gewählt in", "signed", "has signed",
        "a signé", "ha firmato", "ha sottoscritto", "firmó", "ha firmado", "unterzeichnete", "unterzeichnet",
        "beigetreten ist", "rejoindra", "se unirá", "wird beitreten",
    ]),
    (Kw::TakePart, &[
        "take part in", "takes part in", "took part in", "taking part in", "prendendo parte", "prende parte",
        "prendere parte", "fa parte", "fanno parte", "far parte", "fait partie", "font partie", "forma parte",
        "forman parte", "participates in", "toman parte", "toman parte en", "participan en", "participan",
        "participate in", "participated in", "participa en", "participa activamente en", "participe au",
        "participe aux", "participe à", "partecipa al", "partecipa ai", "partecipa alla", "mitwirkt im",
        "farà parte", "faranno parte", "fera partie", "feront partie", "formará parte", "formarán parte",
        "integra", "integran", "integrará", "integrarán", "integraba", "integraban", "integró", "integraron",
        "is part of", "are part of", "has been part of", "have been part of", "was part of", "became part of",
        "belongs to", "belong to", "belonged to", "appartient à", "appartient au", "appartiennent à",
        "appartiene alla", "appartiene al", "appartengono alla", "pertenece a", "pertenece al", "pertenecen a",
        "Teil des", "Teil der", "ist Teil", "sind Teil",
    ]),
    (Kw::Designated, &[
        "designated", "named", "was designated", "has been designated", "designata", "designato", "nominata",
        "nominato", "proclamata", "proclamato", "riconosciuta", "désignée", "désigné", "nommée", "nommé",
        "labellisée", "designada", "designado", "nombrada", "nombrado", "declarada", "ernannt", "ausgezeichnet",
        "were designated", "were named", "have been designated", "sono state designate", "sono state nominate",
        "désignées", "designadas", "designados", "fue designada", "fue designado",
        "received the title", "ricevuto il titolo", "obtenu le titre", "recibió el título",
        "la distinción de", "the distinction of", "la distinction de", "il riconoscimento di",
        "el reconocimiento de", "ha incluido a", "incluyó a", "incluye a", "ha inserito",
        "obtuvo el título", "ha obtenido el título", "obtained the title", "earned the title", "ottenuto il titolo",
        "ha ottenuto il titolo", "a obtenu le titre", "declarado", "declarada como", "ha declarado", "erhielt den Titel",
        "el título de", "the title of", "le titre de", "il titolo di", "den Titel", "designó", "designa",
        "ha designado", "nombró", "ha nombrado", "ha designato", "ha nominato", "a désigné", "a nommé",
        "hat ernannt", "ernannte", "designates", "named it",
    ]),
    (Kw::CreativeCity, &[
        "Creative City", "Creative Cities", "UNESCO City", "UNESCO Cities", "Città Creativa", "Città Creative",
        "Citta Creativa", "Citta Creative", "Ville créative", "Villes créatives", "Ville créative UNESCO",
        "Ciudad Creativa", "Ciudades Creativas", "Kreativstadt", "Kreativstädte", "kreative Stadt",
    ]),
    (Kw::Twin, &[
        "twinned with", "twinned to", "twin city of", "twin town of", "sister city of", "sister city", "twin city",
        "twinned", "gemellata con", "gemellato con", "gemellate con", "gemellata", "gemellate", "città gemella",
        "jumelée avec", "jumelé avec", "jumelées avec", "jumelée", "ville jumelle", "hermanada con",
        "hermanado con", "hermanadas con", "ciudad hermana", "Partnerstadt", "Partnerstadt von",
        "Partnerstädte", "verschwistert mit", "verschwistert", "partnerschaftlich verbunden",
        "twin towns", "twin cities", "sister cities", "città gemelle", "villes jumelles", "ciudades hermanadas",
        "hermanada", "hermanado", "Partnerstädten", "twin town", "its twin", "their twin", "twins the town with",
        "twins the city with", "jumelée à", "jumelé à", "jumelle de", "jumelées", "jumelés", "jumelé",
        "gemellati", "gemellato", "gemellarsi", "se hermanaron", "se hermanó", "se hermanan", "hermanarse",
        "hermanaron", "hermanó", "unió lazos con", "unieron lazos", "partner city", "partner cities",
        "partner town", "partner towns", "partner city of", "partner town of",
    ]),
    (Kw::TwinBetween, &[
        "twinning between", "twinning agreement between", "twinning of", "gemellaggio tra", "gemellaggio fra",
        "jumelage entre", "hermanamiento entre", "Städtepartnerschaft zwischen", "partnership between",
    ]),
    (Kw::TwinNoun, &[
        "twinning", "twinnings", "town twinning", "twinning association", "jumelage", "jumelages",
        "gemellaggio", "gemellaggi", "hermanamiento", "hermanamientos", "Städtepartnerschaft",
        "Städtepartnerschaften", "Partnerschaft", "Partnerschaften", "Gemeindepartnerschaft", "Partnergemeinden",
        "Partnergemeinde", "sister city relationship", "sister city relationships",
        "sister city arrangement", "sister city agreement", "villes jumelées", "ciudades hermanas",
        "pacto de hermandad", "pactos de hermandad", "acuerdo de hermandad",
    ]),
    (Kw::SeatNoun, &[
        "headquarters", "secretariat", "premises", "seat", "offices", "siège", "secrétariat", "segreteria", "secretaría", "secretariado", "Sitz",
        "Hauptsitz", "Geschäftsstelle", "Sekretariat", "Zentrale", "sede", "head office", "head offices", "main office",
        "sede central", "sede centrale", "sede principal",
    ]),
    (Kw::NetHead, &[
        "Network", "Red", "Rete", "Réseau", "Netzwerk", "Association", "Asociación", "Associazione", "Union",
        "Unión", "Unione", "Alliance", "Alianza", "Alleanza", "Bündnis", "Federation", "Federación",
        "Federazione", "Fédération", "Verband", "Städtebund", "Cités Unies", "Ciudades Unidas", "League",
        "Liga", "Lega", "Ligue", "Organización", "Organisation", "Organization", "Organizzazione", "Council",
        "Consejo", "Conseil", "Consiglio",
    ]),
    (Kw::Hq, &[
        "headquartered in", "headquarters in", "headquarters are in", "headquarters is in", "is based in",
        "based in", "has its seat in", "seat in", "has its headquarters in", "ha sede a", "ha sede in",
        "con sede a", "con sede ad", "con sede in", "ha sede ad", "sede ad", "ha la sua sede a", "ha la propria sede a", "sede centrale a",
        "a son siège à", "son siège à", "siège à", "basé à", "basée à", "siégeant à", "tiene su sede en",
        "tiene sede en", "con sede en", "su sede en", "Sitz in", "mit Sitz in", "seinen Sitz in", "ihren Sitz in",
        "le siège est à", "dont le siège est à", "siège est à", "la sede è a", "la cui sede è a",
        "cuya sede está en", "sede está en", "tiene su sede en", "has its seat in", "headquarters are in",
        "is headquartered in", "Sitz ist in", "seinen Sitz hat in",
    ]),
    (Kw::Founded, &[
        "founded", "established", "was founded", "was established", "was created", "created", "set up",
        "fondata", "fondato", "è nata", "è nato", "nata", "costituita", "costituito", "istituita", "istituito",
        "creata", "creato", "né en", "née en",
        "fondée", "fondé", "créée", "créé", "fundada", "fundado", "creada", "creado", "gegründet",
        "constituida", "constituido", "constituée", "constitué", "incorporated",
        "fondata nel", "fondé en", "fondée en", "fue fundada", "fue creada", "wurde gegründet",
        "ins Leben gerufen", "gegründete", "gegründetes", "gegründeten", "launched", "was launched", "lanzada",
        "lanzado", "fue lanzada", "lancé", "lancée", "nacida", "nacido", "lanciata", "lanciato", "a vu le jour",
        "vit le jour", "est né", "est née", "nació", "vio la luz", "came into being", "entstand", "è sorta", "è sorto",
        "nacque", "fundación", "création", "fondazione", "gründung", "gründungsjahr",
    ]),
    (Kw::HeldIn, &[
        "took place", "takes place", "taken place", "has taken place", "have taken place", "take place", "will take place", "taking place", "was held", "were held",
        "have been held", "has been held", "will be held", "is held", "are held", "be held", "held",
        "is scheduled", "are scheduled", "scheduled", "is taking place",
        "si è svolto", "si è svolta", "si sono svolti", "si è tenuto", "si è tenuta", "si sono tenuti",
        "si terrà", "si terranno", "si svolgerà", "si svolgeranno", "si svolge", "si tiene", "ha avuto luogo",
        "avrà luogo", "avranno luogo", "è stato ospitato", "a eu lieu", "aura lieu", "auront lieu",
        "s'est tenu", "s'est tenue", "se tiendra", "se tient", "s'est déroulé", "s'est déroulée",
        "se déroulera", "se déroule", "tuvo lugar", "tendrá lugar", "tiene lugar", "se celebró",
        "se celebrará", "se celebra", "celebrará", "celebró", "will hold", "holds", "tiendra", "terrà", "se realizó", "se realizará", "fand", "findet", "stattfinden",
        "stattgefunden", "stattfand", "stattfindet", "será en", "sarà a", "sera à", "will be in",
        "se desarrolla", "se desarrolló", "se desarrollará", "in corso a", "in corso al", "in corso ad", "in corso nel",
        "se sont tenues", "se sont tenus", "ont eu lieu", "se sont déroulées", "se sont déroulés", "se tinrent",
        "si sono tenute", "si sono svolte", "si è svolto a", "se celebraron", "tuvieron lugar", "se han celebrado",
        "fanden", "were hosted", "was hosted", "met in", "gathered in", "will meet in", "meets in",
        "si riunirà", "si riuniranno", "si riunisce", "si è riunito", "si è riunita", "se réunira", "se réunit",
        "s'est réuni", "s'est réunie", "se reunirá", "se reúne", "se reunió", "trifft sich", "traf sich",
        "se reunieron", "se reunirán", "si sono riuniti", "si sono riunite", "se sont réunis",
        "se sont réunies", "se réuniront", "trafen sich", "treffen sich",
        "tagt", "tagte", "realizada en", "realizado en", "celebrada en", "celebrado en", "svoltasi a",
        "svoltasi in", "tenutasi a", "tenutasi in", "tenue à", "tenu à", "in programma a", "in programma ad",
        "in programma in", "prevista a", "previsto a", "prévue à", "prévu à", "programmée à", "prevista en",
        "programada en",
    ]),
    (Kw::Host, &[
        "hosted", "hosts", "will host", "host", "hosting", "ospiterà", "ospiteranno", "ospita", "ha ospitato",
        "accueillera", "accueille", "a accueilli", "accueillait", "acogerá", "acoge", "acogió", "albergará",
        "alberga", "albergó", "richtet", "richtete", "ist Gastgeber", "war Gastgeber", "wird Gastgeber",
        "Gastgeber", "past hosts", "previous hosts", "host cities", "città ospitanti", "villes hôtes",
        "fue sede de", "será sede de", "es sede de", "è stata sede di", "sarà sede di", "è sede di",
        "a été le siège de", "sera le siège de", "fue la sede de", "será la sede de", "es la sede de",
        "è stata la sede di", "sarà la sede di", "a été l'hôte de", "sera l'hôte de", "est l'hôte de",
        "ville hôte", "città ospite", "ciudad anfitriona", "will be the host of", "was the host of", "host city of", "ville hôte de", "città ospite di",
        "è stata la sede della", "è stata la sede del", "sarà la sede della", "sarà la sede del", "è stata sede della",
        "sarà sede della", "fue la sede del", "será la sede del", "fue sede del", "será sede del", "a été le siège du",
        "sera le siège du", "was the venue of", "was the venue for", "will be the venue of", "will be the venue for",
        "is the venue for",
        "ciudades anfitrionas", "Gastgeberstädte", "welcomed", "welcomes", "will welcome", "recibe", "recibió",
        "recibirá", "a organisé", "organisera", "organizó", "organizará", "ha organizzato", "organizzerà",
    ]),
    (Kw::HostedBy, &[
        "hosted by", "ospitato da", "ospitata da", "ospitati da", "accueilli par", "accueillie par",
        "organisé par", "acogido por", "acogida por", "ausgerichtet von", "organised by", "organized by",
        "organizzato da", "organizzata da", "ospitato dal", "ospitata dal", "ospitato dalla", "ospitata dalla",
        "organizzato dal", "organizzata dal", "organizzato dalla", "organizzata dalla", "organizado por",
        "organizada por", "organisée par", "organisiert von",
    ]),
    (Kw::Event(EventType::AnnualGeneralMeeting), &[
        "Annual General Meeting", "annual general meetings", "AGM", "general meeting", "general meetings",
        "assemblea generale annuale", "assemblée générale annuelle", "asamblea general anual",
        "Jahreshauptversammlung",
    ]),
    (Kw::Event(EventType::AnnualConference), &[
        "annual conference", "annual conferences", "conferenza annuale", "conférence annuelle",
        "conferencia anual", "Jahreskonferenz", "Jahrestagung",
    ]),
    (Kw::Event(EventType::AnnualMeeting), &[
        "annual meeting", "annual meetings", "meeting annuale", "incontro annuale", "riunione annuale",
        "réunion annuelle", "rencontre annuelle", "reunión anual", "encuentro anual", "Jahrestreffen",
    ]),
    (Kw::Event(EventType::Meeting), &[
        "meeting", "meetings", "incontro", "incontri", "riunione", "riunioni", "réunion", "réunions",
        "rencontre", "rencontres", "reunión", "reuniones", "encuentro", "encuentros", "Treffen", "Tagung",
    ]),
    (Kw::Event(EventType::Conference), &[
        "conference", "conferences", "congress", "convegno", "conferenza", "congresso", "conférence",
        "congrès", "conferencia", "congreso", "Konferenz", "Kongress", "congresses", "congressi", "conferenze",
        "conférences", "conferencias", "congresos", "Konferenzen", "Kongresse",
    ]),
    (Kw::Event(EventType::Summit), &["summit", "vertice", "sommet", "cumbre", "Gipfel", "summits", "vertici", "sommets", "cumbres"]),
    (Kw::Event(EventType::GeneralAssembly), &[
        "general assembly", "assemblea generale", "assemblée générale", "asamblea general",
        "Generalversammlung", "Mitgliederversammlung", "assemblea", "assemblée", "asamblea", "Generalkonferenz",
        "Hauptversammlung", "Vollversammlung", "Jahresversammlung", "general conference", "general assemblies",
        "assemblee generali", "assemblées générales", "asambleas generales", "Generalversammlungen",
        "Mitgliederversammlungen",
    ]),
    (Kw::Event(EventType::Event), &["event", "events", "eventi", "eventos", "événements", "Veranstaltungen", "evento", "événement", "Veranstaltung", "editions", "edizioni", "éditions", "ediciones", "Ausgaben"]),
    (Kw::RoleVerb(Role::Lead), &[
        "led", "leads", "will lead", "guida", "guidare", "guiderà", "ha guidato", "dirige", "a dirigé",
        "pilote", "lidera", "lideró", "leitet", "leitete", "coordinates", "coordinated", "coordina",
        "coordinare", "coordinerà", "coordonne", "coordinó",
    ]),
    (Kw::RoleVerb(Role::Chair), &[
        "chaired", "chairs", "will chair", "presiede", "ha presieduto", "presieduto", "préside", "a présidé",
        "preside", "presidió", "presidirá",
    ]),
    (Kw::RoleBy(Role::Lead), &[
        "led by", "headed by", "guidato da", "guidata da", "guidati da", "dirigé par", "dirigée par",
        "piloté par", "pilotée par", "liderado por", "liderada por", "dirigido por", "dirigida por",
        "geleitet von", "coordinated by", "coordinato da", "coordinata da", "coordonné par", "coordonnée par",
        "coordinado por", "coordinada por", "koordiniert von", "guidato dal", "guidata dal", "guidato dalla",
        "guidata dalla", "coordinato dal", "coordinata dal", "coordinato dalla", "coordinata dalla",
    ]),
    (Kw::RoleBy(Role::Chair), &[
        "chaired by", "presieduto da", "presieduta da", "présidé par", "présidée par", "presidido por",
        "presidida por", "unter dem Vorsitz von", "presieduto dal", "presieduta dal", "presieduto dalla",
        "presieduta dalla", "presided over by",
    ]),
    (Kw::RoleBy(Role::Support), &[
        "con il supporto di", "con il sostegno di", "with the support of", "supported by", "avec le soutien de",
        "soutenu par", "soutenue par", "con el apoyo de", "apoyado por", "apoyada por", "mit Unterstützung von",
        "unterstützt von",
    ]),
    (Kw::Delegates, &[
        "delegates of", "delegates from", "representatives of", "delegati di", "delegati delle città di",
        "rappresentanti di", "délégués de", "représentants de", "delegados de", "representantes de",
        "Delegierte aus", "Vertreter aus", "Vertreter von",
    ]),
    (Kw::NetworkRef, &[
        "the network", "this network", "the Network", "il network", "la rete", "questa rete", "della rete",
        "alla rete", "nella rete", "del network", "al network", "nel network", "le réseau", "ce réseau",
        "du réseau", "au réseau", "la red", "esta red", "de la red", "a la red", "das Netzwerk", "dem Netzwerk",
        "des Netzwerks", "des Netzwerkes", "im Netzwerk", "ins Netzwerk", "in das Netzwerk", "the association", "the organisation",
        "the organization", "l'associazione", "dell'associazione", "all'associazione", "l'association",
        "de l'association", "la asociación", "de la asociación", "a la asociación", "der Vereinigung",
        "die Vereinigung", "dem Verein", "der Verein", "the federation", "la federazione", "della federazione",
        "la fédération", "de la fédération", "la federación", "de la federación", "der Verband", "des Verbandes",
        "dem Verband", "die Föderation",
    ]),
    (Kw::CoordRef, &["Coordinamento", "Coordination", "Coordinación", "Koordination", "Koordinierung"]),
    (Kw::Negation, &["no", "not", "non", "never", "mai", "pas", "jamais", "nunca", "nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "nessun", "nessuna", "nessuno", "ningún", "ninguna", "ninguno", "aucun", "aucune"]),
    (Kw::Next, &[
        "next", "upcoming", "future", "prossimo", "prossima", "prossimi", "prossime", "prochain", "prochaine",
        "prochains", "prochaines", "próximo", "próxima", "próximos", "próximas", "nächste", "nächsten",
        "kommende", "kommenden",
    ]),
    (Kw::Past, &[
        "past", "previous", "former", "precedenti", "passati", "passate", "scorsi", "passées", "précédentes",
        "précédents", "anteriores", "pasados", "pasadas", "früheren", "vergangenen", "bisherigen",
    ]),
    (Kw::Now, &["now", "currently", "attualmente", "ora", "oggi", "actuellement", "actualmente", "derzeit", "zurzeit"]),
];

const ORDINALS: &[(&[&str], u32)] = &[
    (&["first", "prima", "primo", "première", "premier", "primera", "primer", "primero", "erste", "ersten"], 1),
    (&["second", "seconda", "secondo", "deuxième", "seconde", "segunda", "segundo", "zweite", "zweiten"], 2),
    (&["third", "terza", "terzo", "troisième", "tercera", "tercer", "tercero", "dritte", "dritten"], 3),
    (&["fourth", "quarta", "quarto", "quatrième", "cuarta", "cuarto", "vierte", "vierten"], 4),
    (&["fifth", "quinta", "quinto", "cinquième", "fünfte", "fünften"], 5),
    (&["sixth", "sesta", "sesto", "sixième", "sexta", "sexto", "sechste", "sechsten"], 6),
    (&["seventh", "settima", "settimo", "septième", "séptima", "séptimo", "siebte", "siebten"], 7),
    (&["eighth", "ottava", "ottavo", "huitième", "octava", "octavo", "achte", "achten"], 8),
    (&["ninth", "nona", "nono", "neuvième", "novena", "noveno", "neunte", "neunten"], 9),
    (&["tenth", "decima", "decimo", "dixième", "décima", "décimo", "zehnte", "zehnten"], 10),
    (&["eleventh", "undicesima", "undicesimo", "onzième", "undécima", "elfte", "elften"], 11),
    (&["twelfth", "dodicesima", "dodicesimo", "douzième", "duodécima", "zwölfte", "zwölften"], 12),
    (&["thirteenth", "tredicesima", "treizième", "dreizehnte"], 13),
    (&["fourteenth", "quattordicesima", "quatorzième", "vierzehnte"], 14),
    (&["fifteenth", "quindicesima", "quinzième", "fünfzehnte"], 15),
    (&["sixteenth", "sedicesima", "seizième", "sechzehnte"], 16),
    (&["seventeenth", "diciassettesima", "dix-septième", "siebzehnte"], 17),
    (&["eighteenth", "diciottesima", "dix-huitième", "achtzehnte"], 18),
    (&["nineteenth", "diciannovesima", "dix-neuvième", "neunzehnte"], 19),
    (&["twentieth", "ventesima", "vingtième", "zwanzigste"], 20),
];

/// Bodies any network may have, by their English name, with their names in
/// the five languages: a network's body the catalogue lacks is named by the
/// network's name and this one ("Energy Cities Board of Directors").
pub const GENERIC_BODIES: &[(&str, &[&str])] = &[
    ("Executive Committee", &[
        "Executive Committee", "Comitato esecutivo", "Comité exécutif", "Comité ejecutivo", "Exekutivkomitee",
        "Exekutivausschuss",
    ]),
    ("Executive Board", &["Executive Board", "Vorstand", "Vorstands", "Vorstandes", "Bureau exécutif", "Junta Directiva"]),
    ("Board of Directors", &[
        "Board of Directors", "Conseil d'administration", "Consiglio di amministrazione", "Consiglio direttivo",
        "Consejo de administración", "Consejo directivo",
    ]),
    ("Presidency", &["Presidency", "Presidenza", "Présidence", "Presidencia", "Präsidentschaft"]),
    ("Steering Committee", &["Steering Committee", "Comitato di pilotaggio", "Comité de pilotage", "Lenkungsausschuss"]),
    ("Coordination Committee", &[
        "Coordination Committee", "Coordinating Committee", "Comitato di coordinamento", "Comité de coordination",
        "Comité de coordinación", "Koordinierungsausschuss",
    ]),
    ("National Council", &["National Council", "Consiglio nazionale", "Conseil national", "Consejo Nacional"]),
    ("Council", &["Council", "Consejo", "Conseil", "Consiglio", "Rat"]),
];

/// Generic bodies too common a word to stand alone ("the City Council"):
/// one of these is a network's body only with the network named right
/// after it ("el Consejo de Mercociudades", "le Conseil du réseau").
const BODIES_NAMED_WITH_NETWORK: &[&str] = &["Council"];

/// Whether the generic body `g` (an index into [`GENERIC_BODIES`]) is a
/// network's body only with the network named right after it.
pub fn named_with_network_only(g: u8) -> bool {
    BODIES_NAMED_WITH_NETWORK.contains(&GENERIC_BODIES[g as usize].0)
}

/// The body index of a generic body in an organ: past every catalogue body.
pub const GENERIC_BODY_BASE: u16 = 1000;

/// Inflected role names the catalogue does not list.
const EXTRA_ROLES: &[(&str, Role)] = &[
    ("stellvertretenden Vorsitz", Role::ViceChair), ("stellvertretende Vorsitz", Role::ViceChair),
    ("stellvertretenden Vorsitzenden", Role::ViceChair), ("Vizepräsidenten", Role::VicePresident),
    ("Präsidenten", Role::President), ("Vorsitzenden", Role::Chair), ("vice-présidence", Role::ViceChair),
    ("vice presidenti", Role::VicePresident), ("vicepresidenti", Role::VicePresident),
    ("vice-presidents", Role::VicePresident), ("vice presidents", Role::VicePresident),
    ("vice-présidents", Role::VicePresident), ("vicepresidentes", Role::VicePresident),
    ("Vizepräsidentinnen", Role::VicePresident),
];

/// Field compounds and plurals the catalogue does not list ("Musikstädte").
const EXTRA_FIELDS: &[(&str, Field)] = &[
    ("Musikstädte", Field::Music), ("Musikstädten", Field::Music), ("Literaturstadt", Field::Literature),
    ("Literaturstädte", Field::Literature), ("Literaturstädten", Field::Literature), ("Designstadt", Field::Design),
    ("Designstädte", Field::Design), ("Designstädten", Field::Design), ("Filmstadt", Field::Film),
    ("Filmstädte", Field::Film), ("Gastronomiestadt", Field::Gastronomy),
    ("Gastronomiestädte", Field::Gastronomy), ("Medienkunst", Field::MediaArts),
];

/// Plural creative-city names the catalogue does not list ("Städte der
/// Musik"): a field and the creative-city signal at once.
const EXTRA_CREATIVE_FIELDS: &[(&str, Field)] = &[
    ("Städte der Musik", Field::Music), ("Städte der Literatur", Field::Literature), ("Städte des Films", Field::Film),
    ("Städte des Designs", Field::Design), ("Städte der Gastronomie", Field::Gastronomy),
    ("Städte der Medienkunst", Field::MediaArts), ("Cities of Music", Field::Music),
    ("Cities of Literature", Field::Literature), ("Cities of Design", Field::Design), ("Cities of Film", Field::Film),
    ("Cities of Gastronomy", Field::Gastronomy), ("Cities of Media Arts", Field::MediaArts),
    ("villes de musique", Field::Music), ("villes de littérature", Field::Literature),
    ("ciudades de la música", Field::Music), ("ciudades de la literatura", Field::Literature),
];

/// Words that are never city names, whatever some gazetteer says: function
/// words and common nouns of the five languages that are also the name of
/// some town.
const NOT_CITIES: &[&str] = &[
    "the", "and", "of", "for", "with", "this", "that", "city", "cities", "the city", "la città", "la ville", "la ciudad", "die stadt", "city of", "the hague city", "town", "network", "office", "union",
    "design", "music", "film", "media", "forum", "culture", "mobility", "environment", "unesco", "europe",
    "european", "international", "national", "president", "mayor", "council", "university", "center", "centre",
    "university", "college", "mission", "victoria", "independence", "liberty", "progress", "concord", "paradise",
    "della", "delle", "degli", "dei", "per", "una", "come", "sur", "nord", "sud", "est", "ouest", "norte",
    "este", "oeste", "via", "san", "santa", "saint", "sainte", "ville", "città", "ciudad", "stadt", "mai", "may",
    "march", "marzo", "mars", "june", "july", "august", "agosto", "general", "annual", "news", "home", "contact",
    "about", "search", "more", "share", "tags", "online", "digital", "creative", "creativity", "italia", "italy",
    "roma capitale", "coordinamento", "rete", "réseau", "red", "netzwerk", "forum", "gastronomia", "letteratura",
    "musica", "cinema", "arte", "arti", "artigianato", "ambiente", "cultura", "sviluppo", "social", "sociale",
    "economia", "progetto", "progetti", "comune", "regione", "provincia", "stato", "governo", "ministero",
    "ufficio", "sindaco", "presidente", "segretario", "generale", "annuale", "europa", "mondo", "world", "global",
    "local", "urban", "best", "good", "open", "public", "art", "arts", "craft", "crafts", "folk", "literature",
    "gastronomy", "food", "wine", "wein", "vino", "vin", "vino", "alle", "alla", "allo", "nel", "nella", "da",
    "dal", "dalla", "gli", "les", "des", "une", "los", "las", "una", "der", "die", "das", "und", "ein", "eine",
    "im", "am", "an", "in", "at", "on", "to", "by", "we", "us", "our", "you", "she", "he", "it", "its", "his",
    "her", "they", "them", "all", "also", "now", "new", "old", "well", "best", "next", "last", "first", "second",
    "third", "bologna design", "torino design", "post", "posted", "themes", "countries", "language", "email",
    "phone", "tel", "fax", "press", "stampa", "ufficio stampa", "date", "data", "datum", "fecha", "paese",
    "paesi", "pays", "país", "land", "country",
];

/// City names that are function words of one language: there never a city.
pub const NOT_CITIES_IN: &[(&str, &str)] = &[("es", "como"), ("pt", "como"), ("fr", "sens"), ("de", "auch"), ("de", "von"), ("es", "la cumbre"), ("en", "list"), ("en", "welcome"), ("de", "namen")];

/// Words after a name at the start of a sentence that make it the subject
/// of a statement ("Granada fue designada", "Nice est jumelée").
pub const SUBJECT_NEXT: &[&str] = &[
    "is", "was", "has", "had", "will", "joined", "became", "è", "ha", "era", "sarà", "fa", "entra", "aderisce",
    "est", "a", "était", "sera", "fait", "rejoint", "es", "fue", "ha", "será", "forma", "se", "está", "ist", "war",
    "hat", "wird", "gehört", "trat", "pflegt", "hosted", "hosts", "welcomed", "welcomes", "signed", "accueille",
    "accueillera", "accueillait", "adhère", "ospita", "ospiterà", "ospitava", "acoge", "acogerá", "acogió", "recibe",
    "richtet", "richtete",
];

/// City names that are common words in one of the languages: a mention at
/// the start of a sentence or heading is not taken as the city.
pub const AMBIGUOUS_AT_START: &[&str] = &[
    "nice", "split", "bath", "reading", "mobile", "sale", "tours", "mons", "orange", "marathon", "alba", "como",
    "bra", "fano", "prato", "pace", "vita", "gela", "ostia", "ancona", "asti", "este", "sora", "lugo", "adria",
    "aura", "bari", "mola", "cento", "manta", "mira", "noto", "ragusa", "osimo", "porto", "maia", "ivry",
    "angers", "sens", "cholet", "vienne", "lens", "dole", "gap", "villa", "leon", "león", "mérida", "granada",
    "victoria", "essen", "hamm", "halle", "hof", "gera", "marl",
];

fn kw_patterns() -> impl Iterator<Item = (&'static str, Sense)> {
    KEYWORDS.iter().flat_map(|(kw, words)| words.iter().map(move |w| (*w, Sense::Kw(*kw)))).chain(
        ORDINALS.iter().flat_map(|(words, n)| words.iter().map(move |w| (*w, Sense::Kw(Kw::Ordinal(*n))))),
    )
}

/// Whether a name of a place can appear in Latin-script texts.
fn latin(name: &str) -> bool {
    name.chars().all(|c| (c as u32) < 0x250 || c == '\u{2019}' || c == '\u{2013}')
}

impl Lexicon {
    pub fn build(g: &Gazetteer) -> Lexicon {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut senses: Vec<Vec<Sense>> = Vec::new();
        let mut add = |name: &str, sense: Sense| {
            let name = name.trim();
            if name.is_empty() {
                return;
            }
            // The automaton ignores ASCII case and runs on text without
            // accents: one pattern per lower-cased, accent-free name.
            let name = crate::token::strip_accents(name).0.into_owned();
            let key = name.to_ascii_lowercase();
            let id = *index.entry(key).or_insert_with(|| {
                patterns.push(name.clone());
                senses.push(Vec::new());
                patterns.len() - 1
            });
            if !senses[id].contains(&sense) {
                senses[id].push(sense);
            }
        };
        for (w, s) in kw_patterns() {
            add(w, s);
        }
        for (ni, n) in g.networks().iter().enumerate() {
            let ni = ni as u16;
            let names: Vec<&str> = std::iter::once(n.name.as_str()).chain(n.aliases.iter().map(|a| a.name.as_str())).collect();
            for nn in &names {
                add(nn, Sense::Network(ni));
            }
            for (bi, b) in n.bodies.iter().enumerate() {
                let bi = bi as u16;
                let body_names: Vec<&str> =
                    std::iter::once(b.name.as_str()).chain(b.aliases.iter().map(|a| a.name.as_str())).collect();
                for bn in &body_names {
                    if b.kind == BodyKind::Field {
                        if let Ok(f) = b.name.parse::<Field>() {
                            let cityish = ["city", "cities", "città", "ville", "ciudad", "stadt"]
                                .iter()
                                .any(|w| fold(bn).split(' ').any(|x| fold(w) == x));
                            add(bn, if cityish { Sense::CreativeField(f) } else { Sense::Field(f) });
                        }
                        continue;
                    }
                    // "Cittaslow Italia" names its network: an organ.
                    let names_network = names.iter().any(|nn| fold(bn).split(' ').any(|w| w == fold(nn)));
                    add(bn, if names_network { Sense::Organ(ni, bi) } else { Sense::Body(ni, bi) });
                    for nn in &names {
                        add(&format!("{nn} {bn}"), Sense::Organ(ni, bi));
                    }
                }
            }
        }
        for (gi, (_, names)) in GENERIC_BODIES.iter().enumerate() {
            for n in *names {
                add(n, Sense::GenericBody(gi as u8));
            }
        }
        for t in g.fields() {
            for n in &t.names {
                add(&n.name, Sense::Field(t.value));
                // "Ciudad de la Literatura", "City of Music": the field's
                // title as a creative city.
                let forms: &[&str] = match n.lang.as_deref() {
                    Some("en") => &["City of"],
                    Some("it") => &["Città della", "Città del", "Città delle", "Città dell'"],
                    Some("fr") => &["Ville de la", "Ville du", "Ville des", "Ville de l'", "Ville de"],
                    Some("es") => &["Ciudad de la", "Ciudad del", "Ciudad de las", "Ciudad de los", "Ciudad de"],
                    Some("de") => &["Stadt der", "Stadt des"],
                    _ => &[],
                };
                for f in forms {
                    let sep = if f.ends_with('\'') { "" } else { " " };
                    add(&format!("{f}{sep}{}", n.name), Sense::CreativeField(t.value));
                }
            }
            add(t.value.as_str(), Sense::Field(t.value));
        }
        for t in g.roles() {
            // Member, Lead and Support are said with verbs and nouns that
            // the keyword tables carry; bare "support" is too common a word.
            if matches!(t.value, Role::Member | Role::Support) {
                continue;
            }
            for n in &t.names {
                if t.value == Role::Lead && !["capofila", "lead city", "città capofila", "chef de file", "ciudad líder", "federführende stadt"].contains(&n.name.to_lowercase().as_str()) {
                    continue;
                }
                add(&n.name, Sense::Role(t.value));
            }
        }
        for (name, role) in EXTRA_ROLES {
            add(name, Sense::Role(*role));
        }
        for (name, field) in EXTRA_FIELDS {
            add(name, Sense::Field(*field));
        }
        for (name, field) in EXTRA_CREATIVE_FIELDS {
            add(name, Sense::CreativeField(*field));
        }
        for (ci, c) in g.countries().iter().enumerate() {
            for n in std::iter::once(&c.name).chain(c.names.iter().map(|n| &n.name)) {
                // "La Réunion" would take "la réunion annuelle": names are
                // kept without a leading article.
                let article = n.split(' ').next().is_some_and(|w| ["la", "le", "les", "l'", "el", "the", "il", "lo", "die", "der", "das"].contains(&w.to_lowercase().as_str()));
                // Short names are abbreviations: "USA", "UK".
                let abbreviation = n.len() >= 2 && n.bytes().all(|b| b.is_ascii_uppercase());
                if (n.chars().count() >= 4 || abbreviation) && latin(n) && !article {
                    add(n, Sense::Country(ci as u16));
                }
            }
        }
        let stop: std::collections::HashSet<String> = NOT_CITIES.iter().map(|w| fold(w)).collect();
        let mut single_city_words: HashMap<String, Vec<u32>> = HashMap::new();
        let mut towns: Vec<(u32, &str)> = Vec::new();
        let mut respaced: Vec<(u32, String)> = Vec::new();
        for (ci, c) in g.places().enumerate() {
            // Large cities go by many names in texts, towns by their own;
            // the gazetteer's 200,000 towns are looked up by name
            // (`Lexicon::town_at`) rather than walked by the automaton.
            let other_names = match c.population().unwrap_or(0) {
                100_000.. => usize::MAX,
                TOWN_BELOW.. => 2,
                _ => {
                    towns.push((ci as u32, c.name()));
                    // "Castelnovo ne' Monti" for Castelnovo ne'Monti: a space
                    // after an elided word.
                    if let Some(at) = c.name().find('\'').filter(|&at| c.name()[at + 1..].starts_with(char::is_uppercase)) {
                        respaced.push((ci as u32, format!("{}' {}", &c.name()[..at], &c.name()[at + 1..])));
                    }
                    // "Eningen" for Eningen unter Achalm: texts drop the
                    // river or the hill.
                    if let Some(head) = short_form(c.name()) {
                        towns.push((ci as u32, head));
                    }
                    continue;
                }
            };
            // A middling town in the languages' own countries goes by its
            // name in each of them: "Venezia", "Venise" for Venice.
            let head: String = fold(c.name()).chars().take(3).collect();
            let own_language = other_names == 2 && OWN_LANGUAGE_COUNTRIES.contains(&c.country());
            let kin = c.other_names().filter(|n| own_language && fold(n).starts_with(&head));
            let names = std::iter::once(c.name()).chain(c.other_names().take(other_names)).chain(kin);
            for (k, n) in names.enumerate() {
                let f = fold(n);
                if n.chars().count() < 3 || !latin(n) || stop.contains(&f) || !n.chars().next().is_some_and(char::is_uppercase) || ordinal_like(n) {
                    continue;
                }
                // Another name of a place that is a region's or a
                // country's ("Arizona", a former name of Orizona, Brazil)
                // names the region. A large city keeps another name that
                // only a region abroad bears ("Colonia" for Cologne), a
                // city of millions even its own region's ("New York",
                // "Kiev"); a country's name still wins where it is one
                // (`doc::choose`).
                let pop = c.population().unwrap_or(0);
                let keeps = pop >= 1_000_000 || (pop >= 100_000 && g.regions_named(n).all(|r| r.country != c.country()) && g.country_named(n).is_none());
                if k > 0 && !keeps && names_a_region_or_country(g, n) {
                    continue;
                }
                add(n, Sense::City(ci as u32));
                // "Saint Petersburg" is also written "St. Petersburg".
                if let Some(rest) = n.strip_prefix("Saint ") {
                    add(&format!("St. {rest}"), Sense::City(ci as u32));
                    add(&format!("St {rest}"), Sense::City(ci as u32));
                }
                // "Saint Petersbourg" is also written "Saint-Pétersbourg".
                if n.contains(' ') && !n.contains('-') {
                    add(&n.replace(' ', "-"), Sense::City(ci as u32));
                } else if n.contains('-') && !n.contains(' ') {
                    add(&n.replace('-', " "), Sense::City(ci as u32));
                }
                if !f.contains(' ') {
                    single_city_words.entry(f).or_default().push(ci as u32);
                }
            }
        }
        // A town's name that the automaton has (a larger namesake's, a
        // keyword) is left to it; the others are looked up.
        let mut town_names: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
        let mut town_words = 0;
        for (ci, name) in towns.into_iter().chain(respaced.iter().map(|(ci, n)| (*ci, n.as_str()))) {
            if name.chars().count() < 4 || !latin(name) || !name.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let stripped = crate::token::strip_accents(name).0;
            // "Texas" and "Iowa" are also towns: a region's or a country's
            // name is not taken for one.
            let folded = fold(name);
            if stop.contains(&folded) || names_a_region_or_country(g, name) {
                continue;
            }
            // A name the automaton has for other middling places only
            // ("Barga", an other name of a Russian town) names this town
            // too: the document's countries choose between them. A large
            // city's name stays the city's ("Lubiana" is Ljubljana), but a
            // town in the languages' own countries keeps its name ("Chinon",
            // also one of Ginowan's) where a country written right after it
            // says so.
            if let Some(&id) = index.get(&stripped.to_ascii_lowercase()) {
                let middling = |s: &Sense| matches!(s, Sense::City(c) if g.place(*c as usize).population().unwrap_or(0) < 100_000);
                let own = OWN_LANGUAGE_COUNTRIES.contains(&g.place(ci as usize).country());
                if senses[id].iter().all(|s| middling(s) || (own && matches!(s, Sense::City(_)))) {
                    senses[id].push(Sense::City(ci));
                }
                continue;
            }
            let Some((hash, words)) = town_key(stripped.as_bytes()) else { continue };
            town_words = town_words.max(words);
            let id = *town_names.entry(hash).or_insert_with(|| {
                senses.push(Vec::new());
                (senses.len() - 1) as u32
            });
            senses[id as usize].push(Sense::City(ci));
        }
        for v in single_city_words.values_mut() {
            v.sort_by_key(|&i| std::cmp::Reverse(g.place(i as usize).population().unwrap_or(0)));
            v.dedup();
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // Searches start at word starts only (see `doc::find_mentions`):
            // no failure transitions to build or follow.
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .expect("the lexicon builds");
        let flags = senses.iter().map(|s| PatternFlags::of(s)).collect();
        let country_names = g.countries().iter().flat_map(|k| std::iter::once(&k.name).chain(k.names.iter().map(|o| &o.name))).map(|n| fold(n)).collect();
        Lexicon { automaton, senses, single_city_words, town_names, town_words, flags, country_names }
    }

    /// The town named at byte `start` of `text` (accents stripped), as the
    /// end of its name and its pattern (an index into `senses`): the
    /// longest run of words from there that is a town's name, written with
    /// a capital. A name followed by another capitalised word is taken for
    /// part of a longer name (a person's, "Anna Lisa Boni"), not a town.
    pub fn town_at(&self, text: &str, start: usize) -> Option<(usize, u32)> {
        let (end, id) = self.town_name_at(text, start)?;
        // ... unless that word is a code in capitals ("Amalfi SA
        // Campania", a province in a table's row).
        let b = text.as_bytes();
        let next_capitalised = b.get(end) == Some(&b' ')
            && b.get(end + 1).is_some_and(u8::is_ascii_uppercase)
            && b.get(end + 2).is_some_and(|c| !c.is_ascii_uppercase());
        (!next_capitalised).then_some((end, id))
    }

    /// The longest town's name at byte `start`, whatever follows it ("il
    /// sindaco di Pollica Stefano Pisani": the office says a town comes).
    pub fn town_name_at(&self, text: &str, start: usize) -> Option<(usize, u32)> {
        let b = text.as_bytes();
        if !b.get(start).is_some_and(u8::is_ascii_uppercase) {
            return None;
        }
        let mut h = rustc_hash::FxHasher::default();
        let mut found = None;
        let mut i = start;
        for _ in 0..self.town_words {
            let word_end = i + b[i..].iter().take_while(|&&c| is_name_byte(c)).count();
            if word_end == i {
                break;
            }
            write_word(&mut h, &b[i..word_end], i > start);
            if let Some(&id) = self.town_names.get(&h.clone().finish()) {
                found = Some((word_end, id));
            }
            // Words go on after one space or hyphen.
            match b.get(word_end) {
                Some(b' ' | b'-') if b.get(word_end + 1).is_some_and(|c| is_name_byte(*c)) => {
                    h.write_u8(b' ');
                    i = word_end + 1;
                }
                _ => break,
            }
        }
        found
    }
}

/// The head of a German or Alpine town's name with a locator ("Eningen
/// unter Achalm", "Neumarkt in der Oberpfalz", "Weil am Rhein"): the name
/// texts often write alone.
fn short_form(name: &str) -> Option<&str> {
    const LOCATORS: &[&str] = &[" unter ", " am ", " an der ", " im ", " in der ", " bei ", " ob der ", " vor der ", " auf der ", " ob "];
    let at = LOCATORS.iter().filter_map(|l| name.find(l)).min()?;
    let head = &name[..at];
    (head.chars().count() >= 4 && !head.contains(' ')).then_some(head)
}

/// A name written as a Roman ordinal ("XIIIe", an other name of Paris's
/// 13th arrondissement): in texts, an edition's number.
fn ordinal_like(name: &str) -> bool {
    let stem = name.trim_end_matches(['e', 'è', 'm', 'r', '°', 'º']);
    !stem.is_empty() && stem.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// Countries where the five languages are spoken: their towns' names in
/// those languages are read.
const OWN_LANGUAGE_COUNTRIES: &[&str] = &["IT", "SM", "VA", "FR", "BE", "LU", "MC", "CH", "ES", "AD", "DE", "AT", "LI", "GB", "IE", "US", "CA", "AU", "NZ"];

/// Places smaller than this are towns: looked up, not in the automaton.
pub(crate) const TOWN_BELOW: i64 = 15_000;

/// A byte of a word of a name: letters and digits, the apostrophe of
/// "Sant'Agata", and the bytes of letters outside ASCII.
fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'\'' || c >= 0x80
}

/// A word of a town's name into its key: its first letter as written (so
/// that "Montréal est" is not Montréal-Est), the others lower-cased; past
/// the first word, an article or a preposition in any case ("Villeneuve La
/// Rivière" is Villeneuve-la-Rivière, "Bradford ON Avon" Bradford on Avon).
fn write_word(h: &mut rustc_hash::FxHasher, word: &[u8], inner: bool) {
    const PARTICLES: &[&str] = &[
        "la", "le", "les", "de", "du", "des", "sur", "sous", "en", "di", "del", "della", "delle", "dei", "sul", "sulla", "al",
        "alla", "am", "an", "im", "in", "bei", "der", "auf", "on", "upon", "the", "under",
    ];
    if let Some((first, rest)) = word.split_first() {
        let particle = inner && PARTICLES.iter().any(|p| p.as_bytes().eq_ignore_ascii_case(word));
        h.write_u8(if particle { first.to_ascii_lowercase() } else { *first });
        for &c in rest {
            h.write_u8(c.to_ascii_lowercase());
        }
    }
}

/// The key [`Lexicon::town_at`] finds a town's name by (see [`write_word`];
/// words joined by one space), and its number of words; `None` for a name
/// that is not words so joined.
fn town_key(name: &[u8]) -> Option<(u64, usize)> {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    let mut words = 0;
    for word in name.split(|&c| c == b' ' || c == b'-') {
        if word.is_empty() || !word.iter().all(|&c| is_name_byte(c)) {
            return None;
        }
        if words > 0 {
            h.write_u8(b' ');
        }
        write_word(&mut h, word, words > 0);
        words += 1;
    }
    Some((h.finish(), words))
}

/// Networks of national kind that a bare "Coordinamento" may name.
pub fn is_coordination(kind: NetworkKind, name: &str) -> bool {
    kind == NetworkKind::National && fold(name).contains("coordination")
}

/// Whether `name` is a region's or a country's: "Texas", "Arizona".
fn names_a_region_or_country(g: &Gazetteer, name: &str) -> bool {
    g.regions_named(name).next().is_some() || g.country_named(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_are_found_by_their_own_name_only() {
        let g = Gazetteer::bundled();
        let lexicon = Lexicon::build(g);
        let town = |text: &'static str| {
            lexicon.town_at(text, 0).map(|(end, p)| {
                let cities: Vec<&str> = lexicon.senses[p as usize]
                    .iter()
                    .filter_map(|s| if let Sense::City(c) = s { Some(g.place(*c as usize).key()) } else { None })
                    .collect();
                (&text[..end], cities)
            })
        };
        let (name, cities) = town("Viitasaari, Finland").unwrap();
        assert_eq!(name, "Viitasaari");
        assert!(cities.iter().all(|k| k.ends_with("-fi")), "{cities:?}");
        assert_eq!(town("Zell am Main and").unwrap().0, "Zell am Main", "the longest name");
        assert_eq!(town("Anna Lisa Boni"), None, "a person's first name");
        assert_eq!(town("Montreal est membre"), None, "not Montréal-Est");
        assert_eq!(town("viitasaari"), None, "a town is written with a capital");
        assert_eq!(town("Castelnovo ne' Monti ha").unwrap().0, "Castelnovo ne' Monti", "another spacing of the name");
    }
}
