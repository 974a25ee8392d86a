//! Kazakhstan's 12-digit identification numbers: ИИН (individuals) and БИН (legal entities),
//! recognised by their structure and check digit (Government Decree No. 565 of 11 June 2003).

/// Which identifier a 12-digit literal is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdNumber {
    Iin,
    Bin,
}

/// The check digit of the first 11 digits: weights 1..11 mod 11; if that gives 10, weights
/// 3..11, 1, 2 mod 11; a second 10 means the number is not valid.
fn check_digit(d: &[u32; 12]) -> Option<u32> {
    let sum = |first_weight: u32| -> u32 {
        d[..11]
            .iter()
            .enumerate()
            .map(|(i, v)| v * ((first_weight - 1 + i as u32) % 11 + 1))
            .sum::<u32>()
            % 11
    };
    match sum(1) {
        10 => match sum(3) {
            10 => None,
            c => Some(c),
        },
        c => Some(c),
    }
}

/// Recognises an IIN or BIN in a literal (quotes and surrounding spaces ignored).
pub fn classify(literal: &str) -> Option<IdNumber> {
    let s = literal.trim().trim_matches(['"', '\'', '`']).trim();
    if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut d = [0u32; 12];
    for (i, b) in s.bytes().enumerate() {
        d[i] = u32::from(b - b'0');
    }
    if check_digit(&d)? != d[11] {
        return None;
    }
    let month = d[2] * 10 + d[3];
    if !(1..=12).contains(&month) {
        return None;
    }
    let day = d[4] * 10 + d[5];
    if (1..=31).contains(&day) && (1..=6).contains(&d[6]) {
        Some(IdNumber::Iin)
    } else if (4..=6).contains(&d[4]) && d[5] <= 3 {
        Some(IdNumber::Bin)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Completes 11 digits with their check digit.
    fn with_check(prefix: &str) -> String {
        let mut d = [0u32; 12];
        for (i, b) in prefix.bytes().enumerate() {
            d[i] = u32::from(b - b'0');
        }
        format!("{prefix}{}", check_digit(&d).expect("valid prefix"))
    }

    #[test]
    fn recognises_valid_iin_and_bin() {
        let iin = with_check("90010130012");
        assert_eq!(classify(&format!("\"{iin}\"")), Some(IdNumber::Iin));
        let bin = with_check("08044000123");
        assert_eq!(classify(&bin), Some(IdNumber::Bin));
    }

    #[test]
    fn rejects_wrong_check_digit_and_shape() {
        let iin = with_check("90010130012");
        let last = iin.as_bytes()[11] - b'0';
        let wrong = format!("{}{}", &iin[..11], (last + 1) % 10);
        assert_eq!(classify(&wrong), None);
        assert_eq!(classify("123456789012"), None);
        assert_eq!(classify("9001013001"), None);
        assert_eq!(classify("90010130012a"), None);
    }
}
