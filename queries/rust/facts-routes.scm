; Axum and Actix routes whose path may mean objection, appeal, opt-out or consent withdrawal;
; src/facts classifies them with rules/facts/routes.yaml.
; prefilter: objection appeal opt-out optout withdraw revoke возраж обжал отзыв vozrazh qarsylyq karsylyk
; Router::new().route("/objection", post(handler))
(call_expression
  function: (field_expression field: (field_identifier) @_m)
  arguments: (arguments . (string_literal) @fact.route.path)
  (#match? @_m "^(route|resource|service)$"))
; #[post("/objection")]
(attribute_item
  (attribute (identifier) @_a arguments: (token_tree (string_literal) @fact.route.path))
  (#match? @_a "^(get|post|put|patch|delete|route)$"))
