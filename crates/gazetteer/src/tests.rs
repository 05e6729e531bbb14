use super::*;

fn g() -> &'static Gazetteer {
    Gazetteer::bundled()
}

#[test]
fn bundled_data_parses_with_every_city_keyed_uniquely() {
    let g = g();
    assert!(g.cities().len() > 20_000, "{} cities", g.cities().len());
    let mut keys: Vec<&str> = g.cities().iter().map(|c| c.key.as_str()).collect();
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
    let largest = g.resolve_city("Santa Fe", None).unwrap();
    let us = g.resolve_city("Santa Fe", Some("US")).unwrap();
    assert_eq!(us.country, "US");
    assert_ne!(largest.key, us.key, "the Argentine city is larger");
    let preferred = g.resolve_city_preferring("Santa Fe", None, |c| c.country == "US").unwrap();
    assert_eq!(preferred.key, us.key);
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
fn countries_by_code_and_name() {
    let g = g();
    assert_eq!(g.country_named("IT").unwrap().name, "Italy");
    assert_eq!(g.country_named("Italia").unwrap().code, "IT");
    assert_eq!(g.country_named("Allemagne").unwrap().code, "DE");
}

#[test]
fn bad_sources_name_the_file_and_line() {
    let err = Gazetteer::from_sources(Sources {
        cities_tsv: "1\tA\tA\t\t1.0\t2.0\tP\tPPL\tIT\t\t\t\t\t\t100\n2\tB\tB\t\tnorth\t2.0\tP\tPPL\tIT\t\t\t\t\t\t100\n",
        exonyms_csv: "geonames_id,name\n",
        countries_csv: bundled::COUNTRIES_CSV,
        catalogue_json: bundled::CATALOGUE_JSON,
    })
    .err()
    .unwrap()
    .to_string();
    assert!(err.contains("geonames_cities15000_2013.txt, line 2"), "{err}");
    assert!(err.contains("latitude"), "{err}");
}
