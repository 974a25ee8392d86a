; The strings of UI code (src/assets/ui.rs): R.string.<key> references.
; references: R.string.
(field_access
  object: (field_access object: (identifier) @_r (#eq? @_r "R") field: (identifier) @_s (#eq? @_s "string"))
  field: (identifier) @fact.ui.key)
