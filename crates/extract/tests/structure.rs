//! The structure layer on small self-written pages: list items and table
//! rows read by their shape under the frame a heading sets, and the
//! evidence keys every fact carries.

use citynets_extract::{Extracted, Extractor, Format};
use citynets_gazetteer::Gazetteer;
use citynets_model::Fact;

/// One extractor for every test: building its lexicon takes seconds.
fn extractor() -> &'static Extractor<'static> {
    static X: std::sync::OnceLock<Extractor<'static>> = std::sync::OnceLock::new();
    X.get_or_init(|| Extractor::new(Gazetteer::bundled()))
}

fn extract(text: &str) -> Vec<Extracted> {
    extractor().extract("t", text.as_bytes(), Format::Text).expect("extracts").facts
}

fn has(facts: &[Extracted], pred: impl Fn(&Fact) -> bool) -> bool {
    facts.iter().any(|f| pred(&f.fact))
}

/// Whether `facts` twin `a` and `b`, in either order.
fn twinned(facts: &[Extracted], a: &str, b: &str) -> bool {
    has(facts, |f| matches!(f, Fact::Twinning { city, other, .. } if (city == a && other == b) || (city == b && other == a)))
}

/// The field of `city`'s designation, if `facts` give one.
fn field_of(facts: &[Extracted], city: &str) -> Option<String> {
    facts.iter().find_map(|f| match &f.fact {
        Fact::Designation { city: c, field: Some(field), .. } if c == city => Some(field.as_str().to_string()),
        _ => None,
    })
}

/// Asserts that `text` designates each city in its field.
fn assert_fields(text: &str, want: &[(&str, &str)]) {
    let facts = extract(text);
    for (city, field) in want {
        assert_eq!(field_of(&facts, city).as_deref(), Some(*field), "{city}: {facts:?}");
    }
}

/// Asserts that `text` gives each of `cities` a membership of `network`.
fn assert_members(text: &str, cities: &[&str], network: &str) {
    for city in cities {
        assert_member(text, city, network);
    }
}

/// Asserts that `text` gives `city` a membership of `network`.
fn assert_member(text: &str, city: &str, network: &str) {
    let facts = extract(text);
    assert!(
        has(&facts, |f| matches!(f, Fact::Membership { city: c, network: n, .. } if c == city && n == network)),
        "{text}: {facts:?}"
    );
}

/// Asserts that each of `holders` (compared folded) holds `role`.
fn assert_holders(facts: &[Extracted], holders: &[&str], role: &str) {
    for h in holders {
        assert!(
            has(facts, |f| matches!(f, Fact::Role { holder, role: r, .. } if citynets_model::fold(holder) == citynets_model::fold(h) && r.as_str() == role)),
            "{h}: {facts:?}"
        );
    }
}

/// Asserts that `text` gives `network` its founding `year`.
fn assert_founded(text: &str, network: &str, year: i32) {
    let facts = extract(text);
    assert!(
        has(&facts, |f| matches!(f, Fact::Founded { network: n, year: Some(y) } if n == network && y.year_value() == year)),
        "{text}: {facts:?}"
    );
}

/// Asserts that `text` gives `holder` the `role` in `organ`.
fn assert_role(text: &str, holder: &str, role: &str, organ: &str) {
    let facts = extract(text);
    assert!(
        has(&facts, |f| matches!(f, Fact::Role { holder: h, role: r, organ: o, .. } if h == holder && r.as_str() == role && o == organ)),
        "{text}: {facts:?}"
    );
}

/// Asserts that `text` gives a meeting in `host` in `year`.
fn assert_hosts(text: &str, host: &str, year: i32) {
    let facts = extract(text);
    assert!(
        has(&facts, |f| matches!(f, Fact::Event { host: Some(h), start: Some(d), .. } if h == host && d.year_value() == year)),
        "{text}: {facts:?}"
    );
}

#[test]
fn designation_items_give_city_and_field() {
    let facts = extract(
        "The UNESCO Creative Cities Network welcomed new cities.\n\nThe new Creative Cities are:\n\n  Bologna (Italy) – Music\n  Lyon (France) – Media Arts\n",
    );
    assert!(has(&facts, |f| matches!(f, Fact::Designation { city, field: Some(field), .. } if city == "Bologna" && field.as_str() == "Music")));
    assert!(has(&facts, |f| matches!(f, Fact::Designation { city, .. } if city == "Lyon")));
    let item = facts.iter().find(|f| matches!(&f.fact, Fact::Designation { city, .. } if city == "Lyon")).unwrap();
    assert_eq!(item.cue, "designation list item");
    assert!(item.confidence > 0.5 && item.confidence <= 1.0);
    assert!(!item.new_entity);
}

#[test]
fn an_unknown_town_in_a_clear_item_is_a_new_entity() {
    let facts = extract("The UNESCO Creative Cities Network grows.\n\n  Zzyzxville (Italy) – Gastronomy\n");
    let f = facts.iter().find(|f| matches!(&f.fact, Fact::Designation { city, .. } if city == "Zzyzxville")).expect("the new town");
    assert!(f.new_entity);
    assert!(matches!(&f.fact, Fact::Designation { country: Some(c), .. } if c == "IT"));
}

#[test]
fn twinning_pairs_with_years() {
    let facts = extract("Twinnings of the region\n\nBesançon - Mannheim (1959)\n\nBelfort - Stuttgart (1977)\n");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { since: Some(d), .. } if d.year_value() == 1959)));
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { city, other, .. } if city == "Belfort" && other == "Stuttgart")));
}

#[test]
fn members_under_an_introducing_line() {
    let facts = extract("Douzelage links towns of Europe.\n\nThe founding members were:\n\n- ESP Zzyzxtown, Spain\n- ITA Bellagio, Italy\n- FRA Granville, France\n");
    assert!(has(&facts, |f| matches!(f, Fact::Membership { city, network, .. } if city == "Granville" && network == "Douzelage")));
    assert!(has(&facts, |f| matches!(f, Fact::Membership { city, .. } if city == "Zzyzxtown")));
}

#[test]
fn seats_under_a_body_heading_of_a_network_the_catalogue_knows() {
    let facts = extract("Energy Cities\n\nBoard of directors\n\nHeidelberg DE\nModena IT\nRiga LV\n");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, organ, .. } if holder == "Modena" && organ == "Energy Cities Board of Directors")));
}

#[test]
fn a_mayor_holds_a_role_for_the_city() {
    let facts = extract("At the EUROCITIES annual meeting, Anna Example, mayor of Stockholm, was elected President and Marco Example, mayor of Florence, Vice-President.");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, .. } if holder == "Stockholm")));
}

#[test]
fn networks_found_by_their_shape_are_new_entities() {
    let facts = extract("The town of Leganés joined the Red de Ciudades por la Bicicleta in 2019.");
    let f = facts.iter().find(|f| matches!(&f.fact, Fact::Membership { .. })).expect("a membership");
    assert!(matches!(&f.fact, Fact::Membership { network, .. } if network == "Red de Ciudades por la Bicicleta"));
    assert!(f.new_entity);
}

#[test]
fn the_json_line_carries_the_evidence_keys() {
    let x = extractor();
    let got = x.extract("t", b"Bologna joined EUROCITIES in 1991.", Format::Text).unwrap();
    let line: serde_json::Value = serde_json::from_str(&got.to_json_line()).unwrap();
    let fact = &line["facts"][0];
    assert_eq!(fact["kind"], "membership");
    assert!(fact["confidence"].as_f64().is_some());
    assert!(fact["cue"].as_str().is_some());
    assert!(fact.get("new_entity").is_none(), "new_entity is printed only when true");
}

/// A region's or a country's name that GeoNames also lists among a town's
/// other names ("Arizona", a former name of Orizona, Brazil) names the
/// region; "nie" (never) negates.
#[test]
fn regions_are_not_towns_and_never_is_a_negation() {
    let facts = extract("The UNESCO Creative Cities Network grows.\n\n  Tucson, Arizona (USA) – Gastronomy\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Designation { city, .. } if city == "Orizona")), "{facts:?}");
    let facts = extract("Es gab nie eine offizielle Partnerschaft zwischen Winterthur und Ontario.");
    assert!(!has(&facts, |f| matches!(f, Fact::Twinning { .. })), "{facts:?}");
    let facts = extract("Over the next two years, Bologna joined EUROCITIES.");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { city, .. } if city == "Over")), "{facts:?}");
}

/// A seat goes to the network its sentence names, not to the one the page
/// named before.
#[test]
fn a_seat_goes_to_the_network_its_sentence_names() {
    let facts = extract("EUROCITIES is headquartered in Brussels.\n\nThe secretariat of Mayors for Peace is located in Hiroshima.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Headquarters { network, city } if network == "Mayors for Peace" && city == "Hiroshima")), "{facts:?}");
    assert!(!has(&facts, |f| matches!(f, Fact::Headquarters { network, city } if network == "EUROCITIES" && city == "Hiroshima")), "{facts:?}");
}

/// Memberships phrased the ways the five languages put them: a date before
/// the network, a verb of joining, a list after "están"; networks of the
/// catalogue by their names in other languages.
#[test]
fn memberships_in_the_phrasings_of_five_languages() {
    assert_member("Leipzig trat 1995 dem Klima-Bündnis bei.", "Leipzig", "Climate Alliance");
    assert_member("Rosario se sumó a Mercociudades en 1995.", "Rosario", "Mercociudades");
    assert_member("Entre los miembros de Mercociudades están Montevideo, Rosario y Asunción.", "Asuncion", "Mercociudades");
    assert_member("Gdańsk ist Mitglied der Union der Ostseestädte.", "Gdansk", "Union of the Baltic Cities");
}

/// Memberships where the network stands before its noun or its verb, a
/// passive, a German verb with its particle last, towns after "i comuni
/// di", and an association the catalogue lacks heading a list of members.
#[test]
fn memberships_with_the_network_before_or_the_towns_after() {
    assert_member("Ferrara, a Cittaslow member since 2008, hosted the festival.", "Ferrara", "Cittaslow");
    assert_member("Heidelberg is one of the ICLEI member cities in Germany.", "Heidelberg", "ICLEI");
    assert_member("The Covenant of Mayors was signed by Bristol in 2009.", "Bristol", "Covenant of Mayors");
    assert_member("Dem Netzwerk EUROCITIES gehören Leipzig, Dresden und Nürnberg an.", "Dresden", "EUROCITIES");
    assert_member("Die Stadt Hersbruck wurde 2001 in das Netzwerk Cittaslow aufgenommen.", "Hersbruck", "Cittaslow");
    assert_member("Aderiscono alla rete Mayors for Peace anche i comuni di Assisi, Marzabotto e Cervia.", "Marzabotto", "Mayors for Peace");
    assert_member(
        "L'Associazione Nazionale Città del Vino riunisce 400 comuni.\n\nElenco dei soci:\n- Barolo (CN)\n- Montalcino (SI)\n",
        "Montalcino",
        "Associazione Nazionale Città del Vino",
    );
    // A mayor named before a network's member cities is no member for it;
    // "Auch" opening a German sentence is a word, not the town in Gers.
    let facts = extract("The Mayor of Toronto convened C40 member cities in Copenhagen.");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { .. })), "{facts:?}");
    let facts = extract("Auch Heidelberg ist Mitglied im Klima-Bündnis.");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { city, .. } if city == "Auch")), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Membership { city, .. } if city == "Heidelberg")), "{facts:?}");
}

/// A page that names the Italian coordination of the UNESCO creative
/// cities lists its members when it lists Italy's creative cities; a page
/// telling of one city joining it does not say the others are members.
#[test]
fn creative_cities_on_a_page_of_their_national_coordination_are_its_members() {
    let coordination = "Italian Coordination of UNESCO Creative Cities";
    let facts = extract(
        "Il Coordinamento Italiano delle Città Creative UNESCO si è riunito.\n\nLe città creative italiane sono: Alba (Gastronomia), Biella (Artigianato) e Bologna (Musica). Anche Lione (Arti digitali) era presente.\n",
    );
    assert!(has(&facts, |f| matches!(f, Fact::Membership { city, network, .. } if city == "Biella" && network == coordination)), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Designation { city, .. } if city == "Biella")), "{facts:?}");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { city, .. } if city == "Lyon")), "{facts:?}");
    let facts = extract(
        "Carrara entra nel Coordinamento Italiano delle Città Creative UNESCO.\n\nLe città creative italiane sono: Alba (Gastronomia), Biella (Artigianato) e Bologna (Musica).\n",
    );
    assert!(has(&facts, |f| matches!(f, Fact::Membership { city, network, .. } if city == "Carrara" && network == coordination)), "{facts:?}");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { city, .. } if city == "Biella")), "{facts:?}");
}

