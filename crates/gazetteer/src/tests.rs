use super::*;

fn g() -> &'static Gazetteer {
    Gazetteer::bundled()
}

#[test]
fn bundled_data_parses_with_every_city_keyed_uniquely() {
    let g = g();
    assert!(g.place_count() > 20_000, "{} places", g.place_count());
    let mut keys: Vec<&str> = g.places().map(|p| p.key()).collect();
    keys.sort_unstable();
    let n = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), n, "city keys are unique");
    assert!(g.countries().len() >= 240);
    assert!(g.networks().iter().any(|n| n.name == "EUROCITIES"));
}

#[test]
fn resolves_native_and_foreign_names_to_english() {
    let g = g();
    for (name, english, country) in [
        ("Torino", "Turin", "IT"),
        ("Milano", "Milan", "IT"),
        ("Lipsia", "Leipzig", "DE"),
        ("Bruxelles", "Brussels", "BE"),
        ("Montréal", "Montreal", "CA"),
        ("montreal", "Montreal", "CA"),
        ("Firenze", "Florence", "IT"),
        ("Kanazawa", "Kanazawa", "JP"),
        ("Gaillimh", "Galway", "IE"),
        ("Rostov-na-Donu", "Rostov-on-Don", "RU"),
    ] {
        let c = g.resolve_city(name, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((c.name.as_str(), c.country.as_str()), (english, country), "{name}");
    }
    assert_eq!(g.resolve_city("Bologna", None).unwrap().key, "bologna-it");
}

#[test]
fn ambiguity_is_settled_by_country_then_preference_then_size() {
    let g = g();
    // In the US, New Mexico's capital and a town in Texas: the region decides.
    assert!(matches!(g.resolve_city("Santa Fe", Some("US")), Err(ResolveError::Ambiguous { .. })));
    let us = g.resolve_city("Santa Fe, New Mexico", Some("US")).unwrap();
    assert_eq!((us.name.as_str(), us.region.as_deref()), ("Santa Fe", Some("New Mexico")));
    let preferred = g.resolve_city_preferring("Santa Fe", None, |c| c.region.as_deref() == Some("New Mexico")).unwrap();
    assert_eq!(preferred.key, us.key);
    // Far larger than every namesake: Paris, France over Paris, Texas.
    assert_eq!(g.resolve_city("Paris", None).unwrap().country, "FR");
    // A place whose own name it is, over one that lists it among others.
    assert_eq!(g.resolve_city("Porto", None).unwrap().country, "PT");
    // Namesakes of like size, nothing to decide: the error lists them.
    match g.resolve_city("Santa Fe", None) {
        Err(ResolveError::Ambiguous { candidates, .. }) => {
            assert!(candidates.iter().any(|c| c == "Santa Fe, AR"), "{candidates:?}");
            assert!(candidates.iter().any(|c| c == "Santa Fe, New Mexico, US"), "{candidates:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn homonyms_are_told_apart_by_country_and_by_region() {
    let g = g();
    let e = g.resolve_city("Córdoba", None).unwrap_err();
    assert!(e.to_string().contains("Cordoba, Andalusia, ES"), "{e}");
    assert_eq!(g.resolve_city("Córdoba", Some("ES")).unwrap().region.as_deref(), Some("Andalusia"));
    assert_eq!(g.resolve_city("Córdoba, Andalusia", None).unwrap().country, "ES");
    assert_eq!(g.resolve_city("Cordoba (Spain)", None).unwrap().country, "ES");
    assert_eq!(g.resolve_city("Córdoba", Some("AR")).unwrap().country, "AR");
    // Within one country, the region decides.
    let e = g.resolve_city("Florence", Some("US")).unwrap_err();
    assert!(matches!(e, ResolveError::Ambiguous { .. }), "{e}");
    let sc = g.resolve_city("Florence, South Carolina", Some("US")).unwrap();
    assert_eq!(sc.region.as_deref(), Some("South Carolina"));
    assert_eq!(Gazetteer::label(sc), "Florence, South Carolina, US");
}

#[test]
fn small_towns_are_places() {
    let g = g();
    assert!(g.place_count() > 230_000, "{} places", g.place_count());
    for (name, country) in [("Kitzbühel", "AT"), ("Whanganui", "NZ"), ("Kuhmo", "FI"), ("Óbidos", "PT"), ("Staffanstorp", "SE"), ("Viitasaari", "FI")] {
        let c = g.resolve_city(name, Some(country)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(c.country, country, "{name}");
        assert!(c.region.is_some(), "{name} has a region");
    }
}

#[test]
fn regions_and_countries_are_not_cities() {
    let g = g();
    let e = g.resolve_city("Calabria", Some("IT")).unwrap_err();
    assert_eq!(e.to_string(), "'Calabria' is a region of Italy (IT), not a city");
    let e = g.resolve_city("Galicia", Some("ES")).unwrap_err();
    assert!(matches!(e, ResolveError::NotACity { .. }), "{e}");
    let e = g.resolve_city("Wirral", Some("GB")).unwrap_err();
    assert!(matches!(e, ResolveError::NotACity { .. }), "{e}");
    let e = g.resolve_city("Olecko County", Some("PL")).unwrap_err();
    assert_eq!(e.to_string(), "'Olecko County' is an administrative area (a county), not a city");
    let e = g.resolve_city("Deutschland", None).unwrap_err();
    assert_eq!(e.to_string(), "'Deutschland' is a country (DE), not a city");
}

#[test]
fn keys_of_the_earlier_gazetteer_are_kept() {
    let g = g();
    // Renamed in GeoNames since 2013 (Kismaayo → Kismayo): the key stays.
    let c = g.city_by_geonames_id(55671).unwrap();
    assert_eq!(c.key, "kismaayo-so");
    assert_eq!(g.city("kismaayo-so").unwrap().geonames_id, Some(55671));
    assert_eq!(g.city("bologna-it").unwrap().name, "Bologna");
    assert!(g.city("bologna-i").is_none());
}

#[test]
fn unknown_names_are_errors_not_guesses() {
    let e = g().resolve_city("Xqzville", Some("GR")).unwrap_err();
    assert_eq!(e.to_string(), "no city named 'Xqzville' in GR");
    assert!(g().resolve_city("Bologna", Some("FR")).is_err());
    assert!(g().network_named("League of Xqzville").is_err());
}

#[test]
fn codes_are_not_names() {
    // GeoNames lists the airport code BLQ among Bologna's names.
    assert!(g().cities_named("BLQ").is_empty());
}

#[test]
fn networks_and_organs_resolve_through_aliases() {
    let g = g();
    assert_eq!(g.network_named("Eurocities").unwrap().key, "eurocities");
    assert_eq!(g.network_named("eurocities").unwrap().name, "EUROCITIES");
    assert_eq!(g.network_named("UCCN").unwrap().name, "UNESCO Creative Cities Network");
    assert_eq!(
        g.network_named("Coordinamento Italiano delle Città Creative UNESCO").unwrap().name,
        "Italian Coordination of UNESCO Creative Cities"
    );
    let (n, b) = g.organ_named("EUROCITIES Culture Forum").unwrap();
    assert_eq!((n.key.as_str(), b.unwrap().name.as_str()), ("eurocities", "Culture Forum"));
    let (n, b) = g.organ_named("Italian Coordination of UNESCO Creative Cities Coordination Office").unwrap();
    assert_eq!(n.organ_name(b.unwrap()), "Italian Coordination of UNESCO Creative Cities Coordination Office");
    assert!(g.organ_named("EUROCITIES").unwrap().1.is_none());
    let e = g.organ_named("EUROCITIES Dance Forum").unwrap_err();
    assert!(e.to_string().contains("Dance Forum"));
}

#[test]
fn fields_and_roles_in_five_languages() {
    let g = g();
    assert_eq!(g.field_named("gastronomia"), Some(Field::Gastronomy));
    assert_eq!(g.field_named("artigianato e arti popolari"), Some(Field::CraftsAndFolkArt));
    assert_eq!(g.field_named("arts numériques"), Some(Field::MediaArts));
    assert_eq!(g.field_named("Media Arts"), Some(Field::MediaArts));
    assert_eq!(g.role_named("presidente"), Some(Role::President));
    assert_eq!(g.field_named("cooking"), None);
}

#[test]
fn the_catalogue_says_how_many_hold_a_role_at_once() {
    let g = g();
    for one in [Role::President, Role::Chair, Role::SecretaryGeneral, Role::Lead] {
        assert_eq!(g.role_seats(one), Some(1), "{one}");
    }
    for many in [Role::VicePresident, Role::Member, Role::Support] {
        assert_eq!(g.role_seats(many), None, "{many}");
    }
    assert_eq!(g.body_seats("eurocities", "executive-committee"), Some(12));
    assert_eq!(g.body_seats("eurocities", "culture-forum"), None);
    let zero = bundled::CATALOGUE_JSON.replacen("\"seats\": 1,", "\"seats\": 0,", 1);
    let err = Gazetteer::from_sources(Sources {
        places_tsv: "1\tA\tIT\t05\t1.0\t2.0\t100\t\n",
        regions_tsv: "IT\t05\tEmilia-Romagna\n",
        areas_tsv: "",
        exonyms_csv: "geonames_id,name\n",
        keys_csv: "geonames_id,key\n",
        countries_csv: bundled::COUNTRIES_CSV,
        country_names_csv: bundled::COUNTRY_NAMES_CSV,
        catalogue_json: &zero,
    })
    .err()
    .unwrap()
    .to_string();
    assert!(err.contains("networks.json") && err.contains("role 'President': seats must be at least 1"), "{err}");
}

#[test]
fn countries_by_code_and_name() {
    let g = g();
    assert_eq!(g.country_named("IT").unwrap().name, "Italy");
    assert_eq!(g.country_named("Italia").unwrap().code, "IT");
    assert_eq!(g.country_named("Allemagne").unwrap().code, "DE");
}

#[test]
fn bad_sources_name_the_file_and_line() {
    let sources = |places_tsv| Sources {
        places_tsv,
        regions_tsv: "IT\t05\tEmilia-Romagna\n",
        areas_tsv: "IT\tBologna\n",
        exonyms_csv: "geonames_id,name\n",
        keys_csv: "geonames_id,key\n",
        countries_csv: bundled::COUNTRIES_CSV,
        country_names_csv: bundled::COUNTRY_NAMES_CSV,
        catalogue_json: bundled::CATALOGUE_JSON,
    };
    let err = Gazetteer::from_sources(sources("1\tA\tIT\t05\t1.0\t2.0\t100\t\n2\tB\tIT\t05\tnorth\t2.0\t100\t\n"))
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("places.tsv.gz, line 2"), "{err}");
    assert!(err.contains("latitude"), "{err}");
    let err = Gazetteer::from_sources(sources("1\tA\tIT\t05\t1.0\t2.0\n")).err().unwrap().to_string();
    assert!(err.contains("line 1: expected 8 tab-separated columns, found 6"), "{err}");
    let good = "1\tA\tIT\t05\t1.0\t2.0\t100\t\n";
    let err = Gazetteer::from_sources(Sources { country_names_csv: "iso_a2,name\nUS,USA\nXX,Atlantis\n", ..sources(good) }).err().unwrap().to_string();
    assert!(err.contains("common_names.csv, line 3") && err.contains("\"XX\""), "{err}");
}

#[test]
fn countries_go_by_their_common_names() {
    let g = g();
    for (name, code) in [("USA", "US"), ("England", "GB"), ("Großbritannien", "GB"), ("Olanda", "NL"), ("Vereinigte Staaten", "US")] {
        assert_eq!(g.country_named(name).map(|c| c.code.as_str()), Some(code), "{name}");
    }
}

#[test]
fn a_packed_place_reads_as_its_city() {
    let g = g();
    let i = g.cities_named("Bologna")[0];
    let (p, c) = (g.place(i), g.city_at(i));
    assert_eq!((p.key(), p.name(), p.country(), p.region()), ("bologna-it", "Bologna", "IT", Some("Emilia-Romagna")));
    assert_eq!((c.key.as_str(), c.name.as_str(), c.country.as_str(), c.region.as_deref()), (p.key(), p.name(), p.country(), p.region()));
    assert_eq!((c.population, c.geonames_id, c.lat.zip(c.lon)), (p.population(), Some(p.geonames_id()), Some(p.point())));
    let others: Vec<&str> = p.other_names().collect();
    assert!(others.contains(&"Bolonia"), "{others:?}");
    assert_eq!(c.names.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(), others);
    assert!(std::ptr::eq(c, g.city_at(i)), "a city is made once");
    assert_eq!(g.near(p.point(), 1.0)[0].key(), "bologna-it");
}
