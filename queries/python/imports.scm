; import x.y / import x.y as z (each module is also a code fact, facts-code.scm)
(import_statement name: (dotted_name) @import @fact.import)
(import_statement name: (aliased_import name: (dotted_name) @import @fact.import))
; from x.y import z / from x.y import z as w (relative imports are the project's own modules)
(import_from_statement module_name: (dotted_name) @import @fact.import)
; importlib.import_module("x") / __import__("x")
(call
  function: [(identifier) (attribute)] @_f
  arguments: (argument_list . (string (string_content) @import))
  (#any-of? @_f "__import__" "importlib.import_module" "import_module"))
; from google import genai / from google.cloud import vision as gv: the member completes the module
(import_from_statement module_name: (dotted_name) name: (dotted_name) @import.member)
(import_from_statement module_name: (dotted_name) name: (aliased_import name: (dotted_name) @import.member))
