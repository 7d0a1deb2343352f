//! `export --format csl`: CSL JSON (the Citation Style Language's data format, read by Zotero,
//! pandoc, Typst and citeproc), one item per source and one per claim, response or context item
//! that has a URL: what a writer citing the briefing's material needs.
//!
//! Types: a source is a `webpage` (the outlet or body, at its address); an item is an
//! `article-newspaper` when its source is media or a news agency, a `report` when it is a
//! government, an official or an analyst, else a `webpage`. The title of an item is its
//! headline, else its text (cut at [`TITLE_CHARS`] characters); its author and container are its
//! source, its `issued` date its date. Ids are the briefing's own (sources as `source-ID`), made
//! unique across the briefings of one export with `-2`, `-3`, …. Strings are sanitised to one
//! line: citation managers show them as they are.

use std::collections::HashSet;

use serde::Serialize;

use crate::briefing::model::{Briefing, Item, SourceKind};

/// How many characters of an item's text make a title when it has no headline.
pub const TITLE_CHARS: usize = 120;

#[derive(Serialize)]
pub struct CslItem {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Literal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<DateParts>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct Literal {
    literal: String,
}

#[derive(Serialize)]
struct DateParts {
    #[serde(rename = "date-parts")]
    parts: [[i32; 3]; 1],
}

/// The ids given so far in one export.
#[derive(Default)]
pub struct Ids(HashSet<String>);

impl Ids {
    fn unique(&mut self, id: String) -> String {
        if self.0.insert(id.clone()) {
            return id;
        }
        let mut n = 2usize;
        loop {
            let next = format!("{id}-{n}");
            if self.0.insert(next.clone()) {
                return next;
            }
            n += 1;
        }
    }
}

fn line(s: &str) -> String {
    super::claimreview::one_line(&crate::text::sanitize(s))
}

fn title_of(item: &Item) -> String {
    if let Some(h) = &item.headline {
        return line(h);
    }
    let text = line(&item.text);
    if text.chars().count() <= TITLE_CHARS {
        return text;
    }
    let cut: String = text.chars().take(TITLE_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The CSL items of one briefing: its sources, then its items with a URL in reading order.
pub fn items(b: &Briefing, ids: &mut Ids) -> Vec<CslItem> {
    let mut out = Vec::new();
    for s in &b.sources {
        out.push(CslItem {
            id: ids.unique(format!("source-{}", s.id)),
            kind: "webpage",
            title: line(&s.name),
            container_title: None,
            author: vec![Literal {
                literal: line(&s.name),
            }],
            issued: None,
            url: s
                .url
                .as_deref()
                .filter(|u| super::claimreview::web_url(u))
                .map(line),
            note: None,
        });
    }
    for (_, item) in b.items() {
        let Some(url) = item
            .url
            .as_deref()
            .filter(|u| super::claimreview::web_url(u))
        else {
            continue;
        };
        let source = item.source.as_deref().and_then(|id| b.source(id));
        let name = b.source_name(item).map(line);
        let kind = match source.and_then(|s| s.kind) {
            Some(SourceKind::Media | SourceKind::Agency) => "article-newspaper",
            Some(SourceKind::Government | SourceKind::Official | SourceKind::Analyst) => "report",
            _ => "webpage",
        };
        out.push(CslItem {
            id: ids.unique(item.id.clone()),
            kind,
            title: title_of(item),
            container_title: name.clone().filter(|_| kind == "article-newspaper"),
            author: name
                .map(|n| vec![Literal { literal: n }])
                .unwrap_or_default(),
            issued: item.date.map(|d| DateParts {
                parts: [[d.year, i32::from(d.month), i32::from(d.day)]],
            }),
            url: Some(line(url)),
            note: item.attribution.as_deref().map(line),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a-2");
        assert_eq!(ids.unique("a".into()), "a-3");
    }
}
