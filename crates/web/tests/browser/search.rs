//! The search box every page has finds a city through a typo.

use crate::api;
use crate::chrome::{Browser, attr, text};

/// The site-wide search form in the page header (`base.html`).
const HEADER_SEARCH: &str = "header form[role=\"search\"]";

#[tokio::test]
async fn a_typo_in_the_search_box_finds_bologna_and_opens_its_page() {
    let Some(b) = Browser::start().await else { return };
    let href = format!("/cities/{}", api::city_key("Bologna").await);

    b.open("/").await;
    b.submit(HEADER_SEARCH, &[("q", "Bolgna")]).await;
    b.wait_for("ol.hits").await;
    assert_eq!(b.location().await, "/search?q=Bolgna");

    let mut link = None;
    for a in b.find_all("ol.hits li.hit > a").await {
        if attr(&a, "href").await == href {
            link = Some(a);
            break;
        }
    }
    let link = link.unwrap_or_else(|| panic!("no search result links to {href}"));
    let title = text(&link).await;
    assert!(title.contains("Bologna"), "the result links to {href} as {title:?}");

    link.click().await.expect("click the result");
    b.wait_for_location(&href).await;
    let h1 = b.h1().await;
    assert!(h1.contains("Bologna"), "the city page's heading is {h1:?}");
}
