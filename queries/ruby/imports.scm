; require "openai" / require "google/cloud/vision"
; `(_ method: … arguments: …)` is a `call`, the only node with these fields; a `call` root
; took twice as long to compile (tree-sitter analyses every named parent of a pattern).
(_
  method: (identifier) @_m (#eq? @_m "require")
  arguments: (_ . (string (string_content) @import)))
