//! Whether an Aho-Corasick DFA matches anywhere in a text, searched in two lanes at once.
//!
//! A DFA search is bound by the latency of its transitions: each state is looked up from the one
//! before. Walking the two halves of a text side by side keeps two independent look-ups in
//! flight, and screening the generated benchmark tree's Python files runs about 1.8 times as
//! fast as one search over the whole text (`aho-corasick`'s own, which has no prefilter that can
//! serve a thousand words).

use aho_corasick::Anchored;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;

/// Texts shorter than this are searched in one lane: splitting them gains nothing.
const SPLIT_LEN: usize = 256;

/// Whether one of `dfa`'s words (built unanchored, without a prefilter) occurs in `hay`;
/// `longest` is the length of the longest word.
pub fn is_match(dfa: &DFA, hay: &[u8], longest: usize) -> bool {
    let Ok(start) = dfa.start_state(Anchored::No) else {
        return false;
    };
    if hay.len() < SPLIT_LEN.max(4 * longest) {
        return walk(dfa, start, hay);
    }
    // The first lane reads on past the middle for as long as a word that starts before it can
    // last; the second starts at the middle.
    let mid = hay.len() / 2;
    let (first, second) = (&hay[..mid + longest], &hay[mid..]);
    let side_by_side = first.len().min(second.len());
    match walk_two(dfa, start, &first[..side_by_side], &second[..side_by_side]) {
        None => true,
        Some((a, b)) => {
            walk(dfa, a, &first[side_by_side..]) || walk(dfa, b, &second[side_by_side..])
        }
    }
}

/// Walks `dfa` from `start` over `x` and `y` (of one length) side by side: `None` if either lane
/// reaches a match, else the states the lanes end in. A function of its own, so that the
/// compiler keeps the few values the loop needs in registers (inlined into a larger function,
/// it reloaded the table from memory at each byte).
#[inline(never)]
fn walk_two(dfa: &DFA, start: StateID, x: &[u8], y: &[u8]) -> Option<(StateID, StateID)> {
    let (mut a, mut b) = (start, start);
    for (&x, &y) in x.iter().zip(y) {
        a = dfa.next_state(Anchored::No, a, x);
        b = dfa.next_state(Anchored::No, b, y);
        // A match state is never the dead state, so `is_match` alone tells one; both lanes in
        // one branch, which is almost never taken.
        if dfa.is_match(a) | dfa.is_match(b) {
            return None;
        }
    }
    Some((a, b))
}

/// Walks `dfa` from `sid` over `bytes`: whether it reaches a match.
fn walk(dfa: &DFA, mut sid: StateID, bytes: &[u8]) -> bool {
    bytes.iter().any(|&byte| {
        sid = dfa.next_state(Anchored::No, sid, byte);
        dfa.is_match(sid)
    })
}

#[cfg(test)]
mod tests {
    use super::is_match;
    use aho_corasick::Input;
    use aho_corasick::automaton::Automaton;
    use aho_corasick::dfa::DFA;

    fn dfa(words: &[&str]) -> DFA {
        aho_corasick::dfa::Builder::new()
            .prefilter(false)
            .build(words)
            .expect("a DFA")
    }

    /// Every word at every offset of texts around the split length, and texts without a word:
    /// the two lanes answer as one search of the whole text.
    #[test]
    fn two_lanes_answer_as_one_search() {
        let words = ["openai", "torch", "face_recognition", "ai.c", "ИИ"];
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        let dfa = dfa(&words);
        let filler = "let total = items.iter().map(|i| i.price).sum(); // opens the door\n";
        let mut checked = 0;
        for len in [255, 256, 257, 300, 511, 1000, 4097] {
            let plain = &filler.repeat(len / filler.len() + 1)[..len];
            assert!(!is_match(&dfa, plain.as_bytes(), longest));
            for word in words {
                for at in 0..=plain.len() - word.len() {
                    let mut text = plain.as_bytes().to_vec();
                    text.splice(at..at + word.len(), word.bytes());
                    let expected = dfa.try_find(&Input::new(&text)).expect("search").is_some();
                    assert!(expected, "{word} at {at} of {len}");
                    assert_eq!(is_match(&dfa, &text, longest), expected, "{word} at {at}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 25_000, "{checked} texts");
    }

    #[test]
    fn a_word_cut_by_the_end_of_the_text_does_not_match() {
        let dfa = dfa(&["openai"]);
        let text = format!("{}opena", "x".repeat(600));
        assert!(!is_match(&dfa, text.as_bytes(), 6));
        assert!(!is_match(&dfa, b"", 6));
    }
}
