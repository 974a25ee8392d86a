//! Detection of AI components: signal catalogue, dependency manifests, source code, model files,
//! and AI service settings in `.env` and configuration files.

pub mod artifact;
pub mod code;
mod lanes;
pub mod manifest;
pub mod pattern;
pub mod screen;
pub mod services;
pub mod settings;
pub mod signals;
