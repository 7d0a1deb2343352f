//! The terminal as the reader draws on it: crossterm's backend with two things the terminal is
//! not trusted with.
//!
//! - **Its size is clamped** to [`MAX_WIDTH`]×[`MAX_HEIGHT`] for the buffers: a terminal that
//!   says 65535×65535 would have ratatui allocate two buffers of 4 billion cells (206 GB, an
//!   abort). Beyond the clamp the frame is drawn in the top-left corner.
//! - **The cursor position is never asked** (DSR, `ESC [6n`): ratatui asks for it when clearing,
//!   to put the cursor back, and a terminal that does not answer made the redraw after `fg` or
//!   after the editor fail (exit 1, `;1R` left on the prompt). The reader always knows where it
//!   put the cursor: the last position set, else the origin.

use std::io;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// The widest frame drawn; wider terminals show it at the left.
pub const MAX_WIDTH: u16 = 1000;
/// The tallest frame drawn; taller terminals show it at the top.
pub const MAX_HEIGHT: u16 = 500;

/// A size within [`MAX_WIDTH`]×[`MAX_HEIGHT`].
pub fn clamp(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_WIDTH), height.min(MAX_HEIGHT))
}

/// A backend whose size is clamped and which never asks the terminal where its cursor is.
pub struct Clamped<B> {
    inner: B,
    cursor: Position,
}

impl<B> Clamped<B> {
    pub fn new(inner: B) -> Clamped<B> {
        Clamped {
            inner,
            cursor: Position::ORIGIN,
        }
    }

    pub fn inner_mut(&mut self) -> &mut B {
        &mut self.inner
    }
}

impl<B: io::Write> io::Write for Clamped<B> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<B: Backend<Error = io::Error>> Backend for Clamped<B> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        let s = self.inner.size()?;
        let (width, height) = clamp(s.width, s.height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let mut w = self.inner.window_size()?;
        let (width, height) = clamp(w.columns_rows.width, w.columns_rows.height);
        w.columns_rows = Size { width, height };
        Ok(w)
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    /// TestBackend's error is Infallible; this adapts it for the tests.
    struct Io(TestBackend);

    impl Backend for Io {
        type Error = io::Error;
        fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
        where
            I: Iterator<Item = (u16, u16, &'a Cell)>,
        {
            let Ok(()) = self.0.draw(content);
            Ok(())
        }
        fn hide_cursor(&mut self) -> io::Result<()> {
            Ok(())
        }
        fn show_cursor(&mut self) -> io::Result<()> {
            Ok(())
        }
        fn get_cursor_position(&mut self) -> io::Result<Position> {
            Err(io::Error::other("the terminal did not answer"))
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, _: P) -> io::Result<()> {
            Ok(())
        }
        fn clear(&mut self) -> io::Result<()> {
            Ok(())
        }
        fn clear_region(&mut self, _: ClearType) -> io::Result<()> {
            Ok(())
        }
        fn size(&self) -> io::Result<Size> {
            Ok(Size {
                width: u16::MAX,
                height: u16::MAX,
            })
        }
        fn window_size(&mut self) -> io::Result<WindowSize> {
            Ok(WindowSize {
                columns_rows: self.size()?,
                pixels: Size::default(),
            })
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_huge_terminal_gets_clamped_buffers_and_a_silent_one_a_redraw() -> io::Result<()> {
        let mut term = ratatui::Terminal::new(Clamped::new(Io(TestBackend::new(1, 1))))?;
        assert_eq!(term.size()?, Size::new(MAX_WIDTH, MAX_HEIGHT));
        // clear() asks for the cursor position: answered without the terminal.
        term.clear()?;
        term.draw(|f| assert_eq!(f.area().width, MAX_WIDTH))?;
        Ok(())
    }
}