/// Seats placed by a body of the network, a preposition right after the
/// seat noun, or "headquartered in" opening the sentence; a seat placed by
/// a preposition alone needs its network named.
#[test]
fn seats_placed_by_a_secretariat_a_preposition_or_an_opening_phrase() {
    let seat = |text: &str, network: &str, city: &str| {
        let facts = extract(text);
        assert!(has(&facts, |f| matches!(f, Fact::Headquarters { network: n, city: c } if n == network && c == city)), "{text}: {facts:?}");
    };
    seat("ICLEI's World Secretariat is located in Bonn, Germany.", "ICLEI", "Bonn");
    seat("Headquartered in London, C40 connects 97 cities.", "C40", "London");
    seat("EUROCITIES has offices in Brussels.", "EUROCITIES", "Brussels");
    seat("La secretaría técnica de Mercociudades funciona en Montevideo.", "Mercociudades", "Montevideo");
    let facts = extract("EUROCITIES met in Leipzig.\n\nThe foundation has its seat in Bonn.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Headquarters { .. })), "{facts:?}");
}

/// Meetings a city welcomes, receives or organises; a Roman edition is no
/// place ("XIIIe"); one city "receiving the creative cities" is no creative
/// city itself.
#[test]
fn meetings_welcomed_or_organised_by_a_city() {
    let event = |text: &str, network: &str, host: &str| {
        let facts = extract(text);
        assert!(has(&facts, |f| matches!(f, Fact::Event { network: n, host: Some(h), .. } if n == network && h == host)), "{text}: {facts:?}");
        facts
    };
    event("Braga welcomed 300 delegates to the UNESCO Creative Cities Network Annual Conference in July 2024.", "UNESCO Creative Cities Network", "Braga");
    event("Angers accueillera en 2025 l'Assemblée générale de Cités Unies France.", "Cités Unies France", "Angers");
    let facts = event("En 2019, Fabriano a organisé la XIIIe conférence annuelle des villes créatives.", "UNESCO Creative Cities Network", "Fabriano");
    assert!(!has(&facts, |f| matches!(f, Fact::Event { host: Some(h), .. } if h.contains("Paris"))), "{facts:?}");
    let facts = event(
        "Del 3 al 7 de julio de 2023, Enghien-les-Bains recibe a las ciudades creativas en la XIV Conferencia Anual.",
        "UNESCO Creative Cities Network",
        "Enghien-les-Bains",
    );
    assert!(!has(&facts, |f| matches!(f, Fact::Designation { .. })), "{facts:?}");
}

/// Offices taken or held ("asumió la Presidencia", "holds the
/// vice-presidency"), a named mayor acting for the town, a person before
/// "is the Secretary General", and the year of an election that begins a
/// term without ending it.
#[test]
fn offices_taken_held_and_elected() {
    let role = |text: &str, holder: &str, role: &str, organ: &str| {
        let facts = extract(text);
        let found = facts.iter().find(|f| matches!(&f.fact, Fact::Role { holder: h, role: r, organ: o, .. } if h == holder && r.as_str() == role && o == organ));
        assert!(found.is_some(), "{text}: {facts:?}");
        found.unwrap().fact.clone()
    };
    role("Canelones asumió la Presidencia de Mercociudades para el período 2025-2026.", "Canelones", "President", "Mercociudades");
    role("Florence holds the vice-presidency of EUROCITIES.", "Florence", "Vice-President", "EUROCITIES");
    role("Bergamo assume la presidenza di Cittaslow.", "Bergamo", "President", "Cittaslow");
    role("Mayor Kate Hoey of Hobart was re-elected vice-president of Mayors for Peace.", "Hobart", "Vice-President", "Mayors for Peace");
    role("André Sobczak is the Secretary General of EUROCITIES.", "André Sobczak", "Secretary General", "EUROCITIES");
    role("Oberbürgermeister Burkhard Jung aus Leipzig wurde zum Präsidenten von EUROCITIES gewählt.", "Leipzig", "President", "EUROCITIES");
    let fact = role("The mayor of Leipzig, Burkhard Jung, was elected president of EUROCITIES in 2021.", "Leipzig", "President", "EUROCITIES");
    assert!(matches!(fact, Fact::Role { from: Some(f), to: None, .. } if f.year_value() == 2021), "{fact:?}");
    let facts = extract("Il sindaco di Fabriano è stato nominato coordinatore della rete delle città creative italiane.");
    assert!(!has(&facts, |f| matches!(f, Fact::Designation { .. })), "{facts:?}");
}

/// A twinning page's town is its heading's, even when a twin is named
/// more often; a German town known by its short form ("Eningen" for
/// Eningen unter Achalm) after the name of its society; twins after "mit
/// der italienischen Stadt".
#[test]
fn twins_of_the_town_a_page_is_headed_by() {
    let facts = extract(
        "Landshut\n\nPartnerstädte: Compiègne (Frankreich), Schio (Italien), Ried im Innkreis (Österreich)\n\nDie Städtepartnerschaft mit der italienischen Stadt Schio wurde 1981 besiegelt.\n",
    );
    assert!(twinned(&facts, "Landshut", "Compiègne") && twinned(&facts, "Landshut", "Schio"), "{facts:?}");
    assert!(!twinned(&facts, "Schio", "Compiègne"), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { other, since: Some(d), .. } if other == "Schio" && d.year_value() == 1981)), "{facts:?}");
    let facts = extract("Partnerschaftsverein Eningen e.V.\n\nDie Gemeinde Eningen ist seit 1978 mit der italienischen Stadt Schio partnerschaftlich verbunden.\n");
    assert!(twinned(&facts, "Eningen", "Schio"), "{facts:?}");
}

/// Creative cities "in" their field on a page about the UNESCO network:
/// "Ibagué (Colombia) en la categoría de música", "Xalapa, en música".
#[test]
fn creative_cities_in_their_field() {
    assert_fields(
        "La UNESCO designa nuevas ciudades creativas.\n\nSe suman a la Red: Ibagué (Colombia) en la categoría de música, Campina Grande (Brasil) en artes mediáticas, Mérida (México) en gastronomía y Xalapa, en música.\n",
        &[("Ibagué", "Music"), ("Campina Grande", "Media Arts"), ("Xalapa", "Music"), ("Mérida", "Gastronomy")],
    );
}

/// A role that is the object of another verb is no one's here: "The Mayor
/// of Bristol met the President of EUROCITIES"; a city after "from" is
/// no subject; wanting to join is no membership.
#[test]
fn roles_as_objects_and_wishes_state_nothing() {
    let facts = extract("The Mayor of Bristol met the President of EUROCITIES in Brussels.");
    assert!(!has(&facts, |f| matches!(f, Fact::Role { .. })), "{facts:?}");
    let facts = extract("Ghent joined EUROCITIES in 1989.\n\nThe delegation from Lyon included the vice-president of the Culture Forum.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Role { .. })), "{facts:?}");
    let facts = extract("Cities such as Vienna want to become members of EUROCITIES.");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { .. })), "{facts:?}");
    // ... while a mayor's predicate still holds: "and former president".
    let facts = extract("The former Mayor of Ghent and former president of Eurocities (2016-18), Daniel Termont, spoke.");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, .. } if holder == "Ghent")), "{facts:?}");
}

/// Meetings placed by a participle with its own preposition: "celebrada
/// en La Paz", "tenue à Kigali", "svoltasi a Orvieto".
#[test]
fn meetings_placed_by_a_participle() {
    assert_hosts("Durante la Asamblea General de la UCCI celebrada en La Paz en 2022, se aprobó el plan.", "La Paz", 2022);
    assert_hosts("Lors de l'Assemblée générale de l'AIMF tenue à Kigali en 2023, les maires ont adopté une déclaration.", "Kigali", 2023);
    assert_hosts("Nel corso dell'assemblea nazionale di Cittaslow, svoltasi a Orvieto nel 2017, è stato eletto il presidente.", "Orvieto", 2017);
}

/// An infobox flattened to lines: "Headquarters: Bonn, Germany",
/// "Founded: 1990", "Sede: Montevideo", "Création : 1975".
#[test]
fn labels_of_a_flattened_infobox() {
    let facts = extract("ICLEI – Local Governments for Sustainability\n\nFounded: 1990\nHeadquarters: Bonn, Germany\nMembers: 2,500 local governments\n");
    assert!(has(&facts, |f| matches!(f, Fact::Headquarters { network, city } if network == "ICLEI" && city == "Bonn")), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Founded { network, year: Some(y) } if network == "ICLEI" && y.year_value() == 1990)), "{facts:?}");
    let facts = extract("Cités Unies France\n\nSiège : Paris\nCréation : 1975\n");
    assert!(has(&facts, |f| matches!(f, Fact::Headquarters { city, .. } if city == "Paris")), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Founded { year: Some(y), .. } if y.year_value() == 1975)), "{facts:?}");
}

/// Cities "in support" of a coordination, and a body opening the clause
/// before its members: "Del comitato esecutivo fanno parte Orvieto e Bra".
#[test]
fn support_and_a_body_before_its_members() {
    let facts = extract("Coordinamento\n\nIl Coordinamento delle Città Creative UNESCO italiane è guidato da Fabriano, con Carrara e Pesaro a supporto.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, .. } if holder == "Pesaro" && role.as_str() == "Support")), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, .. } if holder == "Carrara" && role.as_str() == "Support")), "{facts:?}");
    let facts = extract("Cittaslow\n\nDel comitato esecutivo di Cittaslow fanno parte anche Orvieto, Bra e Asolo.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, organ, .. } if holder == "Bra" && role.as_str() == "Member" && organ.starts_with("Cittaslow"))), "{facts:?}");
}

/// Asserts that `text` twins `a` with `b`, in either order.
fn assert_twins(text: &str, a: &str, b: &str) {
    let facts = extract(text);
    assert!(
        has(&facts, |f| matches!(f, Fact::Twinning { city, other, .. } if (city == a && other == b) || (city == b && other == a))),
        "{text}: {facts:?}"
    );
}

#[test]
fn a_town_that_keeps_twins_owns_those_listed_after() {
    let page = "Unsere Partnerstädte\n\nTübingen hat sieben Partnerstädte. Die älteste Partnerschaft besteht seit 1959 mit Monthey in der Schweiz.\n\nAix-en-Provence\nDie Partnerschaft mit Aix-en-Provence wurde 1960 geschlossen. Aix-en-Provence ist Universitätsstadt. Gruppen aus Aix-en-Provence besuchen die Stadt.\n\nAnn Arbor\nSeit 1965 ist Ann Arbor Partnerstadt. Ann Arbor liegt in Michigan. Die Universität von Ann Arbor kooperiert mit Tübingen.\n\nPerugia\nDie Partnerschaft mit Perugia besteht seit 1984.\n";
    for twin in ["Monthey", "Aix-en-Provence", "Ann Arbor", "Perugia"] {
        assert_twins(page, "Tübingen", twin);
    }
    let facts = extract(page);
    assert!(!has(&facts, |f| matches!(f, Fact::Twinning { city, other, .. } if city == "Ann Arbor" || other == "Aix-en-Provence" && city != "Tübingen")), "{facts:?}");
}

#[test]
fn german_nouns_are_no_towns_and_adjectives_name_them() {
    // "Schulen" is a Belgian village, "Welt" a German one.
    let facts = extract("Esslingen pflegt Partnerschaften in Europa und der Welt. Die Partnerschaften werden von Vereinen und Schulen getragen.");
    assert!(!has(&facts, |f| matches!(f, Fact::Twinning { .. })), "{facts:?}");
    let facts = extract("Die Generalversammlung der Union der Ostseestädte hat den Kalmarer Bürgermeister Anders Engström in seinem Amt als Präsident der UBC bestätigt.");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, .. } if holder == "Kalmar")), "{facts:?}");
}

#[test]
fn seats_hosted_placed_and_labelled() {
    let seat = |text: &str, network: &str, city: &str| {
        let facts = extract(text);
        assert!(has(&facts, |f| matches!(f, Fact::Headquarters { network: n, city: c } if n == network && c == city)), "{text}: {facts:?}");
    };
    seat("The Secretariat of ICLEI is hosted by the City of Bonn.", "ICLEI", "Bonn");
    seat("Barcelona hosts the World Secretariat of UCLG.", "UCLG", "Barcelona");
    seat("C40's head office is in London.", "C40", "London");
    seat("Energy Cities (headquarters: Besançon) has 1,000 members.", "Energy Cities", "Besançon");
    seat("The Douzelage is a town twinning association. Its headquarters are located in Sherborne.", "Douzelage", "Sherborne");
    // A network's name inside a longer one: not the town "La Unión".
    seat("La Unión de Ciudades Capitales Iberoamericanas, con sede en Madrid, agrupa a 29 ciudades.", "Unión de Ciudades Capitales Iberoamericanas", "Madrid");
    let facts = extract("The Douzelage secretariat sits in Sherborne, Dorset. The network's secretariat, located in Brussels, coordinates the work of EUROCITIES.");
    assert!(!has(&facts, |f| matches!(f, Fact::Role { .. } | Fact::Membership { .. })), "{facts:?}");
}

#[test]
fn holders_after_their_organ_and_rows_led_by_a_town() {
    assert_role("Fue elegido presidente de Mercociudades Axel Grael, alcalde de Niterói.", "Niterói", "President", "Mercociudades");
    assert_role("A été élu président de Cités Unies France François Rebsamen, maire de Dijon.", "Dijon", "President", "Cités Unies France");
    // A national coordination named with its network is that network's body.
    assert_role(
        "È stato eletto per acclamazione coordinatore di Cittaslow Italia Stefano Pisani, sindaco di Pollica.",
        "Pollica",
        "Coordinator",
        "Cittaslow Italian National Coordination",
    );
    // A row opens with its town; the mayor's surname ("Milano") is no town.
    let page = "Il nuovo Coordinamento di Cittaslow Italia è composto da:\n\n– Amalfi (SA), sindaco Daniele Milano\n\n– Trevi (PG), sindaco Bernardino Sperandio\n";
    assert_role(page, "Amalfi", "Member", "Cittaslow Italian National Coordination");
    assert_role(page, "Trevi", "Member", "Cittaslow Italian National Coordination");
    assert!(!has(&extract(page), |f| matches!(f, Fact::Role { holder, .. } if holder == "Milan")));
}

