; f(...) and obj.attr.method(...): the callee, matched against rules/signals/calls.yaml, and a
; code fact (facts-code.scm): one pattern with two captures compiles and matches once, not twice.
(call function: [(identifier) (attribute)] @call @fact.call)
