; Web routes (Express, Next.js) whose path or handler name may mean objection, appeal, opt-out or
; consent withdrawal; src/facts classifies them with rules/facts/routes.yaml.
; prefilter: objection appeal opt-out optout withdraw revoke возраж обжал отзыв vozrazh qarsylyq karsylyk NextResponse NextApiRequest
; app.post('/objection', handler) / router.get(...) (the `_` are a member_expression and the
; arguments, the one type the grammar allows there: a named parent costs compile time)
(call_expression
  function: (_ property: (property_identifier) @_verb)
  arguments: (_ . (string) @fact.route.path)
  (#match? @_verb "^(get|post|put|patch|delete|all|route)$"))
; Next.js: exported handlers of pages/api/** and app/**/route.js; the file path is the route.
(export_statement declaration: (function_declaration name: (identifier) @fact.route.export))
(export_statement
  declaration: (lexical_declaration (variable_declarator name: (identifier) @fact.route.export)))
