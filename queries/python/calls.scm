; f(...) and obj.attr.method(...): the callee, matched against rules/signals/calls.yaml
(call function: [(identifier) (attribute)] @call)
