//! Categories, their colours and the legend.
//!
//! A category is a free string. One that names a UCCN field (compared with
//! the model's [`Field`] parser, so `"gastronomy"` is Gastronomy) always has
//! that field's colour and is shown under its canonical name; the fields come
//! first in the legend, in [`Field::ALL`] order. Other categories
//! (`"twinning"`, `"meetings"`, a network's name) follow in alphabetical
//! order and take [`OTHER_PALETTE`]'s colours in that order, so a chart's
//! colours depend only on the set of categories it shows.

use citynets_model::Field;

use crate::svg::Writer;

/// The fixed colour of each UCCN field (colour-blind-safe where eight hues
/// allow).
pub fn field_colour(field: Field) -> &'static str {
    match field {
        Field::Architecture => "#b8860b",
        Field::CraftsAndFolkArt => "#9c6b30",
        Field::Design => "#4e79a7",
        Field::Film => "#e15759",
        Field::Gastronomy => "#f28e2b",
        Field::Literature => "#59a14f",
        Field::MediaArts => "#b07aa1",
        Field::Music => "#2ba6a0",
    }
}

/// Colours for categories that are not UCCN fields, used in turn.
pub const OTHER_PALETTE: &[&str] =
    &["#3d4f8f", "#d4479a", "#7a7a00", "#6b6b6b", "#8c4a1c", "#00839a", "#c43c00", "#5b3c99"];

/// One category as drawn: its display name and colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendEntry {
    /// The category as the legend shows it (a field's canonical name).
    pub label: String,
    /// `#rrggbb`.
    pub colour: &'static str,
}

/// The categories of one chart, in legend order, with their colours.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Legend {
    entries: Vec<LegendEntry>,
}

/// A category's identity: a field, or another string as given.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Field(Field),
    Other(String),
}

fn key(category: &str) -> Key {
    match category.parse::<Field>() {
        Ok(f) => Key::Field(f),
        Err(_) => Key::Other(category.trim().to_string()),
    }
}

impl Legend {
    /// The legend of exactly these categories (duplicates count once).
    pub fn new<'a>(categories: impl IntoIterator<Item = &'a str>) -> Self {
        let mut keys: Vec<Key> = categories.into_iter().map(key).collect();
        keys.sort();
        keys.dedup();
        let mut others = 0;
        let entries = keys
            .into_iter()
            .map(|k| match k {
                Key::Field(f) => LegendEntry { label: f.as_str().to_string(), colour: field_colour(f) },
                Key::Other(s) => {
                    let colour = OTHER_PALETTE[others % OTHER_PALETTE.len()];
                    others += 1;
                    LegendEntry { label: s, colour }
                }
            })
            .collect();
        Legend { entries }
    }

    pub fn entries(&self) -> &[LegendEntry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry of `category`, if it is in this legend.
    pub fn entry(&self, category: &str) -> Option<&LegendEntry> {
        let label = match key(category) {
            Key::Field(f) => f.as_str().to_string(),
            Key::Other(s) => s,
        };
        self.entries.iter().find(|e| e.label == label)
    }

    /// The colour of `category` (grey when it is not in this legend).
    pub fn colour(&self, category: &str) -> &'static str {
        self.entry(category).map_or("#777777", |e| e.colour)
    }

    /// The index of `category` in legend order (for stacking).
    pub(crate) fn index(&self, category: &str) -> usize {
        let label = self.entry(category).map(|e| e.label.as_str());
        self.entries.iter().position(|e| Some(e.label.as_str()) == label).unwrap_or(usize::MAX)
    }

    /// Height of the legend drawn by [`draw`](Self::draw) in `width` pixels.
    pub(crate) fn height(&self, width: f64) -> f64 {
        if self.is_empty() { 0.0 } else { self.layout(0.0, 0.0, width).1 + ROW }
    }

    /// Item positions: (x, y) of each swatch, and the last row's y.
    fn layout(&self, x0: f64, y0: f64, width: f64) -> (Vec<(f64, f64)>, f64) {
        let (mut x, mut y) = (x0, y0);
        let mut at = Vec::with_capacity(self.entries.len());
        for e in &self.entries {
            let w = item_width(&e.label);
            if x > x0 && x + w > x0 + width {
                x = x0;
                y += ROW;
            }
            at.push((x, y));
            x += w;
        }
        (at, y - y0)
    }

    /// Draws the legend as rows of swatch + label from (x0, y0), wrapping at
    /// `width`: `<g class="legend">` holding one `<g class="legend-item">`
    /// with a `<rect>` (the colour) and a `<text>` per category.
    pub(crate) fn draw(&self, w: &mut Writer, x0: f64, y0: f64, width: f64) {
        if self.is_empty() {
            return;
        }
        let (at, _) = self.layout(x0, y0, width);
        w.start("g").attr("class", "legend").attr("aria-label", "Legend").open();
        for (e, (x, y)) in self.entries.iter().zip(at) {
            w.start("g").attr("class", "legend-item").open();
            w.start("rect").num("x", x).num("y", y + 3.0).num("width", 12.0).num("height", 12.0);
            w.attr("fill", e.colour).empty();
            w.start("text").num("x", x + 17.0).num("y", y + 13.5).open().text(&e.label).close();
            w.close();
        }
        w.close();
    }
}

const ROW: f64 = 20.0;

/// Estimated width of a legend item: swatch, label (about 6.5 px per
/// character at 12 px), gap.
fn item_width(label: &str) -> f64 {
    17.0 + 6.5 * label.chars().count() as f64 + 18.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_first_in_canonical_order_then_others_alphabetically() {
        let l = Legend::new(["twinning", "music", "Design", "Music", "alpha"]);
        let labels: Vec<_> = l.entries().iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["Design", "Music", "alpha", "twinning"]);
        assert_eq!(l.colour("MUSIC"), field_colour(Field::Music));
        assert_eq!(l.colour("alpha"), OTHER_PALETTE[0]);
        assert_eq!(l.colour("twinning"), OTHER_PALETTE[1]);
        assert_eq!(l.index("twinning"), 3);
    }
}
