; import x from "m"; import "m"; export { x } from "m"; export * from "m"
(import_statement source: (string (string_fragment) @import))
(export_statement source: (string (string_fragment) @import))
; require("m")
(call_expression
  function: (identifier) @_require (#eq? @_require "require")
  arguments: (arguments . (string (string_fragment) @import)))
; await import("m")
(call_expression
  function: (import)
  arguments: (arguments . (string (string_fragment) @import)))
