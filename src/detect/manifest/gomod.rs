//! Go: `go.mod` `require` directives, single and in blocks.

use super::Entries;

pub(super) fn go_mod(text: &str, out: &mut Entries) {
    let mut in_block = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let code = line.split("//").next().unwrap_or(line).trim();
        let spec = if in_block {
            if code.starts_with(')') {
                in_block = false;
                continue;
            }
            code
        } else if let Some(rest) = code.strip_prefix("require") {
            let rest = rest.trim_start();
            if rest.starts_with('(') {
                in_block = true;
                continue;
            }
            rest
        } else {
            continue;
        };
        let Some(module) = spec.split_whitespace().next() else {
            continue;
        };
        let module = module.trim_matches('"');
        if let Some(i) = line.find(module) {
            out.dependency("go", module, start + i, start + i + module.len());
        }
    }
}
