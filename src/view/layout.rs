//! Screen geometry as pure functions of the terminal size, shared by the drawing and by the
//! app's scroll keeping (which must know how tall a pane is to keep the selection in view).

use ratatui::layout::Rect;

use crate::briefing::Section;

/// Below this the layout is replaced by a short "terminal too small" message.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From this width the three panes stand side by side.
pub const SIDE_BY_SIDE: u16 = 120;
/// From this width the two sides of a contradiction stand side by side; below they stack.
pub const PAIR_SIDE_BY_SIDE: u16 = 100;
/// Columns left of each item's text for the selection marker.
pub const GUTTER: u16 = 2;
pub const HEADER_HEIGHT: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Header, body and status bar; None when the terminal is too small for any layout.
pub fn frame(area: Rect) -> Option<Frame> {
    if too_small(area) {
        return None;
    }
    let header_h = if area.height >= 12 { HEADER_HEIGHT } else { 1 };
    let header = Rect {
        height: header_h,
        ..area
    };
    let status = Rect {
        y: area.bottom().saturating_sub(1),
        height: 1,
        ..area
    };
    let body = Rect {
        y: area.y + header_h,
        height: area.height.saturating_sub(header_h + 1),
        ..area
    };
    Some(Frame {
        header,
        body,
        status,
    })
}

/// Where the panes go: all three side by side when wide, else a one-line tab bar and the focused
/// pane. Returns the tab bar (if any) and each visible pane's area.
pub fn panes(body: Rect, focus: Section) -> (Option<Rect>, Vec<(Section, Rect)>) {
    if body.width >= SIDE_BY_SIDE {
        let w = body.width / 3;
        let areas = Section::ALL
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                let x = body.x + w * i as u16;
                let width = if i == 2 { body.width - w * 2 } else { w };
                (s, Rect { x, width, ..body })
            })
            .collect();
        (None, areas)
    } else {
        let tabs = Rect { height: 1, ..body };
        let pane = Rect {
            y: body.y + 1,
            height: body.height.saturating_sub(1),
            ..body
        };
        (Some(tabs), vec![(focus, pane)])
    }
}

/// Inside a bordered block.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// The width item text wraps to inside a pane of `area`.
pub fn text_width(area: Rect) -> u16 {
    // One column of air before the right border.
    inner(area).width.saturating_sub(GUTTER + 1).max(1)
}

/// The area of `section`'s pane for a terminal of `size` (its own area when it is not shown,
/// since the narrow layout shows the focused pane in the same place).
pub fn pane_area(size: Rect, section: Section) -> Rect {
    match frame(size) {
        Some(f) => {
            let (_, areas) = panes(f.body, section);
            areas
                .into_iter()
                .find(|(s, _)| *s == section)
                .map_or(f.body, |(_, a)| a)
        }
        None => Rect::default(),
    }
}

/// The reader's content area for full-width views (detail, contradictions).
pub fn body(size: Rect) -> Rect {
    frame(size).map_or(Rect::default(), |f| f.body)
}

/// A rectangle centred in `area`, at most `w`×`h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_show_three_panes_narrow_one_with_tabs() {
        let (tabs, areas) = panes(Rect::new(0, 2, 120, 37), Section::Responses);
        assert!(tabs.is_none());
        assert_eq!(areas.len(), 3);
        assert_eq!(areas.iter().map(|(_, a)| a.width).sum::<u16>(), 120);
        let (tabs, areas) = panes(Rect::new(0, 2, 80, 21), Section::Responses);
        assert!(tabs.is_some());
        assert_eq!(areas, vec![(Section::Responses, Rect::new(0, 3, 80, 20))]);
    }

    #[test]
    fn tiny_terminals_get_no_layout() {
        assert!(frame(Rect::new(0, 0, 10, 4)).is_none());
        assert!(frame(Rect::new(0, 0, 1, 1)).is_none());
        assert!(frame(Rect::new(0, 0, 40, 12)).is_some());
    }
}
