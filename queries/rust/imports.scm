; use async_openai::{Client, types::…}; use tch::nn as nn; extern crate tch;
(use_declaration argument: (_) @import)
(extern_crate_declaration name: (identifier) @import)
