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
    first_start(dfa, hay, longest).is_some()
}

/// If one of `dfa`'s words occurs in `hay`, an offset no word of it starts before: a search from
/// there finds them all. The lanes know where the text is free of words, so a search for all of
/// them need not read that part again.
pub fn first_start(dfa: &DFA, hay: &[u8], longest: usize) -> Option<usize> {
    // No word ends before `clean`: all of them start at `clean - longest` or later.
    let from = |clean: usize| clean.saturating_sub(longest);
    let start = dfa.start_state(Anchored::No).ok()?;
    if hay.len() < SPLIT_LEN.max(4 * longest) {
        return walk(dfa, start, hay).map(from);
    }
    // The first lane reads on past the middle for as long as a word that starts before it can
    // last; the second starts at the middle. A word the first lane meets ends first in the text;
    // one the second lane meets ends after all the first lane has read.
    let mid = hay.len() / 2;
    let (first, second) = (&hay[..mid + longest], &hay[mid..]);
    let side_by_side = first.len().min(second.len());
    match walk_two(dfa, start, &first[..side_by_side], &second[..side_by_side]) {
        Err(read) => Some(from(read)),
        Ok((a, b)) => match walk(dfa, a, &first[side_by_side..]) {
            Some(end) => Some(from(side_by_side + end)),
            None => walk(dfa, b, &second[side_by_side..]).map(|end| from(mid + side_by_side + end)),
        },
    }
}

/// Walks `dfa` from `start` over `x` and `y` (of one length) side by side: the states the lanes
/// end in, or, once either lane reaches a match, how many bytes each lane has read. A function
/// of its own, so that the compiler keeps the few values the loop needs in registers (inlined
/// into a larger function, it reloaded the table from memory at each byte).
#[inline(never)]
fn walk_two(dfa: &DFA, start: StateID, x: &[u8], y: &[u8]) -> Result<(StateID, StateID), usize> {
    let (mut a, mut b) = (start, start);
    for (i, (&x, &y)) in x.iter().zip(y).enumerate() {
        a = dfa.next_state(Anchored::No, a, x);
        b = dfa.next_state(Anchored::No, b, y);
        // A match state is never the dead state, so `is_match` alone tells one; both lanes in
        // one branch, which is almost never taken.
        if dfa.is_match(a) | dfa.is_match(b) {
            return Err(i + 1);
        }
    }
    Ok((a, b))
}

/// Walks `dfa` from `sid` over `bytes`: how many bytes it read when it reached a match.
fn walk(dfa: &DFA, mut sid: StateID, bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .position(|&byte| {
            sid = dfa.next_state(Anchored::No, sid, byte);
            dfa.is_match(sid)
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::{first_start, is_match};
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
                    let first = dfa.try_find(&Input::new(&text)).expect("search");
                    let first = first.expect("a match").start();
                    // The earliest start is never past the first word.
                    let from = first_start(&dfa, &text, longest).expect("found");
                    assert!(from <= first, "{word} at {at} of {len}: {from}");
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
