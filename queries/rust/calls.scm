; f(...), Type::f(...), value.method(...)
(call_expression function: [(identifier) (scoped_identifier) (field_expression)] @call)
