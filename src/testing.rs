//! What the tests and the fuzz targets share: the check that nothing hostile reached a drawn
//! frame, the YAML quoting that lets any text reach the loader, and the list of bound keys they
//! press. Not used by the reader.

use ratatui::buffer::Buffer;

/// Characters a terminal must never be handed inside a cell: controls (C0, DEL, C1), bidi
/// embeddings, overrides and isolates, zero-width spaces and other invisible format characters,
/// line and paragraph separators, tag characters. (Joiners and direction marks are text.)
pub fn hostile(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{180e}'
                | '\u{200b}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// The first cell of `buf`, row by row, whose symbol holds a [`hostile`] character: its column,
/// its row and the symbol. A subdivision flag (🏴 and its tag letters) is an emoji, not hostile.
pub fn hostile_cell(buf: &Buffer) -> Option<(u16, u16, &str)> {
    let area = buf.area;
    (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .filter_map(|(x, y)| buf.cell((x, y)).map(|c| (x, y, c.symbol())))
        .find(|(_, _, sym)| {
            let flag = sym.starts_with('\u{1f3f4}');
            sym.chars()
                .any(|c| hostile(c) && !(flag && matches!(c, '\u{e0020}'..='\u{e007f}')))
        })
}

/// `s` as a YAML double-quoted scalar: what YAML does not take raw goes in escaped, the rest as
/// it is, so every character (controls, CJK, emoji, combining marks) reaches the loader itself.
pub fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0xa0
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                out.push_str(&format!("\\U{:08x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every key name of the key table once, sorted, the keys that quit left out (they would end
/// the session being driven).
pub fn bound_key_names() -> Vec<&'static str> {
    use crate::app::keymap::BINDINGS;
    use crate::app::Action;
    let mut names: Vec<&'static str> = BINDINGS
        .iter()
        .filter(|b| b.action != Action::Quit)
        .flat_map(|b| b.keys.iter().copied())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn finds_the_first_hostile_cell_row_by_row() {
        let mut buf = Buffer::empty(Rect::new(2, 1, 4, 3));
        assert_eq!(hostile_cell(&buf), None);
        buf[(4, 3)].set_symbol("\u{202e}");
        buf[(5, 2)].set_symbol("a\u{200b}");
        assert_eq!(hostile_cell(&buf), Some((5, 2, "a\u{200b}")));
    }

    #[test]
    fn yaml_quoted_text_loads_back_as_it_was() {
        let text = "T \u{1b}[2J \u{9b} \u{2028} \u{feff} \"q\" \\ 한국 🎉 e\u{301}";
        let yaml = format!("k: {}\n", yaml_quoted(text));
        let back: std::collections::BTreeMap<String, String> =
            serde_yaml::from_str(&yaml).unwrap_or_default();
        assert_eq!(back.get("k").map(String::as_str), Some(text));
    }
}
