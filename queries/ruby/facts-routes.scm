; Rails routes whose path may mean objection, appeal, opt-out or consent withdrawal;
; src/facts classifies them with rules/facts/routes.yaml.
; prefilter: objection appeal opt-out optout withdraw revoke возраж обжал отзыв vozrazh qarsylyq karsylyk
; post "objections", to: "objections#create" / resources :objections
; `(_ method: … arguments: …)` is a `call`, the only node with these fields, and `(_ …)` under
; `arguments:` an `argument_list`: named parents cost compile time (see imports.scm).
(_
  method: (identifier) @_verb
  arguments: (_ . [(string) (simple_symbol)] @fact.route.path)
  (#match? @_verb "^(get|post|put|patch|delete|match|resources|resource)$"))
