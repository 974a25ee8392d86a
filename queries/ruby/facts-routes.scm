; Rails routes whose path may mean objection, appeal, opt-out or consent withdrawal;
; src/facts classifies them with rules/facts/routes.yaml.
; prefilter: objection appeal opt-out optout withdraw revoke возраж обжал отзыв vozrazh qarsylyq karsylyk
; post "objections", to: "objections#create" / resources :objections
(call
  method: (identifier) @_verb
  arguments: (argument_list . [(string) (simple_symbol)] @fact.route.path)
  (#match? @_verb "^(get|post|put|patch|delete|match|resources|resource)$"))
