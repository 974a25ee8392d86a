//! Evidence of a hosted API (its host or environment variable) belongs to the SDK component that
//! calls that API when the project has one: `OPENAI_API_KEY` next to `import openai` is the
//! `openai` package, not a second component. Without such an SDK the API is its own component in
//! the `api` ecosystem (raw HTTP calls to `api.openai.com`).

use crate::detect::signals::{API_ECOSYSTEM, Signals};
use crate::model::Component;

/// Moves the evidence of `api` components into the package components that are clients of the
/// same service (preferring one with evidence in the same file), then drops the emptied ones.
pub fn attribute_api_evidence(components: &mut Vec<Component>, signals: &Signals) {
    let clients: Vec<(usize, &str)> = components
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let p = signals.package(&c.ecosystem, &c.name)?;
            Some((i, p.service.as_deref()?))
        })
        .collect();
    if clients.is_empty() {
        return;
    }
    let mut emptied = Vec::new();
    for api in 0..components.len() {
        if components[api].ecosystem != API_ECOSYSTEM {
            continue;
        }
        let owners: Vec<usize> = clients
            .iter()
            .filter(|(_, s)| *s == components[api].name)
            .map(|(i, _)| *i)
            .collect();
        let Some(&first) = owners.first() else {
            continue;
        };
        for evidence in std::mem::take(&mut components[api].evidence) {
            let owner = owners
                .iter()
                .copied()
                .find(|&o| {
                    components[o]
                        .evidence
                        .iter()
                        .any(|e| e.location.path == evidence.location.path)
                })
                .unwrap_or(first);
            components[owner].evidence.push(evidence);
        }
        emptied.push(api);
    }
    for i in emptied.into_iter().rev() {
        components.remove(i);
    }
    for c in components.iter_mut() {
        c.evidence.sort();
        c.evidence.dedup();
    }
}
