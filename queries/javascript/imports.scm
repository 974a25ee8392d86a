; import x from "m"; import "m"; export { x } from "m"; export * from "m"
; `_` stands where the grammar allows one type (`source:` a string, `arguments:` arguments):
; each named parent in a pattern costs analysis when the query compiles.
(import_statement source: (_ (string_fragment) @import))
(export_statement source: (_ (string_fragment) @import))
; require("m") (the module, and the string as a code fact of facts-code.scm) and await import("m"): alternatives of one pattern, which compiles
; faster than two; the callee comes first, without its `function:` field (a group cannot start
; with a field): the only child of a call that can be an identifier or `import` is its callee.
(call_expression
  [
    ((identifier) @_require
      arguments: (_ . (string (string_fragment) @import) @fact.import))
    ((import)
      arguments: (_ . (string (string_fragment) @import)))
  ]
  (#eq? @_require "require"))
