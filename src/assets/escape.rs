//! Backslash escapes of the string-table formats (gettext `.po`, Apple `.strings`, Java
//! `.properties`): `\n`, `\t`, `\r`, `\uXXXX` (`\UXXXX` too), and `\` before any other character
//! standing for that character.

pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('U' | 'u') => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(
                    u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{FFFD}'),
                );
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unescape;

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(
            unescape(r#"\u0416\u0418 \"ok\"\n\tx\\"#),
            "ЖИ \"ok\"\n\tx\\"
        );
        assert_eq!(unescape(r"\U0436 \r\q"), "ж \rq");
        assert_eq!(unescape(r"\uZZZZ!"), "\u{FFFD}!");
        assert_eq!(unescape("trailing \\"), "trailing ");
    }
}
