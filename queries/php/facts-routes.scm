; Laravel routes whose path may mean objection, appeal, opt-out or consent withdrawal;
; src/facts classifies them with rules/facts/routes.yaml.
; prefilter: objection appeal opt-out optout withdraw revoke возраж обжал отзыв vozrazh qarsylyq karsylyk
; Route::post('/objection', [ObjectionController::class, 'store'])
(scoped_call_expression
  scope: (name) @_s
  name: (name) @_verb
  arguments: (arguments . (argument [(string) (encapsed_string)] @fact.route.path))
  (#eq? @_s "Route")
  (#match? @_verb "^(get|post|put|patch|delete|any|match|resource)$"))
