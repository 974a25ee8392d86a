; f(...), pkg.F(...), client.Method(...)
(call_expression function: [(identifier) (selector_expression)] @call)