#[test]
fn meetings_hosted_as_seat_and_listed_with_bare_years() {
    assert_hosts("Braga será la sede de la Conferencia Anual de la Red de Ciudades Creativas de la UNESCO en 2024.", "Braga", 2024);
    assert_hosts("Strasbourg a été l'hôte de la conférence annuelle d'Eurocities en 2015.", "Strasbourg", 2015);
    assert_hosts("El próximo encuentro de la Red Española de Ciudades por el Clima será en Sevilla en 2024.", "Seville", 2024);
    let list = "Past EUROCITIES annual conferences: Leipzig 2020, Prague 2019, Edinburgh 2018.";
    assert_hosts(list, "Prague", 2019);
    assert_hosts(list, "Edinburgh", 2018);
    assert_hosts("Eurocities est un réseau de grandes villes. La conférence de Barcelone (1989) a réuni six villes.", "Barcelona", 1989);
}

#[test]
fn german_belonging_with_its_preposition() {
    let facts = extract("Seit 2015 gehört Mannheim zum Netzwerk der UNESCO Creative Cities.");
    assert!(has(&facts, |f| matches!(f, Fact::Designation { city, .. } if city == "Mannheim")), "{facts:?}");
    assert_member("Seit 2015 gehört Mannheim zum Netzwerk Eurocities.", "Mannheim", "EUROCITIES");
    // Belonging to the largest cities is no membership.
    let facts = extract("Mannheim gehört zu den größten Städten in Baden-Württemberg und ist Mitglied von Eurocities.");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { network, .. } if network != "EUROCITIES")), "{facts:?}");
}

#[test]
fn infobox_labels_on_their_own_line_and_titles_obtained() {
    let facts = extract("Mercociudades\n\nMercociudades es una red de ciudades de América del Sur.\n\nSede\nMontevideo, Uruguay\nFundación\n1995\nIdioma\nespañol\n");
    assert!(has(&facts, |f| matches!(f, Fact::Headquarters { network, city } if network == "Mercociudades" && city == "Montevideo")), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Founded { year: Some(y), .. } if y.year_value() == 1995)), "{facts:?}");
    let facts = extract("Llíria obtuvo en 2019 el título de Ciudad Creativa de la Música de la UNESCO.");
    assert!(has(&facts, |f| matches!(f, Fact::Designation { city, year: Some(y), .. } if city == "Llíria" && y.year_value() == 2019)), "{facts:?}");
}

#[test]
fn creative_cities_after_a_plural_and_a_copula() {
    let facts = extract("Die Unesco-Städte der Musik sind neben Hannover und Mannheim Sevilla, Bologna, Glasgow und Hamamatsu.");
    for city in ["Hanover", "Seville", "Bologna", "Hamamatsu"] {
        assert!(
            has(&facts, |f| matches!(f, Fact::Designation { city: c, field: Some(field), .. } if c == city && field.as_str() == "Music")),
            "{city}: {facts:?}"
        );
    }
}

#[test]
fn a_letter_with_a_stroke_is_kept_as_written() {
    let facts = extract("Les nouvelles villes créatives de l'UNESCO :\n\n- Wrocław (Pologne) – Littérature\n- Montréal (Canada) – Design\n");
    assert!(has(&facts, |f| matches!(f, Fact::Designation { city, .. } if city == "Wrocław")), "{facts:?}");
    // A name the English exonym writes without its accent stays so.
    assert!(has(&facts, |f| matches!(f, Fact::Designation { city, .. } if city == "Montreal")), "{facts:?}");
}

#[test]
fn titled_holders_after_a_plural_role() {
    let facts = extract("The UBC General Conference elected the Presidium. Vice-Mayor of Turku Elina Rantanen was re-elected as the 1st Vice-President and as other three Vice-Presidents Deputy Mayor of Gdańsk Piotr Grzelak, Deputy Chairman of the Committee for External Relations of St. Petersburg Vyacheslav Kalganov, and Councillor of the City of Kristiansand Jørgen H. Kristiansen.");
    assert_holders(&facts, &["Gdańsk", "Saint Petersburg", "Kristiansand"], "Vice-President");
}

#[test]
fn the_association_is_the_association_just_named() {
    let text = "Llíria participó en la primera asamblea de la Asociación Española de Ciudades Creativas de la UNESCO. Una vez constituida la asociación con los cuatro primeros miembros Dénia, Manises, Llíria y Burgos, se propuso modificar los estatutos.";
    assert_member(text, "Manises", "Asociación Española de Ciudades Creativas de la UNESCO");
    assert_member(text, "Burgos", "Asociación Española de Ciudades Creativas de la UNESCO");
}

#[test]
fn twins_with_their_years_in_lists_and_prose() {
    // An introducing line under the heading keeps the twins' frame; a
    // region may follow a twin after a comma; "USA" is a country.
    let page = "Partnerstädte der Stadt Kempten\n\nKempten (Allgäu) pflegt freundschaftliche Beziehungen zu folgenden Städten:\n\n- Bad Dürkheim, Rheinland-Pfalz (seit 1964)\n- Trento, Italien (seit 1987)\n- Quincy, USA (seit 1990)\n\nDie Partnerschaften werden vom Freundeskreis betreut.\n";
    for twin in ["Bad Dürkheim", "Trento", "Quincy"] {
        assert_twins(page, "Kempten (Allgäu)", twin);
    }
    let facts = extract("Die Städtepartnerschaft zwischen Erlangen und Rennes besteht seit 1964. Erlangen ist außerdem mit Eskilstuna in Schweden (seit 1961) und mit Jena (seit 1987) partnerschaftlich verbunden.");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { city, other, since: Some(d) } if city == "Erlangen" && other == "Jena" && d.year_value() == 1987)), "{facts:?}");
    assert!(!has(&facts, |f| matches!(f, Fact::Twinning { city, .. } if city == "Eskilstuna")), "{facts:?}");
    let facts = extract("Freiburg im Breisgau und seine Partnerstädte\n\nFreiburg hat mit Besançon (1959), Innsbruck (1963), Padua (1967) und Granada (1991) Partnerschaften geschlossen. Die Stadt Freiburg ist zudem Mitglied im Klima-Bündnis und bei ICLEI.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { other, since: Some(d), .. } if other == "Innsbruck" && d.year_value() == 1963)), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Membership { network, .. } if network == "ICLEI")), "{facts:?}");
    assert_twins("Städtepartnerschaften\n\nDie Stadt Lörrach unterhält Partnerschaften mit vier Städten in Europa. Die jüngste Partnerschaft wurde 2001 mit der Nachbargemeinde Village-Neuf geschlossen.\n", "Lörrach", "Village-Neuf");
}

#[test]
fn towns_and_titles_in_each_language() {
    // Venice by its Italian name; a field's title as a creative city,
    // each with its own year.
    assert_member("Tra le città italiane già socie della rete Eurocities ci sono Milano e Venezia. Anche Venezia è membro di Eurocities.", "Venice", "EUROCITIES");
    let facts = extract("La UNESCO y sus ciudades creativas. Bilbao fue nombrada Ciudad Creativa del Diseño en 2014, Sevilla Ciudad de la Música en 2006 y Dénia Ciudad Creativa de la Gastronomía en 2015.");
    assert!(has(&facts, |f| matches!(f, Fact::Designation { city, year: Some(y), .. } if city == "Seville" && y.year_value() == 2006)), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Designation { city, year: Some(y), .. } if city == "Denia" && y.year_value() == 2015)), "{facts:?}");
    // A name in two languages as the text writes it.
    assert_member("Vitoria-Gasteiz forma parte de la Asociación Internacional de Ciudades Educadoras desde 1996.", "Vitoria-Gasteiz", "Asociación Internacional de Ciudades Educadoras");
    // "la federación" is the federation just named.
    let facts = extract("El intendente de Rosario fue elegido presidente de la Federación Latinoamericana de Ciudades, Municipios y Asociaciones Municipalistas (FLACMA). La federación, creada en 1981, tiene su sede en Quito.");
    assert!(has(&facts, |f| matches!(f, Fact::Headquarters { city, .. } if city == "Quito")), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Founded { year: Some(y), .. } if y.year_value() == 1981)), "{facts:?}");
}

#[test]
fn offices_lists_and_foreign_towns_in_prose() {
    // A small town right after "il sindaco di", before the mayor's name.
    let facts = extract("Cittaslow, eletto il coordinatore\n\nL'assemblea delle Cittaslow ha eletto il nuovo coordinatore, il sindaco di Castelnuovo Berardenga Fabrizio Nepi.");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, .. } if holder == "Castelnuovo Berardenga" && role.as_str() == "Coordinator")), "{facts:?}");
    // "presieduta dal sindaco di": the mayor's city holds the role.
    let facts = extract("La rete Eurocities, fondata nel 1986 e con sede a Bruxelles, è presieduta dal sindaco di Firenze Dario Nardella.");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, organ, .. } if holder == "Florence" && role.as_str() == "President" && organ == "EUROCITIES")), "{facts:?}");
    // Members after "tra cui", the network being the page's.
    let text = "Il Comune di Cesena aderisce dal 2009 a Mayors for Peace. Grazie all'adesione partecipa ai programmi di educazione alla pace. In Italia i comuni aderenti sono oltre 500, tra cui Firenze, Bologna e Assisi.";
    assert_member(text, "Assisi", "Mayors for Peace");
    // A foreign town that is also read as a German noun is a twin where a
    // twin is expected.
    let page = "Partnerschaftskomitee Ottobrunn\n\nSeit 1987 verbindet Ottobrunn eine Partnerschaft mit Budrio. Die jüngste Partnergemeinde ist Valmontone bei Rom (seit 2013). Die Bürger sind aktiv und die Vereine auch.\n";
    assert_twins(page, "Ottobrunn", "Budrio");
    assert_twins(page, "Ottobrunn", "Valmontone");
    let facts = extract(page);
    assert!(!has(&facts, |f| matches!(f, Fact::Twinning { other, .. } if other == "Rome")), "{facts:?}");
    // A city of millions by another name that is also its region's.
    assert_twins("Madrid mantiene acuerdos de hermanamiento con Nueva York y con Kiev desde hace décadas.", "Madrid", "Kyiv");
}

#[test]
fn english_and_german_pages_of_twins() {
    // A list after a colon that goes on past semicolons.
    let page = "Sister Cities\n\nThe City of Tucson has sister city relationships with eight cities around the world: Almaty, Kazakhstan; Guadalajara, Mexico; Segovia, Spain; and Trikala, Greece.\n";
    for twin in ["Almaty", "Guadalajara", "Segovia", "Tríkala"] {
        assert_twins(page, "Tucson", twin);
    }
    // The town twinned in the page's first lines owns the twins listed;
    // an item naming its twinning stays in the list.
    let page = "Twin Towns\n\nWexford is twinned with Couëron in France since 1980.\n\nOur twinning partners\nFreital (Germany) - twinned 1990\nBarnstable (USA) - twinned 1995\n";
    assert_twins(page, "Wexford", "Freital");
    assert_twins(page, "Wexford", "Barnstable");
    assert!(!has(&extract(page), |f| matches!(f, Fact::Twinning { city, other, .. } if city == "Freital" || other == "Freital" && city != "Wexford")));
    // ", and later with": the list goes on.
    assert_twins("Abingdon Twinning Association\n\nIn 1973 Abingdon twinned with Schongau in Bavaria, and later with Sint-Niklaas (Belgium), Lucca (Italy) and Colmar.\n", "Abingdon", "Lucca");
    // Pairs with the verb left out; "Town: Twin (Country), seit 1971".
    let facts = extract("Partnerschaften im Landkreis\n\n- Bad Tölz: Vipiteno (Italien), seit 1971\n- Geretsried: Chamalières (Frankreich), seit 1989\n\nDie Stadt Penzberg ist mit Rovinj verschwistert, Icking mit Avigliana und Münsing mit Saint-Étienne-de-Crossey.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { city, other, since: Some(d) } if city == "Geretsried" && other == "Chamalières" && d.year_value() == 1989)), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { city, other, .. } if city == "Icking" && other == "Avigliana")), "{facts:?}");
    assert!(!has(&facts, |f| matches!(f, Fact::Twinning { city, other, .. } if city == "Rovinj" || other == "Icking")), "{facts:?}");
}

#[test]
fn offices_in_lines_and_members_of_unknown_networks() {
    // Lines of offices on a network's page; a treasurer holds no office of
    // the network.
    let facts = extract("Cittaslow, rinnovate le cariche della rete\n\nL'assemblea ha eletto il nuovo Consiglio direttivo.\n\nPresidente: Comune di Bra\nVicepresidente: Comune di Orvieto\nTesoriere: Comune di Todi\n");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, organ, .. } if holder == "Orvieto" && role.as_str() == "Vice-President" && organ == "Cittaslow")), "{facts:?}");
    assert!(!has(&facts, |f| matches!(f, Fact::Role { role, organ, .. } if role.as_str() == "Treasurer" || role.as_str() == "Member" && organ == "Cittaslow")), "{facts:?}");
    // A network the catalogue lacks, named on its own line, and its
    // members listed under a heading that joins nothing.
    let page = "Rete dei Comuni Sostenibili\n\nI Comuni aderenti\n\nComune di Alba (CN)\nComune di Bra (CN)\nCittà di Asti\n";
    assert_member(page, "Asti", "Rete dei Comuni Sostenibili");
    assert_member("Rete dei Comuni Sostenibili\n\nLa Rete dei Comuni Sostenibili riunisce oltre cento comuni italiani. Ne fanno parte anche Alba, Bra e Asti.\n", "Bra", "Rete dei Comuni Sostenibili");
}

