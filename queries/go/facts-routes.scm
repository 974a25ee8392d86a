; Web routes (Gin, Echo, chi, net/http) whose path may mean objection, appeal, opt-out or consent
; withdrawal; src/facts classifies them with rules/facts/routes.yaml.
; prefilter: objection appeal opt-out optout withdraw revoke возраж обжал отзыв vozrazh qarsylyq karsylyk
; r.POST("/objection", h) / e.POST(...) / r.Post(...) / mux.HandleFunc(...)
(call_expression
  function: (selector_expression field: (field_identifier) @_verb)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @fact.route.path)
  (#match? @_verb "^(GET|POST|PUT|PATCH|DELETE|Any|Get|Post|Put|Patch|Delete|Handle|HandleFunc|Route|Group)$"))
