//! Overlays over double-width text: the help (`?`) and the briefing info (`i`) drawn over panes
//! full of Korean leave no cell hidden under a wide character, at every width from 60 to 160
//! columns. (The terminal draws a wide character over the cell after it: a border drawn there
//! would vanish, which is what a QA pass saw at the help overlay's left edge.)

use ratatui::layout::Rect;

use crate::support::*;
use brief::app::App;

/// Items whose text is Korean with no space after 0 to 11 ASCII letters, so that across the
/// items a wide character straddles every column.
fn korean() -> String {
    let mut y = String::from(
        "title: 서울 버스 요금\ndate: 2025-11-05\nsources:\n  - id: s\n    name: 서울특별시\n\
         claims:\n",
    );
    for i in 0..12 {
        y.push_str(&format!(
            "  - id: c{i}\n    text: {}서울특별시는버스기본요금을인상한다고발표했다노조는실질인상률이더높다고주장했다\n    source: s\n",
            "a".repeat(i)
        ));
    }
    y.push_str("responses: []\ncontext:\n");
    for i in 0..12 {
        y.push_str(&format!(
            "  - id: x{i}\n    text: {}한국어로된배경설명이공백없이길게이어진다\n    source: s\n",
            "a".repeat(i)
        ));
    }
    y
}

#[test]
fn overlays_over_korean_text_hide_no_cell() {
    let yaml = korean();
    for width in 60..=160u16 {
        for key in ["?", "i"] {
            let mut app = App::new(
                doc_from_yaml("korean.yaml", &yaml),
                Rect::new(0, 0, width, 30),
            );
            app.press(key);
            let hidden = hidden_cells(&drawn(&app));
            assert!(
                hidden.is_empty(),
                "`{key}` at {width}x30 drew under a wide character: {hidden:?}\n{}",
                screen(&app)
            );
        }
    }
}
