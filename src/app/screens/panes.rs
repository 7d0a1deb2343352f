//! The three panes: moving the selection, paging by what fits, keeping the selected item in
//! view (measured with `view::pane`), focus and the mouse.

use crate::app::{Action, App};
use crate::briefing::{ItemRef, Section};
use crate::view::layout;

impl App {
    pub(crate) fn update_panes(&mut self, action: Action) {
        let s = self.focus;
        let n = self.len(s);
        let sel = self.selected[s.index()];
        // Measured only for the keys that page: `j` lays out no more than it must.
        let page = || self.page_items(s);
        match action {
            Action::Down => self.select(s, sel.saturating_add(1)),
            Action::Up => self.select(s, sel.saturating_sub(1)),
            Action::First => self.select(s, 0),
            Action::Last => self.select(s, n.saturating_sub(1)),
            Action::PageDown => self.select(s, sel.saturating_add(page())),
            Action::PageUp => self.select(s, sel.saturating_sub(page())),
            Action::HalfPageDown => self.select(s, sel.saturating_add(page().div_ceil(2))),
            Action::HalfPageUp => self.select(s, sel.saturating_sub(page().div_ceil(2))),
            // Past Context (or before Claims) comes the Judgments pane, when there are any.
            Action::NextPane | Action::Right if s == Section::Context && self.has_judgments() => {
                self.open_judgments()
            }
            Action::PrevPane if s == Section::Claims && self.has_judgments() => {
                self.open_judgments()
            }
            Action::NextPane => self.focus_pane(Section::from_index((s.index() + 1) % 3)),
            Action::PrevPane => self.focus_pane(Section::from_index((s.index() + 2) % 3)),
            Action::Right => self.focus_pane(Section::from_index((s.index() + 1).min(2))),
            Action::Left => self.focus_pane(Section::from_index(s.index().saturating_sub(1))),
            Action::FocusPane(section) => self.focus_pane(section),
            Action::Open => match self.current() {
                Some(r) => self.open_detail(r),
                None => self.message = Some(format!("no {} to open", s.singular())),
            },
            Action::ToggleContradictions => self.open_pairs_for(self.current()),
            Action::Compare => self.compare(),
            Action::Click(x, y) => self.click_panes(x, y),
            Action::Scroll(x, y, dir) => {
                if let Some(section) = self.pane_at(x, y) {
                    let i = self.selected[section.index()];
                    let to = if dir > 0 {
                        i.saturating_add(1)
                    } else {
                        i.saturating_sub(1)
                    };
                    self.select(section, to);
                }
            }
            _ => {}
        }
    }

    pub fn focus_pane(&mut self, section: Section) {
        self.focus = section;
        self.keep_in_view(section);
    }

    /// Selects item `i` of `section` (clamped) and scrolls it into view.
    pub fn select(&mut self, section: Section, i: usize) {
        let n = self.len(section);
        self.selected[section.index()] = i.min(n.saturating_sub(1));
        self.keep_in_view(section);
    }

    /// Selects an item anywhere: focuses its pane, scrolls it into view.
    pub fn reveal(&mut self, r: ItemRef) {
        self.focus = r.section;
        self.select(r.section, r.index);
    }

    pub(crate) fn pane_geometry(&self, section: Section) -> (u16, usize) {
        let area = layout::pane_area(self.size, section);
        (
            layout::text_width(area),
            usize::from(layout::inner(area).height),
        )
    }

    /// How many items are shown in the pane from its top: the step of a page.
    pub(crate) fn page_items(&self, section: Section) -> usize {
        let (width, height) = self.pane_geometry(section);
        let n = self.len(section);
        let mut used = 0;
        let mut count = 0;
        for i in self.top[section.index()]..n {
            used += self.item_height(ItemRef::new(section, i), width);
            if used > height {
                break;
            }
            count += 1;
        }
        count.max(1)
    }

    /// Moves the pane's top so the selected item is fully shown (or starts at the top when it is
    /// taller than the pane). Looks only at items between the top and the selection, and only as
    /// many as fit: nothing here walks the whole section.
    pub(crate) fn keep_in_view(&mut self, section: Section) {
        let si = section.index();
        let n = self.len(section);
        if n == 0 {
            self.top[si] = 0;
            self.selected[si] = 0;
            return;
        }
        let sel = self.selected[si].min(n - 1);
        let (width, height) = self.pane_geometry(section);
        let height = height.max(1);
        let h = |i: usize| self.item_height(ItemRef::new(section, i), width);
        let mut top = self.top[si].min(sel);
        if sel - top >= height {
            // Every item takes at least two lines, so the selection is far below: start from it.
            top = sel;
        }
        let mut used: usize = (top..=sel).map(h).sum();
        while used > height && top < sel {
            used -= h(top);
            top += 1;
        }
        // Fill the space above the selection if the top was moved down to it.
        while top > 0 && top == sel && used + h(top - 1) <= height {
            top -= 1;
            used += h(top);
        }
        // No blank rows under the last item while items above it are hidden (a position kept
        // from a smaller terminal, or a resize): the top comes up. Only the items that fit are
        // measured.
        let mut tail = 0;
        let mut end = top;
        while end < n && tail <= height {
            tail += h(end);
            end += 1;
        }
        if end == n {
            while top > 0 && tail + h(top - 1) <= height {
                top -= 1;
                tail += h(top);
            }
        }
        self.top[si] = top;
        self.selected[si] = sel;
    }

    pub(crate) fn pane_at(&self, x: u16, y: u16) -> Option<Section> {
        let f = layout::frame(self.size)?;
        let (_, areas) = layout::panes(f.body, self.focus);
        areas
            .into_iter()
            .find(|(_, a)| a.contains((x, y).into()))
            .map(|(s, _)| s)
    }

    pub(crate) fn click_panes(&mut self, x: u16, y: u16) {
        let Some(f) = layout::frame(self.size) else {
            return;
        };
        let (tabs, areas) = layout::panes(f.body, self.focus);
        if let Some(tabs) = tabs.filter(|t| t.contains((x, y).into())) {
            // The tab bar splits into three equal parts.
            let third = (tabs.width / 3).max(1);
            let i = usize::from((x - tabs.x) / third).min(2);
            self.focus_pane(Section::from_index(i));
            return;
        }
        let Some((section, area)) = areas.into_iter().find(|(_, a)| a.contains((x, y).into()))
        else {
            return;
        };
        self.focus = section;
        let inner = layout::inner(area);
        if y < inner.y || y >= inner.bottom() {
            return;
        }
        let width = layout::text_width(area);
        let mut row = usize::from(y - inner.y);
        for i in self.top[section.index()]..self.len(section) {
            let h = self.item_height(ItemRef::new(section, i), width);
            if row < h {
                self.select(section, i);
                return;
            }
            row -= h;
        }
    }
}

/// `claim 3/12`, or `no claims`.
pub(crate) fn location(app: &App) -> String {
    let n = app.len(app.focus);
    if n == 0 {
        format!("no {}", app.focus.title().to_lowercase())
    } else {
        format!(
            "{} {}/{n}",
            app.focus.singular(),
            app.selected[app.focus.index()] + 1
        )
    }
}