#[test]
fn an_encyclopedia_section_of_twins() {
    // A pointer "See also: ..." is no related-content block; "Bath," opens
    // its title as the city; "List" is an English word.
    let page = "Bath, Somerset\n\nTwin towns – sister cities\nSee also: List of twin towns and sister cities in England\nBath is twinned with:[45]\n\n Aix-en-Provence, France\n Alkmaar, Netherlands\n Kaposvár, Hungary\n\nBath also has a partnership with Mulhouse, France.\n";
    for twin in ["Aix-en-Provence", "Alkmaar", "Kaposvár"] {
        assert_twins(page, "Bath", twin);
    }
    assert!(!has(&extract(page), |f| matches!(f, Fact::Twinning { city, other, .. } if city == "List" || other == "List")));
    // Burgos's field three words after "Ciudad Creativa de la UNESCO".
    let facts = extract("Burgos fue reconocida como Ciudad Creativa de la UNESCO en el ámbito de la Gastronomía en 2015.");
    assert!(has(&facts, |f| matches!(f, Fact::Designation { city, field: Some(fd), .. } if city == "Burgos" && fd.as_str() == "Gastronomy")), "{facts:?}");
}

#[test]
fn datelines_reelections_and_opening_participles() {
    // The city of a dateline is no subject.
    let facts = extract("EUROCITIES elects new Executive Committee\n\nBrussels, 4 June 2024 – At the Annual General Meeting in Braga, members of EUROCITIES elected a new Executive Committee. The Mayor of Ghent, Mathias De Clercq, was re-elected President of EUROCITIES.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { city, .. } if city == "Brussels")), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, .. } if holder == "Ghent" && role.as_str() == "President")), "{facts:?}");
    // "a été réélue présidente": the mayor's city holds the role.
    let facts = extract("Anne Hidalgo, maire de Paris, a été réélue présidente de l'AIMF lors de l'assemblée générale de Kigali.");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, .. } if holder == "Paris" && role.as_str() == "President")), "{facts:?}");
    // A designation told in an opening participle.
    let facts = extract("Nommée ville créative de l'UNESCO pour les arts numériques en 2013, Enghien-les-Bains est la seule ville française dans cette catégorie.");
    assert!(has(&facts, |f| matches!(f, Fact::Designation { city, field: Some(fd), year: Some(y), .. } if city == "Enghien-les-Bains" && fd.as_str() == "Media Arts" && y.year_value() == 2013)), "{facts:?}");
}

#[test]
fn several_towns_take_offices_of_the_network_at_hand() {
    let facts = extract("El intendente de Rosario fue elegido presidente de la Federación Latinoamericana de Ciudades, Municipios y Asociaciones Municipalistas (FLACMA). Montevideo y Asunción ocupan las vicepresidencias regionales.");
    assert_holders(&facts, &["Montevideo", "Asunción"], "Vice-President");
}

#[test]
fn a_year_before_the_twinning_verb_is_its_year() {
    let facts = extract("Abingdon Twinning Association\n\nIn 1973 Abingdon twinned with Schongau in Bavaria.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { other, since: Some(d), .. } if other == "Schongau" && d.year_value() == 1973)), "{facts:?}");
}

#[test]
fn rows_of_holders_under_a_body_each_hold_a_seat() {
    let facts = extract(
        "Executive Committee\n\nThe Executive Committee of EUROCITIES is composed of 12 cities:\n\nDario Nardella, Mayor of Florence (President)\nAnna König Jerlmyr, Mayor of Stockholm (Vice-President)\nBurkhard Jung, Lord Mayor of Leipzig\nJohanna Rolland, Mayor of Nantes\n",
    );
    assert_holders(&facts, &["Florence", "Stockholm", "Leipzig", "Nantes"], "Member");
    assert_holders(&facts, &["Florence"], "President");
}

#[test]
fn a_year_before_each_host_dates_its_meeting() {
    let text = "Annual conferences\n\nPast UCCN Annual Conferences: 2019 Fabriano (Italy), 2018 Krakow and Katowice (Poland), 2017 Enghien-les-Bains (France), 2016 Östersund (Sweden).\n";
    for (host, year) in [("Fabriano", 2019), ("Krakow", 2018), ("Katowice", 2018), ("Enghien-les-Bains", 2017), ("Östersund", 2016)] {
        assert_hosts(text, host, year);
    }
}

#[test]
fn a_colon_after_a_network_lists_its_members() {
    let text = "Our members\n\nCittaslow network in Italy: Abbiategrasso, Acquapendente, Amalfi, Anghiari, Asolo.\n";
    assert_members(text, &["Abbiategrasso", "Amalfi", "Asolo"], "Cittaslow");
    let text = "Covenant of Mayors\n\nSignatories: Almada (Portugal), Aarhus (Denmark), Bilbao (Spain), Bologna (Italy).\n";
    assert_members(text, &["Almada", "Aarhus", "Bologna"], "Covenant of Mayors");
    // A colon after a date or a city is no member list.
    let facts = extract("Cittaslow\n\nOn 12 May 2019 in Orvieto: Amalfi, Asolo and Bra met the press.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { .. })), "{facts:?}");
}

#[test]
fn a_year_after_a_twins_country_is_the_twins() {
    let facts = extract(
        "Sister Cities\n\nPortland has nine sister cities: Sapporo, Japan (1959); Guadalajara, Mexico (1983); Ashkelon, Israel (1987); Ulsan, South Korea (1987); Bologna, Italy (2003).\n",
    );
    for (twin, year) in [("Sapporo", 1959), ("Guadalajara", 1983), ("Ulsan", 1987), ("Bologna", 2003)] {
        assert!(
            has(&facts, |f| matches!(f, Fact::Twinning { city, other, since: Some(d) } if city == "Portland" && other == twin && d.year_value() == year)),
            "{twin}: {facts:?}"
        );
    }
}

#[test]
fn a_twin_after_a_noun_of_place_and_a_mayor_after_a_copula() {
    let facts = extract("Dundalk news\n\nDundalk formally adopts its twin, the French town of Rezé.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { city, other, .. } if city == "Dundalk" && other == "Rezé")), "{facts:?}");
    let facts = extract("Energy Cities\n\nNeuer Präsident von Energy Cities ist der Oberbürgermeister von Leuven in Belgien.\n");
    assert_holders(&facts, &["Leuven"], "President");
    // A role joined by "and" to a mayor's apposition is the mayor's city's.
    let facts = extract("Cittaslow\n\nStefano Pisani, Sindaco di Pollica, e Presidente di Cittaslow International, ha aperto i lavori.\n");
    assert_holders(&facts, &["Pollica"], "President");
}

#[test]
fn holders_named_around_the_role_noun() {
    // The organ before the noun, the person before both.
    let facts = extract("UCLG news\n\nMpho Parks Tau, outgoing UCLG President, opened the congress.\n");
    assert_holders(&facts, &["Mpho Parks Tau"], "President");
    // After a relative pronoun the holder follows the verb.
    let facts = extract("Metropolis\n\nMetrópolis, la asociación que integra a las grandes ciudades y que preside el alcalde de Barcelona, participa.\n");
    assert_holders(&facts, &["Barcelona"], "President");
    // A plural role noun.
    let facts = extract("Coordinamento\n\nLe città di Bologna e Fabriano hanno svolto il ruolo di Città Coordinatrici del Coordinamento delle Città Creative UNESCO italiane.\n");
    assert_holders(&facts, &["Bologna", "Fabriano"], "Coordinator");
    // Each holder's own term in parentheses.
    let facts = extract("Coordinamento\n\nLe città di Bologna (2016-2019) e Fabriano (2020-2024) hanno svolto il ruolo di Città Coordinatrici del Coordinamento delle Città Creative UNESCO italiane.\n");
    for (holder, from, to) in [("Bologna", 2016, 2019), ("Fabriano", 2020, 2024)] {
        assert!(
            has(&facts, |f| matches!(f, Fact::Role { holder: h, from: Some(a), to: Some(b), .. } if h == holder && a.year_value() == from && b.year_value() == to)),
            "{holder}: {facts:?}"
        );
    }
}

#[test]
fn a_large_city_named_like_a_country_in_another_language_is_the_city() {
    let facts = extract(
        "Twin towns\n\nGranada is twinned with:\n\n| City | Country | Since |\n|---|---|---|\n| Coimbra | Portugal | 1989 |\n| Aix-en-Provence | France | 1997 |\n",
    );
    for twin in ["Coimbra", "Aix-en-Provence"] {
        assert!(has(&facts, |f| matches!(f, Fact::Twinning { city, other, .. } if city == "Granada" && other == twin)), "{facts:?}");
    }
}

#[test]
fn a_year_before_joined_subjects_is_when_they_joined() {
    let facts = extract("Climate Alliance\n\nIn 2015 Freiburg and Münster also joined the Climate Alliance.\n");
    for town in ["Freiburg", "Münster"] {
        assert!(
            has(&facts, |f| matches!(f, Fact::Membership { city, since: Some(d), .. } if city == town && d.year_value() == 2015)),
            "{town}: {facts:?}"
        );
    }
}

#[test]
fn foundings_dated_before_the_verb_or_by_a_birth() {
    assert_founded("C40 history\n\n2005 – C40 is founded.\n2007 – C40 partners with the Clinton Climate Initiative.\n", "C40", 2005);
    assert_founded("Cittaslow\n\nNé en 1999 en Italie, le mouvement Cittaslow réunit des villes.\n", "Cittaslow", 1999);
    assert_founded("UCCN\n\nLa Rete delle Città Creative UNESCO è una Rete, creata nel 2004, che promuove la cooperazione.\n", "UNESCO Creative Cities Network", 2004);
}

#[test]
fn a_dateline_glued_to_the_word_before_dates_the_page_and_its_designations() {
    let x = extractor();
    let text = "64 cities join the UNESCO Creative Cities Network\n\n© UNESCO31 October 2017\n\n64 cities have been designated as UNESCO Creative Cities.\n\nThe new UNESCO Creative Cities are:\n\nAlba (Italy) – Gastronomy\nAlmaty (Kazakhstan) – Music\n";
    let out = x.extract("t", text.as_bytes(), Format::Text).expect("extracts");
    assert_eq!(out.published.map(|d| d.to_string()).as_deref(), Some("2017-10-31"));
    assert!(
        has(&out.facts, |f| matches!(f, Fact::Designation { city, year: Some(y), .. } if city == "Alba" && y.year_value() == 2017)),
        "{:?}",
        out.facts
    );
    // A town taking an office in a year begins its term then.
    let facts = extract("News\n\nLa ville de Nantes prend la présidence du réseau Eurocities en 2018.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, from: Some(a), to: None, .. } if holder == "Nantes" && a.year_value() == 2018)), "{facts:?}");
}

#[test]
fn member_cities_seated_on_a_body_are_members_of_its_network() {
    let text = "UBC\n\nMitgliedsstädte im Vorstand der Union of the Baltic Cities werden neben Rostock auch Aalborg (Dänemark), Tartu (Estland) und Pori (Finnland) sein.\n";
    assert_members(text, &["Aalborg", "Tartu", "Pori"], "Union of the Baltic Cities");
    assert_holders(&extract(text), &["Aalborg", "Tartu", "Pori"], "Member");
}

#[test]
fn rows_of_an_office_with_terms_give_its_successive_holders() {
    let term = |facts: &[Extracted], holder: &str, role: &str, from: i32, to: i32| {
        assert!(
            has(facts, |f| matches!(f, Fact::Role { holder: h, role: r, from: Some(a), to: Some(b), .. }
                if h == holder && r.as_str() == role && a.year_value() == from && b.year_value() == to)),
            "{holder}: {facts:?}"
        );
    };
    // Under a body named for the office: its presidents, not its seats.
    let facts = extract(
        "Climate Alliance\n\nPresidency of the Climate Alliance\n\n  • 2010-2016 City of Graz (AT), represented by Anna Weber, Deputy Mayor of Graz\n  • 2004-2010 Linz, represented by its mayor\n",
    );
    term(&facts, "Graz", "President", 2010, 2016);
    term(&facts, "Linz", "President", 2004, 2010);
    assert!(!has(&facts, |f| matches!(f, Fact::Role { role, .. } if role.as_str() == "Member")), "{facts:?}");
    // Under a heading of the office.
    let facts = extract("Energy Cities\n\nPast presidents\n\n1994-1997 Mayor of Tours\n1997-2001 City of Tampere (FI)\n");
    term(&facts, "Tours", "President", 1994, 1997);
    term(&facts, "Tampere", "President", 1997, 2001);
}

#[test]
fn an_infobox_label_of_an_office_names_its_holder() {
    assert_role("Eurocities\n\nType | Réseau de villes |\nSecrétaire général | Marie Dupont |\n", "Marie Dupont", "Secretary General", "EUROCITIES");
    assert_role("Eurocities\n\nPresident of the Executive Committee: Hans Gruber\n", "Hans Gruber", "Chair", "EUROCITIES Executive Committee");
    // The label alone on its line, its value on the next.
    assert_role("Energy Cities\n\nFounded\n1990\nSecretary general\nJohn Miller\n", "John Miller", "Secretary General", "Energy Cities");
}

#[test]
fn twins_behind_a_flag_a_country_or_a_society() {
    let twins = |text: &str, town: &str, others: &[&str]| {
        let facts = extract(text);
        for other in others {
            assert!(
                has(&facts, |f| matches!(f, Fact::Twinning { city, other: o, .. } if (city == town && o == other) || (city == other && o == town))),
                "{town}–{other}: {facts:?}"
            );
        }
    };
    // An encyclopedia's flag: the country's name opens each row.
    twins(
        "Städtepartnerschaften\n\nSchwäbisch Gmünd unterhält Partnerschaften mit folgenden Städten:\n\nFrankreich Antibes, Frankreich, seit 1976\nItalien Faenza, Italien, seit 1982\n",
        "Schwäbisch Gmünd",
        &["Antibes", "Faenza"],
    );
    // A country written after a name picks the town in it (Chinon, France,
    // not Ginowan, Japan, which is also called so); a twinning society
    // names the page's town, and "our twin towns" are its twins.
    twins(
        "Our twin towns\n\nThe Tiverton Twinning Association was formed in 1978 to foster links with our twin towns of Chinon in France and Hofheim am Taunus in Germany.\n",
        "Tiverton",
        &["Chinon", "Hofheim am Taunus"],
    );
}

#[test]
fn a_described_network_before_a_colon_lists_members_past_unknown_towns() {
    let text = "Cittaslow, ecco i comuni toscani della rete\n\nSono otto i comuni toscani che fanno parte della rete internazionale delle città del buon vivere: Anghiari, Castelnuovo Berardenga, Pratovecchio Stia, Radda in Chianti e San Miniato.\n";
    assert_members(text, &["Anghiari", "Castelnuovo Berardenga", "Radda in Chianti", "San Miniato"], "Cittaslow");
}

#[test]
fn meetings_named_before_their_network_or_placed_by_a_venue() {
    assert_hosts("Actualités\n\nLe Sommet mondial de CGLU à Durban, en novembre 2019, a réuni 3000 participants.\n", "Durban", 2019);
    assert_hosts("Neuigkeiten\n\nIm Juni 2023 trafen sich die Mitglieder des Klima-Bündnis zur Jahreskonferenz in Wien.\n", "Vienna", 2023);
    assert_hosts("Notizie\n\nCracovia è stata la sede della conferenza annuale della Rete delle Città Creative nel 2018.\n", "Krakow", 2018);
}

#[test]
fn member_lists_past_where_they_are_and_a_declined_network_name() {
    let text = "Aktuelles\n\nMitglieder des Netzwerks Cittaslow sind in Deutschland unter anderem Hersbruck, Überlingen und Waldkirch.\n";
    assert_members(text, &["Hersbruck", "Überlingen", "Waldkirch"], "Cittaslow");
    let text = "Aktuelles\n\nDer Deutsche Städtetag hat rund 3.200 Mitgliedsstädte, darunter Berlin, Hamburg und Köln.\n";
    assert_members(text, &["Berlin", "Hamburg", "Cologne"], "Deutscher Städtetag");
}

#[test]
fn creative_cities_joining_the_unnamed_network_or_listed_after_a_designation() {
    let designated = |text: &str, city: &str| {
        let facts = extract(text);
        assert!(has(&facts, |f| matches!(f, Fact::Designation { city: c, network, .. } if c == city && network == "UNESCO Creative Cities Network")), "{city}: {facts:?}");
    };
    designated("Noticias\n\nDénia ingresó en 2015 en la red como Ciudad Creativa de la Gastronomía, junto a Burgos.\n", "Denia");
    for city in ["Cáceres", "Valladolid", "Manises"] {
        designated("Noticias\n\nLa directora general de la UNESCO designó a 66 nuevas ciudades creativas, entre ellas Cáceres, Valladolid, Manises y Lliria.\n", city);
    }
}

#[test]
fn foundings_of_a_network_referred_to_or_named_by_its_known_acronym() {
    assert_founded("Notizie\n\n64 città sono state designate Città Creative UNESCO. Entrano a far parte di una Rete, creata nel 2004, che promuove la creatività.\n", "UNESCO Creative Cities Network", 2004);
    // "p. 13" ends no sentence.
    assert_founded("Cittaslow\n\nLa ville fait partie du réseau Cittaslow. Né en 1999 en Italie et inspiré du slowfood (lire encadré p. 13), ce mouvement prône le bien-vivre.\n", "Cittaslow", 1999);
    assert_founded("Noticias\n\nLa Unión Internacional de Autoridades y Gobiernos Locales (IULA), creada en 1913, se une a la FMCU.\n", "IULA", 1913);
}

#[test]
fn a_meeting_place_after_an_adjective_or_a_venue() {
    assert_hosts("Aktuelles\n\nDie Jahreskonferenz von EUROCITIES fand im November 2018 im schottischen Edinburgh statt.\n", "Edinburgh", 2018);
    assert_hosts("Noticias\n\nLa XIX Asamblea General de la UCCI se celebró en 2021 en la Casa de la Villa de Madrid.\n", "Madrid", 2021);
}

#[test]
fn a_label_before_a_colon_is_no_town_of_a_pair() {
    let facts = extract("Bath sister cities\n\nSister City: Dubrovnik, Croatia\nSister City: Rotorua, New Zealand\nFriendship City: Kumamoto, Japan\n");
    for other in ["Dubrovnik", "Rotorua"] {
        assert!(has(&facts, |f| matches!(f, Fact::Twinning { city, other: o, .. } if city == "Bath" && o == other)), "{other}: {facts:?}");
    }
    assert!(!has(&facts, |f| matches!(f, Fact::Twinning { city, other, .. } if city.starts_with("Friendship") || other.starts_with("Friendship"))), "{facts:?}");
}

#[test]
fn a_list_of_twins_names_towns_the_gazetteer_lacks_by_their_country() {
    let facts = extract(
        "Sister Cities\n\nBoulder has seven sister cities: Dushanbe, Tajikistan; Jalapa, Nicaragua; Lhasa, Tibet; Mante, Mexico; Yamagata, Japan; and Yateras, Cuba.\n",
    );
    for other in ["Dushanbe", "Jalapa", "Lhasa", "Mante", "Yamagata", "Yateras"] {
        assert!(has(&facts, |f| matches!(f, Fact::Twinning { city, other: o, .. } if city == "Boulder" && o == other)), "{other}: {facts:?}");
    }
    let new: Vec<&Extracted> = facts.iter().filter(|f| f.new_entity).collect();
    assert_eq!(new.len(), 2, "Mante and Yateras are new: {facts:?}");
}

#[test]
fn a_country_standing_for_its_capital_does_not_end_a_list() {
    let text = "Notizie\n\nFanno parte della rete Mercociudades: Asunción (Paraguay), Managua (Nicaragua), México, Montevideo (Uruguay) e Quito (Ecuador).\n";
    assert_members(text, &["Managua", "Montevideo", "Quito"], "Mercociudades");
}

#[test]
fn people_listed_with_their_towns_after_a_noun_of_members() {
    let text = "Klima-Bündnis\n\nDie Jahreskonferenz des Klima-Bündnis fand in diesem Jahr in Wien statt, und die Kommunen waren mit dabei.\nVon österreichischer Seite hatten 4 Mitgliedskommunen offizielle Vertreter geschickt: Anna Huber (Graz), Peter Moser (Linz), Karl Gruber (Villach) und Eva Wolf (Dornbirn).\n";
    assert_members(text, &["Graz", "Linz", "Villach", "Dornbirn"], "Climate Alliance");
}

#[test]
fn a_mayor_elected_to_an_office_of_the_body_the_sentence_names() {
    let text = "EUROCITIES 2018\n\nL'assemblea annuale si è svolta a Edimburgo con molti delegati.\nIl Comune di Bologna ha partecipato ai lavori. I delegati hanno discusso a lungo. Al termine è stata firmata una dichiarazione comune.\nInfine, per il rinnovo della Presidenza e del Comitato esecutivo: Anna König Jerlmyr, sindaca di Stoccolma, è stata eletta Presidente e Dario Nardella, Sindaco di Firenze, Vicepresidente.\n";
    let facts = extract(text);
    assert_holders(&facts, &["Stockholm"], "President");
    assert_holders(&facts, &["Florence"], "Vice-President");
}

#[test]
fn an_office_held_now_of_the_page_s_network() {
    let text = "Mercociudades\n\nLa red Mercociudades reúne a más de 300 ciudades de América del Sur.\nLa asamblea de este año tuvo muchos participantes. Se debatieron varios temas. Hubo muchas propuestas.\nNiterói, anfitriona de esta asamblea, ocupa actualmente la presidencia.\n";
    let facts = extract(text);
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, organ, .. } if holder == "Niterói" && role.as_str() == "President" && organ == "Mercociudades")), "{facts:?}");
}

