; f(...), $obj->method(...), Type::method(...), new \Vendor\Type(...)
(function_call_expression function: (_) @call)
(member_call_expression) @call
(scoped_call_expression) @call
(object_creation_expression [(name) (qualified_name)] @call)
