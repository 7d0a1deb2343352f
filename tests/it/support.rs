//! Shared by the reader's state and snapshot tests: loading briefings into an `App`, and drawing
//! the app on ratatui's `TestBackend` the way the terminal would show it.

use std::path::{Path, PathBuf};

use brief::app::search::SearchState;
use brief::app::App;
use brief::briefing::load::{load_str, DEFAULT_MAX_SIZE};
use brief::briefing::Document;
use brief::briefing::Report;
use brief::open::open_file;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;

pub const KOREA: &str = "briefings/korea-troops.yaml";
pub const HARBOUR: &str = "briefings/harbour-bridge-tolls.yaml";
pub const NO_CONTRADICTIONS: &str = "tests/fixtures/reader/no-contradictions.yaml";
pub const EMPTY: &str = "tests/fixtures/reader/empty.yaml";
/// Seven killed against eleven bodies, long texts and a long note: the comparison view.
pub const FERRY: &str = "tests/fixtures/reader/ferry-toll.yaml";

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Loads a briefing from the repository; the test fails if it does not load.
#[track_caller]
pub fn doc(rel: &str) -> Document {
    match open_file(&repo_path(rel), DEFAULT_MAX_SIZE) {
        Ok(d) => {
            // Keep snapshots free of the checkout's path.
            let mut d = *d;
            d.path = Some(PathBuf::from(rel));
            d.name = rel.to_string();
            d
        }
        Err(Report { diagnostics, .. }) => panic!("{rel} did not load: {diagnostics:?}"),
    }
}

#[track_caller]
pub fn doc_from_yaml(name: &str, yaml: &str) -> Document {
    match load_str(yaml) {
        Ok(l) => Document::new(None, name.to_string(), l.briefing, l.warnings),
        Err(d) => panic!("{name} did not load: {d:?}"),
    }
}

#[track_caller]
pub fn reader(rel: &str, width: u16, height: u16) -> App {
    App::new(doc(rel), Rect::new(0, 0, width, height))
}

/// A briefing with `n` short claims (`Claim number 1.` …) and nothing else: every claim takes
/// three lines in a pane (text, the `#id` meta line, a blank line).
pub fn many_claims(n: usize) -> String {
    let mut y = String::from("title: Many claims\ndate: 2025-01-01\nclaims:\n");
    for i in 1..=n {
        y.push_str(&format!("  - id: c{i}\n    text: Claim number {i}.\n"));
    }
    y.push_str("responses: []\ncontext: []\n");
    y
}

pub fn many_claims_app(n: usize, width: u16, height: u16) -> App {
    App::new(
        doc_from_yaml("many.yaml", &many_claims(n)),
        Rect::new(0, 0, width, height),
    )
}

/// Draws the app at its own size and returns the buffer.
pub fn draw(app: &App) -> Buffer {
    let mut term = match Terminal::new(TestBackend::new(app.size().width, app.size().height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    if let Err(e) = term.draw(|f| brief::ui::render(app, f)) {
        match e {}
    }
    term.backend().buffer().clone()
}

/// The frame as the app drew it, before ratatui turns it into terminal updates (the terminal's
/// copy, [`draw`], has already lost what a wide character covers).
pub fn drawn(app: &App) -> Buffer {
    let mut term = match Terminal::new(TestBackend::new(app.size().width, app.size().height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    match term.draw(|f| brief::ui::render(app, f)) {
        Ok(frame) => frame.buffer.clone(),
        Err(e) => match e {},
    }
}

/// Cells a wide character covers that hold something else than a blank: drawn, but never seen
/// (the terminal draws the wide character over them). A well-formed frame ([`drawn`]) has none.
pub fn hidden_cells(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let area = buf.area;
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let width = buf
                .cell((x, y))
                .map_or(1, |c| brief::text::width(c.symbol()).max(1));
            for dx in 1..width as u16 {
                if let Some(c) = buf.cell((x + dx, y)) {
                    if c.symbol() != " " {
                        out.push((x + dx, y, c.symbol().to_string()));
                    }
                }
            }
            x += width as u16;
        }
    }
    out
}

/// The buffer as the terminal shows it, one string per row. A wide character (Korean, most
/// emoji) covers the cell after it; that cell is left out, so each row reads as on screen. If a
/// covered cell holds something other than a blank, something was drawn under a wide character:
/// the row then ends with `  ⟵ hidden: …` so a snapshot shows it.
pub fn rows(buf: &Buffer) -> Vec<String> {
    let w = usize::from(buf.area.width);
    buf.content
        .chunks(w.max(1))
        .map(|cells| {
            let mut row = String::new();
            let mut hidden = Vec::new();
            let mut skip = 0usize;
            for (x, c) in cells.iter().enumerate() {
                if skip == 0 {
                    row.push_str(c.symbol());
                } else if !c.symbol().trim().is_empty() {
                    hidden.push((x, c.symbol().to_string()));
                }
                skip = skip.max(brief::text::width(c.symbol())).saturating_sub(1);
            }
            if !hidden.is_empty() {
                row.push_str(&format!("  ⟵ hidden: {hidden:?}"));
            }
            row
        })
        .collect()
}

/// The whole screen as text.
pub fn screen(app: &App) -> String {
    rows(&draw(app)).join("\n")
}

/// Where `needle` starts on screen, as (column, row) in cells; the first match, row by row.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    find_in(buf, buf.area, needle)
}

/// Where `needle` starts inside `area` of the screen; the first match, row by row.
pub fn find_in(buf: &Buffer, area: Rect, needle: &str) -> Option<(u16, u16)> {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        // Build the row with each byte's column, to turn a byte offset into a cell.
        let mut row = String::new();
        let mut cols = Vec::new();
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            let sym = buf[(x, y)].symbol();
            if skip == 0 {
                cols.extend(std::iter::repeat_n(x, sym.len()));
                row.push_str(sym);
            }
            skip = skip
                .max(unicode_width::UnicodeWidthStr::width(sym))
                .saturating_sub(1);
        }
        if let Some(i) = row.find(needle) {
            return cols.get(i).map(|&x| (x, y));
        }
    }
    None
}

/// Every cell `needle` covers inside `area`, where it is first found there.
#[track_caller]
pub fn cells_in(buf: &Buffer, area: Rect, needle: &str) -> Vec<(u16, u16)> {
    let Some((x, y)) = find_in(buf, area, needle) else {
        panic!(
            "`{needle}` is not in {area:?} on screen:\n{}",
            rows(buf).join("\n")
        )
    };
    let w = unicode_width::UnicodeWidthStr::width(needle) as u16;
    (x..x + w).map(|x| (x, y)).collect()
}

/// The app's search, which the test expects to be there.
#[track_caller]
pub fn search(app: &App) -> &SearchState {
    match app.search_state() {
        Some(s) => s,
        None => panic!("expected a search"),
    }
}

/// A box of the side-by-side view below its title row.
pub fn below_title(area: Rect) -> Rect {
    Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    }
}
