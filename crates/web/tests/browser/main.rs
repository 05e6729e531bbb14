//! Browser tests: Debian's Chromium, headless, driven through chromedriver
//! (WebDriver, with fantoccini) on the pages of one real server with the
//! bundled data. A person's paths through the site: search through a typo,
//! the map's points against the API, the connections page's forms, and a
//! screenshot of each main page.
//!
//! Without `/usr/bin/chromium` and `/usr/bin/chromedriver` each test says
//! why it skips and passes, unless `CITYNETS_REQUIRE_BROWSER=1` (CI sets it
//! when it could install them), which makes their absence a failure.

#[path = "../support/server.rs"]
mod server;

mod api;
mod chrome;
mod graph;
mod map;
mod screenshots;
mod search;
