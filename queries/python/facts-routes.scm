; Web routes (FastAPI, Flask, Django) whose path or handler name may mean objection, appeal,
; opt-out or consent withdrawal; src/facts classifies them with rules/facts/routes.yaml.
; prefilter: objection appeal opt-out optout withdraw revoke возраж обжал отзыв vozrazh qarsylyq karsylyk
; @app.post("/path") / @router.get("/path") / @bp.route("/path")
(decorated_definition
  (decorator
    (call
      function: (attribute attribute: (identifier) @_verb)
      arguments: (argument_list . (string) @fact.route.path)))
  definition: (function_definition name: (identifier) @fact.route.handler)
  (#match? @_verb "^(get|post|put|patch|delete|route|api_route)$"))
; Django: path("objection/", views.objection_create, name="...")
(call
  function: (identifier) @_fn
  arguments: (argument_list . (string) @fact.route.path . [(identifier) (attribute)] @fact.route.handler)
  (#match? @_fn "^(path|re_path|url)$"))
