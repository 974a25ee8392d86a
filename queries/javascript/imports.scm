; import x from "m"; import "m"; export { x } from "m"; export * from "m"
; `_` stands where the grammar allows one type (`source:` a string, `arguments:` arguments):
; each named parent in a pattern costs analysis when the query compiles.
(import_statement source: (_ (string_fragment) @import))
(export_statement source: (_ (string_fragment) @import))
; require("m")
(call_expression
  function: (identifier) @_require (#eq? @_require "require")
  arguments: (_ . (string (string_fragment) @import)))
; await import("m")
(call_expression
  function: (import)
  arguments: (_ . (string (string_fragment) @import)))
