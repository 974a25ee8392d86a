; import x.y / import x.y as z
(import_statement name: (dotted_name) @import)
(import_statement name: (aliased_import name: (dotted_name) @import))
; from x.y import z (relative imports are the project's own modules)
(import_from_statement module_name: (dotted_name) @import)
