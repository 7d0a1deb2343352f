//! Wrapped item texts, per item and width: a memo shared by the app's scroll keeping and the
//! drawing, so that measuring and drawing wrap each text once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::briefing::{Briefing, ItemRef};

/// Wrapped lines of one item at one width.
type Wrapped = HashMap<(ItemRef, u16), Rc<[String]>>;

#[derive(Debug, Default)]
pub struct WrapCache {
    lines: RefCell<Wrapped>,
}

/// Entries kept before the cache starts over (a resize makes most of them stale anyway).
const WRAP_CACHE_LIMIT: usize = 20_000;

impl WrapCache {
    pub fn get(&self, b: &Briefing, r: ItemRef, width: u16) -> Rc<[String]> {
        if let Some(lines) = self.lines.borrow().get(&(r, width)) {
            return Rc::clone(lines);
        }
        let text = b.item(r).map_or("", |i| i.text.as_str());
        let lines: Rc<[String]> = crate::text::wrap(text, usize::from(width)).into();
        let mut map = self.lines.borrow_mut();
        if map.len() >= WRAP_CACHE_LIMIT {
            map.clear();
        }
        map.insert((r, width), Rc::clone(&lines));
        lines
    }

    pub fn len(&self) -> usize {
        self.lines.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
