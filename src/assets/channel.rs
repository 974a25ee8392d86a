//! Channel of an asset from its path (`rules/assets/channels.yaml`), after the config's overrides.

use crate::config::Config;
use crate::knowledge::{self, KnowledgeError};
use crate::model::Channel;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelsFile {
    channels: Vec<ChannelEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelEntry {
    channel: Channel,
    paths: Vec<String>,
}

/// The path conventions of each channel, in order.
pub struct ChannelRules {
    rules: Vec<(Channel, GlobSet)>,
}

impl ChannelRules {
    pub fn load() -> Result<ChannelRules, KnowledgeError> {
        let file = knowledge::rule_files("assets")
            .into_iter()
            .find(|f| f.path.ends_with("/channels.yaml"))
            .ok_or_else(|| KnowledgeError::Invalid {
                file: "rules/assets/channels.yaml".into(),
                message: "missing".into(),
            })?;
        let parsed: ChannelsFile = knowledge::parse_yaml(&file)?;
        let mut rules = Vec::new();
        for entry in parsed.channels {
            let mut builder = GlobSetBuilder::new();
            for p in &entry.paths {
                let glob = Glob::new(p).map_err(|e| KnowledgeError::Invalid {
                    file: file.path.clone(),
                    message: format!("invalid glob `{p}`: {e}"),
                })?;
                builder.add(glob);
            }
            let set = builder.build().map_err(|e| KnowledgeError::Invalid {
                file: file.path.clone(),
                message: e.to_string(),
            })?;
            rules.push((entry.channel, set));
        }
        Ok(ChannelRules { rules })
    }

    /// The channel of the asset at `path` (relative, with `/`).
    pub fn channel_of(&self, path: &str, config: &Config) -> Channel {
        let lower = path.to_lowercase();
        config
            .channels
            .iter()
            .find(|(m, _)| m.is_match(path))
            .map(|(_, c)| *c)
            .or_else(|| {
                self.rules
                    .iter()
                    .find(|(_, set)| set.is_match(&lower))
                    .map(|(c, _)| *c)
            })
            .unwrap_or(Channel::Docs)
    }
}
