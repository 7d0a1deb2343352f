//! The line editor of every prompt (the reader's `/`, the library's `/`): typing, Backspace,
//! Ctrl-w, Ctrl-u, Ctrl-r for regex, and ↑/↓ through the session's history. What the query
//! then does is the owner's: it only says what the key did to the line.

use super::Action;
use crate::briefing::search::Query;

/// Where ↑/↓ stand in the history while the prompt is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recall {
    /// Position in the history (None: the query being typed).
    pub at: Option<usize>,
    /// What was typed before recalling.
    pub typed: String,
}

/// What a key did at the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The query changed: search again.
    Changed,
    /// Enter: the query stands.
    Accept,
    /// Esc, or Backspace on an empty line (as in less and vim): the prompt closes.
    Cancel,
    /// Nothing to do (↑ with no history, a key the prompt does not take).
    Ignored,
}

/// Applies a prompt action to `query`, recalling from `history` (oldest first).
pub fn edit(query: &mut Query, recall: &mut Recall, history: &[String], action: Action) -> Edit {
    match action {
        Action::PromptInput(c) => {
            query.pattern.push(c);
            recall.at = None;
        }
        Action::PromptBackspace => {
            if query.pattern.pop().is_none() {
                return Edit::Cancel;
            }
        }
        Action::PromptDeleteWord => delete_word(&mut query.pattern),
        Action::PromptClear => query.pattern.clear(),
        Action::PromptToggleRegex => query.regex = !query.regex,
        Action::PromptHistoryPrev | Action::PromptHistoryNext => {
            let Some(last) = history.len().checked_sub(1) else {
                return Edit::Ignored;
            };
            let next = match (recall.at, action == Action::PromptHistoryPrev) {
                (None, true) => {
                    recall.typed = query.pattern.clone();
                    Some(last)
                }
                (None, false) => None,
                (Some(i), true) => Some(i.saturating_sub(1)),
                (Some(i), false) if i < last => Some(i + 1),
                (Some(_), false) => None,
            };
            recall.at = next;
            query.pattern = match next {
                Some(i) => history.get(i).cloned().unwrap_or_default(),
                None => recall.typed.clone(),
            };
        }
        Action::PromptAccept => return Edit::Accept,
        Action::PromptCancel => return Edit::Cancel,
        _ => return Edit::Ignored,
    }
    Edit::Changed
}

/// Puts `pattern` last in the history, once.
pub fn remember(history: &mut Vec<String>, pattern: &str) {
    history.retain(|h| h != pattern);
    history.push(pattern.to_string());
}

/// Ctrl-w: deletes the word before the cursor (the end), and the blanks after it.
pub fn delete_word(pattern: &mut String) {
    let kept = pattern.trim_end().len();
    pattern.truncate(kept);
    let start = pattern
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    pattern.truncate(start);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[Action], history: &[&str]) -> (String, Vec<Edit>) {
        let history: Vec<String> = history.iter().map(|h| h.to_string()).collect();
        let (mut q, mut r) = (Query::default(), Recall::default());
        let edits = keys
            .iter()
            .map(|&a| edit(&mut q, &mut r, &history, a))
            .collect();
        (q.pattern, edits)
    }

    #[test]
    fn history_recalls_newest_first_and_comes_back_to_what_was_typed() {
        use Action::*;
        let (p, _) = typed(&[PromptInput('x'), PromptHistoryPrev], &["one", "two"]);
        assert_eq!(p, "two");
        let (p, _) = typed(
            &[PromptInput('x'), PromptHistoryPrev, PromptHistoryPrev],
            &["one", "two"],
        );
        assert_eq!(p, "one");
        let (p, _) = typed(
            &[PromptInput('x'), PromptHistoryPrev, PromptHistoryNext],
            &["one", "two"],
        );
        assert_eq!(p, "x");
        let (p, e) = typed(&[PromptInput('x'), PromptHistoryPrev], &[]);
        assert_eq!((p.as_str(), e[1]), ("x", super::Edit::Ignored));
    }

    #[test]
    fn backspace_on_an_empty_line_cancels_and_ctrl_w_takes_a_word() {
        use Action::*;
        let (p, e) = typed(&[PromptInput('a'), PromptBackspace, PromptBackspace], &[]);
        assert_eq!((p.as_str(), e[2]), ("", super::Edit::Cancel));
        let mut s = "troop withdrawal  ".to_string();
        delete_word(&mut s);
        assert_eq!(s, "troop ");
        let mut h = vec!["a".to_string(), "b".to_string()];
        remember(&mut h, "a");
        assert_eq!(h, ["b", "a"]);
    }
}
