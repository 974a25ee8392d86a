; import x from "m"; import "m"; export { x } from "m"; export * from "m".
; Type-only imports and re-exports (`import type …`, `export type …`) are erased at compile time:
; they do not load the package, so they are not evidence of a component.
((import_statement source: (string (string_fragment) @import)) @_stmt
  (#not-match? @_stmt "^import\\s+type[\\s{]"))
((export_statement source: (string (string_fragment) @import)) @_stmt
  (#not-match? @_stmt "^export\\s+type[\\s{]"))
; import x = require("m")
(import_require_clause source: (string (string_fragment) @import))
; require("m")
(call_expression
  function: (identifier) @_require (#eq? @_require "require")
  arguments: (arguments . (string (string_fragment) @import)))
; await import("m")
(call_expression
  function: (import)
  arguments: (arguments . (string (string_fragment) @import)))
