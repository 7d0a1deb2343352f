//! Copying to the terminal's clipboard with OSC 52: `ESC ] 52 ; c ; BASE64 BEL`. The terminal
//! sets the clipboard of the machine it runs on, so it works over SSH with nothing installed.
//!
//! The text goes as written (letters of any script, line breaks), base64-encoded: no byte of it
//! can reach the terminal as a control. Terminals cap what they take (xterm, and others after
//! it, about 100 000 bytes of sequence): a longer text is refused, not cut, so what lands on
//! the clipboard is never half a quote.
//!
//! tmux: the plain sequence is what tmux reads when its `set-clipboard` option is `on`: it keeps
//! the text as a paste buffer and passes it on to the outer terminal. With the default
//! (`external`), tmux drops an application's OSC 52. brief does not also wrap it in tmux's DCS
//! passthrough (`ESC P tmux; …`): that needs `allow-passthrough on` (off by default since 3.3),
//! bypasses tmux's buffers, and with both options on would set the clipboard twice. Inside tmux
//! the status message says which option it takes.

use base64::Engine;

/// The longest sequence sent: what xterm takes (its default `maxStringLength` is about 100 000
/// bytes); kitty, WezTerm, foot, Alacritty and tmux take at least as much.
pub const MAX_SEQUENCE: usize = 100_000;

/// `ESC ] 52 ; c ;` and BEL around the payload.
const FRAME: usize = 8;

/// The longest text that fits in [`MAX_SEQUENCE`] once encoded.
pub const MAX_TEXT: usize = (MAX_SEQUENCE - FRAME) / 4 * 3;

/// The OSC 52 sequence that puts `text` on the clipboard, or why it is not sent.
pub fn sequence(text: &str) -> Result<Vec<u8>, String> {
    if text.len() > MAX_TEXT {
        return Err(format!(
            "{} bytes is more than the {} bytes terminals take through OSC 52",
            crate::text::thousands(text.len()),
            crate::text::thousands(MAX_TEXT)
        ));
    }
    let mut out = Vec::with_capacity(FRAME + text.len().div_ceil(3) * 4);
    out.extend_from_slice(b"\x1b]52;c;");
    out.extend_from_slice(
        base64::engine::general_purpose::STANDARD
            .encode(text)
            .as_bytes(),
    );
    out.push(0x07);
    Ok(out)
}

/// What the status bar says once `what` (`citation`) was sent, or why it was not. The terminal
/// never says whether it took it, so the message says it may not have.
pub fn report(what: &str, text: &str, result: Result<(), String>, in_tmux: bool) -> String {
    match result {
        Ok(()) => {
            let chars = text.chars().count();
            let unit = if chars == 1 { "char" } else { "chars" };
            let how = if in_tmux {
                "if tmux has set-clipboard on"
            } else {
                "if the terminal allows OSC 52"
            };
            format!("copied {what} ({chars} {unit}), {how}")
        }
        Err(why) => format!("{what} not copied: {why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(seq: &[u8]) -> String {
        let body = seq
            .strip_prefix(b"\x1b]52;c;")
            .and_then(|s| s.strip_suffix(b"\x07"))
            .unwrap_or_default();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    #[test]
    fn the_text_travels_as_written_and_no_control_byte_leaves() {
        let text = "Ministry said: “no talks” \u{1b}]0;owned\u{7} 한국 \n second line";
        let seq = sequence(text).unwrap();
        assert_eq!(decode(&seq), text);
        let body = &seq[7..seq.len() - 1];
        assert!(
            body.iter()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b)),
            "only base64 between the sequence's start and end"
        );
    }

    #[test]
    fn a_text_too_long_for_terminals_is_refused_not_cut() {
        let fits = "a".repeat(MAX_TEXT);
        let seq = sequence(&fits).unwrap();
        assert!(seq.len() <= MAX_SEQUENCE, "{}", seq.len());
        let long = "a".repeat(MAX_TEXT + 1);
        let why = sequence(&long).unwrap_err();
        assert_eq!(
            why,
            "74,995 bytes is more than the 74,994 bytes terminals take through OSC 52"
        );
    }

    #[test]
    fn the_message_counts_characters_and_says_the_terminal_may_refuse() {
        assert_eq!(
            report("citation", "Yonhap, 한국", Ok(()), false),
            "copied citation (10 chars), if the terminal allows OSC 52"
        );
        assert_eq!(
            report("id", "x", Ok(()), true),
            "copied id (1 char), if tmux has set-clipboard on"
        );
        assert_eq!(
            report("text", "", Err("too long".into()), false),
            "text not copied: too long"
        );
    }
}
