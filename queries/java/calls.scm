; Type.method(...), object.method(...), new Type(...)
(method_invocation) @call
(object_creation_expression type: (_) @call)
