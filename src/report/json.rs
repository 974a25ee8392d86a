//! `--format json`: the `aidisclose/report/v1` contract, pretty-printed.

use crate::model::Report;

pub fn render(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(report).expect("the report serialises");
    out.push('\n');
    out
}