#[test]
fn a_line_of_members_after_a_body_named_in_prose_holds_its_seats() {
    let facts = extract("Notizie\n\nL'assemblea nazionale di Cittaslow Italia ha eletto il nuovo Consiglio direttivo.\nConsiglieri: Abbiategrasso, Bra, Orvieto.\n");
    for town in ["Abbiategrasso", "Bra", "Orvieto"] {
        assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, organ, .. } if holder == town && role.as_str() == "Member" && organ.starts_with("Cittaslow"))), "{town}: {facts:?}");
    }
}

#[test]
fn an_office_entrusted_to_a_city_or_its_mayor() {
    assert_role("Notizie\n\nLa presidenza dell'ANCI è stata affidata al sindaco di Napoli.\n", "Naples", "President", "ANCI");
    assert_role("Actualités\n\nLa présidence de Cités Unies France a été confiée à Lyon en 2021.\n", "Lyon", "President", "Cités Unies France");
}

/// Pairs told in prose: two towns and then a reciprocal verb ("A y B se
/// hermanaron"), the town before "mit" and the one after it ("verbindet A
/// mit B eine Städtepartnerschaft"); pairs of towns joined by a bare hyphen
/// under a heading of twinnings; a region's hyphenated name after an
/// article is no pair.
#[test]
fn pairs_told_by_a_verb_or_a_bare_hyphen() {
    let facts = extract("Avilés y Vitry-sur-Seine se hermanaron en 1983, y desde entonces los intercambios no han cesado.\n");
    assert!(twinned(&facts, "Avilés", "Vitry-sur-Seine"), "{facts:?}");
    let facts = extract("Seit 1975 verbindet Esslingen mit Vienne eine lebendige Städtepartnerschaft.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { city, other, since: Some(d) } if city == "Esslingen" && other == "Vienne" && d.year_value() == 1975)), "{facts:?}");
    let facts = extract("Partnerschaften der Gemeinden\n\nRegensburg-Plzeň (seit 12. Mai 1993)\nFürth-Limoges (seit 1992)\n");
    assert!(twinned(&facts, "Regensburg", "Pilsen") && twinned(&facts, "Fürth", "Limoges"), "{facts:?}");
    let facts = extract("Le maire de Montbéliard voulut jumeler sa ville avec Ludwigsburg dans le Bade-Wurtemberg.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Twinning { city, other, .. } if city == "Bade" || other == "Bade")), "{facts:?}");
}

/// An article or a preposition inside a town's name is found in any case:
/// "Vals Les Bains" is Vals-les-Bains.
#[test]
fn particles_of_a_town_s_name_in_any_case() {
    let facts = extract("Savignano sul Rubicone è gemellata con Vals Les Bains dal 1998.\n");
    assert!(twinned(&facts, "Savignano sul Rubicone", "Vals-les-Bains"), "{facts:?}");
}

/// Rows under a heading of an office, with no term: the city whose mayor
/// (or governor) the row names holds the office now; "Gouverneur de" is
/// an office, not the town of that name.
#[test]
fn holders_listed_under_a_heading_of_their_office() {
    let facts = extract(
        "L'AIMF rassemble les maires francophones.\n\nBureau\n\nPrésident\n\n  • M. Jean Dupont, Maire de Lyon\n\nVice-Présidents\n\n  • Mme Anne Martin, Bourgmestre de Namur\n  • M. Paul Diouf, Gouverneur de Dakar\n",
    );
    assert_holders(&facts, &["Lyon"], "President");
    assert_holders(&facts, &["Namur", "Dakar"], "Vice-President");
    assert!(!has(&facts, |f| matches!(f, Fact::Role { holder, .. } if holder == "Gouverneur")), "{facts:?}");
}

/// A noun of members ending a clause after a copula: the towns listed
/// before it are members of the network just named; a town after "In"
/// is where, not who.
#[test]
fn members_listed_before_a_predicate_noun() {
    let facts = extract("Das Klima-Bündnis ist ein Städtenetzwerk mit über 1.800 Mitgliedskommunen.\nIn Thüringen sind Erfurt, Jena und Weimar bereits Mitgliedskommunen.\n");
    for city in ["Erfurt", "Jena", "Weimar"] {
        assert!(has(&facts, |f| matches!(f, Fact::Membership { city: c, network, .. } if c == city && network == "Climate Alliance")), "{city}: {facts:?}");
    }
}

/// A meeting named with its network after an elided article, then its
/// place: "au Congrès annuel de l'AIMF à Lausanne".
#[test]
fn a_meeting_of_a_network_after_an_elided_article() {
    assert_hosts("Du 22 au 24 mai 2024, Dakar était présente au Congrès annuel de l'AIMF à Lausanne.\n", "Lausanne", 2024);
}

/// A person the page names as a city's mayor holds a role for the city,
/// wherever else the page names them with it.
#[test]
fn a_mayor_named_elsewhere_holds_a_role_for_the_city() {
    let facts = extract(
        "L'assemblea di Cittaslow è stata aperta da Mario Rossi, sindaco di Bra.\n\nSono intervenuti il presidente Mario Rossi e altri sindaci della rete Cittaslow.\n",
    );
    assert!(!has(&facts, |f| matches!(f, Fact::Role { holder, .. } if holder == "Mario Rossi")), "{facts:?}");
    assert_holders(&facts, &["Bra"], "President");
}

/// A paragraph wrapped at a fixed width goes on across its line breaks,
/// whatever the next line's first letter: the list is read whole.
#[test]
fn a_paragraph_wrapped_at_a_fixed_width_is_one_text() {
    assert_fields(
        "Con estas incorporaciones, España tiene en este momento ocho ciudades\ncreativas en la red de la UNESCO: Barcelona y Granada (Literatura), Sevilla y\nLlíria (Música), Bilbao (Diseño), Burgos y Dénia (Gastronomía), y Terrassa y\nValladolid (Cine).\n",
        &[("Llíria", "Music"), ("Valladolid", "Film"), ("Terrassa", "Film")],
    );
}

/// A bid told in a past tense is still a bid, no designation.
#[test]
fn a_past_bid_is_no_designation() {
    let facts = extract("Quedó fuera de la lista la ciudad de Orihuela, que aspiraba a convertirse en Ciudad Creativa de la Literatura.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Designation { .. })), "{facts:?}");
}

/// "The network of" a capitalised name of cities the catalogue lacks is
/// that network, named as written: "alla rete delle Città del Vino".
#[test]
fn a_network_the_catalogue_lacks_after_the_network_of() {
    assert_member("Alla rete delle Città del Vino aderiscono più di 400 comuni, tra cui Montalcino, Montepulciano e Barolo.\n", "Montepulciano", "Città del Vino");
}

/// Cities before "respectively" take the fields after it in order.
#[test]
fn cities_and_their_fields_respectively() {
    assert_fields("La rencontre a réuni à Lyon les délégués de Heidelberg et de Dundee, respectivement villes créatives de littérature et de design.\n", &[("Heidelberg", "Literature"), ("Dundee", "Design")]);
}

/// Numbered items and table rows with bars under a heading of members;
/// a noun for towns opening the heading is no town of its own.
#[test]
fn numbered_and_tabled_members() {
    let facts = extract("Elenco dei comuni aderenti alla rete Cittaslow\n\n1. Bra (CN)\n2. Orvieto (TR)\n");
    for city in ["Bra", "Orvieto"] {
        assert!(has(&facts, |f| matches!(f, Fact::Membership { city: c, network, .. } if c == city && network == "Cittaslow")), "{city}: {facts:?}");
    }
    let facts = extract("Comuni aderenti a Cittaslow\n\nComune | Provincia | Anno di adesione\nAbbiategrasso | MI | 2004\nAsolo | TV | 2003\n");
    for city in ["Abbiategrasso", "Asolo"] {
        assert!(has(&facts, |f| matches!(f, Fact::Membership { city: c, .. } if c == city)), "{city}: {facts:?}");
    }
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { city, .. } if city == "Comuni")), "{facts:?}");
}

