; import x from "m"; import "m"; export { x } from "m"; export * from "m".
; Type-only imports and re-exports (`import type …`, `export type …`) are erased at compile time:
; they do not load the package, so they are not evidence of a component.
; `_` stands where the grammar allows one type (`source:` a string, `arguments:` arguments):
; each named parent in a pattern costs analysis when the query compiles.
((import_statement source: (_ (string_fragment) @import)) @_stmt
  (#not-match? @_stmt "^import\\s+type[\\s{]"))
((export_statement source: (_ (string_fragment) @import)) @_stmt
  (#not-match? @_stmt "^export\\s+type[\\s{]"))
; import x = require("m")
(import_require_clause source: (_ (string_fragment) @import))
; require("m")
(call_expression
  function: (identifier) @_require (#eq? @_require "require")
  arguments: (_ . (string (string_fragment) @import)))
; await import("m")
(call_expression
  function: (import)
  arguments: (_ . (string (string_fragment) @import)))
