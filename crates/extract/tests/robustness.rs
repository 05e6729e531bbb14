//! Any input gives an error or a result, never a panic or unbounded memory.

use citynets_extract::{ExtractError, Extractor, Format, MAX_INPUT_BYTES};
use citynets_gazetteer::Gazetteer;

fn x() -> Extractor<'static> {
    Extractor::new(Gazetteer::bundled())
}

#[test]
fn binary_input_is_an_error() {
    let x = x();
    let bytes: Vec<u8> = (0..10_000u32).map(|i| (i * 7919 % 256) as u8).collect();
    assert!(x.extract("bin", &bytes, Format::Auto).is_err());
    assert_eq!(x.extract("nul", b"Bologna\0EUROCITIES", Format::Auto), Err(ExtractError::Binary));
}

#[test]
fn invalid_utf8_is_an_error() {
    let err = x().extract("bad", b"Bologna \xff\xfe is member", Format::Auto).unwrap_err();
    assert_eq!(err, ExtractError::InvalidUtf8 { offset: 8 });
    assert!(err.to_string().contains("UTF-8"));
}

#[test]
fn oversized_input_is_an_error() {
    let big = vec![b'a'; 100 * 1024 * 1024];
    let err = x().extract("big", &big, Format::Auto).unwrap_err();
    assert_eq!(err, ExtractError::TooLarge { size: big.len(), max: MAX_INPUT_BYTES });
}

#[test]
fn deeply_nested_html_is_read_flat() {
    let mut html = String::from("<!DOCTYPE html><html><body>");
    for _ in 0..500_000 {
        html.push_str("<div><span>");
    }
    html.push_str("<p>The City of Bologna is member of EUROCITIES since 1991.</p>");
    let got = x().extract("deep", html.as_bytes(), Format::Auto).unwrap();
    assert_eq!(got.facts.len(), 1, "{}", got.to_json_line());
}

#[test]
fn empty_and_odd_inputs_give_no_facts() {
    let x = x();
    for input in ["", " ", "\n\n\n", "((((((((((", "))))", "<", "<<<>>>", "&#xFFFFFFFF; &#0; &", "2013-2014-2015", "Bologna (", "(Bologna"] {
        for format in [Format::Auto, Format::Text, Format::Markdown, Format::Html] {
            let got = x.extract("odd", input.as_bytes(), format).unwrap();
            assert!(got.facts.is_empty(), "{input:?}: {}", got.to_json_line());
        }
    }
    let long_word = "a".repeat(2_000_000);
    assert!(x.extract("long", long_word.as_bytes(), Format::Auto).unwrap().facts.is_empty());
}

#[test]
fn a_page_without_network_facts_gives_none() {
    let text = "Nice is sunny. Split the bill. Bath time in Reading: the mayor of Turin met the mayor of Paris on 3 May 2021 to discuss the new stadium.";
    let got = x().extract("page", text.as_bytes(), Format::Auto).unwrap();
    assert!(got.facts.is_empty(), "{}", got.to_json_line());
}
