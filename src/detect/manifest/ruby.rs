//! RubyGems: `gem "name"` lines of a `Gemfile` and `add_dependency "name"` lines of a `.gemspec`.

use super::{Entries, code_lines, quoted};

const DECLARATIONS: [&str; 4] = [
    "gem",
    "add_dependency",
    "add_runtime_dependency",
    "add_development_dependency",
];

pub(super) fn gemfile(text: &str, out: &mut Entries) {
    for (start, line) in code_lines(text) {
        let code = line.trim_start();
        let word_end = code
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(code.len());
        let word = code[..word_end].rsplit('.').next().unwrap_or("");
        if !DECLARATIONS.contains(&word) {
            continue;
        }
        // The gem name is the first string after the declaration word.
        let lead = line.len() - code.len() + word_end;
        if let Some((at, name)) = quoted(&line[lead..]).next() {
            let at = start + lead + at;
            out.dependency("rubygems", name, at, at + name.len());
        }
    }
}