/// A noun of networks after an adjective names the network at hand:
/// "Präsident des weltweiten Netzwerkes ist der Bürgermeister von X".
#[test]
fn an_office_of_the_network_named_with_an_adjective() {
    let facts = extract("Mayors for Peace wächst weiter.\nPräsident des weltweiten Netzwerkes ist der Bürgermeister von Hiroshima, Kazumi Matsui.\n");
    assert_holders(&facts, &["Hiroshima"], "President");
}

/// "ha istituito la rete delle Città Creative nel 2004": the UNESCO
/// network founded, past its own words; no new network "Città Creative".
#[test]
fn the_network_of_creative_cities_founded_after_the_verb() {
    let facts = extract("Bologna è Città Creativa UNESCO per la Musica dal 2006.\nL’UNESCO ha istituito la rete delle Città Creative nel 2004.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Founded { network, year: Some(y) } if network == "UNESCO Creative Cities Network" && y.year_value() == 2004)), "{facts:?}");
    assert!(!facts.iter().any(|f| f.new_entity), "{facts:?}");
}

/// A year leading a designation item is its year: "• 2013 Fabriano
/// (artigianato e arte popolare)".
#[test]
fn a_year_leading_a_designation_item() {
    let facts = extract("Le Città Creative UNESCO in Italia sono:\n\n  • 2013 Fabriano (artigianato e arte popolare)\n  • 2014 Torino (design)\n");
    for (city, year) in [("Fabriano", 2013), ("Turin", 2014)] {
        assert!(has(&facts, |f| matches!(f, Fact::Designation { city: c, year: Some(y), .. } if c == city && y.year_value() == year)), "{city}: {facts:?}");
    }
}

/// Cities added "together with" the subject hold their seats, but not
/// from the subject's date.
#[test]
fn seats_together_with_the_subject_take_not_its_date() {
    let facts = extract("Dresden hat seit 2012 einen Sitz im Exekutivkomitee von EUROCITIES inne, gemeinsam mit Lyon, Gent und Bologna.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, from: Some(d), .. } if holder == "Dresden" && d.year_value() == 2012)), "{facts:?}");
    for city in ["Lyon", "Ghent", "Bologna"] {
        assert!(has(&facts, |f| matches!(f, Fact::Role { holder, from: None, .. } if holder == city)), "{city}: {facts:?}");
    }
}

/// A list that opens the sentence after one about members goes on with
/// it: "… sono oltre 400. Tra queste: A, B e C", "Among them are …".
#[test]
fn a_list_after_a_sentence_about_members_goes_on_with_it() {
    assert_member("Le città italiane aderenti a Mayors for Peace sono oltre 400. Tra queste: Bologna, Firenze, Marzabotto e Cervia.\n", "Cervia", "Mayors for Peace");
    assert_member("More than 400 Italian cities have joined Mayors for Peace. Among them are Bologna, Florence and Turin.\n", "Turin", "Mayors for Peace");
}

/// A row "First Last, mayor of City" under a body's heading gives the
/// seat to the mayor's city, also when the first name is a town's
/// ("Karin" is another name of Erzurum, "Hanna" of Khanna).
#[test]
fn a_seat_row_names_the_mayors_city_not_a_first_name() {
    let facts = extract("The Executive Committee of EUROCITIES\n\n  • Karin Wanngård, mayor of Stockholm\n  • Hanna Gronkiewicz-Waltz, mayor of Warsaw\n");
    assert_holders(&facts, &["Stockholm", "Warsaw"], "Member");
    assert!(!has(&facts, |f| matches!(f, Fact::Role { holder, .. } if holder == "Erzurum" || holder == "Khanna")), "{facts:?}");
}

/// A person whose name ends in a town's ("Anna Lisa Boni": Boni) holds
/// the office, not the town; nor does the city of another person's mayor
/// named before ("Leipzigs Oberbürgermeister ... sowie Dario Nardella").
#[test]
fn a_person_holds_the_office_named_after_their_name() {
    let facts = extract("Nach der Eröffnung durch Leipzigs Oberbürgermeister Burkhard Jung sowie Dario Nardella, Präsident EUROCITIES, und Anna Lisa Boni, Generalsekretärin von EUROCITIES, beginnt die Konferenz.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Role { holder, .. } if holder == "Bonn" || holder == "Leipzig")), "{facts:?}");
    assert_holders(&facts, &["Anna Lisa Boni"], "Secretary General");
}

/// A bulleted twin whose line goes on in prose after a colon, in more
/// than one sentence, is still an item of the list the intro opened.
#[test]
fn bulleted_twins_with_descriptions() {
    let facts = extract("Estas son las ciudades con las que Valladolid está hermanada:\n- Lille (Francia): un lazo cultural desde hace décadas. Ambas ciudades comparten universidades y ferias.\n- Florencia (Italia): intercambios de estudiantes y de artistas.\n");
    assert!(twinned(&facts, "Valladolid", "Lille"), "{facts:?}");
    assert!(twinned(&facts, "Valladolid", "Florence"), "{facts:?}");
}

/// Two towns joined by "and" after "between" a twinning noun, or before
/// it, are a pair.
#[test]
fn a_pair_between_or_before_a_twinning_noun() {
    let facts = extract("The oldest town twinning in the region was between Tübingen, Germany, and Aix-en-Provence, France, in 1960.\n");
    assert!(twinned(&facts, "Tübingen", "Aix-en-Provence"), "{facts:?}");
    let facts = extract("Seit 1956 pflegen Erlangen (Bayern) und Rennes (Bretagne) eine enge Städtepartnerschaft.\n");
    assert!(twinned(&facts, "Erlangen", "Rennes"), "{facts:?}");
}

/// Items written on one line after a colon, between semicolons.
#[test]
fn inline_items_between_semicolons() {
    assert_fields(
        "Trois villes rejoignent le Réseau des villes créatives de l'UNESCO : Tartu (Estonie) – Littérature ; Linz (Autriche) – Arts numériques ; Parme (Italie) – Gastronomie.\n",
        &[("Tartu", "Literature"), ("Linz", "Media Arts"), ("Parma", "Gastronomy")],
    );
}

/// On a page about the creative cities, a field opening a clause takes
/// the cities after its verb; a city takes the field of the category it
/// was recognised in.
#[test]
fn cities_after_their_field_and_before_a_category() {
    let text = "La UNESCO anunció las nuevas Ciudades Creativas. En la sección de diseño entraron la italiana Biella (norte) y la brasileña Fortaleza (noreste). La francesa Limoges fue reconocida en el apartado de artesanía.\n";
    assert_fields(text, &[("Biella", "Design"), ("Fortaleza", "Design"), ("Limoges", "Crafts and Folk Art")]);
    assert_fields("Die Unesco ernennt neue Creative Cities. 2005 wurde Berlin in der Kategorie „Design“ aufgenommen.\n", &[("Berlin", "Design")]);
}

/// A list opening the sentence after one about the members of a body of
/// seats gives each city a seat in it ("Las ciudades son ..."); a
/// council is a network's body when the network is named with it.
#[test]
fn a_list_after_a_sentence_about_a_bodys_members_gives_seats() {
    let facts = extract("Se reunieron en Montevideo los miembros del Consejo de Mercociudades. Las ciudades son Rosario, Córdoba, Canelones y Quilmes.\n");
    for city in ["Rosario", "Córdoba", "Canelones", "Quilmes"] {
        assert!(has(&facts, |f| matches!(f, Fact::Role { holder, organ, .. } if holder == city && organ == "Mercociudades Council")), "{city}: {facts:?}");
    }
    let facts = extract("The Birmingham City Council welcomed the mayors of EUROCITIES. The cities are Lyon, Ghent and Leipzig.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Role { organ, .. } if organ.contains("Council"))), "{facts:?}");
}

/// The cities that founded a network are its members from the founding.
#[test]
fn founders_are_members_from_the_founding() {
    let text = "EUROCITIES was founded in 1986 by the mayors of six large cities: Barcelona, Birmingham, Frankfurt, Lyon, Milan and Rotterdam.\n";
    assert_founded(text, "EUROCITIES", 1986);
    assert_members(text, &["Barcelona", "Lyon", "Rotterdam"], "EUROCITIES");
    assert_members("Das Klima-Bündnis wurde 1990 von Frankfurt, München und Nürnberg gegründet.\n", &["Frankfurt", "Munich", "Nuremberg"], "Climate Alliance");
}

/// An infobox flattened to a table's rows ("Sitz | Bonn, Brüssel |")
/// gives the seats and the founding; a participle before a noun of
/// networks dates the page's network.
#[test]
fn infobox_rows_with_bars_and_a_founding_participle() {
    let facts = extract("Klima-Bündnis | |\nGründung | 1990, Frankfurt am Main |\nSitz | Bonn, Brüssel |\n");
    for city in ["Bonn", "Brussels"] {
        assert!(has(&facts, |f| matches!(f, Fact::Headquarters { city: c, network } if c == city && network == "Climate Alliance")), "{city}: {facts:?}");
    }
    assert_founded("Klima-Bündnis | |\nGründung | 1990, Frankfurt am Main |\n", "Climate Alliance", 1990);
    assert_founded("Das Klima-Bündnis ist ein Verein. Es ist ein 1990 gegründetes Netzwerk von Städten.\n", "Climate Alliance", 1990);
}

/// "La presidencia de la red ... estará a cargo de la ciudad de X": an
/// office given to a city, with a date between.
#[test]
fn an_office_in_the_charge_of_a_city() {
    let text = "Mercociudades renovó sus autoridades. La presidencia de la red durante el año 2025 estará a cargo de la ciudad de Rosario.\n";
    assert_role(text, "Rosario", "President", "Mercociudades");
}

/// The holder of an office named in an apposition after its organ.
#[test]
fn a_holder_in_an_apposition_after_the_organ() {
    let facts = extract("Según el secretario general de la UCCI, Fernando Villalonga, la reunión fue un éxito.\n\nIl presidente di Cittaslow, Mario Rossi, ha aperto i lavori.\n");
    assert_holders(&facts, &["Fernando Villalonga"], "Secretary General");
    assert_holders(&facts, &["Mario Rossi"], "President");
    // ... but not the next person of a list, who has titles of their own.
    let facts = extract("Guests were Anna Weber, Mayor of Florence and President of EUROCITIES, Jan Kowal, Deputy Director General, and others.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Role { holder, .. } if holder == "Jan Kowal")), "{facts:?}");
}

/// A town's name written in lower case is a word ("como"): it does not
/// make the town the page's subject.
#[test]
fn a_lower_case_word_is_no_pages_town() {
    let facts = extract("Las ciudades hermanadas, como decimos, sirven como puente. Como siempre, la ciudad celebra su hermanamiento con Boston. Es una relación, como muchas otras, que sirve como ejemplo.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Twinning { city, other, .. } if city == "Como" || other == "Como")), "{facts:?}");
}

/// Twins after "with" past a noun of the twinning and a plural noun of
/// places, and a list that goes on with "and later with".
#[test]
fn twins_after_an_arrangement_and_later_ones() {
    let facts = extract("Since 1962, Tiverton has had a twinning arrangement with French communities Rennes and Nantes.\n");
    assert!(twinned(&facts, "Tiverton", "Rennes") && twinned(&facts, "Tiverton", "Nantes"), "{facts:?}");
    let facts = extract("After the war, Coventry twinned with Kiel and later with Dresden.\n");
    assert!(twinned(&facts, "Coventry", "Kiel") && twinned(&facts, "Coventry", "Dresden"), "{facts:?}");
}

/// "X integrará el Consejo de la red junto a las ciudades de A, B y C":
/// a verb of taking part, and the cities together with the subject hold
/// seats too.
#[test]
fn seats_taken_with_a_verb_of_taking_part() {
    let facts = extract("Mercociudades eligió sus autoridades.\n\nRosario integrará el Consejo de la red junto a las ciudades de Córdoba, Morón y Santa Fe.\n");
    for city in ["Rosario", "Cordoba", "Morón", "Santa Fe"] {
        assert!(has(&facts, |f| matches!(f, Fact::Role { holder, organ, .. } if citynets_model::fold(holder) == citynets_model::fold(city) && organ == "Mercociudades Council")), "{city}: {facts:?}");
    }
}

/// Offices taken by election ("élue à la présidence"), a network's
/// vice-chair who is its vice-president, and "a vice president city of".
#[test]
fn offices_taken_by_election_and_office_cities() {
    assert_role("Lyon a été élue à la présidence du réseau Energy Cities.\n", "Lyon", "President", "Energy Cities");
    assert_role("Nice a été élue à la vice-présidence du réseau Energy Cities.\n", "Nice", "Vice-President", "Energy Cities");
    assert_role("Volgograd, which has served as a vice president city of Mayors for Peace since 1987, hosted the meeting.\n", "Volgograd", "Vice-President", "Mayors for Peace");
}

/// A network the catalogue lacks, named in words of any case up to the
/// acronym that defines it.
#[test]
fn a_new_network_named_up_to_its_acronym() {
    assert_founded("Le Réseau national des villes cyclables (RNVC) a été créé en 1989.\n", "Réseau national des villes cyclables", 1989);
}

/// Typographic apostrophes read as plain ones; a network the catalogue
/// lacks named in apposition ("l’association Réseau ..."), with an
/// adjective after its head and a hyphen inside a word.
#[test]
fn typographic_apostrophes_and_a_new_network_in_apposition() {
    let facts = extract("Le 31 mars, l’association Réseau français des Villes-Santé de l’OMS s’est réunie en assemblée générale. Sont présentes les villes membres de l’association : Albi, Amiens et Angers.\n");
    for city in ["Albi", "Amiens", "Angers"] {
        assert!(has(&facts, |f| matches!(f, Fact::Membership { city: c, network, .. } if c == city && network.starts_with("Réseau français des Villes-Santé"))), "{city}: {facts:?}");
    }
}

/// A bare "event" of someone else's, with no meeting named before, is
/// not the page's network's.
#[test]
fn a_bare_event_of_someone_else() {
    let facts = extract("Energy Cities réunit des villes européennes.\n\nLa Fabrique, événement phare du ministère, s’est tenue le 6 septembre 2025 à Paris.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Event { .. })), "{facts:?}");
}

/// Lines of a list of members that name who stands for each city after
/// a colon ("Albi : Marie Dupont [élue]").
#[test]
fn member_rows_with_their_representatives() {
    let text = "Le réseau Energy Cities a tenu son assemblée.\n\nSont présentes les villes membres de l'association :\n\nAlbi : Marie Dupont [élue] ; Jean Martin [technicien]\n\nAmiens : Paul Durand [technicien]\n";
    assert_members(text, &["Albi", "Amiens"], "Energy Cities");
}

/// On a page about the creative cities, the cities just before a title
/// of a creative city take its field.
#[test]
fn cities_before_a_creative_citys_title() {
    assert_fields(
        "Die Unesco hat neue Creative Cities ernannt. Würzburg und Kassel dürfen sich jetzt „Stadt der Musik“, Leipzig „Stadt der Literatur“ nennen.\n",
        &[("Würzburg", "Music"), ("Kassel", "Music"), ("Leipzig", "Literature")],
    );
}

/// "Sevilla con Kansas City", a heading on a page about twins: a pair.
#[test]
fn a_heading_pairing_two_towns_with_with() {
    let facts = extract("¿Con quién están hermanadas las ciudades de España?\n\nSevilla con Kansas City\n\nLa relación nació en los años sesenta.\n");
    assert!(twinned(&facts, "Seville", "Kansas City"), "{facts:?}");
}

/// "in the city of Brussels": another name of a place written in lower
/// case ("city of Brussels") does not hide the place's own name.
#[test]
fn a_lower_case_other_name_hides_no_place() {
    let text = "EUROCITIES is the network of major European cities.\n\nThe network has its headquarters in the city of Brussels.\n";
    let facts = extract(text);
    assert!(has(&facts, |f| matches!(f, Fact::Headquarters { network, city } if network == "EUROCITIES" && city == "Brussels")), "{facts:?}");
}

/// "Su sede está en Montevideo": a possessive seat is the network's just
/// named.
#[test]
fn a_possessive_seat_is_the_networks_just_named() {
    let facts = extract("Mercociudades es la principal red de gobiernos locales de América del Sur.\n\nSu sede está en Montevideo.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Headquarters { network, city } if network == "Mercociudades" && city == "Montevideo")), "{facts:?}");
}

/// "Depuis sa création en 1990, le réseau ...": a founding with a
/// possessive is the page's network's.
#[test]
fn a_possessive_founding_is_the_pages_network() {
    for text in [
        "Energy Cities est une association de villes.\n\nDepuis sa création en 1990, le réseau a grandi.\n",
        "Energy Cities es una asociación de ciudades.\n\nDesde su fundación en 1990, la red ha crecido.\n",
        "Energy Cities ist ein Verband von Städten.\n\nSeit seiner Gründung im Jahr 1990 ist das Netzwerk gewachsen.\n",
    ] {
        assert_founded(text, "Energy Cities", 1990);
    }
}

/// Belonging and being part of a network, in English, French, Italian
/// and Spanish.
#[test]
fn belonging_to_and_being_part_of_a_network() {
    assert_member("Ghent has been part of the Climate Alliance since 1995.\n", "Ghent", "Climate Alliance");
    assert_member("The city of Ghent belongs to the Energy Cities network.\n", "Ghent", "Energy Cities");
    assert_member("La ciudad de Bilbao pertenece a la red Energy Cities desde hace años.\n", "Bilbao", "Energy Cities");
    assert_member("La ville de Nantes appartient au réseau Energy Cities depuis longtemps.\n", "Nantes", "Energy Cities");
}

/// The owner named right after the word of twins, a copula, then its
/// twins, in four languages.
#[test]
fn twins_of_an_owner_named_after_the_word_of_twins() {
    let cases = [
        ("Les villes jumelles d'Aix-en-Provence sont Tübingen, Perugia et Bath.\n", "Aix-en-Provence", "Bath"),
        ("Le città gemellate con Perugia sono Tübingen, Aix-en-Provence e Seattle.\n", "Perugia", "Seattle"),
        ("Las ciudades hermanas de Valladolid son Lille, Florencia y Orlando.\n", "Valladolid", "Orlando"),
        ("Zu den Partnerstädten Tübingens gehören Aix-en-Provence und Perugia.\n", "Tübingen", "Perugia"),
    ];
    for (text, owner, twin) in cases {
        let facts = extract(text);
        assert!(twinned(&facts, owner, twin), "{text}: {facts:?}");
    }
}

/// "A twinned with B and C": B and C are A's twins, not a pair.
#[test]
fn twins_after_twinned_with_are_no_pair() {
    let facts = extract("After the war Coventry twinned with Kiel and Dresden as an act of peace.\n");
    assert!(twinned(&facts, "Coventry", "Kiel") && twinned(&facts, "Coventry", "Dresden"), "{facts:?}");
    assert!(!twinned(&facts, "Kiel", "Dresden"), "{facts:?}");
}

/// Meetings listed on one line after a plural event noun and a colon,
/// each "City, Country (year)" between semicolons.
#[test]
fn meetings_listed_on_one_line_after_a_plural_noun() {
    let facts = extract("ICLEI is a global network of local governments.\n\nPrevious ICLEI World Congresses: Toronto, Canada (1993); Saitama, Japan (1995); Dessau, Germany (2000).\n");
    for (host, year) in [("Toronto", 1993), ("Saitama", 1995), ("Dessau", 2000)] {
        assert!(has(&facts, |f| matches!(f, Fact::Event { host: Some(h), start: Some(d), network, .. } if h == host && d.year_value() == year && network == "ICLEI")), "{host}: {facts:?}");
    }
}

/// Taking a presidency: "ostenta la presidencia", "übernimmt 2020 die
/// Präsidentschaft".
#[test]
fn presidencies_taken_in_spanish_and_german() {
    assert_role("EUROCITIES es la red de las grandes ciudades europeas.\n\nGante ostenta la presidencia de EUROCITIES desde 2020.\n", "Ghent", "President", "EUROCITIES");
    assert_role("EUROCITIES ist das Netzwerk der großen Städte Europas.\n\nGent übernimmt 2020 die Präsidentschaft von EUROCITIES.\n", "Ghent", "President", "EUROCITIES");
}

/// Rows "City - Field (year)" under a heading of the creative cities.
#[test]
fn designation_rows_with_their_year_in_parentheses() {
    let facts = extract("Le città creative UNESCO italiane\n\nAlba - Gastronomia (2017)\nBiella - Artigianato e arti popolari (2019)\n");
    for (city, field, year) in [("Alba", "Gastronomy", 2017), ("Biella", "Crafts and Folk Art", 2019)] {
        assert!(
            has(&facts, |f| matches!(f, Fact::Designation { city: c, field: Some(fl), year: Some(y), .. } if c == city && fl.as_str() == field && y.year_value() == year)),
            "{city}: {facts:?}"
        );
    }
}

/// "I comuni della rete sono:" introduces the network's members, each
/// with its province code; a town whose name is a word ("Bra") is one
/// alone on its line.
#[test]
fn towns_of_the_network_introduced_by_a_colon() {
    let text = "La rete Cittaslow\n\nI comuni della rete sono:\n- Orvieto (TR)\n- Bra (CN)\n- Positano (SA)\n";
    assert_members(text, &["Orvieto", "Bra", "Positano"], "Cittaslow");
    assert_member("Cittaslow Italia\n\nComuni aderenti\n\nOrvieto\nBra\nPositano\n", "Bra", "Cittaslow");
}

/// "composto da: Firenze (presidente), Lipsia (vicepresidente), ...": the
/// office in parentheses is the city's before it, and seats on a body are
/// no memberships of its network.
#[test]
fn offices_in_parentheses_after_their_cities() {
    let facts = extract("Il Comitato Esecutivo di Eurocities è composto da: Firenze (presidente), Lipsia (vicepresidente), Varsavia, Gand, Barcellona.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, organ, .. } if holder == "Florence" && role.as_str() == "President" && organ == "EUROCITIES")), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, role, .. } if holder == "Leipzig" && role.as_str() == "Vice-President")), "{facts:?}");
    assert!(!has(&facts, |f| matches!(f, Fact::Role { holder, role, .. } if holder == "Leipzig" && role.as_str() == "President")), "{facts:?}");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, organ, .. } if holder == "Warsaw" && organ == "EUROCITIES Executive Committee")), "{facts:?}");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { .. })), "{facts:?}");
}

/// Names the catalogue lacks with an elided preposition ("Città
/// dell'Olio", "Borghi Autentici d'Italia") or right after "rete".
#[test]
fn shaped_names_with_elided_prepositions() {
    assert_members("Fanno parte dell'Associazione Nazionale Città dell'Olio anche Lecce, Bitonto e Andria.\n", &["Lecce", "Bitonto", "Andria"], "Associazione Nazionale Città dell'Olio");
    assert_founded("L'Associazione Borghi Autentici d'Italia è stata fondata nel 2002.\n", "Associazione Borghi Autentici d'Italia", 2002);
    assert_member("Lecce è tra i comuni italiani aderenti alla rete Città Sane dell'OMS.\n", "Lecce", "Città Sane dell'OMS");
    // A verb opening the sentence is no town.
    let facts = extract("Soci\nComune di Pesaro\nComune di Fano\nSono soci dell'Associazione Italiana Città della Ceramica.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { city, .. } if city == "Sono")), "{facts:?}");
}

/// Twins listed before the page says whose they are go to the town the
/// page names later ("Partnerstadt von Schwäbisch Hall"); the first of a
/// pair near the top owns the twins named after it.
#[test]
fn twins_listed_before_their_owner_is_named() {
    let facts = extract("Partnerstädte\n\nÉpinal, Frankreich\nLoughborough, Großbritannien\nZamość, Polen\nSeit 1989 ist Zamość Partnerstadt von Schwäbisch Hall.\n");
    for twin in ["Épinal", "Loughborough", "Zamość"] {
        assert!(twinned(&facts, "Schwäbisch Hall", twin), "{twin}: {facts:?}");
    }
    let facts = extract("Rüsselsheim und Évreux sind Partnerstädte.\nWeitere Partnerschaften bestehen mit Kecskemét und Varkaus.\n");
    assert!(twinned(&facts, "Rüsselsheim", "Kecskemét") && !twinned(&facts, "Évreux", "Kecskemét"), "{facts:?}");
}

/// A town of the text's own country bearing a name that a middling town
/// abroad has only as another name is the home town ("Barga" in an
/// Italian text is not Zelenogorsk).
#[test]
fn a_home_town_over_another_name_abroad() {
    assert_member("Le città di Orvieto e Barga aderiscono alla rete Cittaslow.\n", "Barga", "Cittaslow");
}

/// A line of known towns between commas under a heading of members gives
/// one member each; a superlative inside a name the catalogue lacks.
#[test]
fn members_on_one_line_and_superlative_names() {
    assert_members("Rete Città Sane OMS\nComuni aderenti:\nAncona, Bari, Bologna, Brescia\n", &["Ancona", "Bari", "Bologna", "Brescia"], "Rete Città Sane OMS");
    assert_members(
        "I comuni soci dell'associazione Borghi più belli d'Italia in Liguria: Apricale, Brugnato, Cervo.\n",
        &["Apricale", "Brugnato", "Cervo"],
        "Borghi più belli d'Italia",
    );
}

/// English "partner cities" are twins; Spanish "incluir a" and "la
/// distinción de" designate.
#[test]
fn partner_cities_and_spanish_designation_verbs() {
    let facts = extract("Birmingham's partner cities are Chicago, Frankfurt and Lyon.\n");
    assert!(twinned(&facts, "Birmingham", "Frankfurt"), "{facts:?}");
    assert_fields("La Unesco ha incluido a Bilbao en su Red de Ciudades Creativas en la categoría de diseño.\n", &[("Bilbao", "Design")]);
    assert_fields("Llíria recibió en 2019 la distinción de Ciudad Creativa de la Música de la UNESCO.\n", &[("Llíria", "Music")]);
}

/// Founders "on the initiative of the mayors of"; a town that is "one of
/// the towns that joined" the network; a count of inhabitants is no year;
/// a province's seat is no subject; a town's name spaced otherwise.
#[test]
fn founders_by_initiative_and_one_of_the_members() {
    let text = "La rete Cittaslow è nata nel 1999 per iniziativa dei sindaci di Bra, Greve in Chianti, Orvieto e Positano.\n";
    let facts = extract(text);
    for town in ["Bra", "Greve in Chianti", "Orvieto", "Positano"] {
        assert!(has(&facts, |f| matches!(f, Fact::Membership { city, since: Some(y), .. } if city == town && y.year_value() == 1999)), "{town}: {facts:?}");
    }
    let text = "Monte Castello di Vibio, piccolo borgo con poco più di 1000 abitanti, in provincia di Perugia, è uno degli 88 comuni italiani che hanno aderito a Cittaslow.\n";
    let facts = extract(text);
    assert!(has(&facts, |f| matches!(f, Fact::Membership { city, since: None, .. } if city == "Monte Castello di Vibio")), "{facts:?}");
    assert!(!has(&facts, |f| matches!(f, Fact::Membership { city, .. } if city == "Perugia")), "{facts:?}");
    let facts = extract("Nel 2008 Cittaslow ha eletto presidente il sindaco di Castelnovo ne' Monti.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Role { holder, .. } if holder.starts_with("Castelnovo ne"))), "{facts:?}");
}

/// German membership phrasing: "ist seit 30 Jahren Teil des
/// Klima-Bündnisses" (a genitive in "-ses"), "feiert 30 Jahre
/// Mitgliedschaft im Klima-Bündnis"; "fast 2000 Mitgliedskommunen" is a
/// count; "Membership of X is open to any city" names no member.
#[test]
fn german_parts_and_memberships_of_a_network() {
    assert_member("Die Stadt Georgsmarienhütte ist seit 30 Jahren Teil des Klima-Bündnisses.\n", "Georgsmarienhütte", "Climate Alliance");
    assert_member("In diesem Jahr feiert Kaiserslautern 30 Jahre Mitgliedschaft im Klima-Bündnis.\n", "Kaiserslautern", "Climate Alliance");
    let facts = extract("Hinter dem Klima-Bündnis stehen fast 2000 Mitgliedskommunen aus über 25 Ländern.\n");
    assert!(facts.is_empty(), "{facts:?}");
    let facts = extract("Stockholm is a member of EUROCITIES.\n\nMembership of EUROCITIES is open to any European city.\n");
    assert_eq!(facts.len(), 1, "{facts:?}");
}

/// Meetings: a small town opening a French sentence before "a"
/// ("Enghien-les-Bains a accueilli"), "in programma a", a later date of
/// the same year that is more precise.
#[test]
fn meetings_hosted_by_a_town_opening_the_sentence_and_precise_dates() {
    assert_hosts("Enghien-les-Bains a accueilli en 2023 la conférence annuelle du Réseau des villes créatives.\n", "Enghien-les-Bains", 2023);
    assert_hosts("Le nuove città saranno presenti alla Conferenza annuale della Rete delle Città Creative UNESCO, in programma a Braga (Portogallo) dall'1 al 5 luglio 2024.\n", "Braga", 2024);
    let facts = extract("The newly designated cities will take part in the 2024 UCCN Annual Conference in Braga, Portugal, from 1 to 5 July 2024.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Event { host: Some(h), start: Some(d), .. } if h == "Braga" && d.to_string() == "2024-07-01")), "{facts:?}");
}

/// Terms of offices: "für die kommenden zwei Jahre" counts from the
/// page's year, "(2016-18)" ends in 2018, a heading's "per il triennio
/// 2021/2023" is the term of the seats listed under it; an anniversary
/// dates a twinning.
#[test]
fn terms_of_seats_and_anniversaries_of_twinnings() {
    let text = "Il nuovo Coordinamento di Cittaslow Italia per il triennio 2021/2023 è composto da:\n– Amalfi (SA), sindaco Daniele Milano\n– Pollica (SA), sindaco Stefano Pisani\n";
    let facts = extract(text);
    assert!(
        has(&facts, |f| matches!(f, Fact::Role { holder, from: Some(a), to: Some(b), .. } if holder == "Pollica" && a.year_value() == 2021 && b.year_value() == 2023)),
        "{facts:?}"
    );
    let facts = extract("Posted on 5 May 2018\n\nAnlässlich des 50-jährigen Jubiläums der Städtepartnerschaft zwischen Anglet und Ansbach kamen Gäste.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { since: Some(d), .. } if d.year_value() == 1968)), "{facts:?}");
}

/// Dates of memberships: founders listed under "The original founding
/// members were:" are members from the founding the page states; a
/// German verb-last relative clause keeps its date; "Canelones, miembro
/// fundador desde 1995" is a member of the page's network since then.
#[test]
fn dates_of_founders_and_relative_clauses() {
    let since_of = |text: &str, city: &str| {
        extract(text).into_iter().find_map(|f| match f.fact {
            Fact::Membership { city: c, since, .. } if c == city => since.map(|d| d.year_value()),
            _ => None,
        })
    };
    assert_eq!(since_of("Douzelage was founded in 1991.\n\nThe original founding members were:\n- ESP Altea, Spain\n- ITA Bellagio, Italy\n", "Bellagio"), Some(1991));
    assert_eq!(since_of("Die Vereinigung Cittaslow Deutschland hat neue Mitglieder.\n\nDazu zählt Deidesheim, die 2009 der Vereinigung beitrat.\n", "Deidesheim"), Some(2009));
    assert_eq!(since_of("Mercociudades es la red de ciudades del Mercosur.\n\nCanelones, miembro fundador desde 1995, preside la red.\n", "Canelones"), Some(1995));
}

/// Meetings: "dal 28 al 30 novembre" in a page dated 2018 spans the
/// page's year; "Die 6. turnusmäßige Generalkonferenz" is the sixth; the
/// more precise of two dates of one year, after a verb of meeting.
#[test]
fn meeting_spans_without_a_year_and_german_ordinals() {
    let facts = extract("Pubblicato il 7 dicembre 2018\n\nSi è svolta dal 28 al 30 novembre ad Edimburgo l'assemblea annuale di EUROCITIES.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Event { host: Some(h), start: Some(a), end: Some(b), .. } if h == "Edinburgh" && a.to_string() == "2018-11-28" && b.to_string() == "2018-11-30")), "{facts:?}");
    let facts = extract("Die 6. turnusmäßige Generalkonferenz der Union of the Baltic Cities fand 2001 in Rostock statt.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Event { edition: Some(6), .. })), "{facts:?}");
    let facts = extract("Die Jahreskonferenz 2008 des Klima-Bündnis fand vom 1. bis 4. April 2008 in Bozen statt.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Event { start: Some(a), .. } if a.to_string() == "2008-04-01")), "{facts:?}");
}

/// "des UNESCO-Netzwerks der Kreativstädte" is the UNESCO network, not a
/// network the catalogue lacks.
#[test]
fn a_compound_network_word_before_the_creative_cities_is_unesco() {
    let facts = extract("Die neuen Mitglieder werden zur Jahreskonferenz des UNESCO-Netzwerks der Kreativstädte eingeladen, die vom 1. bis 5. Juli 2024 in Braga (Portugal) stattfindet.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Event { network, host: Some(h), .. } if network == "UNESCO Creative Cities Network" && h == "Braga")), "{facts:?}");
}

/// German: "mit dem englischen Cleethorpes" (an adjective after the
/// article) names the twin; "Namen" is no Namur and "Nägel" no Nagel.
#[test]
fn german_twins_after_an_adjective_and_words_that_are_no_towns() {
    let facts = extract("Königswinter hat eine Städtepartnerschaft mit dem englischen Cleethorpes.\n");
    assert!(twinned(&facts, "Königswinter", "Cleethorpes"), "{facts:?}");
    let facts = extract("Eine Stadt mit einem klingenden Namen hat Königswinter aufzuweisen: die Partnerstadt Cognac. Dort wurden schnell Nägel mit Köpfen gemacht.\n");
    assert!(!has(&facts, |f| matches!(f, Fact::Twinning { city, other, .. } if ["Namur", "Nagel"].contains(&city.as_str()) || ["Namur", "Nagel"].contains(&other.as_str()))), "{facts:?}");
}

/// "el hermanamiento de Pamplona con Bayona (Francia)": the town after
/// "of", its twin after "with"; "los pactos de hermandad con Yamaguchi".
#[test]
fn a_twinning_of_a_town_with_another() {
    let facts = extract("Es el caso del hermanamiento de Pamplona con Bayona (Francia), una relación histórica.\n");
    assert!(twinned(&facts, "Pamplona", "Bayonne"), "{facts:?}");
    let facts = extract("Pamplona firmó después los pactos de hermandad con Yamaguchi.\n");
    assert!(twinned(&facts, "Pamplona", "Yamaguchi"), "{facts:?}");
}

/// "Paris, qui n'a prêté de serment de jumelage qu'avec Rome, le 30
/// janvier 1956": "only with" before the twin.
#[test]
fn a_twinning_only_with_one_town() {
    let facts = extract("La seule exception est Paris, qui n'a prêté de serment de jumelage qu'avec Rome, le 30 janvier 1956.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { city, other, since: Some(d) } if city == "Paris" && other == "Rome" && d.to_string() == "1956-01-30")), "{facts:?}");
}

/// Designations in news lists: "Asaba, recognized for its achievements in
/// Film.", "Granada[1] – Design" (a footnote's mark), and "There are 18
/// Cities of Film ... Those are Bitola, Bradford, ...".
#[test]
fn described_rows_footnotes_and_those_of_a_field() {
    let text = "UNESCO welcomed 55 new cities into the UNESCO Creative Cities Network.\nThe newly designated cities are:\nAsaba, recognized for its achievements in Film.\nBremen, celebrated for its literary heritage and designated for Literature.\nGranada[1] – Design\n";
    assert_fields(text, &[("Asaba", "Film"), ("Bremen", "Literature"), ("Granada", "Design")]);
    let text = "The UNESCO Creative Cities Network covers seven creative fields.\n\nThere are 18 Cities of Film, spanning 16 countries. Those are Bitola, Bradford, Bristol and Busan.\n";
    assert_fields(text, &[("Bitola", "Film"), ("Busan", "Film")]);
}

/// A timeline's row "20 maggio 2010 - Sottoscrizione Patto di Gemellaggio
/// tra A e B (formato PDF - 1779 KB)": a file's size is no year.
#[test]
fn a_file_size_is_no_year() {
    let facts = extract("Cronologia eventi:\n20 maggio 2010 - Sottoscrizione Patto di Gemellaggio tra Zibido San Giacomo e Villecresnes (formato PDF - 1779 KB)\n");
    assert!(twinned(&facts, "Zibido San Giacomo", "Villecresnes"), "{facts:?}");
    assert!(!has(&facts, |f| matches!(f, Fact::Twinning { since: Some(d), .. } if d.year_value() == 1779)), "{facts:?}");
}

/// Names written without their letters' marks still match: "Logrono" for
/// Logroño, "Niepolomice" for Niepołomice (every marked letter folds to
/// its own base letter).
#[test]
fn names_written_without_their_marks() {
    assert!(has(&extract("Logrono joined the Climate Alliance in 2010.\n"), |f| matches!(f, Fact::Membership { city, .. } if city == "Logroño")));
    let facts = extract("Monselice è gemellata con Niepolomice dal 2011.\n");
    assert!(has(&facts, |f| matches!(f, Fact::Twinning { other, .. } if citynets_model::fold(other) == "niepolomice")), "{facts:?}");
}
