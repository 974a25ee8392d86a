; f(...), Type(...), obj.method(...)
(call_expression function: (_) @call)
