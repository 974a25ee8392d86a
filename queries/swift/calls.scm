; Type(...), obj.method(...), Type { trailing closure }
(call_expression) @call
