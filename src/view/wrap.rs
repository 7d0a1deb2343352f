//! Wrapped item texts, per item and width: a memo shared by the app's scroll keeping and the
//! drawing, so that measuring and drawing wrap each text once. Beside it, the same for what the
//! side-by-side view makes of two items (their marks, the figure lists at a width), which on two
//! long texts of figures costs more than a frame. The app makes a new one for each document.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::briefing::{Briefing, ItemRef};
use crate::view::line::Line;
use crate::view::pairs::Compared;

/// Wrapped lines of one item at one width.
type Wrapped = HashMap<(ItemRef, u16), Rc<[String]>>;
/// The comparison box's figure lists of two items at one width.
type FigureLists = HashMap<(ItemRef, ItemRef, u16), Rc<[Line]>>;

#[derive(Debug, Default)]
pub struct WrapCache {
    lines: RefCell<Wrapped>,
    compared: RefCell<HashMap<(ItemRef, ItemRef), Rc<Compared>>>,
    figure_lists: RefCell<FigureLists>,
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

    /// Whether what the side-by-side view marks of `pair` is made (it is kept only once the
    /// comparison is done).
    pub fn has_compared(&self, pair: (ItemRef, ItemRef)) -> bool {
        self.compared.borrow().contains_key(&pair)
    }

    /// What the side-by-side view marks of `pair`, made by `make` the first time.
    pub fn compared(
        &self,
        pair: (ItemRef, ItemRef),
        make: impl FnOnce() -> Compared,
    ) -> Rc<Compared> {
        memo(&self.compared, pair, || Rc::new(make()))
    }

    /// The comparison box's figure lists for `pair` at `width`, made by `make` the first time.
    pub fn figure_lists(
        &self,
        pair: (ItemRef, ItemRef),
        width: u16,
        make: impl FnOnce() -> Vec<Line>,
    ) -> Rc<[Line]> {
        memo(&self.figure_lists, (pair.0, pair.1, width), || {
            make().into()
        })
    }

    pub fn len(&self) -> usize {
        self.lines.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `map[key]`, made by `make` when it is not there yet; a map grown past the limit starts over.
fn memo<K, V: ?Sized>(
    map: &RefCell<HashMap<K, Rc<V>>>,
    key: K,
    make: impl FnOnce() -> Rc<V>,
) -> Rc<V>
where
    K: std::hash::Hash + Eq,
{
    if let Some(v) = map.borrow().get(&key) {
        return Rc::clone(v);
    }
    let made = make();
    let mut map = map.borrow_mut();
    if map.len() >= WRAP_CACHE_LIMIT {
        map.clear();
    }
    map.insert(key, Rc::clone(&made));
    made
}
