//! Acting on the item in focus: `y` copies its citation, `Y` opens a menu of what else to copy
//! (quote, text, id, URL), `o` opens its URL. The app only says what to copy or open; the event
//! loop writes the OSC 52 sequence ([`crate::clipboard`]) or runs the opener
//! ([`crate::opener`]) and reports how it went.

use super::App;
use crate::briefing::{describe, Briefing, Item};

/// What of an item can be copied. The citation is the default (`y`); the menu (`Y`) offers all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Citation,
    Quote,
    Text,
    Id,
    Url,
}

impl Part {
    /// The menu's order.
    pub const ALL: [Part; 5] = [Part::Citation, Part::Quote, Part::Text, Part::Id, Part::Url];

    /// The part's name in status messages and the menu.
    pub fn name(self) -> &'static str {
        match self {
            Part::Citation => "citation",
            Part::Quote => "quote",
            Part::Text => "text",
            Part::Id => "id",
            Part::Url => "URL",
        }
    }

    /// The part of `item` as it is copied, when the item has it: the file's text as written
    /// (a folded text without its final line break), never sanitised — the OSC 52 payload is
    /// base64, so no byte of it reaches the terminal as a control.
    pub fn of(self, b: &Briefing, item: &Item) -> Option<String> {
        match self {
            Part::Citation => Some(describe::citation(b, item)),
            Part::Quote => item.quote.clone(),
            Part::Text => Some(item.text.trim_end().to_string()),
            Part::Id => Some(item.id.clone()),
            Part::Url => url_of(b, item).map(str::to_string),
        }
    }
}

/// The URL `o` opens and the menu copies: the item's own, else its source's.
pub fn url_of<'b>(b: &'b Briefing, item: &'b Item) -> Option<&'b str> {
    item.url.as_deref().or_else(|| {
        item.source
            .as_deref()
            .and_then(|s| b.source(s))
            .and_then(|s| s.url.as_deref())
    })
}

/// What the app asks the event loop to do with the item in focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    /// Put `text` on the terminal's clipboard; `what` names it for the status bar.
    Copy { what: &'static str, text: String },
    /// Open `url` in the browser.
    Open { url: String },
}

impl App {
    /// The item `y`, `Y` and `o` act on, with its section's word (`claim`).
    fn acted_on(&self) -> Option<&Item> {
        self.focus_item().and_then(|r| self.doc.briefing.item(r))
    }

    /// `y`, or a key of the menu: copies `part` of the item in focus, or says why not.
    pub(crate) fn copy(&mut self, part: Part) {
        self.copy_menu = false;
        let Some(item) = self.acted_on() else {
            self.message = Some("nothing to copy here".into());
            return;
        };
        match part.of(&self.doc.briefing, item) {
            // A URL that `o` would refuse is refused here too: pasted into a terminal or a
            // browser's bar, a control or bidi character in it does what it does there.
            Some(text) if part == Part::Url && crate::opener::check(&text).is_err() => {
                let why = crate::opener::check(&text).err().unwrap_or_default();
                self.message = Some(format!("not copied: {why}"));
            }
            // What the screen shows, not the file's bytes: a control character, an escape
            // sequence or a bidi override is copied as the symbol drawn for it, so pasting
            // the text into a terminal cannot set its title or colours.
            Some(text) => {
                self.act = Some(Act::Copy {
                    what: part.name(),
                    text: crate::text::sanitize(&text).into_owned(),
                })
            }
            None => {
                let whose = item.section.singular();
                self.message = Some(match part {
                    Part::Url => format!("this {whose} has no URL, nor has its source"),
                    _ => format!("this {whose} has no {}", part.name()),
                });
            }
        }
    }

    /// `Y`: the menu of what to copy, over the view; `Y` or Esc again closes it.
    pub(crate) fn toggle_copy_menu(&mut self) {
        if self.copy_menu {
            self.copy_menu = false;
        } else if self.acted_on().is_some() {
            self.copy_menu = true;
        } else {
            self.message = Some("nothing to copy here".into());
        }
    }

    /// `o`: opens the item's URL (its source's when it has none).
    pub(crate) fn open_url(&mut self) {
        let Some(item) = self.acted_on() else {
            self.message = Some("nothing to open here".into());
            return;
        };
        match url_of(&self.doc.briefing, item) {
            Some(url) => {
                self.act = Some(Act::Open {
                    url: url.to_string(),
                })
            }
            None => {
                self.message = Some(format!(
                    "this {} has no URL, nor has its source",
                    item.section.singular()
                ))
            }
        }
    }

    /// What the copy menu lists: each part with what it would copy (None: the item has none).
    pub fn copy_menu_parts(&self) -> Vec<(Part, Option<String>)> {
        let Some(item) = self.acted_on() else {
            return Vec::new();
        };
        Part::ALL
            .into_iter()
            .map(|p| (p, p.of(&self.doc.briefing, item)))
            .collect()
    }

    /// Every URL of the briefing (its sources' and its items'): what the screen may show, for
    /// the terminal to link ([`crate::hyperlink`]).
    pub fn urls(&self) -> Vec<&str> {
        let b = &self.doc.briefing;
        let sources = b.sources.iter().filter_map(|s| s.url.as_deref());
        let items = crate::briefing::Section::ALL
            .into_iter()
            .flat_map(|s| b.section(s).iter())
            .filter_map(|i| i.url.as_deref());
        sources.chain(items).collect()
    }

    /// Takes what the last action asked the event loop to do.
    pub fn take_act(&mut self) -> Option<Act> {
        self.act.take()
    }
}
