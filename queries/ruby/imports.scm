; require "openai" / require "google/cloud/vision"
(call
  method: (identifier) @_m (#eq? @_m "require")
  arguments: (argument_list . (string (string_content) @import)))
