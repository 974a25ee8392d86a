//! Detection of AI components: signal catalogue, dependency manifests and source code.

pub mod code;
pub mod manifest;
pub mod signals;
