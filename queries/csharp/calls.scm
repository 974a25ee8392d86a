; obj.Method(...), Type.Method(...), new Type(...)
(invocation_expression function: (_) @call)
(object_creation_expression type: (_) @call)
