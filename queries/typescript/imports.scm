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
; require("m") and await import("m"): alternatives of one pattern, which compiles
; faster than two; the callee comes first, without its `function:` field (a group cannot start
; with a field): the only child of a call that can be an identifier or `import` is its callee.
(call_expression
  [
    ((identifier) @_require
      arguments: (_ . (string (string_fragment) @import)))
    ((import)
      arguments: (_ . (string (string_fragment) @import)))
  ]
  (#eq? @_require "require"))
