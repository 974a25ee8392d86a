//! Time limits stated in disclosures: "в течение трех рабочих дней", "үш жұмыс күні ішінде",
//! "within 3 working days"; and whether a passage states a term at all.

use super::vocab::{Vocabulary, words};

/// Every number of working days the text states, in order.
pub fn working_days(text: &str, vocab: &Vocabulary) -> Vec<u32> {
    let w = words(text);
    let mut out = Vec::new();
    for i in 1..w.len() {
        let Some(second) = w.get(i + 1) else { break };
        let is_unit = vocab.units.iter().any(|u| {
            u.first.iter().any(|f| w[i].starts_with(f.as_str()))
                && u.second.iter().any(|s| second.starts_with(s.as_str()))
        });
        if !is_unit {
            continue;
        }
        if let Some(n) = number_before(&w[..i], vocab) {
            out.push(n);
        }
    }
    out
}

/// The number ending just before a unit: digits, or the longest number phrase; a number in
/// parentheses after the words ("трех (3)") is the last word, so either form is read.
fn number_before(before: &[String], vocab: &Vocabulary) -> Option<u32> {
    let last = before.last()?;
    if let Ok(n) = last.parse::<u32>() {
        return Some(n);
    }
    vocab.numbers.iter().find_map(|(phrase, n)| {
        (before.len() >= phrase.len() && before[before.len() - phrase.len()..] == phrase[..])
            .then_some(*n)
    })
}

/// Whether the text states a deadline of at most `max` working days.
pub fn states_at_most(text: &str, max: u32, vocab: &Vocabulary) -> bool {
    working_days(text, vocab).into_iter().any(|n| n <= max)
}

/// Whether the text states a term (validity period): "сроком на", "мерзімі", "valid until".
pub fn states_term(text: &str, vocab: &Vocabulary) -> bool {
    vocab.term_words.find(&words(text)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::load().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn reads_working_days_in_three_languages() {
        let v = vocab();
        assert_eq!(
            working_days(
                "Мы рассмотрим возражение в течение трех (3) рабочих дней.",
                &v
            ),
            [3]
        );
        assert_eq!(
            working_days("Қарсылық үш жұмыс күні ішінде қаралады.", &v),
            [3]
        );
        assert_eq!(
            working_days("Өңдеу он бес жұмыс күні ішінде тоқтатылады.", &v),
            [15]
        );
        assert_eq!(working_days("within 10 business days", &v), [10]);
        assert!(working_days("в течение 30 календарных дней", &v).is_empty());
    }

    #[test]
    fn compares_with_the_limit() {
        let v = vocab();
        assert!(states_at_most("в течение 3 рабочих дней", 3, &v));
        assert!(!states_at_most("в течение 5 рабочих дней", 3, &v));
        assert!(states_at_most("не позднее пятнадцати рабочих дней", 15, &v));
    }

    #[test]
    fn finds_a_stated_term() {
        let v = vocab();
        assert!(states_term(
            "Согласие действует до достижения целей обработки",
            &v
        ));
        assert!(states_term("Келісімнің қолданылу мерзімі — 3 жыл", &v));
        assert!(!states_term("Мы обрабатываем данные для выдачи займа", &v));
    }
}
