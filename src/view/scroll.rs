//! One scroll offset, the same for every view that scrolls (detail, overlays, diagnostics,
//! tables): a step moves it, the last line stops at the bottom as in `less`, and a line can be
//! brought into view at the nearest edge or in the middle.

/// A move of the scroll offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Down(usize),
    Up(usize),
    Top,
    End,
}

/// The first line shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    pub offset: usize,
}

impl Scroll {
    pub fn at(offset: usize) -> Scroll {
        Scroll { offset }
    }

    /// The furthest a text of `lines` scrolls in `height` rows: its last line at the bottom.
    pub fn max(lines: usize, height: usize) -> usize {
        lines.saturating_sub(height)
    }

    /// The offset after `step`, no further than `max`.
    pub fn step(self, step: Step, max: usize) -> Scroll {
        let offset = match step {
            Step::Down(n) => self.offset.saturating_add(n),
            Step::Up(n) => self.offset.saturating_sub(n),
            Step::Top => 0,
            Step::End => max,
        };
        Scroll::at(offset.min(max))
    }

    pub fn clamp(self, max: usize) -> Scroll {
        Scroll::at(self.offset.min(max))
    }

    /// Scrolled the least so that `line` is among the `height` rows shown.
    pub fn ensure_visible(self, line: usize, height: usize) -> Scroll {
        let height = height.max(1);
        if line < self.offset {
            Scroll::at(line)
        } else if line >= self.offset + height {
            Scroll::at(line + 1 - height)
        } else {
            self
        }
    }

    /// When `line` is out of view, scrolled so it is in the middle (as vim does, so the lines
    /// around it show too), no further than `max`.
    pub fn center_on(self, line: usize, height: usize, max: usize) -> Scroll {
        if line < self.offset || line >= self.offset + height.max(1) {
            Scroll::at(line.saturating_sub(height / 2).min(max))
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stop_at_both_ends_and_lines_come_into_view_at_the_nearest_edge() {
        let s = Scroll::at(3);
        assert_eq!(s.step(Step::Down(100), 10), Scroll::at(10));
        assert_eq!(s.step(Step::Up(100), 10), Scroll::at(0));
        assert_eq!(s.step(Step::End, 10), Scroll::at(10));
        assert_eq!(s.step(Step::Top, 10), Scroll::at(0));
        assert_eq!(Scroll::at(50).clamp(10), Scroll::at(10));
        assert_eq!(Scroll::max(25, 20), 5);
        assert_eq!(Scroll::max(5, 20), 0);
        // Rows 3..8 shown.
        assert_eq!(s.ensure_visible(1, 5), Scroll::at(1));
        assert_eq!(s.ensure_visible(9, 5), Scroll::at(5));
        assert_eq!(s.ensure_visible(7, 5), s);
        assert_eq!(s.center_on(30, 10, 100), Scroll::at(25));
        assert_eq!(s.center_on(30, 10, 20), Scroll::at(20));
        assert_eq!(s.center_on(5, 10, 100), s);
    }
}
