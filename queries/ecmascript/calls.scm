; f(...), obj.a.b(...), new Client(...); a called function is also a code fact (facts-code.scm):
; one pattern with two captures compiles and matches once, not twice.
(call_expression function: [(identifier) (member_expression)] @call @fact.call)
(new_expression constructor: [(identifier) (member_expression)] @call)
