; f(...), Type(...), obj.method(...), obj.method { … }
(call_expression) @call
